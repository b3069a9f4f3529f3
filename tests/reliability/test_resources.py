"""Resource limits: max draft size, hostile directory trees, and memory that does not grow with
the number of files (the 100,000-file run is bench/many_files.py; this test uses fewer)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import caselint

from caselint.model import FileError, Report

DRAFT = "Hello,\n\nMy shipment FBA15ABCDEF is missing 3 units. This is ridiculous!!!\n\nThanks,\nSam\n"


def _cli(args, cwd, timeout=120, **kw):
    return subprocess.run([sys.executable, "-m", "caselint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, **kw)


def test_max_draft_size_is_a_clear_error_exit_2_and_other_files_are_still_checked(tmp_path):
    (tmp_path / ".caselint.toml").write_text("max-draft-size = 500\n", encoding="utf-8")
    (tmp_path / "a-small.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b-big.txt").write_text(DRAFT * 20, encoding="utf-8")
    (tmp_path / "c-small.txt").write_text(DRAFT, encoding="utf-8")
    proc = _cli(["check", "--format", "json", "a-small.txt", "b-big.txt", "c-small.txt"], tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout + proc.stderr
    assert "b-big.txt" in out and "max-draft-size" in out and "over the limit" in out
    data = json.loads(proc.stdout)
    linted = json.dumps(data)
    assert "a-small.txt" in linted and "c-small.txt" in linted


def test_max_draft_size_applies_to_stdin(tmp_path):
    (tmp_path / ".caselint.toml").write_text("max-draft-size = 100\n", encoding="utf-8")
    proc = _cli(["check", "-"], tmp_path, input=DRAFT * 5)
    assert proc.returncode == 2
    assert "max-draft-size" in proc.stderr + proc.stdout and "Traceback" not in proc.stderr


def test_symlink_loops_and_dangling_links_do_not_hang_or_crash(tmp_path):
    root = tmp_path / "drafts"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "d.txt").write_text(DRAFT, encoding="utf-8")
    (root / "a" / "b" / "up").symlink_to(root, target_is_directory=True)  # directory loop
    (root / "self").symlink_to(root / "self")  # link to itself
    (root / "x.txt").symlink_to(root / "y.txt")  # file link loop
    (root / "y.txt").symlink_to(root / "x.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    proc = _cli(["check", str(root), str(root / "x.txt")], tmp_path, timeout=120)
    assert proc.returncode in (1, 2), proc.stderr
    assert "Traceback" not in proc.stderr
    assert "d.txt" in proc.stdout


def test_fifo_in_a_tree_is_skipped_not_read(tmp_path):
    root = tmp_path / "drafts"
    root.mkdir()
    (root / "a.txt").write_text(DRAFT, encoding="utf-8")
    os.mkfifo(root / "pipe.txt")  # opening it for reading would block forever
    proc = _cli(["check", str(root)], tmp_path, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "a.txt" in proc.stdout


def test_unreadable_file_is_one_error_and_the_rest_is_linted(tmp_path, monkeypatch):
    """chmod 000 where it works; as root (where it does not) the read failure is simulated."""

    root = tmp_path / "drafts"
    root.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text(DRAFT, encoding="utf-8")
    locked = root / "b.txt"
    locked.chmod(0)
    try:
        if os.geteuid() == 0:  # root reads anything: make open() fail the way it would for a user
            from caselint import inputs

            real_open = inputs._open_nonblocking

            def fake_open(file):
                if os.fspath(file) == str(locked):
                    raise PermissionError(13, "Permission denied", str(locked))
                return real_open(file)

            monkeypatch.setattr(inputs, "_open_nonblocking", fake_open)
        results = list(caselint.lint_paths([str(root)]))
    finally:
        locked.chmod(0o644)
    by_name = {Path(r.path).name: r for r in results}
    assert isinstance(by_name["a.txt"], Report) and isinstance(by_name["c.txt"], Report)
    assert isinstance(by_name["b.txt"], FileError)
    assert "Permission denied" in by_name["b.txt"].message


def test_files_deleted_or_replaced_mid_run(tmp_path):
    root = tmp_path / "drafts"
    root.mkdir()
    names = [f"{i:03d}.txt" for i in range(200)]
    for name in names:
        (root / name).write_text(DRAFT, encoding="utf-8")
    seen = []
    for item in caselint.lint_paths([str(root)]):
        seen.append(item)
        if len(seen) == 1:  # the walk has started: remove files it has listed but not read yet
            for name in names[100:150]:
                (root / name).unlink()
            (root / names[160]).unlink()
            (root / names[160]).mkdir()  # a file that became a directory
    paths = {Path(r.path).name for r in seen}
    assert set(names[:100]) <= paths
    assert set(names[170:]) <= paths
    for r in seen:
        assert isinstance(r, (Report, FileError))


@pytest.mark.slow
def test_memory_does_not_grow_with_the_number_of_files(tmp_path):
    """Reports stream: after a warm-up, linting 2,000 more files adds no more than a few MB.

    bench/many_files.py runs the same check on 100,000 files (see its docstring for the figure)."""
    root = tmp_path / "drafts"
    count = 2400
    for d in range(count // 200):
        sub = root / f"d{d:02d}"
        sub.mkdir(parents=True)
        for i in range(200):
            (sub / f"{i:03d}.txt").write_text(DRAFT.replace("3 units", f"{i % 7} units"), encoding="utf-8")
    tracemalloc.start()
    try:
        baseline = None
        n = 0
        for item in caselint.lint_paths([str(root)]):
            assert isinstance(item, Report)
            n += 1
            if n == 400:
                baseline = tracemalloc.get_traced_memory()[0]
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert n == count
    growth = after - baseline
    assert growth < 8_000_000, f"memory grew by {growth:,} bytes over {count - 400} files"
