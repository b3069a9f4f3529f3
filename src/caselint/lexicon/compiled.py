"""Compile every enabled lexicon entry once into one PhraseMatcher, one Matcher and a regex table.

Rules never run the matchers themselves: the runner calls :meth:`CompiledLexicons.match` once per
document and hands each rule the hits, bucketed by tag.

A language's lexicons are compiled on top of the base (English) set: ``CompiledLexicons(nlp,
japanese, base=english)`` matches both and compiles only its own entries (caselint.language).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from typing import Iterable, NamedTuple

from caselint.errors import LexiconError
from caselint.regex_safety import linear_engine
from caselint.lexicon import token_matcher
from caselint.lexicon.schema import Entry, Lexicon


class Hit(NamedTuple):  # a NamedTuple, not a frozen dataclass: ~170 per draft, built 3x faster
    entry: Entry
    start: int  # character offsets into the document text
    end: int
    text: str
    value: str = ""  # a regex's named group "value" (e.g. the ID after its label), else the text

    @property
    def tag(self) -> str:
        return self.entry.tag


class Hits:
    """Hits of one document, looked up by tag or tag prefix (``tone`` finds ``tone.insult``).

    Rules ask for the same tags many times per document, so each lookup is computed once and cached
    (callers get a fresh list each time, as before).
    """

    __slots__ = ("_by_tag", "_cache", "_any", "_starts", "_nested")

    def __init__(self, hits: Iterable[Hit]):
        by_tag: dict[str, list[Hit]] = defaultdict(list)
        for hit in hits:
            by_tag[hit.tag].append(hit)
        for bucket in by_tag.values():
            bucket.sort(key=_hit_order)
        self._by_tag = dict(by_tag)
        self._cache: dict[str, tuple[Hit, ...]] = {}
        self._any: dict[str, bool] = {}
        self._starts: dict[str, list[int]] = {}
        self._nested: dict[str, list[str]] | None = None

    def _lookup(self, tag: str) -> tuple[Hit, ...]:
        cached = self._cache.get(tag)
        if cached is not None:
            return cached
        exact = self._by_tag.get(tag)
        if self._nested is None:  # every prefix of every tag present ('tone' -> 'tone.insult'), once
            index: dict[str, list[str]] = defaultdict(list)
            for t in self._by_tag:
                parts = t.split(".")
                for i in range(1, len(parts)):
                    index[".".join(parts[:i])].append(t)
            self._nested = index
        nested = [h for t in self._nested.get(tag, ()) for h in self._by_tag[t]]
        if not nested:
            result = tuple(exact or ())
        else:
            merged = list(exact or ()) + nested
            merged.sort(key=_hit_order)
            result = tuple(merged)
        self._cache[tag] = result
        return result

    def get(self, tag: str) -> list[Hit]:
        return list(self._lookup(tag))

    def within(self, tag: str, start: int, end: int) -> list[Hit]:
        """``[h for h in get(tag) if start <= h.start and h.end <= end]`` in O(log n + hits starting in
        the range): a bisect over the sorted starts instead of a scan of every hit."""
        hits = self._lookup(tag)
        starts = self._starts.get(tag)
        if starts is None:
            starts = self._starts[tag] = [h.start for h in hits]
        out: list[Hit] = []
        for i in range(bisect_left(starts, start), len(hits)):
            hit = hits[i]
            if hit.start > end:
                break
            if hit.end <= end:
                out.append(hit)
        return out

    def longest(self, tag: str) -> list[Hit]:
        """Like get(), without hits nested inside a longer hit ('sales' inside 'increase sales')."""
        out: list[Hit] = []
        for hit in self._lookup(tag):  # sorted by start, longest first
            if out and hit.start < out[-1].end and hit.end <= out[-1].end:
                continue
            out.append(hit)
        return out

    def any(self, tag: str) -> bool:
        found = self._any.get(tag)
        if found is None:
            if tag in self._by_tag:
                found = True
            else:
                prefix = tag + "."
                found = any(t.startswith(prefix) for t in self._by_tag)
            self._any[tag] = found
        return found


def _is_builtin(lexicon: Lexicon) -> bool:
    """A lexicon shipped with caselint (its entries were checked by the test suite's attack harness)."""
    from caselint.lexicon.loader import builtin_lexicons

    return any(lexicon.id == b.id and lexicon.source == b.source for b in builtin_lexicons())


def _hit_order(h: Hit) -> tuple[int, int]:
    return (h.start, -h.end)


class CompiledLexicons:
    def __init__(self, nlp, lexicons: tuple[Lexicon, ...], base: "CompiledLexicons | None" = None):
        """``base``: a set compiled on the same pipeline whose hits this one adds to (a language's
        lexicons on top of the English ones); its entries come first, as if loaded before these."""
        from spacy.matcher import Matcher, PhraseMatcher

        self.base = base
        self.lexicons = (base.lexicons if base else ()) + lexicons
        self.templates: dict[str, str] = dict(base.templates) if base else {}
        for lexicon in lexicons:
            self.templates.update(lexicon.templates)
        own_entries = [e for lx in lexicons for e in lx.entries]
        self.entries: list[Entry] = (base.entries if base else []) + own_entries
        self.tags = frozenset(e.tag for e in self.entries)
        self._phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._case_phrase_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Patterns are validated (with spaCy's own messages) on this matcher, then added to the fast one.
        validating = Matcher(nlp.vocab, validate=True)
        self._matcher = Matcher(nlp.vocab, validate=False)  # token patterns the bounded matcher cannot take
        self._token_matcher = token_matcher.BoundedTokenMatcher(nlp.vocab)
        self._regexes: list[tuple[re.Pattern[str], re.Pattern[str] | None, Entry, tuple[str, ...] | None, bool]] = []
        self._key_to_entry: dict[int, Entry] = {}
        flags = _FlagTable.for_vocab(nlp.vocab)
        builtin = {id(e) for lx in lexicons if lx.source.startswith("lexicons/") and _is_builtin(lx) for e in lx.entries}
        # Token patterns made only of fixed words (LOWER = "x" / IN [...], optionally "?") are expanded into
        # phrases for the PhraseMatcher, which matches them in C; other bounded word-form patterns go to
        # the BoundedTokenMatcher; only the rest (a user's '+', '*', '!', ...) to spaCy's Matcher.
        expanded = {e.id: _expand_to_phrases(e.patterns) for e in own_entries if not e.phrases and e.patterns}
        pattern_entries = [e for e in own_entries if not e.phrases and e.patterns and expanded.get(e.id) is None]
        bounded = {e.id for e in pattern_entries if all(token_matcher.supports(p) for p in e.patterns)}
        flags.reserve([e for e in pattern_entries if e.id not in bounded])
        for entry in own_entries:
            key = f"caselint:{entry.id}"
            key_id = nlp.vocab.strings.add(key)
            self._key_to_entry[key_id] = entry
            if entry.phrases:
                matcher = self._case_phrase_matcher if entry.case_sensitive else self._phrase_matcher
                matcher.add(key, _phrase_docs(nlp, entry.phrases))
            elif entry.patterns:
                try:
                    validating.add(key, [list(p) for p in entry.patterns])
                except Exception as exc:  # spaCy raises ValueError / MatchPatternError with details
                    first = str(exc).strip().splitlines()
                    detail = " ".join(line.strip() for line in first if line.strip())[:300]
                    raise LexiconError(f"{entry.source}: entry {entry.id!r}: invalid token pattern: {detail}") from None
                phrases = expanded.get(entry.id)
                if phrases is not None:
                    from spacy.tokens import Doc

                    self._phrase_matcher.add(key, [Doc(nlp.vocab, words=list(words)) for words in phrases])
                elif entry.id in bounded:
                    self._token_matcher.add(key_id, entry.patterns)
                else:
                    self._matcher.add(key, [flags.rewrite(p) for p in entry.patterns])
            else:
                flags_ = 0 if entry.case_sensitive else re.IGNORECASE
                # A case-insensitive regex written in lower case runs without IGNORECASE on the
                # lower-cased text: same matches, several times faster in Python's re. The IGNORECASE
                # form is then only a fallback (text that lower() changes in length): compiled when needed.
                fast = re.compile(entry.regex) if flags_ and _lowercase_authored(entry.regex) else None
                compiled = _LazyRegex(entry.regex, flags_) if fast is not None else re.compile(entry.regex, flags_)
                literals = required_literals(compiled)
                # A user's regex runs on RE2 (linear time) when it means the same there.
                linear = None if id(entry) in builtin else linear_engine(entry.regex, bool(flags_))
                if linear is not None:
                    self._regexes.append((linear, None, entry, literals, bool(flags_)))
                    continue
                self._regexes.append((compiled, fast, entry, literals, bool(flags_)))

    def entries_with_tag(self, tag: str) -> list[Entry]:
        prefix = tag + "."
        return [e for e in self.entries if e.tag == tag or e.tag.startswith(prefix)]

    def match(self, doc, text: str) -> Hits:
        return Hits(self._hits(doc, text))

    def _hits(self, doc, text: str) -> list[Hit]:
        """The base set's hits, then this set's: phrase matches, token patterns, regexes."""
        hits: list[Hit] = self.base._hits(doc, text) if self.base is not None else []
        key_to_entry = self._key_to_entry
        # A phrase that a hard-wrapped line breaks in two ('I look forward to' / 'your reply') is
        # matched on the doc without those line breaks; tokens map back to the draft's own offsets.
        mdoc, kept = _unwrapped(doc)
        for matcher in (self._phrase_matcher, self._case_phrase_matcher, self._token_matcher, self._matcher):
            if not len(matcher):
                continue
            if matcher is self._token_matcher:
                from spacy.attrs import ORTH, SENT_START

                arr = mdoc.to_array([ORTH, SENT_START]).tolist() if len(mdoc) else []
                matches = matcher([a for a, _ in arr], [s == 1 for _, s in arr])
            else:
                matches = matcher(mdoc)
            if not matches:
                continue
            idx, ends = _token_offsets(doc), _token_ends(doc)
            for key, start, end in matches:
                first, last = (start, end - 1) if kept is None else (kept[start], kept[end - 1])
                s, e = idx[first], ends[last]
                span = text[s:e]
                hits.append(Hit(key_to_entry[key], s, e, span, span))
        # Regexes whose required literal text does not occur cannot match: skip them. Lower-casing is
        # only a safe stand-in for re.IGNORECASE when no character folds onto ASCII letters.
        lowered = text.lower() if _fold_safe(text) else None
        same_length = lowered is not None and len(lowered) == len(text)
        for pattern, fast, entry, literals, ignorecase in self._regexes:
            if literals is not None:
                if not ignorecase:
                    if not any(lit in text for lit in literals):
                        continue
                elif lowered is not None and not any(lit in lowered for lit in literals):
                    continue
            has_value = "value" in (fast or pattern).groupindex
            matches = fast.finditer(lowered) if fast is not None and same_length else pattern.finditer(text)
            for m in matches:
                s, e = m.span()
                if e > s:
                    whole = text[s:e]
                    value = None
                    if has_value:
                        vs, ve = m.span("value")
                        value = text[vs:ve] if vs >= 0 else None
                    hits.append(Hit(entry, s, e, whole, value or whole))
        return hits


class _LazyRegex:
    """A regex compiled on first use; ``pattern`` and ``flags`` are there without compiling."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


_LETTER_WORDS = re.compile(r"[a-z]+(?: [a-z]+)*")


def _phrase_docs(nlp, phrases: tuple[str, ...]) -> list:
    """Phrase patterns as Docs. A phrase of plain lower-case words, none of them a tokenizer special
    case ("cannot" -> "can" "not"), is split on spaces exactly as the tokenizer would split it; only
    the others go through the tokenizer, which is most of the lexicon compile time otherwise."""
    from spacy.tokens import Doc

    special = _special_cases(nlp)
    docs = []
    slow: list[str] = []
    for phrase in phrases:
        if _LETTER_WORDS.fullmatch(phrase) and not any(w in special for w in phrase.split(" ")):
            docs.append(Doc(nlp.vocab, words=phrase.split(" ")))
        else:
            slow.append(phrase)
    docs.extend(nlp.tokenizer.pipe(slow))
    return docs


def _special_cases(nlp) -> frozenset[str]:
    cached = getattr(nlp, "_caselint_special_cases", None)
    if cached is None:
        rules = getattr(nlp.tokenizer, "rules", None) or {}
        cached = frozenset(k.lower() for k in rules)
        nlp._caselint_special_cases = cached
    return cached


_MAX_EXPANSION = 5000


def _expand_to_phrases(patterns) -> list[tuple[str, ...]] | None:
    """All word sequences a fixed-word pattern can match, or None if it has any other condition.

    Exactly the Matcher's semantics for LOWER equality: every token is one word, compared lower-cased.
    """
    out: list[tuple[str, ...]] = []
    for pattern in patterns:
        seqs: list[tuple[str, ...]] = [()]
        for spec in pattern:
            op = spec.get("OP")
            rest = {k: v for k, v in spec.items() if k != "OP"}
            if set(rest) != {"LOWER"} or op not in (None, "?"):
                return None
            value = rest["LOWER"]
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str) for w in value["IN"]):
                words = list(value["IN"])
            else:
                return None
            if any(w != w.lower() or not w or any(c.isspace() for c in w) for w in words):
                return None
            grown = [s + (w,) for s in seqs for w in words]
            seqs = grown + seqs if op == "?" else grown
            if len(seqs) > _MAX_EXPANSION:
                return None
        out.extend(s for s in seqs if s)
        if len(out) > _MAX_EXPANSION:
            return None
    return out


def _unwrapped(doc):
    """``doc`` without the whitespace tokens of line breaks that only wrap a sentence (the sentencizer
    records them in ``user_data``), and the original index of every token kept; ``(doc, None)`` when
    nothing is wrapped. Built from arrays; lexical attributes and sentence starts carry over."""
    wraps = doc.user_data.get("caselint.soft")
    if not wraps:
        return doc, None
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, SENT_START
    from spacy.tokens import Doc

    arr = doc.to_array([IDX, IS_SPACE, SENT_START])
    at = np.searchsorted(arr[:, 0], np.asarray(wraps), side="right") - 1
    at = at[at >= 0]
    at = at[arr[at, 1] == 1]  # the whitespace token holding the line break
    if not len(at):
        return doc, None
    keep = np.ones(len(doc), dtype=bool)
    keep[at] = False
    kept = np.flatnonzero(keep)
    from caselint.nlp import doc_text

    text = doc_text(doc)
    begins, ends = arr[kept, 0].tolist(), np.asarray(_token_ends(doc))[kept].tolist()
    # A token has trailing whitespace when a space follows it; one before a dropped line break gets it too.
    dropped_next = np.zeros(len(doc), dtype=bool)
    dropped_next[:-1] = ~keep[1:]
    after = [text[e:e + 1] == " " for e in ends]
    spaces = [a or d for a, d in zip(after, dropped_next[kept].tolist())]
    starts = arr[kept, 2].tolist()
    squeezed = Doc(doc.vocab, words=[text[b:e] for b, e in zip(begins, ends)], spaces=spaces,
                   sent_starts=[True if v == 1 else False if v == -1 else None for v in starts])
    return squeezed, kept.tolist()


def _token_ends(doc) -> list[int]:
    """Character offset just after every token (cached on the Doc's user_data like the starts)."""
    cached = doc.user_data.get("caselint.ends")
    if cached is None:
        from spacy.attrs import IDX, LENGTH

        arr = doc.to_array([IDX, LENGTH]) if len(doc) else None
        cached = (arr[:, 0] + arr[:, 1]).tolist() if arr is not None else []
        doc.user_data["caselint.ends"] = cached
    return cached


def _token_offsets(doc) -> list[int]:
    """Character offset of every token (cached on the Doc's user_data for this match pass)."""
    cached = doc.user_data.get("caselint.idx")
    if cached is None:
        from spacy.attrs import IDX

        cached = doc.to_array(IDX).tolist() if len(doc) else []
        doc.user_data["caselint.idx"] = cached
    return cached


# Characters outside ASCII that re.IGNORECASE matches against ASCII letters (İ, ı, ſ and the Kelvin
# sign); tests/test_perf_equivalence.py recomputes this list.
_ASCII_FOLDS = frozenset("\u0130\u0131\u017f\u212a")


_ESCAPE = re.compile(r"\\.")
_GROUP_NAME = re.compile(r"\(\?P(?:<\w+>|=\w+\))")


def _lowercase_authored(regex: str) -> bool:
    """True when no ASCII capital appears outside escapes (\\D, \\W, ...) and group names."""
    stripped = _GROUP_NAME.sub("", _ESCAPE.sub("", regex))
    return not any("A" <= c <= "Z" for c in stripped)


def _fold_safe(text: str) -> bool:
    return text.isascii() or not any(c in _ASCII_FOLDS for c in text)


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literal strings one of which every match must contain (lower-cased under IGNORECASE), or None.

    Conservative: only literal runs, groups without inline flags, alternations and repeats of at least
    once are understood; anything else gives no requirement. Patterns that can match the empty string
    give None.
    """
    try:
        import re._parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - the pattern compiled, so this should not happen
        return None
    if parsed.getwidth()[0] == 0:
        return None
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    lits = _seq_literals(list(parsed), sre_parse, ignorecase)
    if not lits or any(not lit for lit in lits):
        return None
    if ignorecase and not all(lit.isascii() for lit in lits):
        return None
    return tuple(sorted(set(lits)))


def _seq_literals(items, sre_parse, ignorecase: bool) -> list[str] | None:
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore

    best: list[str] | None = None

    def consider(cands: list[str] | None) -> None:
        nonlocal best
        if cands and all(cands):
            if best is None or min(map(len, cands)) > min(map(len, best)):
                best = cands

    run: list[str] = []
    for op, av in items:
        if op is LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(["".join(run)])
            run = []
        if op is SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                continue
            consider(_seq_literals(list(sub), sre_parse, ignorecase))
        elif op is BRANCH:
            alternatives = []
            for alt in av[1]:
                got = _seq_literals(list(alt), sre_parse, ignorecase)
                if not got:
                    alternatives = None
                    break
                alternatives.extend(got)
            consider(alternatives)
        elif op in (MAX_REPEAT, MIN_REPEAT):
            low, _high, sub = av
            if low >= 1:
                consider(_seq_literals(list(sub), sre_parse, ignorecase))
    if run:
        consider(["".join(run)])
    if best is not None and ignorecase:
        best = [b.lower() for b in best]
    return best


class _FlagTable:
    """Turn word-form predicates (``{"LOWER": {"IN": [...]}}``, ``FUZZYn``, ``REGEX`` on LOWER or
    TEXT) into lexeme flags that spaCy's Matcher checks in C.

    spaCy evaluates these predicates in Python for every token and every pattern that could start
    there, which dominated the match pass. Over LOWER or ORTH they depend only on the word form, so
    each is exactly a lexeme flag (``Vocab.add_flag``, computed once per word type). There are 45 free
    flag bits, given first to the predicates that start a pattern (the hot ones); predicates without a
    flag keep spaCy's own evaluation. Results are identical (tests/test_perf_equivalence.py).
    """

    _tables: dict[int, "_FlagTable"] = {}
    _FIRST, _LAST = 19, 63  # FLAG19..FLAG63 are free in spaCy's attribute table

    def __init__(self, vocab):
        self.vocab = vocab
        self.flags: dict[tuple[str, frozenset[str]], int] = {}

    @classmethod
    def for_vocab(cls, vocab) -> "_FlagTable":
        table = cls._tables.get(id(vocab))
        if table is None or table.vocab is not vocab:
            table = cls._tables[id(vocab)] = cls(vocab)
        return table

    @staticmethod
    def _key(attr: str, value) -> tuple | None:
        """A hashable description of a word-form predicate spaCy would evaluate in Python, or None."""
        if not isinstance(value, dict):  # plain equality and booleans: spaCy checks those in C
            return None
        key = token_matcher.predicate_key(attr, value)
        return key if key is not None and key[0] != "BOOL" else None

    def reserve(self, entries) -> None:
        """Allocate flags: first the sets of first tokens, then second tokens, and so on."""
        by_position: dict[int, list] = defaultdict(list)
        for entry in entries:
            for pattern in entry.patterns:
                for i, spec in enumerate(pattern):
                    for attr, value in spec.items():
                        key = self._key(attr, value) if isinstance(attr, str) else None
                        if key is not None:
                            by_position[i].append(key)
        for position in sorted(by_position):
            for key in by_position[position]:
                if key not in self.flags:
                    if not self._free():
                        return
                    self._allocate(key)

    def _free(self) -> list[int]:
        used = set(self.vocab.lex_attr_getters) | set(self.flags.values())
        return [f for f in range(self._FIRST, self._LAST + 1) if f not in used]

    def _allocate(self, key) -> int | None:
        free = self._free()
        if not free:
            return None
        flag = self.vocab.add_flag(token_matcher.predicate(self.vocab, key), flag_id=free[0])
        self.flags[key] = flag
        return flag

    def rewrite(self, pattern) -> list[dict]:
        out = []
        for spec in pattern:
            new: dict = {}
            for attr, value in spec.items():
                key = self._key(attr, value) if isinstance(attr, str) else None
                flag = self.flags.get(key) if key is not None else None
                if flag is not None:
                    new[flag] = True
                else:
                    new[attr] = value
            out.append(new)
        return out


def compile_lexicons(nlp, lexicons: tuple[Lexicon, ...], base: CompiledLexicons | None = None) -> CompiledLexicons:
    return CompiledLexicons(nlp, lexicons, base)
