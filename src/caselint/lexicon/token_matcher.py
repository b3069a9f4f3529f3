"""Bounded token patterns, matched over one bitmask per word type instead of by spaCy's Matcher.

spaCy's Matcher steps every pattern through every token and evaluates set predicates in Python; it
was the largest cost of a lint. Every built-in token pattern is bounded (no ``*`` or ``+``) and tests
only properties of the word form, plus the sentence start. So each word type (ORTH) gets, once per
process, a bitmask of the predicates it satisfies and the list of patterns it can begin; a draft is
one pass over its tokens' ORTH ids, and a candidate start is extended by a small depth-first search.

The result is the same set of ``(key, start, end)`` matches as spaCy's Matcher gives (deduplicated,
no empty matches), sorted by start, end and pattern order: tests/test_token_matcher.py compares them
on the corpora and on random patterns. A pattern this cannot express (unbounded or negated operators,
attributes that are not word-form properties) is left to spaCy's Matcher: see :func:`supports`.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

# Lexeme booleans that depend only on the word form (spaCy's lexical attributes).
_LEXICAL_BOOLS = frozenset({
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
    "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
    "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
})
_FORM_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}
_BOUNDS = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_CACHE_LIMIT = 500_000  # word types remembered per matcher (a language server runs for days)


def _bounds(op: Any) -> tuple[int, int] | None:
    """(min, max) repetitions of a spec, or None for operators with no fixed bound ('*', '+', '!')."""
    if op is None:
        return (1, 1)
    if op == "?":
        return (0, 1)
    if not isinstance(op, str):
        return None
    m = _BOUNDS.fullmatch(op)
    if m is None:
        return None
    low, comma, high = m.groups()
    if not comma:  # {n}
        return (int(low), int(low)) if low else None
    if not high:  # {n,}: unbounded
        return None
    lo, hi = int(low or 0), int(high)
    return (lo, hi) if lo <= hi else None


def predicate_key(attr: Any, value: Any) -> tuple | None:
    """A hashable word-form predicate for one ``attr: value`` of a spec, or None if it is not one."""
    if not isinstance(attr, str):
        return None
    name = attr.upper()
    if name in _LEXICAL_BOOLS:
        return ("BOOL", name, value) if isinstance(value, bool) else None
    form = _FORM_ATTRS.get(name)
    if form is None:
        return None
    if isinstance(value, str):
        return ("IN", form, frozenset((value,)))
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (op, arg), = value.items()
    op = op.upper() if isinstance(op, str) else op
    if op == "IN" and isinstance(arg, (list, tuple)) and all(isinstance(v, str) for v in arg):
        return ("IN", form, frozenset(arg))
    if op == "REGEX" and isinstance(arg, str):
        return ("REGEX", form, arg)
    if isinstance(op, str) and op.startswith("FUZZY") and op[5:] in ("", *"123456789") and isinstance(arg, str):
        return ("FUZZY", form, arg, int(op[5:]) if op[5:] else -1)
    return None


def supports(pattern: Iterable[dict]) -> bool:
    """True when every spec has fixed bounds and only word-form predicates (or the sentence start)."""
    specs = list(pattern)
    if not specs:
        return False
    for spec in specs:
        if not isinstance(spec, dict) or _bounds(spec.get("OP")) is None:
            return False
        for attr, value in spec.items():
            if attr == "OP":
                continue
            if isinstance(attr, str) and attr.upper() in ("IS_SENT_START", "SENT_START"):
                if not isinstance(value, bool):
                    return False
            elif predicate_key(attr, value) is None:
                return False
    # A pattern that can match nothing at all is legal for spaCy but never yields a match; keep it simple.
    return any(_bounds(s.get("OP"))[1] > 0 for s in specs)


def _lower_form(vocab) -> Callable[[str], str]:
    """The LOWER attribute of a word form, computed as the vocab computes it for its lexemes."""
    from spacy.attrs import LOWER

    return vocab.lex_attr_getters.get(LOWER) or str.lower


def predicate(vocab, key: tuple) -> Callable[[str], bool]:
    """The predicate as a function of the word form (ORTH string), exactly as spaCy's Matcher decides it."""
    kind, attr = key[0], key[1]
    if kind == "BOOL":
        name, want = attr.lower(), key[2]
        return lambda orth: bool(getattr(vocab[orth], name)) == want
    form = _lower_form(vocab) if attr == "LOWER" else str
    if kind == "IN":  # spaCy compares string hashes: exact equality
        values = key[2]
        return lambda orth: form(orth) in values
    if kind == "REGEX":  # _RegexPredicate: re.search on the attribute's string
        regex = re.compile(key[2])
        return lambda orth: bool(regex.search(form(orth)))
    if kind == "FUZZY":
        from spacy.matcher.levenshtein import levenshtein_compare  # the Matcher's default

        target, fuzzy = key[2], key[3]
        return lambda orth: (v := form(orth)) == target or bool(levenshtein_compare(v, target, fuzzy))
    raise ValueError(f"unknown predicate {key!r}")


