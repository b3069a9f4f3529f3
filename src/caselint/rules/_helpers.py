"""Shared helpers for rules: insertion points, fixes that add a line, sentence lookups."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Span
from caselint.policy import policy


def newline_of(text: str) -> str:
    """The draft's own line ending: CRLF, LF, or CR alone (old Mac files)."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def facts_insertion_point(ctx: Context) -> int:
    """Where key facts belong: right after a greeting line (lexicon tag opening_greeting), else at the very start."""
    first = [h for h in ctx.hits.get("opening_greeting") if h.start == 0]
    if first:
        end = first[0].end
        # skip blank lines after the greeting
        while end < len(ctx.text) and ctx.text[end] in "\r\n":
            end += 1
        return end
    return 0


def closing_insertion_point(ctx: Context) -> int:
    """Where closing sentences belong: before the sign-off / thanks line, else at the end."""
    text = ctx.text
    share = policy().positions["signoff-share"]
    candidates = [h.start for h in ctx.hits.get("signoff") if h.start > len(text) * share]
    if candidates:
        start = min(candidates)
        return text.rfind("\n", 0, start) + 1
    end = len(text.rstrip())
    return end


def insert_line_fix(ctx: Context, at: int, line: str, title: str, applicability: Applicability) -> Fix:
    """Insert ``line`` as its own line (or sentence) at ``at``, keeping the draft's line endings."""
    text = ctx.text
    nl = newline_of(text)
    if at >= len(text.rstrip()):
        replacement = nl + nl + line if text.strip() else line
        return Fix(title, (Edit(Span(len(text.rstrip()), len(text.rstrip())), replacement),), applicability)
    if at == 0 or text[at - 1] in "\r\n":
        # Its own paragraph: a blank line after it, and before it unless one is there already (a
        # greeting first, then a blank line; an added sentence never glued onto 'Thanks,').
        before = text[:at].replace("\r\n", "\n").replace("\r", "\n")
        lead = "" if not before.strip() or before.endswith("\n\n") else nl
        return Fix(title, (Edit(Span(at, at), lead + line + nl + nl),), applicability)
    return Fix(title, (Edit(Span(at, at), " " + line),), applicability)


def voiced(ctx: Context, line: str) -> str:
    """A template sentence in the writer's own person: 'I' when the draft speaks for one person
    ('so that I have a written record'), 'we' otherwise (the templates' own)."""
    from caselint.reframe import in_voice, person

    return in_voice(line, person(" ".join(s.text for s in ctx.draft.prose)))


def sentence_span(ctx: Context, offset: int) -> tuple[int, int]:
    sent = ctx.document.sentence_at(offset)
    if sent is None:
        return offset, offset
    return sent.start, sent.end
