"""The language seam: which language a draft is in, which lexicons it gets, which pipeline parses it.

Every table that depends on the language is here, so that adding a language (or a real tokenizer for
one) is an edit to this file and a lexicon folder:

* ``lexicons/en/`` holds the English wording; it applies to every draft, because Japanese and Chinese
  drafts carry English too (IDs and their labels, Amazon terms, quoted answers).
* ``lexicons/ja/`` and ``lexicons/zh/`` add the Japanese and Chinese wording on top of it, for the
  drafts in that language only.
* Language-neutral policy (``lexicons/scoring.toml``, ``lexicons/policy.toml``) sits at the top level.

A user's lexicon (``extra-lexicons``) is read like the English ones, for every draft, unless its
``[meta]`` table says ``language = "ja"`` or ``language = "zh"``: then it is added for the drafts in
that language only.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The languages caselint knows, the base first.
LANGUAGES: tuple[str, ...] = ("en", "ja", "zh")

#: The language whose lexicons every draft gets.
BASE = "en"

#: The spaCy blank pipeline that parses a draft of each language. ``spacy.blank("ja")`` needs SudachiPy
#: and ``spacy.blank("zh")`` a segmenter; caselint takes neither: Japanese and Chinese drafts go through
#: the English tokenizer (which keeps a run of CJK characters as one token) and their lexicons are
#: regexes, which find a phrase inside such a run. Giving a language its own tokenizer is this table.
PIPELINE: dict[str, str] = {"en": "en", "ja": "en", "zh": "en"}

#: Kana and Han (CJK ideographs) as character-class ranges, the one definition of "Japanese or Chinese
#: script" every module uses.
KANA = "\u3040-\u30ff"
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_CHAR = re.compile(f"[{KANA}{HAN}]")
_KANA = re.compile(f"[{KANA}]")
_HAN = re.compile(f"[{HAN}]")


def detect(text: str) -> str:
    """The draft's language from its script. Kana only occur in Japanese. Han characters without kana
    are Chinese unless more of them are written the Japanese way than the Chinese way. A character only
    Shift-JIS has (a Japanese form such as 検 or 売) is Japanese; one Shift-JIS lacks and a Chinese
    charset has (simplified 请, or traditional 這 and 您) is Chinese. When neither kind decides, forms
    Shift-JIS shares with traditional Chinese but simplified Chinese lacks (請, 適) lean Japanese: an
    English draft quoting 適格請求書 is checked with the Japanese wording. No CJK script at all is
    English. A mostly English draft that quotes Japanese or Chinese gets that language's lexicons too,
    which is harmless: they only match Japanese or Chinese."""
    if _KANA.search(text):
        return "ja"
    han = _HAN.findall(text)
    if not han:
        return BASE
    japanese_only = chinese_only = shared = 0
    for ch in set(han):
        jis, gb, big5 = _encodes(ch, "cp932"), _encodes(ch, "gb2312"), _encodes(ch, "big5")
        if jis and not gb and not big5:
            japanese_only += 1
        elif not jis and (gb or big5):
            chinese_only += 1
        elif jis and not gb:
            shared += 1
    if japanese_only != chinese_only:
        return "ja" if japanese_only > chinese_only else "zh"
    return "ja" if shared > 0 else "zh"


def fold(text: str) -> str:
    """The text the lexicons of its language read: a Chinese draft in traditional characters is folded to
    simplified ones, one character for one (every offset holds), so lexicons/zh is written once, in
    simplified Chinese. Characters simplified Chinese uses are never changed; other languages are
    returned as they are."""
    if not _HAN.search(text) or _KANA.search(text):
        return text
    table = _traditional()
    if not any(ord(ch) in table for ch in text) or detect(text) != "zh":
        return text
    return text.translate(table)


@lru_cache(maxsize=1)
def _traditional() -> dict[int, int]:
    from caselint.lexicon.loader import builtin_lexicon_dir

    table: dict[int, int] = {}
    path = builtin_lexicon_dir() / "zh" / "traditional.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for pair in line.split():
            if len(pair) == 2:
                table[ord(pair[0])] = ord(pair[1])
    return table


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def lexicon_languages(language: str) -> tuple[str, ...]:
    """The lexicon folders a draft in ``language`` is checked with, in matching order."""
    return (BASE,) if language == BASE else (BASE, language)


def pipeline(language: str) -> str:
    """The spaCy blank pipeline (a language code) that parses drafts in ``language``."""
    return PIPELINE[language]
