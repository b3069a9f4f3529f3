"""Apply fixes: pick applicable, non-overlapping edits, apply them, re-lint, repeat until stable.

Pure functions over text and findings (no file I/O; see :mod:`caselint.writing` for that).

Applicability (ruff's model, :class:`caselint.model.Applicability`):

* ``safe``: mechanical and meaning-preserving (sentence case, ``!!!`` -> ``.``, upper-case IDs);
  applied by ``--fix``;
* ``unsafe``: rewording (framing, tone, added sentences); applied only with ``--unsafe-fixes``
  (or ``unsafe-fixes = true`` in the config);
* ``display-only``: needs the seller's own facts (placeholders); shown, never applied.

Each round lints the current text, keeps the applicable fixes in a stable order, skips every fix
that overlaps one already chosen (a fix is all-or-nothing), applies the rest in one pass, and
lints again. It stops when a round has nothing left to apply (converged), when a text repeats
(a cycle) or after ``max_rounds`` rounds; the last two are reported as not converged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from caselint.model import Applicability, Edit, Finding, Fix, Report

MAX_ROUNDS = 12  # fix rounds, and rewrite rounds



def insertion_order(code: str) -> int:
    """Several sentences inserted at the same point (the end of the draft, or before the sign-off) are
    applied in their rules' ``insert_order`` (a class attribute: policy lives on the rules), so the
    closing reads naturally; anything else keeps the findings' order."""
    from caselint.rules.registry import get_rule

    rule = get_rule(code)
    return rule.insert_order if rule is not None else 1000


@dataclass(frozen=True)
class FixResult:
    text: str  # the fixed text (the input when nothing applied)
    original: str
    report: Report  # lint report of ``text``: the findings that remain
    applied: tuple[Fix, ...]  # every fix applied, across all rounds
    rounds: int
    converged: bool
    message: str | None = None  # why it did not converge

    @property
    def changed(self) -> bool:
        return self.text != self.original


def min_applicability(unsafe: bool) -> Applicability:
    return Applicability.UNSAFE if unsafe else Applicability.SAFE


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    """Display-only fixes are never applicable; unsafe ones only when asked for."""
    if fix is None or not fix.edits or fix.applicability == Applicability.DISPLAY_ONLY:
        return False
    return fix.applicability >= min_applicability(unsafe)


def _conflicts(a: Edit, b: Edit) -> bool:
    """Edits conflict when they touch the same characters or one inserts inside the other's span.

    Two insertions at the same point do not conflict (both are applied, in order); identical edits do
    (the duplicate is dropped).
    """
    if a.span == b.span and a.replacement == b.replacement:
        return True
    a_empty, b_empty = a.span.start == a.span.end, b.span.start == b.span.end
    if a_empty and b_empty:
        return False
    if a_empty:
        return b.span.start < a.span.start < b.span.end
    if b_empty:
        return a.span.start < b.span.start < a.span.end
    return a.span.start < b.span.end and b.span.start < a.span.end


def _valid(fix: Fix, length: int) -> bool:
    if any(not (0 <= e.span.start <= e.span.end <= length) for e in fix.edits):
        return False
    edits = sorted(fix.edits, key=lambda e: (e.span.start, e.span.end))
    return not any(_conflicts(x, y) for i, x in enumerate(edits) for y in edits[i + 1:])


