"""Process exit codes, used by every command (documented in the README's "Exit codes")."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0  # nothing failing
    FINDINGS = 1  # findings (warning/error), a score under --fail-under, or a file --fix changed
    ERROR = 2  # usage, config, lexicon, input or write error


__all__ = ["ExitCode"]
