"""Hypothesis strategies for hostile drafts, and independent checks of what caselint reports."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _corpus_words() -> list[str]:
    words: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt"))[:40]:
        try:
            words.update(path.read_text(encoding="utf-8").split())
        except (OSError, UnicodeDecodeError):
            continue
    fallback = "hello my shipment FBA15ABCDEF is missing ridiculous!!! please help thanks regards".split()
    return sorted(words)[:3000] or fallback


WORDS = _corpus_words()

CONTROL = [chr(c) for c in range(0x00, 0x20)] + ["\x7f", "\x85", "\x9f"]
RTL = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
       "\u061c", "שלום", "مرحبا"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u20dd", "e\u0301", "a\u0308\u0308\u0308", "\u0e33", "\u093f"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
EMOJI = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇺🇸", "❤️", "🔥🔥🔥", "\U0001F9D1\u200d\U0001F4BB"]
CJK = ["配送", "中文テキスト", "テスト", "한국어", "出荷ID FBA15ABCDEF", "𠀋𡈽"]
NEWLINES = ["\n", "\r", "\r\n", "\n\r", "\r\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c"]
PUNCT = ["!!!", "???", "...", "?!", "—", "–", "…", "«»", "''", '"', "(", ")", "[", "]", "<!--", "-->", ",", ";", ":"]
MARKERS = [
    "caselint: disable=TN001",
    "<!-- caselint: disable-file -->",
    "[caselint: disable-next-line=PL001, tone]",
    "caselint: disable",
    "caselint:disable=",
    "CASELINT: DISABLE-LINE=ID002",
]
IDS = ["FBA15ABCDEF", "fba15abcdef", "B0ABCDEFGH", "123-1234567-1234567", "case 12345678901", "X001ABCDEF",
       "1Z999AA10123456784", "ISBN 0306406152", "$1,234.56", "3 units", "2024-01-31", "Jan 5th, 2024",
       "[your order ID]", "XXXXX", "#####"]

_piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(IDS),
    st.sampled_from(CONTROL),
    st.sampled_from(RTL),
    st.sampled_from(COMBINING),
    st.sampled_from(ZERO_WIDTH),
    st.sampled_from(EMOJI),
    st.sampled_from(CJK),
    st.sampled_from(NEWLINES),
    st.sampled_from(PUNCT),
    st.sampled_from(MARKERS),
    st.sampled_from([" ", "  ", "\t", "\u00a0", "\u3000"]),
    st.text(max_size=12),
    st.text(st.characters(codec="utf-8"), max_size=8),
)

_long_token = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["a", "1", "A", "x", "!", ".", " ", "\t", "-", "é", "中", "😀", ",", "1,", "ab"]),
    st.sampled_from([2_000, 10_000]),
)


@st.composite
def drafts(draw, allow_long: bool = True) -> str:
    """A hostile draft: a mix of real words, IDs, markers and every awkward kind of character."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.text(max_size=200))  # arbitrary Unicode, no structure
    if kind == 1:
        return "".join(draw(st.lists(st.sampled_from(PUNCT), min_size=1, max_size=40)))  # only punctuation
    if kind == 2:
        return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40)))  # no spaces
    if kind == 3 and allow_long:
        return draw(_long_token) + draw(st.sampled_from(["", " x", "!", "\n", " units"]))
    pieces = draw(st.lists(_piece, max_size=60))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", "\r\n", "\r", "\t", ", ", ". "]),
                         min_size=len(pieces), max_size=len(pieces)))
    text = "".join(p + s for p, s in zip(pieces, seps))
    if allow_long and draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_long_token) + text[at:]
    return text


# --- independent checks --------------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) recomputed from scratch: CRLF, CR and LF each end one line."""
    line_start, line = 0, 1
    for m in _BREAK.finditer(text, 0, offset):
        if m.end() <= offset:
            line += 1
            line_start = m.end()
    return line, offset - line_start + 1


def check_report(text: str, report) -> None:
    """Every invariant a report must keep, whatever the text."""
    from caselint.model import CATEGORIES

    n = len(text)
    assert report.text == text
    assert 0 <= report.score.value <= 100, report.score
    assert set(report.score.categories) == set(CATEGORIES), report.score.categories
    for category, value in report.score.categories.items():
        assert isinstance(value, int) and 0 <= value <= 100, (category, value)
    for f in report.findings:
        assert 0 <= f.span.start <= f.span.end <= n, (f.code, f.span, n)
        assert (f.line, f.column) == line_col(text, f.span.start), (f.code, f.span, f.line, f.column)
        assert (f.end_line, f.end_column) == line_col(text, f.span.end), (f.code, f.span, f.end_line, f.end_column)
        assert f.message and isinstance(f.message, str)
        if f.fix is not None:
            edits = sorted(f.fix.edits, key=lambda e: (e.span.start, e.span.end))
            for e in edits:
                assert 0 <= e.span.start <= e.span.end <= n, (f.code, e.span, n)
                assert isinstance(e.replacement, str)
            for a, b in zip(edits, edits[1:]):
                assert a.span.end <= b.span.start, (f.code, "overlapping edits in one fix", a.span, b.span)


def untouched_segments_kept(text: str, edits, result: str) -> None:
    """Text outside the edited spans appears in ``result`` unchanged and in order."""
    edits = sorted(edits, key=lambda e: (e.span.start, e.span.end))
    pos_in_text = 0
    pos_in_result = 0
    for e in edits:
        segment = text[pos_in_text:e.span.start]
        assert result.startswith(segment, pos_in_result), ("segment before edit changed", e.span)
        pos_in_result += len(segment)
        assert result.startswith(e.replacement, pos_in_result), ("replacement not where the edit was", e.span)
        pos_in_result += len(e.replacement)
        pos_in_text = e.span.end
    assert result[pos_in_result:] == text[pos_in_text:], "text after the last edit changed"
