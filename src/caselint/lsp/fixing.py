"""Whole-draft transformations for code actions: "fix all safe" and "rewrite draft".

Both prefer the engine's own implementation when it is importable (``caselint.fixes`` and
``caselint.rewrite`` are built separately from the server), looked up at request time so that a
server started before they land, or a build without them, still works:

* fix all: ``caselint.api.fix_text`` / ``caselint.fixes.fix_text`` / ``caselint.fixes.apply_fixes``;
  without any of them, :func:`apply_safe_fixes` below (one pass, non-overlapping safe edits).
* rewrite: ``caselint.rewrite.rewrite_text`` / ``rewrite_draft`` / ``rewrite``; without one the
  action is not offered.

The engine's signatures are matched by parameter name (text, path, settings, report, findings,
unsafe...), and the result may be a string, a tuple starting with one, or an object with a
``text``-like attribute. Anything else falls back (fix all) or withdraws the action (rewrite), logged.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from typing import Any, Callable

from caselint.config import Settings
from caselint.model import Applicability, Finding, Report

log = logging.getLogger("caselint.lsp")

FIX_CANDIDATES = (("caselint.api", "fix_text"), ("caselint.fixes", "fix_text"), ("caselint.fixes", "apply_fixes"))
REWRITE_CANDIDATES = (
    ("caselint.rewrite", "rewrite_text"),
    ("caselint.rewrite", "rewrite_draft"),
    ("caselint.rewrite", "rewrite"),
)
_RESULT_ATTRS = ("text", "fixed_text", "fixed", "output", "rewritten", "rewritten_text", "new_text")
_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning("%s", message)


def find_function(candidates: tuple[tuple[str, str], ...]) -> tuple[str, Callable[..., Any]] | None:
    """The first importable candidate, as ('module.name', function); None when none exists."""
    for module_name, attr in candidates:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        except Exception as exc:  # a half-written module must not take the server down
            _warn_once(f"cannot import {module_name}: {exc!r}")
            continue
        func = getattr(module, attr, None)
        if callable(func):
            return f"{module_name}.{attr}", func
    return None


def call_adapting(func: Callable[..., Any], text: str, values: dict[str, Any]) -> str | None:
    """Call ``func`` with ``text`` first and the named ``values`` it accepts; its result as a string, or None."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return _as_text(func(text))
    params = list(sig.parameters.values())
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for i, p in enumerate(params):
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if i == 0 and p.kind != p.KEYWORD_ONLY:
            args.append(values.get(p.name, text))
            continue
        if p.name in values:
            if p.kind == p.POSITIONAL_ONLY:
                args.append(values[p.name])
            else:
                kwargs[p.name] = values[p.name]
        elif p.default is p.empty:
            return None  # a required parameter we cannot supply
    return _as_text(func(*args, **kwargs))


def _as_text(result: Any) -> str | None:
    if isinstance(result, str):
        return result
    if isinstance(result, tuple) and result and isinstance(result[0], str):
        return result[0]
    for attr in _RESULT_ATTRS:
        value = getattr(result, attr, None)
        if isinstance(value, str):
            return value
    return None


def _values(text: str, path: str, settings: Settings, report: Report, unsafe: bool) -> dict[str, Any]:
    return {
        "text": text,
        "source": text,
        "path": path,
        "filename": path,
        "settings": settings,
        "report": report,
        "findings": report.findings,
        "unsafe": unsafe,
        "unsafe_fixes": unsafe,
        "applicability": Applicability.UNSAFE if unsafe else Applicability.SAFE,
        "min_applicability": Applicability.UNSAFE if unsafe else Applicability.SAFE,
    }


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
    """The draft with every safe fix applied (unsafe too when the config says ``unsafe-fixes = true``).

    Returns (new text, what did it) for the log.
    """
    unsafe = bool(settings.unsafe_fixes)
    found = find_function(FIX_CANDIDATES)
    if found is not None:
        name, func = found
        try:
            result = call_adapting(func, text, _values(text, path, settings, report, unsafe))
        except Exception as exc:
            _warn_once(f"{name} failed ({exc!r}); using the server's own safe-fix pass")
        else:
            if result is not None:
                return result, name
            _warn_once(f"{name} has a signature or result the server does not understand; using its own pass")
    return apply_safe_fixes(text, report.findings, unsafe), "caselint.lsp.fixing.apply_safe_fixes"


def rewrite_available() -> bool:
    return find_function(REWRITE_CANDIDATES) is not None


def rewrite(text: str, path: str, settings: Settings, report: Report) -> str | None:
    """The ``caselint rewrite`` text for the draft, or None when the rewriter is missing or failed."""
    found = find_function(REWRITE_CANDIDATES)
    if found is None:
        return None
    name, func = found
    try:
        result = call_adapting(func, text, _values(text, path, settings, report, bool(settings.unsafe_fixes)))
    except Exception:
        log.exception("%s failed", name)
        return None
    if result is None:
        _warn_once(f"{name} has a signature or result the server does not understand")
    return result
