"""Offsets <-> LSP positions, in the position encoding the client negotiated.

caselint offsets are Python ``str`` indices (code points). LSP positions are (line, character) where
lines end at ``\\r\\n``, ``\\n`` or a lone ``\\r`` only (the same rule as :func:`caselint.document.line_starts`)
and ``character`` counts UTF-16 code units by default, or UTF-8 / UTF-32 units when negotiated.

pygls's own workspace documents split lines with ``str.splitlines``, which also breaks at ``\\x0b``,
``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and U+2029: text pasted from word processors contains
those, and every position after them would be wrong. So the server keeps its own copy of each open
document and converts positions here. Pure Python, no pygls import: cheap to test.
"""

from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_EOL = re.compile(r"\r\n|\r|\n")


def _units(chunk: str, encoding: str) -> int:
    """Code units of ``chunk`` in ``encoding``; lone surrogates count as one UTF-16 unit / three bytes."""
    if encoding == UTF32 or chunk.isascii():
        return len(chunk)
    if encoding == UTF16:
        return len(chunk) + sum(1 for c in chunk if ord(c) > 0xFFFF)
    return len(chunk.encode("utf-8", "surrogatepass"))


def _chars_for_units(chunk: str, units: int, encoding: str) -> int:
    """How many code points of ``chunk`` fit in ``units`` code units (a unit inside a character rounds up)."""
    if encoding == UTF32 or chunk.isascii():
        return min(units, len(chunk))
    count = 0
    for i, c in enumerate(chunk):
        if count >= units:
            return i
        o = ord(c)
        if encoding == UTF16:
            count += 2 if o > 0xFFFF else 1
        else:
            count += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    return len(chunk)


class LineIndex:
    """Line starts of one text, for converting in both directions."""

    __slots__ = ("text", "encoding", "starts")

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16
        self.starts = [0, *(m.end() for m in _EOL.finditer(text))]

    def _line_end(self, line: int) -> int:
        """Offset where ``line``'s content ends (before its terminator)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            text = self.text
            if text[end - 1] == "\n" and end >= 2 and text[end - 2] == "\r":
                return end - 2
            return end - 1
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a code-point offset, 0-based; clamped to the text."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        # An offset between '\r' and '\n' stays on its line, at the line's end.
        end = max(start, min(offset, self._line_end(line)))
        return line, _units(self.text[start:end], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """Code-point offset of an LSP position; past the end of a line means its end, past the last line the end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        content = self.text[start : self._line_end(line)]
        return start + _chars_for_units(content, max(0, character), self.encoding)


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new_text: str, encoding: str) -> str:
    """Apply one incremental ``didChange`` edit (range in client units) to ``text``."""
    index = LineIndex(text, encoding)
    a = index.offset(*start)
    b = index.offset(*end)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]
