"""The layout of a draft, read before its words: which lines are headings, list items, quoted
earlier replies, the greeting, the sign-off and the signature, and which line breaks are only
hard wrapping (an e-mail client's 72 columns) inside one sentence.

Language-neutral: it works on characters and line offsets (plain lists computed once per draft),
never on tokens. Words it needs (greetings, sign-offs) come in as lexicon hits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from caselint.language import CJK_CHAR

BLANK = "blank"
PROSE = "prose"
HEADING = "heading"
LIST = "list"
QUOTE = "quote"
GREETING = "greeting"
SIGNOFF = "signoff"
SIGNATURE = "signature"
SUBJECT = "subject"

# Kinds whose lines are not sentences a rule should read as the writer's own prose.
NOT_PROSE = frozenset({HEADING, QUOTE, SIGNATURE, SUBJECT, BLANK})

_TERMINAL = tuple(".!?:;。！？：；…)\"”'")
_LIST_ITEM = re.compile(r"^[ \t]*+(?:[-*•·–▪►✓✔]\s|[・■●◆□◇※]|\(?\d{1,2}[.)]\s|\(?[a-hA-H][.)]\s|(?:step|phase)\s*\d+\b|[①-⑩])", re.I)
_MD_HEADING = re.compile(r"^[ \t]*+(?:#{1,6}\s|\*\*[^*\n]{2,80}\*\*:?[ \t]*+$|__[^_\n]{2,80}__:?[ \t]*+$)")
_SUBJECT = re.compile(r"^[ \t]*+(?:title|subject|re|fwd?|topic)\s*[:：]", re.I)
# 'Re: case 1502... . The associate answered that ...': a sentence of six or more words after the label
# makes the line prose, not a subject.
_SENTENCE_AFTER = re.compile(r"[.!?][ \t]++[A-Z][^ \t.!?]*+(?:[ \t]++[^ \t]++){5}")
_QUOTE_HEADER = re.compile(
    r"^[ \t]*+(?:>|on\b[^\n]{4,120}?\bwrote:[ \t]*+$|-{2,}+[ \t]*+original message|from:[ \t][^\n]{0,80}?amazon|"
    r"(?:amazon|seller support|your|the)[ \t]++(?:reply|answer|response)[ \t]*+(?:was|said|:)[ \t]*+$)", re.I | re.M)
_WORD = re.compile(r"[^\W\d_]+", re.U)
_UNCASED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")  # kana, Han, Hangul
CJK_CHARS_PER_WORD = 3  # Japanese and Chinese are written without spaces: about three characters a word


def word_count(line: str) -> int:
    """Words in a line, for the layout's length tests: a run of Japanese or Chinese (one 'word' to the
    regex) counts one word per three characters, so a long sentence of them is not a short line."""
    cjk = len(CJK_CHAR.findall(line))
    if not cjk:
        return len(_WORD.findall(line))
    return len(_WORD.findall(CJK_CHAR.sub(" ", line))) + -(-cjk // CJK_CHARS_PER_WORD)
_URL = re.compile(r"https?://[^\s<>()\[\]]+|www\.[^\s<>()\[\]]+", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:https?://|www\.|/)[^)\s]{1,500}\)")

# Line patterns are anchored with '^' (they are only ever matched at a line's start): unanchored, a
# leading run of blanks makes a search over a long line quadratic.

# A wrapped line is long: hard-wrapped e-mail lines are 60-80 characters; shorter lines without final
# punctuation are usually facts written one per line ("Shipment ID: FBA...").
WRAP_MIN_CHARS = 55


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break (CRLF, LF or CR)."""
    spans = []
    start = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _shape(line: str) -> str:
    """Kind from the line's own shape (no lexicon): blank, subject, quote, heading, list or prose."""
    stripped = line.strip()
    if not stripped:
        return BLANK
    if _QUOTE_HEADER.match(line):
        return QUOTE
    if _SUBJECT.match(line) and len(stripped.split()) <= 15 and not stripped.endswith((".", "?", "!")) \
            and not _SENTENCE_AFTER.search(stripped):
        return SUBJECT
    if _MD_HEADING.match(line) or (stripped.startswith("【") and stripped.endswith("】") and len(stripped) <= 40):
        return HEADING
    if _LIST_ITEM.match(line):
        return LIST
    words = _WORD.findall(stripped)
    letters = "".join(words)
    # (Japanese and Chinese have no letter case: a line of them with an ASIN in it is not in capitals.)
    if words and len(words) <= 10 and letters.isupper() and len(letters) >= 4 and not _UNCASED.search(letters) \
            and not stripped.endswith((".", "!", "?")):
        return HEADING  # ROOT CAUSE, CORRECTIVE ACTIONS TAKEN:
    if words and len(words) <= 8 and stripped.endswith((":", "：")) and ". " not in stripped:
        return HEADING  # "Actions we have already taken:"
    return PROSE


