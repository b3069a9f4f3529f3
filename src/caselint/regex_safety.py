"""Reject regexes that can backtrack catastrophically before they ever run.

Python's ``re`` is a backtracking engine, so a pattern such as ``(a+)+$`` takes exponential time
on a string of a's followed by a non-match. Lexicons may come from users, so every regex is
checked at load time: an unbounded repeat that contains another unbounded repeat, or an
unbounded repeat over alternatives, is refused with a clear message. Backreferences are refused
too. The built-in lexicons pass this check; a test runs them on adversarial input.
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


def _scan(items) -> str | None:
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
    return _scan(list(parsed))
