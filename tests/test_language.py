"""The language seam (caselint.language): detection, per-language lexicon sets, user lexicons per language."""

from __future__ import annotations

import pytest

from caselint import language
from caselint.errors import LexiconError
from caselint.lexicon.loader import builtin_lexicons, load_lexicons
from caselint.runner import compiled_lexicons


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hello, please check shipment FBA15ABC1234.", "en"),
        ("いつもお世話になっております。出荷ID：FBA15HK7Q2MN", "ja"),
        ("您好，请帮我查一下货件 FBA15ABC1234。", "zh"),
        ("The invoice system (適格請求書) started in Japan.", "ja"),  # Japanese forms, no kana
        ("大家好", "zh"),  # forms shared by both: Chinese
        ("麻煩您協助調查這批貨件，謝謝。", "zh"),  # traditional Chinese: 您, 這 are not Shift-JIS
        ("請確認出荷ID", "ja"),  # a Japanese-only form (荷 is shared; 確認 too): Japanese wins the tie
        ("検品済み", "ja"),
    ],
)
def test_detect(text, expected):
    assert language.detect(text) == expected


def test_traditional_chinese_is_folded_to_simplified_one_for_one():
    text = "麻煩您協助調查，請通過郵件回信，謝謝！"
    assert language.fold(text) == "麻烦您协助调查，请通过邮件回信，谢谢！"
    assert language.fold("您好，请帮我查一下货件。") == "您好，请帮我查一下货件。"  # simplified: unchanged
    assert language.fold("お世話になっております。請求書") == "お世話になっております。請求書"  # Japanese: unchanged


def test_traditional_chinese_gets_the_chinese_wording():
    ctx = _context("您好，麻煩您協助調查貨件 FBA15ABC1234，請以郵件回覆。謝謝！")
    assert ctx.language == "zh" and ctx.hits.any("request.polite") and ctx.hits.any("thanks")
    assert ctx.hits.any("channel.written")


def test_every_builtin_lexicon_sits_in_a_language_folder():
    for lx in builtin_lexicons():
        assert lx.source.startswith(f"lexicons/{lx.language}/"), lx.source
        assert lx.language in language.LANGUAGES
    assert {lx.language for lx in builtin_lexicons()} == set(language.LANGUAGES)


def test_a_language_set_is_the_base_plus_its_own():
    english = compiled_lexicons(language="en")
    japanese = compiled_lexicons(language="ja")
    chinese = compiled_lexicons(language="zh")
    assert japanese.base is english and chinese.base is english
    langs = lambda c: {e.source.split("/")[1] for e in c.entries}  # noqa: E731
    assert langs(english) == {"en"}
    assert langs(japanese) == {"en", "ja"} and langs(chinese) == {"en", "zh"}
    assert compiled_lexicons(language="ja") is japanese  # cached per language


def _context(text):
    from caselint.api import resolve_settings
    from caselint.runner import lint_one_in_context

    return lint_one_in_context("d.txt", text, resolve_settings())[1]


def test_each_draft_is_matched_with_its_own_language():
    ja = _context("お世話になっております。確認をお願いいたします。")
    assert ja.language == "ja" and ja.hits.any("courtesy")
    assert {h.entry.source.split("/")[1] for h in ja.hits.get("request")} == {"ja"}
    zh = _context("您好，请帮我查一下货件 FBA15ABC1234。谢谢。")
    assert zh.language == "zh" and zh.hits.any("request.polite")
    assert {h.entry.source.split("/")[1] for h in zh.hits.get("request.polite")} == {"zh"}
    en = _context("Hello, please check shipment FBA15ABC1234. Thank you.")
    assert en.language == "en" and {e.source.split("/")[1] for e in en.lexicons.entries} == {"en"}


def test_user_lexicon_for_one_language(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[meta]\nid = "mine"\nlanguage = "zh"\n\n[[entry]]\nid = "mine-rude"\ntag = "tone.insult"\n'
                    "regex = '太离谱'\n", encoding="utf-8")
    extra = (str(path),)
    assert "mine-rude" in {e.id for e in compiled_lexicons(extra, language="zh").entries}
    assert "mine-rude" not in {e.id for e in compiled_lexicons(extra, language="ja").entries}
    assert "mine-rude" not in {e.id for e in compiled_lexicons(extra, language="en").entries}


def test_user_lexicon_language_is_validated(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[meta]\nid = "mine"\nlanguage = "fr"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"mine.toml: \[meta\]: 'language' must be one of en, ja, zh"):
        load_lexicons((str(path),))


def test_the_english_folder_holds_no_japanese_or_chinese_wording():
    import re

    cjk = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
    for lx in builtin_lexicons():
        if lx.language != "en":
            continue
        for e in lx.entries:
            assert not cjk.search(" ".join(e.phrases) + (e.regex or "") + repr(e.patterns)), (lx.source, e.id)
