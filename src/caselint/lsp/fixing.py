"""Whole-draft transformations for code actions: "fix all" and "rewrite draft", through the API.

* fix all: :func:`caselint.api.fix_text` (safe fixes, unsafe too when the config says
  ``unsafe-fixes = true``; re-lints to a fixed point, like ``caselint check --fix``). If it fails,
  :func:`caselint.fixes.fix_once` applies the fixes of the last report once, chosen the same way.
* rewrite: :func:`caselint.api.rewrite_text` (the ``caselint rewrite`` text).
"""

from __future__ import annotations

import logging

from caselint.config import Settings
from caselint.model import Report

log = logging.getLogger("caselint.lsp")


def fix_all(text: str, path: str, settings: Settings, report: Report) -> tuple[str | None, str]:
    """The draft with every applicable fix applied; returns (new text, what did it) for the log. The
    text is None when the fixes did not reach a fixed point: that is never offered (issue 14)."""
    from caselint.api import fix_text
    from caselint.fixes import fix_once

    try:
        result = fix_text(text, path, settings=settings)
        if not result.converged:
            log.warning("fix all for %s not offered: %s", path, result.message)
            return None, "caselint.api.fix_text (did not converge)"
        return result.text, "caselint.api.fix_text"
    except Exception:
        log.exception("caselint.api.fix_text failed for %s; applying the last report's fixes once", path)
    return fix_once(text, report.findings, bool(settings.unsafe_fixes)), "caselint.fixes.fix_once"


def rewrite(text: str, path: str, settings: Settings) -> str | None:
    """The ``caselint rewrite`` text for the draft, or None when the rewriter failed."""
    from caselint.api import rewrite_text

    try:
        result = rewrite_text(text, path, settings=settings)
        if not result.converged:
            log.warning("rewrite for %s not offered: it did not converge", path)
            return None
        return result.text
    except Exception:
        log.exception("caselint.api.rewrite_text failed for %s", path)
        return None
