"""Shared, session-scoped test helpers. Keep this file small: put fixtures used by one file in that file."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, computed independently of caselint.

    CRLF, LF and a lone CR each end one line, as editors count them.
    """
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout this test file lives in (never a hard-coded path)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def line_col():
    return _line_col


@pytest.fixture(scope="session")
def caselint_exe() -> str:
    """The installed `caselint` console script next to the running interpreter (the venv's)."""
    exe = Path(sys.executable).with_name("caselint")
    if exe.is_file():
        return str(exe)
    found = shutil.which("caselint")
    assert found, "the `caselint` entry point is not installed (pip install -e '.[test]')"
    return found


@pytest.fixture(scope="session")
def run_cli():
    """Run the CLI in-process with click's CliRunner: ``run_cli(*args, input=None, cwd=None)``.

    Config discovery is cached per process, so the cache is cleared before each call. Exceptions other
    than SystemExit propagate (a traceback must fail the test, not look like exit code 1).
    """
    from click.testing import CliRunner

    from caselint import config
    from caselint.cli import cli

    runner = CliRunner()

    def run(*args, input: str | bytes | None = None, cwd: str | Path | None = None):
        config.clear_cache()
        old = os.getcwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return runner.invoke(cli, [str(a) for a in args], input=input, prog_name="caselint",
                                 catch_exceptions=False)
        finally:
            os.chdir(old)
            config.clear_cache()

    return run
