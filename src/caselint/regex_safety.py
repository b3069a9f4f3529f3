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


def _is_repeating(op, av) -> bool:
    """A repeat that can run its body more than once (``+``, ``*``, ``{2}``, ``{1,3}``), bounded or not."""
    return op in _REPEATS and av[1] >= 2


_MAX_SPLITS = 10_000  # ways a bounded repeat may split a run between the variable repeats inside it


def _choices(items) -> float:
    """How many lengths the variable repeats in ``items`` can take together (1: none; inf: unbounded).
    A repeat around them can split a run in about choices ** (its own count) ways."""
    total = 1.0
    for op, av in items:
        if op in _REPEATS and av[0] != av[1]:
            if av[1] == _UNBOUNDED:
                return float("inf")
            total *= av[1] - av[0] + 1
        for child in _children(op, av):
            total *= _choices(child)
    return total


def _nested_blowup(op, av) -> bool:
    """A repeat over a body with variable repeats inside: unbounded, it can split a run in exponentially
    many ways (``(a+)+``, ``(?:\\d{1,3},?)+``, bounded inner repeats included); bounded, only when
    choices ** count is large (``(?:a{1,50}){1,50}``)."""
    choices = _choices(av[2])
    if choices <= 1:
        return False
    if av[1] == _UNBOUNDED:
        return True
    if choices == float("inf"):
        # Bounded around unbounded: polynomial (a run split into at most `count` pieces), unless the
        # body's repeats cannot give a run to the next iteration ('(?:\\s+[a-z]+){0,3}' is linear).
        body = list(av[2])
        return _adjacent_repeats(body + body) is not None
    try:
        return choices ** av[1] > _MAX_SPLITS
    except OverflowError:
        return True


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


_probes: tuple[str, ...] = _PROBE  # _PROBE plus the characters of the pattern being checked


def _pattern_probes(items) -> tuple[str, ...]:
    """Characters that witness every overlap the pattern's own classes can have: its literals, both ends
    of its ranges, and in each range the first digit, space, other word character and other character
    (so a Cyrillic or CJK range is judged on its own letters, not on ASCII and a few samples)."""
    extra: set[str] = set()
    budget = [2_000_000]  # code points scanned at most, over the whole pattern

    def kinds_in(lo: int, hi: int) -> None:
        wanted = {"digit", "space", "word", "other"}
        for code in range(lo, hi + 1):
            if not wanted or budget[0] <= 0:
                return
            budget[0] -= 1
            ch = chr(code)
            kind = ("digit" if ch.isdecimal() else "space" if ch.isspace()
                    else "word" if ch.isalnum() or ch == "_" else "other")
            if kind in wanted:
                wanted.discard(kind)
                extra.add(ch)

    def walk(nodes) -> None:
        for op, av in nodes:
            if op in (C.LITERAL, C.NOT_LITERAL):
                extra.add(chr(av))
            elif op == C.IN:
                for cop, cav in av:
                    if cop in (C.LITERAL, C.NOT_LITERAL):
                        extra.add(chr(cav))
                    elif cop == C.RANGE:
                        extra.update((chr(cav[0]), chr(cav[1])))
                        kinds_in(cav[0], cav[1])
            else:
                for child in _children(op, av):
                    walk(child)

    walk(items)
    extra.update(c.lower() for c in list(extra) if len(c.lower()) == 1)
    extra.update(c.upper() for c in list(extra) if len(c.upper()) == 1)
    return _PROBE + tuple(sorted(extra - set(_PROBE)))


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
                out.update(ch for ch in _probes if ch != chr(av))
        elif op == C.ANY:
            out.update(_probes)
        elif op == C.IN:
            out.update(ch for ch in _probes if _class_has(ch, av))
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
            if not _nullable([(op, av)]):  # a required repeat over other characters ends earlier runs
                open_sets = [prev for prev in open_sets if prev & alphabet]
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
    return chars if op == C.ASSERT_NOT else frozenset(_probes) - chars


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
        if _is_repeating(op, av) and op != C.POSSESSIVE_REPEAT:
            if _nested_blowup(op, av):
                return ("a repeat contains another repeat of variable length (e.g. '(a+)+', "
                        "'(?:\\d{1,3},?)+'), which can take exponential time")
        if _is_unbounded(op, av) and op != C.POSSESSIVE_REPEAT:
            if _contains_branch(av[2]):
                return "an unbounded repeat over alternatives (e.g. '(a|ab)*'); use a character class"
        for child in _children(op, av):
            problem = _scan(child)
            if problem:
                return problem
    return None


def find_backtracking_risk(pattern: str) -> str | None:
    """Return why ``pattern`` is unsafe, or None when it is safe to run on any input."""
    global _probes
    try:
        parsed = sre_parse.parse(pattern)
    except RecursionError:
        return "cannot analyse pattern: nested too deeply"
    except Exception as exc:  # re.error, OverflowError on huge repeat counts
        return f"cannot analyse pattern: {exc}"
    try:
        _probes = _pattern_probes(list(parsed))
        return _scan(list(parsed)) or _leading_repeat(list(parsed))
    except RecursionError:
        return "cannot analyse pattern: nested too deeply"
    finally:
        _probes = _PROBE


# --- A linear-time engine for user regexes ---------------------------------------------------------
#
# A user's `regex = ...` runs on RE2 (google-re2, the optional extra `caselint[re2]`) when it can mean
# exactly the same there: RE2 never backtracks, so no input makes it slow and no static check is
# needed. Python's \d, \w, \s are Unicode-aware and RE2's are ASCII, so they are translated to the
# Unicode classes Python uses; what cannot be translated (\b and \B, '$' before a final newline,
# look-arounds, backreferences, possessive repeats, verbose mode, ...) keeps Python's re and must pass
# the checker above. Without google-re2 installed every user regex takes that path.

