"""Run every regex caselint ships on adversarial inputs built to trigger backtracking.

For each pattern and each repeat inside it, build ``prefix + pump * n + tail``: the prefix is the
shortest text leading up to the repeat, the pump is text the repeat's body matches (each
representative character alone, and all of them in turn, which also defeats look-behinds that only
block a start inside a run of one character), and the tail is a character that makes the match fail
so the engine has to backtrack through the whole pump. Anything super-linear shows up as a long
run on 100k characters.

Patterns covered: every ``regex`` entry of the built-in lexicons (compiled with the flags the
runner uses), every ``REGEX`` inside a built-in token pattern, every compiled pattern at module
level (or as a class attribute) anywhere in ``src/caselint`` (``suppression.MARKER_RE`` etc.), and
every regex written inline in a function (``re.search(r"...", s)``), found by reading the source.

Run as a script (the test runs it in a subprocess with a hang guard)::

    python tests/reliability/regex_attack.py [--size 100000] [--top 10] [--budget 2]

It prints the slowest patterns and exits 1 naming any pattern whose single run took longer than
the budget (linear patterns take milliseconds on 100k characters; a super-linear one takes
seconds at 10k already, so the budget is a hang detector, not a benchmark).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import re._constants as C  # type: ignore[import-not-found]
import re._parser as P  # type: ignore[import-not-found]
import sys
import time

REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
TAILS = ("\x00", "a", "1")
CANDIDATES = " \t\na1Z_-.,:#/(!xX0B$€"


def collect_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(name, compiled pattern) for every regex caselint can run with the built-in data."""
    import caselint
    from caselint.lexicon.loader import load_lexicons

    out: list[tuple[str, re.Pattern[str]]] = []
    for lexicon in load_lexicons():
        for entry in lexicon.entries:
            flags = 0 if entry.case_sensitive else re.IGNORECASE
            if entry.regex:
                out.append((f"{entry.source}:{entry.id}", re.compile(entry.regex, flags)))
                if flags:  # the runner's fast path runs lower-case-authored ones without IGNORECASE
                    out.append((f"{entry.source}:{entry.id}:no-ignorecase", re.compile(entry.regex)))
            for pattern in entry.patterns:
                for token in pattern:
                    for regex in _token_regexes(token):
                        out.append((f"{entry.source}:{entry.id}:token-REGEX", re.compile(regex)))
    seen: set[int] = set()
    for info in pkgutil.walk_packages(caselint.__path__, "caselint."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # optional extras (e.g. the language server) may be missing
            continue
        for attr, value in list(vars(module).items()):
            candidates = [(attr, value)]
            if isinstance(value, type) and value.__module__ == module.__name__:
                candidates += [(f"{attr}.{k}", v) for k, v in vars(value).items()]
            for name, obj in candidates:
                if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str) and id(obj) not in seen:
                    seen.add(id(obj))
                    out.append((f"{info.name}.{name}", obj))
                elif isinstance(obj, dict):
                    for key, item in obj.items():
                        if isinstance(item, re.Pattern) and isinstance(item.pattern, str) and id(item) not in seen:
                            seen.add(id(item))
                            out.append((f"{info.name}.{name}[{key!r}]", item))
    have = {(p.pattern, p.flags) for _, p in out}
    for name, compiled in inline_patterns():
        if (compiled.pattern, compiled.flags) not in have:
            have.add((compiled.pattern, compiled.flags))
            out.append((name, compiled))
    return out


_RE_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
# Inline regexes known to be super-linear, whose module belongs to someone else to fix (keyed by the
# pattern's source, so line moves do not matter). Reported as KNOWN SLOW, not failed; remove an entry
# once its pattern is fixed (the run says so).
KNOWN_SLOW: dict[str, str] = {
    # pattern -> why it is tolerated for now (empty: every pattern the code compiles is linear)
}


