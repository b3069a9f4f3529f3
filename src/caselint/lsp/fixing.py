"""Whole-draft transformations for code actions: "fix all safe" and "rewrite draft".

Both use the engine's implementation, looked up at request time (a server started before a module
was installed, or a build without it, keeps working):

* fix all: :func:`caselint.fixes.fix_text` (safe fixes, unsafe too when the config says
  ``unsafe-fixes = true``; re-lints to a fixed point, like ``caselint check --fix``). If that module
  cannot be imported or fails, :func:`apply_safe_fixes` below does one pass of non-overlapping edits.
* rewrite: :func:`caselint.rewrite.rewrite_text` (the ``caselint rewrite`` text). Without it the
  action is not offered.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, Callable

from caselint.config import Settings
from caselint.model import Applicability, Finding, Report

log = logging.getLogger("caselint.lsp")
_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning("%s", message)


def _function(module_name: str, attr: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    except Exception as exc:  # a half-written module must not take the server down
        _warn_once(f"cannot import {module_name}: {exc!r}")
        return None
    func = getattr(module, attr, None)
    return func if callable(func) else None


def apply_safe_fixes(text: str, findings: tuple[Finding, ...], unsafe: bool = False) -> str:
    """One pass: every fix at or above the allowed applicability whose edits overlap no fix already taken.

    Fixes are taken in order of their first edit; a fix is all or nothing. Two insertions at the same
    point count as overlapping (their order would be a guess).
    """
    floor = Applicability.UNSAFE if unsafe else Applicability.SAFE
    taken: list[tuple[int, int]] = []
    edits = []
    fixes = [f.fix for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability >= floor]
    fixes.sort(key=lambda fx: min(e.span.start for e in fx.edits))
    seen: set = set()
    for fix in fixes:
        if fix.edits in seen:
            continue
        spans = [(e.span.start, e.span.end) for e in fix.edits]
        if any(0 > a or b > len(text) or a > b for a, b in spans):
            continue
        if any(_conflict(span, other) for span in spans for other in taken):
            continue
        seen.add(fix.edits)
        taken.extend(spans)
        edits.extend(fix.edits)
    out = text
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end), reverse=True):
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    return out


def _conflict(x: tuple[int, int], y: tuple[int, int]) -> bool:
    (a, b), (c, d) = x, y
    return (a < d and c < b) or (a == b and c <= a <= d) or (c == d and a <= c <= b)


def fix_all(text: str, path: str, settings: Settings, report: Report) -> tuple[str, str]:
    """The draft with every applicable fix applied; returns (new text, what did it) for the log."""
    fix_text = _function("caselint.fixes", "fix_text")
    if fix_text is not None:
        try:
            result = fix_text(text, path, settings=settings)
            if not result.converged:
                log.warning("fix all for %s: %s", path, result.message)
            return result.text, "caselint.fixes.fix_text"
        except Exception:
            log.exception("caselint.fixes.fix_text failed for %s; using the server's own safe-fix pass", path)
    return apply_safe_fixes(text, report.findings, bool(settings.unsafe_fixes)), "caselint.lsp.fixing.apply_safe_fixes"


def rewrite_available() -> bool:
    return _function("caselint.rewrite", "rewrite_text") is not None


def rewrite(text: str, path: str, settings: Settings) -> str | None:
    """The ``caselint rewrite`` text for the draft, or None when the rewriter is missing or failed."""
    rewrite_text = _function("caselint.rewrite", "rewrite_text")
    if rewrite_text is None:
        return None
    try:
        return rewrite_text(text, path, settings=settings).text
    except Exception:
        log.exception("caselint.rewrite.rewrite_text failed for %s", path)
        return None