def select_fixes(fixes: Iterable[tuple[str, Fix]], length: int) -> list[Fix]:
    """Given (rule code, fix) pairs in the findings' order, keep a non-overlapping subset.

    Fixes are sorted by where they start (then by the closing-sentence order); a fix that conflicts
    with one already kept is skipped whole and will be reconsidered after the next re-lint.
    """
    indexed = list(enumerate(fixes))
    indexed.sort(key=lambda item: (
        min(e.span.start for e in item[1][1].edits),
        insertion_order(item[1][0]),
        # Of two fixes starting at one point, the one that covers more first ("FIX IT TODAY" in
        # sentence case, then 'Please' on the next round: not "Please fix IT TODAY").
        -max(e.span.end for e in item[1][1].edits),
        item[0],
    ))
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for _, (_, fix) in indexed:
        if not _valid(fix, length):
            continue
        if any(_conflicts(e, t) for e in fix.edits for t in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-conflicting edits (offsets into ``text``). Insertions at one point keep their given order."""
    order = sorted(range(len(edits)), key=lambda i: (edits[i].span.start, edits[i].span.end, i))
    out: list[str] = []
    pos = 0
    for i in order:
        edit = edits[i]
        if edit.span.start < pos:
            raise ValueError(f"overlapping edits at offset {edit.span.start}")
        out.append(text[pos:edit.span.start])
        replacement = edit.replacement
        if edit.span.start == pos and out and replacement[:1] in "\r\n" and _ends_blank("".join(out[-2:])):
            # Two paragraphs inserted at one point: one blank line between them, not two.
            replacement = replacement.lstrip("\r\n")
        out.append(replacement)
        pos = edit.span.end
    out.append(text[pos:])
    return "".join(out)


def _ends_blank(text: str) -> bool:
    tail = text[-4:].replace("\r\n", "\n").replace("\r", "\n")
    return tail.endswith("\n\n")


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """Apply fixes that :func:`select_fixes` chose (non-overlapping), all in one pass."""
    edits: list[Edit] = []
    for fix in fixes:
        edits.extend(sorted(fix.edits, key=lambda e: (e.span.start, e.span.end)))
    return apply_edits(text, edits)


def fixes_in(findings: Iterable[Finding], unsafe: bool) -> list[tuple[str, Fix]]:
    return [(f.code, f.fix) for f in findings if applicable(f.fix, unsafe)]


def fix_report(
    report: Report,
    lint: Callable[[str], Report],
    *,
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
) -> FixResult:
    """Fix the text of ``report`` (already linted), re-linting with ``lint`` after every round."""
    original = report.text
    current = report
    seen = {original}
    applied: list[Fix] = []
    for round_no in range(1, max_rounds + 1):
        chosen = select_fixes(fixes_in(current.findings, unsafe), len(current.text))
        if not chosen:
            return FixResult(current.text, original, current, tuple(applied), round_no - 1, True)
        new_text = apply_fixes(current.text, chosen)
        if new_text == current.text:  # only no-op edits left
            return FixResult(current.text, original, current, tuple(applied), round_no - 1, True)
        applied.extend(chosen)
        if new_text in seen:
            current = lint(new_text)
            return FixResult(new_text, original, current, tuple(applied), round_no, False,
                             f"fixes did not converge: round {round_no} produced an earlier text again (a fix cycle); "
                             "kept the last text, please report this")
        seen.add(new_text)
        current = lint(new_text)
    leftover = select_fixes(fixes_in(current.findings, unsafe), len(current.text))
    if not leftover:
        return FixResult(current.text, original, current, tuple(applied), max_rounds, True)
    return FixResult(current.text, original, current, tuple(applied), max_rounds, False,
                     f"fixes did not converge after {max_rounds} rounds ({len(leftover)} fixable findings remain); "
                     "kept the text of the last round, please report this")


def fix_once(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    """One round without re-linting: the fixes :func:`select_fixes` keeps, applied to ``text``."""
    return apply_fixes(text, select_fixes(fixes_in(findings, unsafe), len(text)))


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``--- path`` / ``+++ path``) with line endings (CRLF, and CR in a CR-only draft)
    shown as LF; empty when equal."""
    import difflib

    if before == after:
        return ""
    a = before.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    b = after.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(a, b, fromfile=path, tofile=path):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


__all__ = [
    "FixResult",
    "MAX_ROUNDS",
    "applicable",
    "apply_edits",
    "apply_fixes",
    "fix_once",
    "fix_report",
    "fixes_in",
    "insertion_order",
    "select_fixes",
    "unified_diff",
]
