"""A draft ready for rules: original text, the spaCy Doc, sentences and offset -> line/column."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines begin; CRLF, LF and lone CR all end a line (as editors count them)."""
    if "\r" not in text:
        if "\n" not in text:
            return (0,)
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return tuple(starts)
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    token_count: int  # words with letters: numbers, IDs, punctuation and spaces excluded


class Document:
    __slots__ = ("path", "text", "doc", "_line_starts", "_sentences", "_sentence_ends", "_word_count")

    def __init__(self, path: str, text: str, doc):
        self.path = path
        self.text = text  # original text; offsets of every finding refer to it
        self.doc = doc  # parsed from the analysis text (same length, suppression markers blanked)
        self._line_starts: tuple[int, ...] | None = None
        self._sentences: list[Sentence] | None = None
        self._sentence_ends: list[int] | None = None
        self._word_count: int | None = None

    @property
    def line_starts(self) -> tuple[int, ...]:
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            out = []
            for sent in self.doc.sents:
                words = [t for t in sent if not (t.is_space or t.is_punct)]
                if not words:
                    continue
                word_count = sum(1 for t in words if any(c.isalpha() for c in t.text))
                start = words[0].idx
                last = sent[-1]
                while last.is_space and last.i > sent.start:
                    last = self.doc[last.i - 1]
                end = last.idx + len(last.text)
                out.append(Sentence(start, end, self.text[start:end], word_count))
            self._sentences = out
        return self._sentences

    def sentence_at(self, offset: int) -> Sentence | None:
        """The first sentence with ``start <= offset <= end`` (O(log n): sentences are disjoint and in
        order, so their ends are sorted and the first candidate is the first end at or after ``offset``)."""
        sentences = self.sentences
        ends = self._sentence_ends
        if ends is None:
            ends = self._sentence_ends = [s.end for s in sentences]
            if any(a > b for a, b in zip(ends, ends[1:])):  # never seen; keep the plain scan's answer
                self._sentence_ends = ends = []
        if not ends and sentences:
            return next((s for s in sentences if s.start <= offset <= s.end), None)
        index = bisect_left(ends, offset)
        if index < len(sentences) and sentences[index].start <= offset:
            return sentences[index]
        return None

    @property
    def word_count(self) -> int:
        """Tokens that are neither space nor punctuation (computed once, in C, from the Doc's arrays)."""
        if self._word_count is None:
            from spacy.attrs import IS_PUNCT, IS_SPACE

            if len(self.doc):
                flags = self.doc.to_array([IS_SPACE, IS_PUNCT])
                self._word_count = int((flags.max(axis=1) == 0).sum())
            else:
                self._word_count = 0
        return self._word_count