def soft_breaks(text: str) -> list[int]:
    """Offsets of line breaks that only wrap a sentence (the next line continues it)."""
    out = []
    spans = line_spans(text)
    shapes = [_shape(text[s:e]) for s, e in spans]
    for i in range(len(spans) - 1):
        if shapes[i] not in (PROSE, LIST) or shapes[i + 1] != PROSE:
            continue
        line = text[spans[i][0]:spans[i][1]].rstrip()
        nxt = text[spans[i + 1][0]:spans[i + 1][1]].lstrip()
        if not line or line.endswith(_TERMINAL) or not nxt:
            continue
        first = nxt[0]
        if first.islower() or (len(line) >= WRAP_MIN_CHARS and (first.isalnum() or first in "(\"'“")):
            out.append(spans[i][1])
    return out


@dataclass(slots=True)
class Layout:
    """One kind per line, and where the draft's own prose is."""

    text: str
    starts: list[int]
    ends: list[int]
    kinds: list[str]
    links: list[tuple[int, int]]  # markdown links [text](url) and bare URLs: never placeholders or words to judge

    def line_index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def kind_at(self, offset: int) -> str:
        return self.kinds[self.line_index(offset)]

    def is_prose(self, offset: int) -> bool:
        return self.kind_at(offset) not in NOT_PROSE

    def in_link(self, start: int, end: int) -> bool:
        i = bisect_right(self.links, (start, float("inf"))) - 1  # links are sorted and do not overlap
        return i >= 0 and self.links[i][0] <= start and end <= self.links[i][1]

    def count(self, kind: str) -> int:
        return sum(1 for k in self.kinds if k == kind)

    @property
    def body_end(self) -> int:
        """Where the sign-off (or the signature) begins: closing sentences go before it."""
        for i, kind in enumerate(self.kinds):
            if kind in (SIGNOFF, SIGNATURE):
                return self.starts[i]
        return len(self.text.rstrip())


def classify(text: str, greeting_starts: list[int], signoff_spans: list[tuple[int, int]]) -> Layout:
    spans = line_spans(text)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    kinds = [_shape(text[s:e]) for s, e in spans]
    # Lines after an "On ... wrote:" header, or starting with '>', are an earlier reply, not the writer's text.
    in_quote = False
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        if kinds[i] == QUOTE:
            in_quote = not line.lstrip().startswith(">") or in_quote
            continue
        if in_quote and kinds[i] != BLANK and not line.lstrip().startswith(">"):
            # a header line quotes what follows until a blank line
            kinds[i] = QUOTE
        elif kinds[i] == BLANK:
            in_quote = False
    _mark_greeting(text, spans, kinds, greeting_starts)
    _mark_closing(text, spans, kinds, signoff_spans)
    links = [(m.start(), m.end()) for m in _MD_LINK.finditer(text)]
    links += [(m.start(), m.end()) for m in _URL.finditer(text) if not any(s <= m.start() < e for s, e in links)]
    return Layout(text, starts, ends, kinds, sorted(links))


def _mark_greeting(text, spans, kinds, greeting_starts) -> None:
    """The first non-blank line is the greeting when a greeting word opens it and it is short."""
    for i, (s, e) in enumerate(spans):
        if kinds[i] == BLANK or kinds[i] == SUBJECT:
            continue
        line = text[s:e]
        lead = s + len(line) - len(line.lstrip())
        if any(lead <= g <= lead + 2 for g in greeting_starts) and word_count(line) <= 10:
            kinds[i] = GREETING
        return


def _mark_closing(text, spans, kinds, signoff_spans) -> None:
    """A short line that is only a sign-off ('Best regards,', 'Thanks,') in the last part of the draft;
    the lines after it are the signature (name, role, store)."""
    content = [i for i, k in enumerate(kinds) if k != BLANK]
    if len(content) < 2:
        return
    tail = content[-8:]
    for i in reversed(tail):  # the last sign-off line: 'Thank you for your reply. You wrote:' opens no signature
        if i == content[0]:
            continue
        s, e = spans[i]
        line = text[s:e].strip()
        if not _WORD.search(line) or word_count(line) > 7 or line.endswith((".", "?", "!")):
            continue
        if not any(s <= a < e and a - s <= len(text[s:e]) - len(text[s:e].lstrip()) + 1 for a, _ in signoff_spans):
            continue
        following = [j for j in content if j > i]
        if len(following) > 5 or any(word_count(text[spans[j][0]:spans[j][1]]) > 8 for j in following):
            continue
        kinds[i] = SIGNOFF
        for j in following:
            kinds[j] = SIGNATURE
        return
    # No sign-off: the last lines are a name ('- Nora (Lumen & Moss)', 'Marcus Lindqvist', a store).
    for i in reversed(content[-3:]):
        if i == content[0] or kinds[i] != PROSE or not _is_name_line(text[spans[i][0]:spans[i][1]]):
            return
        kinds[i] = SIGNATURE


def _is_name_line(line: str) -> bool:
    line = line.strip().lstrip("-–— ")
    words = line.replace(",", " ").replace("(", " ").replace(")", " ").split()
    return (0 < len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
            and not line.endswith((".", "?", "!", ":")))