_UNSET = object()
_re2: object = _UNSET  # the google-re2 module, imported on first use (None: not installed)


def _re2_module():
    global _re2
    if _re2 is _UNSET:
        try:
            import re2  # type: ignore[import-not-found]

            _re2 = re2
        except Exception:  # ImportError, or a broken binary wheel  # noqa: BLE001
            _re2 = None
    return _re2

_PY_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_IN_CLASS = {"d": r"\p{Nd}", "w": r"\p{L}\p{N}_", "s": _PY_SPACE}
_OUT_CLASS = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": r"[\p{L}\p{N}_]", "W": r"[^\p{L}\p{N}_]",
              "s": f"[{_PY_SPACE}]", "S": f"[^{_PY_SPACE}]"}
_SAME_ESCAPES = set("tnrfv.^$*+?()[]{}|\\/-#&~ \"'!,:;<=>@%`") | {"A"}


def _to_re2(pattern: str) -> str | None:
    """``pattern`` (Python syntax) in RE2 syntax with the same meaning, or None when there is none."""
    out: list[str] = []
    in_class = False
    class_start = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n:
                return None
            nxt = pattern[i + 1]
            if nxt in _IN_CLASS and in_class:
                out.append(_IN_CLASS[nxt])
            elif nxt in _OUT_CLASS and not in_class:
                out.append(_OUT_CLASS[nxt])
            elif nxt in "DWS":  # a negated class inside a class cannot be written in RE2
                return None
            elif nxt == "Z" and not in_class:
                out.append(r"\z")
            elif nxt == "u" and re_hex(pattern, i + 2, 4):
                out.append(r"\x{" + pattern[i + 2:i + 6] + "}")
                i += 6
                class_start = False
                continue
            elif nxt == "U" and re_hex(pattern, i + 2, 8):
                out.append(r"\x{" + pattern[i + 2:i + 10].lstrip("0").rjust(1, "0") + "}")
                i += 10
                class_start = False
                continue
            elif nxt == "x" and re_hex(pattern, i + 2, 2):
                out.append(pattern[i:i + 4])
                i += 4
                class_start = False
                continue
            elif nxt in _SAME_ESCAPES and not (nxt == "A" and in_class):
                out.append(ch + nxt)
            else:  # \b \B \N{...} \0 \1 ... and anything else: keep Python's re
                return None
            i += 2
            class_start = False
            continue
        if in_class:
            if ch == "]" and not class_start:
                in_class = False
            elif ch == "[":  # Python warns about nested sets; RE2 reads [: as POSIX classes
                return None
            class_start = class_start and ch == "^"
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            class_start = True
            out.append(ch)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            continue
        if ch == "$":  # Python: end, or before a newline at the end; RE2: end only
            return None
        if ch == "(" and pattern.startswith("(?", i):
            rest = pattern[i + 2:i + 4]
            if rest[:1] == ":" or rest[:2] == "P<":
                out.append(pattern[i:i + 3] if rest[:1] == ":" else "(?P<")
                i += 3 if rest[:1] == ":" else 4
                continue
            flags = ""
            j = i + 2
            while j < n and pattern[j] in "imsx-":
                flags += pattern[j]
                j += 1
            if flags and j < n and pattern[j] in ":)" and "x" not in flags:
                out.append(pattern[i:j + 1])
                i = j + 1
                continue
            return None  # look-arounds, atomic groups, (?P=name), comments, conditionals, (?x), (?a) ...
        if ch == "{" and pattern.startswith("{,", i):  # Python: {0,n}; RE2: a literal
            return None
        if ch in "*+?}" and i + 1 < n and pattern[i + 1] == "+":  # possessive
            return None
        out.append(ch)
        i += 1
    return None if in_class else "".join(out)


def re_hex(text: str, start: int, count: int) -> bool:
    chunk = text[start:start + count]
    return len(chunk) == count and all(c in "0123456789abcdefABCDEF" for c in chunk)


class _Re2Match:
    __slots__ = ("_m", "_names")

    def __init__(self, m, names):
        self._m = m
        self._names = names

    def span(self, group=0):
        return self._m.span(self._names[group] if isinstance(group, str) else group)


class LinearPattern:
    """A user regex compiled by RE2, with the part of ``re.Pattern``'s interface the matcher uses."""

    __slots__ = ("pattern", "translated", "groupindex", "_compiled")

    def __init__(self, pattern: str, translated: str, compiled):
        self.pattern = pattern
        self.translated = translated
        self._compiled = compiled
        self.groupindex = dict(compiled.groupindex)

    def finditer(self, text: str):
        names = self.groupindex
        for m in self._compiled.finditer(text):
            yield _Re2Match(m, names)


def linear_engine(pattern: str, ignorecase: bool = False) -> LinearPattern | None:
    """``pattern`` compiled for RE2 when google-re2 is installed and the pattern means the same there;
    None when it needs Python's backtracking re (then it must pass :func:`find_backtracking_risk`)."""
    re2 = _re2_module()
    if re2 is None:
        return None
    translated = _to_re2(pattern)
    if translated is None:
        return None
    try:
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        compiled = re2.compile(("(?i)" if ignorecase else "") + translated, options)
    except Exception:  # noqa: BLE001 - anything RE2 refuses stays on re (and its checker)
        return None
    return LinearPattern(pattern, translated, compiled)


def engine_available() -> bool:
    return _re2_module() is not None
