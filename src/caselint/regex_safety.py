r"""Reject regexes that can backtrack catastrophically before they ever run.

Python's ``re`` is a backtracking engine, so a pattern such as ``(a+)+$`` takes exponential time
on a string of a's followed by a non-match. Lexicons may come from users, so every regex is
checked at load time: an unbounded repeat that contains another unbounded repeat, or an
unbounded repeat over alternatives, is refused with a clear message. Backreferences are refused
too. So are two unbounded repeats that can match the same characters one after the other with
only optional items between them (``\s*\s*``, ``[ \t]*(?:no)?[ \t]*``): on a long run of such
characters followed by a non-match the engine tries every way to split the run, which is
polynomial (cubic for three repeats) and hangs just as surely on a large draft. Make the first
repeat possessive (``[ \t]*+``) or merge the repeats. Last, a match that can begin with an
unbounded repeat (``\d+ units``) is tried from every position inside a long run of the repeated
characters, each attempt scanning to the end of the run: quadratic, minutes on one line of a
large draft. Such a repeat needs a look-behind that stops a match from starting inside the run
(``(?<!\d)\d+ units``), a fixed prefix, or a bound (``\d{1,12} units``). The built-in lexicons pass
this check; a test runs them on adversarial input.
"""

from __future__ import annotations

import re._constants as C  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_UNBOUNDED = C.MAXREPEAT


def _is_unbounded(op, av) -> bool:
    return op in _REPEATS and (av[1] == _UNBOUNDED or av[1] > 50)


def _children(op, av):
    if op in _REPEATS:
        yield av[2]
    elif op == C.SUBPATTERN:
        yield av[3]
    elif op == C.BRANCH:
        yield from av[1]
    elif op in (C.ASSERT, C.ASSERT_NOT):
        yield av[1]
    elif op == C.ATOMIC_GROUP:
        yield av
    elif op == C.GROUPREF_EXISTS:
        yield av[1]
        if av[2] is not None:
            yield av[2]


def _contains_unbounded(items) -> bool:
    for op, av in items:
        if _is_unbounded(op, av):
            return True
        if any(_contains_unbounded(child) for child in _children(op, av)):
            return True
    return False


def _contains_branch(items) -> bool:
    for op, av in items:
        if op == C.BRANCH:
            return True
        if op == C.SUBPATTERN and _contains_branch(av[3]):
            return True
    return False


# Characters the alphabet analysis probes: ASCII plus a few non-ASCII letters, spaces and symbols.
_PROBE = tuple(chr(c) for c in range(128)) + tuple("\u00a0\u00e9\u00df\u20ac\u00a3\u00a5\u4e2d\u2028\u200b\U0001f600")
_CATEGORY_RE = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}


def _class_has(ch: str, items) -> bool:
    import re

    negate = bool(items) and items[0][0] == C.NEGATE
    hit = False
    for op, av in items:
        if op == C.LITERAL and ch == chr(av):
            hit = True
        elif op == C.RANGE and av[0] <= ord(ch) <= av[1]:
            hit = True
        elif op == C.CATEGORY:
            regex = _CATEGORY_RE.get(av)
            hit = hit or regex is None or re.match(regex, ch) is not None
    return hit != negate


