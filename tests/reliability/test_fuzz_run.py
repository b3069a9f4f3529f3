"""The coverage-guided fuzz run (atheris) is part of the suite: 60 s split over the three targets.

CASELINT_FUZZ_SECONDS changes the budget (0 skips the run, e.g. on a platform without atheris
wheels; CI always has them: atheris is in the `test` extra for Linux).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

SECONDS = int(os.environ.get("CASELINT_FUZZ_SECONDS", "60"))


def test_seed_corpus_exists_for_every_target():
    for target in ("lint", "config", "lexicon"):
        seeds = list((REPO / "fuzz" / "corpus" / target).iterdir())
        assert seeds, target
        assert (REPO / "fuzz" / f"{target}.dict").is_file()


@pytest.mark.slow
@pytest.mark.skipif(SECONDS <= 0, reason="CASELINT_FUZZ_SECONDS=0")
def test_fuzz_targets_find_no_crash(tmp_path):
    pytest.importorskip("atheris")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "run.py"), "--total-time", str(SECONDS)],
        capture_output=True, text=True, timeout=SECONDS + 600, cwd=REPO, env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert proc.returncode == 0, proc.stdout[-20000:] + proc.stderr[-5000:]
    for target in ("lint", "config", "lexicon"):
        assert f"{target}: exit 0" in proc.stdout, proc.stdout
    # Issue 14: fuzz runs left their temporary folders behind.
    assert list(scratch.iterdir()) == []
