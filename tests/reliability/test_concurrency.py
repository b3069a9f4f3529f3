"""Concurrency: several caselint processes at once (as pre-commit runs them) share nothing on disk,
and two `--fix` runs on the same file never leave it half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test here takes seconds (see README: the fast loop)

DRAFT = "Hello,\n\nMy shipment FBA15ABCDEF is missing 3 units. THIS IS RIDICULOUS!!! Fix it NOW!!!\n\nThanks,\nSam\n"


def _popen(args, cwd, env):
    return subprocess.Popen([sys.executable, "-m", "caselint", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_parallel_processes_on_different_files(tmp_path, clean_env):
    env, dirs = clean_env
    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text(DRAFT.replace("3 units", f"{i + 1} units"), encoding="utf-8")
    procs = [_popen(["check", "--format", "concise", f"d{i}.txt"], tmp_path, env) for i in range(6)]
    outs = [p.communicate(timeout=180) for p in procs]
    for i, (p, (out, err)) in enumerate(zip(procs, outs)):
        assert p.returncode == 1, err
        assert "Traceback" not in err
        assert f"d{i}.txt" in out
        assert all(f"d{j}.txt" not in out for j in range(6) if j != i)
    assert sorted(os.listdir(tmp_path)) == sorted(["home", "tmp"] + [f"d{i}.txt" for i in range(6)])
    assert os.listdir(dirs["TMPDIR"]) == []


def test_two_fix_processes_on_one_file_never_leave_it_half_written(tmp_path, clean_env):
    env, _dirs = clean_env
    reference = tmp_path / "reference.txt"
    reference.write_text(DRAFT * 20, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "caselint", "check", "--fix", "--unsafe-fixes", str(reference)],
                          env=env, capture_output=True, text=True, timeout=180)
    assert "Traceback" not in proc.stderr
    fixed = reference.read_bytes()
    original = (DRAFT * 20).encode("utf-8")
    assert fixed != original
    target = tmp_path / "same.txt"
    for _round in range(3):
        target.write_bytes(original)
        procs = [_popen(["check", "--fix", "--unsafe-fixes", str(target)], tmp_path, env) for _ in range(3)]
        for p in procs:
            _out, err = p.communicate(timeout=180)
            assert p.returncode in (0, 1, 2), err
            assert "Traceback" not in err
        # Whole before or whole after, never a mix or a truncation.
        assert target.read_bytes() in (original, fixed)
        leftovers = [n for n in os.listdir(tmp_path) if n not in ("home", "tmp", "reference.txt", "same.txt")]
        assert leftovers == [], leftovers