def inline_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Regexes written inline in function bodies (``re.search(r"...", s)``, ``re.compile(...)`` inside a
    function), found by reading the source of every module in src/caselint with ``ast``: the
    module-level scan above cannot see them. Flags are taken when they are literal ``re.X`` names."""
    import ast
    from pathlib import Path

    import caselint

    root = Path(caselint.__file__).resolve().parent
    out: list[tuple[str, re.Pattern[str]]] = []
    for file in sorted(root.rglob("*.py")):
        module = "caselint." + ".".join(file.relative_to(root).with_suffix("").parts)
        try:
            tree = ast.parse(file.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _RE_FUNCS and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            flags = 0
            flag_arg = node.args[1] if node.func.attr == "compile" and len(node.args) > 1 else None
            if node.func.attr in ("search", "match", "fullmatch", "finditer", "findall", "split") and len(node.args) > 2:
                flag_arg = node.args[2]
            for kw in node.keywords:
                if kw.arg == "flags":
                    flag_arg = kw.value
            flags = _literal_flags(flag_arg)
            try:
                compiled = re.compile(first.value, flags)
            except re.error:
                continue
            kind = ":match" if node.func.attr in ("match", "fullmatch") else ""
            out.append((f"{module} (inline re.{node.func.attr}, line {node.lineno}){kind}", compiled))
    return out


def _literal_flags(node) -> int:
    import ast

    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr, 0))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _literal_flags(node.left) | _literal_flags(node.right)
    return 0


def _token_regexes(value) -> list[str]:
    from caselint.lexicon.schema import _token_regexes as schema_token_regexes

    return [r for r in schema_token_regexes(value) if isinstance(r, str)]


# --- building attack strings -------------------------------------------------------------------


def _category_chars(cat) -> list[str]:
    table = {
        C.CATEGORY_DIGIT: ["1"],
        C.CATEGORY_NOT_DIGIT: ["a", " "],
        C.CATEGORY_SPACE: [" ", "\t"],
        C.CATEGORY_NOT_SPACE: ["a", "1"],
        C.CATEGORY_WORD: ["a", "1", "_"],
        C.CATEGORY_NOT_WORD: [" ", "-"],
    }
    return table.get(cat, ["a"])


def _in_class(ch: str, items) -> bool:
    code = ord(ch)
    for op, av in items:
        if op == C.LITERAL and av == code:
            return True
        if op == C.RANGE and av[0] <= code <= av[1]:
            return True
        if op == C.CATEGORY and ch in _category_chars(av):
            return True
    return False


def _class_chars(items) -> list[str]:
    if items and items[0][0] == C.NEGATE:
        rest = items[1:]
        return [c for c in CANDIDATES if not _in_class(c, rest)][:3] or ["\x01"]
    chars: list[str] = []
    for op, av in items:
        if op == C.LITERAL:
            chars.append(chr(av))
        elif op == C.RANGE:
            chars.extend([chr(av[0]), chr(av[1])])
        elif op == C.CATEGORY:
            chars.extend(_category_chars(av))
    deduped = list(dict.fromkeys(chars))
    return deduped[:4] or ["a"]


class _Stop(Exception):
    pass


def _repeat_count(items) -> int:
    n = 0
    for op, av in items:
        if op in REPEATS:
            n += 1 + _repeat_count(av[2])
        elif op == C.SUBPATTERN:
            n += _repeat_count(av[3])
        elif op == C.BRANCH:
            n += sum(_repeat_count(alt) for alt in av[1])
        elif op == C.ATOMIC_GROUP:
            n += _repeat_count(av)
    return n


class _Builder:
    """Instantiate a parsed pattern, pumping repeat number ``target`` (DFS order), then stop."""

    def __init__(self, target: int, choice: int, pump_text):
        self.target = target
        self.choice = choice
        self.pump_text = pump_text
        self.counter = -1
        self.parts: list[str] = []

    def emit(self, items, choice: int | None = None) -> None:
        choice = self.choice if choice is None else choice
        for op, av in items:
            if op == C.LITERAL:
                self.parts.append(chr(av))
            elif op == C.NOT_LITERAL:
                self.parts.append("a" if av != ord("a") else "b")
            elif op == C.ANY:
                self.parts.append("a")
            elif op == C.IN:
                chars = _class_chars(av)
                self.parts.append(chars[choice % len(chars)])
            elif op == C.SUBPATTERN:
                self.emit(av[3], choice)
            elif op == C.ATOMIC_GROUP:
                self.emit(av, choice)
            elif op == C.BRANCH:
                alts = av[1]
                # Keep counting repeats inside alternatives not taken, so targets stay stable.
                taken = choice % len(alts)
                for i, alt in enumerate(alts):
                    if i == taken:
                        self.emit(alt, choice)
                    else:
                        self.counter += _repeat_count(alt)
            elif op in REPEATS:
                self.counter += 1
                lo, _hi, body = av
                if self.counter == self.target:
                    self.parts.append(self.pump_text(body))
                    raise _Stop
                if self.counter < self.target <= self.counter + _repeat_count(body):
                    self.emit(body, choice)  # the target is inside: go in once
                else:
                    self.counter += _repeat_count(body)
                    for _ in range(min(lo, 64)):
                        self.emit(body, choice)
            # AT, ASSERT, ASSERT_NOT, GROUPREF...: emit nothing


def attack_strings(pattern: str, flags: int, size: int):
    """Yield (description, text) attack inputs for ``pattern``."""
    parsed = list(P.parse(pattern, flags))
    repeats = _repeat_count(parsed)
    for target in range(repeats):
        for choice in range(2):
            units: list[str] = []

            def pump(body, units=units):
                for c in range(4):
                    b = _Builder(-1, c, None)
                    b.emit(body)
                    units.append("".join(b.parts) or "a")
                return "\x01PUMP\x01"

            builder = _Builder(target, choice, pump)
            try:
                builder.emit(parsed)
            except _Stop:
                pass
            else:
                continue
            prefix = "".join(builder.parts).split("\x01PUMP\x01")[0]
            pumps = list(dict.fromkeys(units + ["".join(dict.fromkeys(units))]))
            for unit in pumps:
                body = unit * max(1, (size - len(prefix)) // len(unit))
                for tail in TAILS:
                    yield (f"repeat {target} choice {choice} pump {unit!r} tail {tail!r}", prefix + body + tail)


def run(size: int, top: int, budget: float) -> int:
    """Attack every pattern at 1k, 10k and ``size`` characters; stop escalating a pattern over budget."""
    patterns = collect_patterns()
    results = []
    slow = []
    total = time.perf_counter()
    inputs = 0
    for name, compiled in patterns:
        worst = (0.0, "", 0)
        previous = 0.0
        for n in sorted({min(1_000, size), min(10_000, size), size}):
            seen: set[str] = set()
            for desc, text in attack_strings(compiled.pattern, compiled.flags & ~re.UNICODE, n):
                key = text[:200] + text[-200:] + str(len(text))
                if key in seen:
                    continue
                seen.add(key)
                inputs += 1
                t0 = time.perf_counter()
                if name.endswith(":match"):  # only ever anchored at the start
                    compiled.match(text)
                else:
                    for _ in compiled.finditer(text):
                        pass
                elapsed = time.perf_counter() - t0
                if elapsed > worst[0]:
                    worst = (elapsed, desc, n)
                if elapsed > budget:
                    break  # one run over budget is enough: do not run the others at this size
            # Over budget; or so slow already that the next size (10x) would be over it even if linear;
            # or growing super-linearly (over 30x for 10x the text, with tens of ms at stake) towards it.
            growth = worst[0] / previous if previous > 0 else 0.0
            if worst[0] > budget or (n < size and (worst[0] * size / n > 10 * budget or (
                    growth > 30 and worst[0] > 0.05 and worst[0] * growth > budget))):
                slow.append((name, worst))
                break
            previous = worst[0]
        results.append((worst[0], name, worst[2], worst[1]))
    results.sort(reverse=True)
    print(f"{len(patterns)} patterns, {inputs} adversarial inputs of 1k, 10k and {size:,} characters, "
          f"{time.perf_counter() - total:.2f} s in all; slowest single runs:")
    for elapsed, name, n, desc in results[:top]:
        print(f"  {elapsed * 1000:8.1f} ms  {name}  ({n:,} chars; {desc})")
    failing = 0
    by_name = dict(patterns)
    for name, (elapsed, desc, n) in slow:
        known = KNOWN_SLOW.get(by_name[name].pattern)
        if known:
            print(f"KNOWN SLOW: {name} took {elapsed:.2f} s on {n:,} characters ({desc}); {known}")
        else:
            failing += 1
            print(f"SLOW: {name} took {elapsed:.2f} s on {n:,} characters ({desc})")
    slow_patterns = {by_name[name].pattern for name, _ in slow}
    for pattern, note in KNOWN_SLOW.items():
        if pattern not in slow_patterns:
            print(f"FIXED (remove it from KNOWN_SLOW): {pattern!r}: {note}")
    return 1 if failing else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--budget", type=float, default=2.0,
                        help="seconds one match run may take before the pattern is reported as SLOW")
    args = parser.parse_args(argv)
    return run(args.size, args.top, args.budget)


if __name__ == "__main__":
    sys.exit(main())