def _alphabet(items) -> frozenset[str]:
    """Probe characters that ``items`` can consume anywhere (case-folded: lexicons match ignoring case)."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL):
            if op == C.LITERAL:
                out.add(chr(av))
            else:
                out.update(ch for ch in _PROBE if ch != chr(av))
        elif op == C.ANY:
            out.update(_PROBE)
        elif op == C.IN:
            out.update(ch for ch in _PROBE if _class_has(ch, av))
        else:
            for child in _children(op, av):
                out |= _alphabet(child)
    return frozenset(out | {c.lower() for c in out} | {c.upper() for c in out if len(c.upper()) == 1})


def _nullable(items) -> bool:
    """Whether ``items`` can match the empty string."""
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return False
        if op in _REPEATS:
            if av[0] > 0 and not _nullable(av[2]):
                return False
        elif op == C.SUBPATTERN:
            if not _nullable(av[3]):
                return False
        elif op == C.ATOMIC_GROUP:
            if not _nullable(av):
                return False
        elif op == C.BRANCH:
            if not any(_nullable(alt) for alt in av[1]):
                return False
    return True


def _flatten(items):
    """A sequence with plain groups inlined, so that ``x*(?P<v>x+)`` shows its two adjacent repeats."""
    for op, av in items:
        if op == C.SUBPATTERN:
            yield from _flatten(av[3])
        else:
            yield op, av


def _adjacent_repeats(items) -> str | None:
    """Two backtracking unbounded repeats over shared characters with only optional items between."""
    open_sets: list[frozenset[str]] = []  # alphabets of earlier repeats the engine can still give back into
    for op, av in _flatten(items):
        if _is_unbounded(op, av) and op != C.POSSESSIVE_REPEAT:
            alphabet = _alphabet(av[2])
            if any(alphabet & prev for prev in open_sets):
                return (
                    "two unbounded repeats can match the same characters one after the other "
                    "(e.g. '\\s*(?:x)?\\s*'); make the first one possessive ('*+') or merge them"
                )
            open_sets.append(alphabet)
        elif not _nullable([(op, av)]):
            alphabet = _alphabet([(op, av)])
            # A required element the repeats cannot consume separates them; one they can does not.
            open_sets = [prev for prev in open_sets if prev & alphabet]
    return None


def _lookbehind_excludes(op, av) -> frozenset[str] | None:
    """Characters a one-character look-behind forbids just before the match (None: not such a look-behind)."""
    if op not in (C.ASSERT, C.ASSERT_NOT) or av[0] != -1:
        return None
    body = list(av[1])
    if len(body) != 1 or body[0][0] not in (C.LITERAL, C.IN, C.NOT_LITERAL, C.ANY):
        return None
    chars = _alphabet(body)
    return chars if op == C.ASSERT_NOT else frozenset(_PROBE) - chars


def _leading_repeat(items, excluded: frozenset[str] = frozenset(), prefix: tuple = (), boundary: bool = False) -> str | None:
    """A match that may start inside a long run of the characters of an unbounded repeat it begins with."""
    flat = list(_flatten(items))
    for i, (op, av) in enumerate(flat):
        if op == C.BRANCH:
            rest = flat[i + 1 :]
            for alt in av[1]:
                problem = _leading_repeat(list(alt) + rest, excluded, prefix, boundary)
                if problem:
                    return problem
            return None
        blocked = _lookbehind_excludes(op, av)
        if blocked is not None:
            excluded = excluded | blocked
            continue
        if op == C.AT:
            if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_BEGINNING_LINE):
                return None  # anchored: one start (per line at most)
            boundary = boundary or av == C.AT_BOUNDARY
            continue
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if _is_unbounded(op, av):
            run = _alphabet(av[2])
            if all(p & run for p in prefix):
                inner = run - excluded
                if boundary and all(ch.isalnum() or ch == "_" for ch in run):
                    inner = frozenset()  # '\\b\\w+': no word boundary inside a run of word characters
                if inner:
                    return (
                        "the match can start anywhere inside a long run of characters that an unbounded "
                        "repeat near its start consumes (e.g. '\\d+ units'), which takes quadratic time; "
                        "add a look-behind such as '(?<!\\d)', a fixed prefix, or a bound such as '{1,20}'"
                    )
            return None
        if _nullable([(op, av)]):
            continue
        prefix = prefix + (_alphabet([(op, av)]),)
    return None


def _scan(items) -> str | None:
    problem = _adjacent_repeats(items)
    if problem:
        return problem
    for op, av in items:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "backreferences are not allowed"
        if _is_unbounded(op, av) and op != C.POSSESSIVE_REPEAT:
            if _contains_unbounded(av[2]):
                return "an unbounded repeat contains another unbounded repeat (e.g. '(a+)+')"
            if _contains_branch(av[2]):
                return "an unbounded repeat over alternatives (e.g. '(a|ab)*'); use a character class"
        for child in _children(op, av):
            problem = _scan(child)
            if problem:
                return problem
    return None


def find_backtracking_risk(pattern: str) -> str | None:
    """Return why ``pattern`` is unsafe, or None when it is safe to run on any input."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception as exc:  # re.error, or a recursion error on absurd nesting
        return f"cannot analyse pattern: {exc}"
    try:
        return _scan(list(parsed)) or _leading_repeat(list(parsed))
    except RecursionError:
        return "cannot analyse pattern: nested too deeply"
