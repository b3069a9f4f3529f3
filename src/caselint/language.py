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

#: The languages caselint knows, the base first.
LANGUAGES: tuple[str, ...] = ("en", "ja", "zh")

#: The language whose lexicons every draft gets.
BASE = "en"

#: The spaCy blank pipeline that parses a draft of each language. ``spacy.blank("ja")`` needs SudachiPy
#: and ``spacy.blank("zh")`` a segmenter; caselint takes neither: Japanese and Chinese drafts go through
#: the English tokenizer (which keeps a run of CJK characters as one token) and their lexicons are
#: regexes, which find a phrase inside such a run. Giving a language its own tokenizer is this table.
PIPELINE: dict[str, str] = {"en": "en", "ja": "en", "zh": "en"}

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def detect(text: str) -> str:
    """The draft's language from its script. Kana only occur in Japanese. Han characters without kana
    are Chinese unless more of them are written the Japanese way than the simplified Chinese way (a
    character Shift-JIS has and GB2312 lacks, like 請 or 適, against one GB2312 has and Shift-JIS lacks,
    like 请): an English draft quoting 適格請求書 is checked with the Japanese wording. No CJK script
    at all is English. A mostly English draft that quotes Japanese or Chinese gets that language's
    lexicons too, which is harmless: they only match Japanese or Chinese."""
    if _KANA.search(text):
        return "ja"
    han = _HAN.findall(text)
    if not han:
        return BASE
    japanese = chinese = 0
    for ch in set(han):
        jis, gb = _encodes(ch, "cp932"), _encodes(ch, "gb2312")
        japanese += jis and not gb
        chinese += gb and not jis
    return "ja" if japanese > chinese else "zh"


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
