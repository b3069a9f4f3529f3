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
        """The doc's sentences without leading and trailing space and punctuation, with their count of
        words that hold a letter. Computed from the Doc's arrays, not by visiting Token objects."""
        if self._sentences is None:
            self._sentences = _sentences(self.doc, self.text)
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


def _sentences(doc, text: str) -> list[Sentence]:
    import numpy as np
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START, SHAPE

    n = len(doc)
    if not n:
        return []
    arr = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT, SENT_START, SHAPE])
    idx, length = arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64)
    space, punct = arr[:, 2] == 1, arr[:, 3] == 1
    starts_at = arr[:, 4].astype(np.int64) == 1
    starts_at[0] = True
    # A token holds a letter when its shape has an 'x' ('Xxxx', 'XXdddd'; every letter, CJK too).
    shapes = arr[:, 5]
    strings = doc.vocab.strings
    lettered = np.array([("x" in strings[int(h)].lower()) for h in np.unique(shapes).tolist()])
    has_letter = lettered[np.searchsorted(np.unique(shapes), shapes)]
    word = ~space & ~punct
    counted = np.concatenate(([0], np.cumsum(word & has_letter)))
    words_at = np.flatnonzero(word)
    solid_at = np.flatnonzero(~space)
    bounds = np.flatnonzero(starts_at).tolist() + [n]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        w = np.searchsorted(words_at, a)
        if w >= len(words_at) or words_at[w] >= b:
            continue  # nothing but space and punctuation
        first = int(words_at[w])
        k = np.searchsorted(solid_at, b) - 1
        last = int(solid_at[k]) if k >= 0 and solid_at[k] >= a else a
        start, end = int(idx[first]), int(idx[last] + length[last])
        out.append(Sentence(start, end, text[start:end], int(counted[b] - counted[a])))
    return out
