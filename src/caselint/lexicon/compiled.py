"""Compile every enabled lexicon entry once into one PhraseMatcher, one Matcher and a regex table.

Rules never run the matchers themselves: the runner calls :meth:`CompiledLexicons.match` once per
document and hands each rule the hits, bucketed by tag.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from caselint.errors import LexiconError
from caselint.lexicon.schema import Entry, Lexicon


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    start: int  # character offsets into the document text
    end: int
    text: str
    value: str = ""  # a regex's named group "value" (e.g. the ID after its label), else the text

    @property
    def tag(self) -> str:
        return self.entry.tag


class Hits:
    """Hits of one document, looked up by tag or tag prefix (``tone`` finds ``tone.insult``)."""

    __slots__ = ("_by_tag",)

    def __init__(self, hits: Iterable[Hit]):
        by_tag: dict[str, list[Hit]] = defaultdict(list)
        for hit in hits:
            by_tag[hit.tag].append(hit)
        for bucket in by_tag.values():
            bucket.sort(key=lambda h: (h.start, -h.end))
        self._by_tag = dict(by_tag)

    def get(self, tag: str) -> list[Hit]:
        exact = self._by_tag.get(tag)
        prefix = tag + "."
        nested = [h for t, bucket in self._by_tag.items() if t.startswith(prefix) for h in bucket]
        if not nested:
            return list(exact or ())
        merged = list(exact or ()) + nested
        merged.sort(key=lambda h: (h.start, -h.end))
        return merged

    def longest(self, tag: str) -> list[Hit]:
        """Like get(), without hits nested inside a longer hit ('sales' inside 'increase sales')."""
        out: list[Hit] = []
        for hit in self.get(tag):  # sorted by start, longest first
            if out and hit.start < out[-1].end and hit.end <= out[-1].end:
                continue
            out.append(hit)
        return out

    def any(self, tag: str) -> bool:
        if tag in self._by_tag:
            return True
        prefix = tag + "."
        return any(t.startswith(prefix) for t in self._by_tag)

    def tags(self) -> list[str]:
        return sorted(self._by_tag)


class CompiledLexicons:
    def __init__(self, nlp, lexicons: tuple[Lexicon, ...]):
        from spacy.matcher import Matcher, PhraseMatcher

        self.lexicons = lexicons
        self.templates: dict[str, str] = {}
        for lexicon in lexicons:
            self.templates.update(lexicon.templates)
        self.entries: list[Entry] = [e for lx in lexicons for e in lx.entries]
        self.tags = frozenset(e.tag for e in self.entries)
        self._phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._case_phrase_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._regexes: list[tuple[re.Pattern[str], Entry]] = []
        self._key_to_entry: dict[int, Entry] = {}
        for entry in self.entries:
            key = f"caselint:{entry.id}"
            self._key_to_entry[nlp.vocab.strings.add(key)] = entry
            if entry.phrases:
                matcher = self._case_phrase_matcher if entry.case_sensitive else self._phrase_matcher
                matcher.add(key, list(nlp.tokenizer.pipe(entry.phrases)))
            elif entry.patterns:
                try:
                    self._matcher.add(key, [list(p) for p in entry.patterns])
                except Exception as exc:  # spaCy raises ValueError / MatchPatternError with details
                    first = str(exc).strip().splitlines()
                    detail = " ".join(line.strip() for line in first if line.strip())[:300]
                    raise LexiconError(f"{entry.source}: entry {entry.id!r}: invalid token pattern: {detail}") from None
            else:
                flags = 0 if entry.case_sensitive else re.IGNORECASE
                self._regexes.append((re.compile(entry.regex, flags), entry))

    def entries_with_tag(self, tag: str) -> list[Entry]:
        prefix = tag + "."
        return [e for e in self.entries if e.tag == tag or e.tag.startswith(prefix)]

    def match(self, doc, text: str) -> Hits:
        hits: list[Hit] = []
        key_to_entry = self._key_to_entry
        for matcher in (self._phrase_matcher, self._case_phrase_matcher, self._matcher):
            if not len(matcher):
                continue
            for key, start, end in matcher(doc):
                span = doc[start:end]
                s, e = span.start_char, span.end_char
                hits.append(Hit(key_to_entry[key], s, e, text[s:e], text[s:e]))
        for pattern, entry in self._regexes:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    value = m.group("value") if "value" in pattern.groupindex else None
                    hits.append(Hit(entry, m.start(), m.end(), m.group(0), value or m.group(0)))
        return Hits(hits)


def compile_lexicons(nlp, lexicons: tuple[Lexicon, ...]) -> CompiledLexicons:
    return CompiledLexicons(nlp, lexicons)
