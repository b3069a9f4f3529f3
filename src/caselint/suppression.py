"""In-draft suppression markers that never reach the associate.

Syntax (case-insensitive; codes may be codes, prefixes, rule names or categories, comma-separated;
no codes means every rule):

    caselint: disable-file=TN001,framing     whole draft
    caselint: disable=ID002                  the line the marker is on
    caselint: disable-next-line=PL001        the next line

A marker may be wrapped in an HTML comment (``<!-- caselint: disable=TN001 -->``, invisible in
rendered Markdown) or in square brackets (``[caselint: disable=TN001]``) in plain text. Markers are
blanked out before analysis, and ``caselint rewrite`` strips them, so they are never sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A code, prefix, name or category; it never ends with '-', so "<!--caselint: disable=TN008-->" keeps its "-->".
_CODE = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
MARKER_RE = re.compile(
    # Every run of blanks is possessive ('*+'): what follows one never starts with a blank, so no
    # match changes, and a long run of blanks cannot make the engine try every way to split it.
    r"(?:<!--[ \t]*+|\[[ \t]*+)?caselint:[ \t]*+(?P<kind>disable-file|disable-next-line|disable-line|disable)\b"
    rf"(?:[ \t]*+=?[ \t]*+(?P<codes>{_CODE}(?:[ \t]*+,[ \t]*+{_CODE})*))?"
    r"(?:[ \t]*+-->|[ \t]*+\])?",
    re.IGNORECASE,
)


_EOL = re.compile(r"[\r\n]")


@dataclass(frozen=True, slots=True)
class Marker:
    start: int
    end: int
    kind: str  # file, line, next-line
    selectors: tuple[str, ...]  # empty = all rules
    line: int  # 1-based line the marker applies to (0 for file)


def find_markers(text: str, line_of) -> list[Marker]:
    if "caselint" not in text.lower():
        return []
    out = []
    for m in MARKER_RE.finditer(text):
        kind = m.group("kind").lower()
        end = _comment_end(text, m)
        codes = tuple(c.strip() for c in (m.group("codes") or "").split(",") if c.strip())
        line = line_of(m.start())
        if kind == "disable-file":
            out.append(Marker(m.start(), end, "file", codes, 0))
        elif kind == "disable-next-line":
            out.append(Marker(m.start(), end, "next-line", codes, line + 1))
        else:
            out.append(Marker(m.start(), end, "line", codes, line))
    return out


def _comment_end(text: str, m: re.Match) -> int:
    """A marker wrapped in '<!-- ... -->' or '[ ... ]' may carry a note after its codes ('reason: a
    customer quote'); the note belongs to the marker, so it ends at the wrapper's close on that line."""
    opened = m.group(0)[:1]
    if opened not in "<[" or m.group(0).rstrip().endswith(("-->", "]")):
        return m.end()
    eol = _EOL.search(text, m.end())
    line_end = len(text) if eol is None else eol.start()
    close = "-->" if opened == "<" else "]"
    at = text.find(close, m.end(), line_end)
    return m.end() if at < 0 else at + len(close)


def blank_markers(text: str, markers: list[Marker]) -> str:
    """Same length (offsets stay valid), markers replaced by spaces so no rule sees them."""
    if not markers:
        return text
    chars = list(text)
    for m in markers:
        for i in range(m.start, m.end):
            if chars[i] not in "\r\n":  # line breaks stay: every line/column holds for the original
                chars[i] = " "
    return "".join(chars)


def strip_markers(text: str) -> str:
    """Remove markers; a line holding only a marker disappears with its line break."""
    if "caselint" not in text.lower():
        return text
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if not MARKER_RE.search(body):
            out.append(line)
            continue
        stripped = MARKER_RE.sub("", body)
        if stripped.strip():
            out.append(stripped.rstrip() + line[len(body):])
    return "".join(out)