class BoundedTokenMatcher:
    """Matches bounded word-form token patterns; ``add`` only patterns for which :func:`supports` holds."""

    def __init__(self, vocab):
        self.vocab = vocab
        self._bits: dict[tuple, int] = {}
        # Set membership (most predicates) is one dict lookup per form: word -> bits of the sets it is in.
        self._members: dict[str, dict[str, int]] = {"LOWER": {}, "ORTH": {}}
        self._tests: list[tuple[int, Callable[[str], bool]]] = []  # the other predicates, one by one
        self._lower = _lower_form(vocab)
        # (key, specs) with specs = ((need bits, sentence start or None, min, max), ...)
        self._patterns: list[tuple[int, tuple[tuple[int, bool | None, int, int], ...]]] = []
        # For each pattern, the specs a match can begin with: every spec up to the first mandatory one.
        self._openers: list[tuple[int, int, int, bool | None]] = []  # (pattern, spec, need, sent)
        self._types: dict[int, tuple[int, tuple[tuple[int, int, bool | None], ...]]] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: int, patterns: Iterable[Iterable[dict]]) -> None:
        for pattern in patterns:
            specs = []
            for spec in pattern:
                need, sent = 0, None
                for attr, value in spec.items():
                    if attr == "OP":
                        continue
                    if attr.upper() in ("IS_SENT_START", "SENT_START"):
                        sent = value
                        continue
                    pkey = predicate_key(attr, value)
                    if pkey is None:
                        raise ValueError(f"unsupported token spec {spec!r}")
                    need |= 1 << self._bit(pkey)
                lo, hi = _bounds(spec.get("OP"))
                specs.append((need, sent, lo, hi))
            index = len(self._patterns)
            self._patterns.append((key, tuple(specs)))
            for j, (need, sent, lo, hi) in enumerate(specs):
                if hi > 0:
                    self._openers.append((index, j, need, sent))
                if lo > 0:
                    break
        self._types.clear()

    def _bit(self, pkey: tuple) -> int:
        bit = self._bits.get(pkey)
        if bit is None:
            bit = self._bits[pkey] = len(self._bits)
            if pkey[0] == "IN":
                members = self._members[pkey[1]]
                for word in pkey[2]:
                    members[word] = members.get(word, 0) | 1 << bit
            else:
                self._tests.append((bit, predicate(self.vocab, pkey)))
        return bit

    def _type(self, orth: int) -> tuple[int, tuple[tuple[int, int, bool | None], ...]]:
        """The word type's predicate bitmask and the (pattern, spec, sentence start) it can open."""
        text = self.vocab.strings[orth]
        bits = self._members["LOWER"].get(self._lower(text), 0) | self._members["ORTH"].get(text, 0)
        for bit, test in self._tests:
            if test(text):
                bits |= 1 << bit
        opens = tuple((p, j, sent) for p, j, need, sent in self._openers if bits & need == need)
        if len(self._types) >= _CACHE_LIMIT:
            self._types.clear()
        info = self._types[orth] = (bits, opens)
        return info

    def __call__(self, orths: list[int], sent_starts: list[bool]) -> list[tuple[int, int, int]]:
        """``(key, start, end)`` of every match over a document given as token ORTH ids and whether each
        token starts a sentence (spaCy's ``sent_start == 1``)."""
        types = self._types
        infos = [types.get(o) or self._type(o) for o in orths]
        bits = [info[0] for info in infos]
        n = len(orths)
        patterns = self._patterns
        found: set[tuple[int, int, int, int]] = set()  # (start, end, pattern, key)
        for start, (_, opens) in enumerate(infos):
            for p, j, sent in opens:
                if sent is not None and sent_starts[start] != sent:
                    continue
                key, specs = patterns[p]
                last = len(specs)
                # Depth-first over (spec, repetitions of it so far, next token); token `start` is the
                # first repetition of spec j.
                stack = [(j, 1, start + 1)]
                seen = set()
                while stack:
                    state = stack.pop()
                    if state in seen:
                        continue
                    seen.add(state)
                    k, reps, i = state
                    need, sent_k, lo, hi = specs[k]
                    if reps < hi and i < n and bits[i] & need == need and (
                            sent_k is None or sent_starts[i] == sent_k):
                        stack.append((k, reps + 1, i + 1))
                    if reps >= lo:
                        if k + 1 == last:
                            found.add((start, i, p, key))
                        else:
                            stack.append((k + 1, 0, i))
        # One match per (key, start, end), as spaCy deduplicates; ordered by start, end, then pattern.
        out: list[tuple[int, int, int]] = []
        emitted: set[tuple[int, int, int]] = set()
        for start, end, _p, key in sorted(found):
            match = (key, start, end)
            if match not in emitted:
                emitted.add(match)
                out.append(match)
        return out
