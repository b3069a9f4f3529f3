"""--jobs: a worker pool gives exactly the serial results, in input order, with errors in place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py: deterministic realistic drafts)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("drafts")
    generate.write(root, 50, seed=11)
    # A binary file in the middle of the run, and one in a nested folder further on.
    (root / "draft-00020b.txt").write_bytes(b"\x00\x01binary\x00")
    nested = root / "zz-nested"
    nested.mkdir()
    (nested / "late.txt").write_text("Hello,\nPlease check shipment FBA15ABC1234. Thank you.\n", encoding="utf-8")
    return root


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    # A real process: the pool forks/spawns workers, which CliRunner's captured streams do not model.
    code = "import sys; from caselint.cli import main; sys.argv = ['caselint'] + sys.argv[1:]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.slow
def test_jobs_2_identical_to_jobs_1(drafts: Path):
    serial = _run(["check", "--format", "json", "--jobs", "1", str(drafts)], drafts)
    pooled = _run(["check", "--format", "json", "--jobs", "2", str(drafts)], drafts)
    assert serial.returncode == pooled.returncode == 2, serial.stderr  # the binary file is an input error
    assert pooled.stdout == serial.stdout
    assert pooled.stderr == serial.stderr
    data = json.loads(pooled.stdout)
    paths = [Path(f["path"]).relative_to(drafts).as_posix() for f in data["files"]]
    assert len(paths) == 51
    assert paths == sorted(paths)  # directory order (sorted walk) is preserved
    assert paths[-1] == "zz-nested/late.txt"
    assert [Path(e["path"]).name for e in data["errors"]] == ["draft-00020b.txt"]


@pytest.mark.slow
def test_error_reported_in_place(drafts: Path):
    """Text output streams per file: the error line sits between the reports around it."""
    serial = _run(["check", "--format", "concise", "--jobs", "1", str(drafts)], drafts)
    pooled = _run(["check", "--format", "github", "--jobs", "2", str(drafts)], drafts)
    assert serial.returncode == pooled.returncode == 2
    lines = [line for line in pooled.stdout.splitlines() if "title=caselint::" in line or "draft-0002" in line]
    error_at = next(i for i, line in enumerate(lines) if "draft-00020b.txt" in line)
    assert "draft-00020.txt" in lines[error_at - 1]
    assert "draft-00021.txt" in lines[error_at + 1]


def test_api_jobs_matches_serial(drafts: Path):
    from caselint.api import lint_paths

    serial = list(lint_paths([str(drafts)], jobs=1))
    pooled = list(lint_paths([str(drafts)], jobs=2))
    assert pooled == serial
    assert [getattr(r, "path") for r in pooled] == [getattr(r, "path") for r in serial]


def test_auto_jobs_is_serial_for_small_batches(monkeypatch, drafts: Path):
    from caselint import parallel

    def no_pool(*_args, **_kwargs):
        raise AssertionError("a small batch must not start a pool")

    monkeypatch.setattr(parallel, "_pool_lint", no_pool)
    from caselint.api import lint_paths

    assert len(list(lint_paths([str(drafts)], jobs=None))) == 52
    assert 1 <= parallel.auto_jobs() <= parallel.AUTO_MAX_JOBS


def test_pool_streams_in_bounded_chunks(monkeypatch):
    """Results come out before the input is exhausted: in-flight chunks are bounded."""
    from caselint import parallel
    from caselint.config import Settings

    monkeypatch.setattr(parallel, "CHUNK_SIZE", 4)
    consumed = 0
    text = "Hello,\nPlease check shipment FBA15ABC1234 and reply by email. Thank you.\nAnna"

    def items():
        nonlocal consumed
        for i in range(200):
            consumed += 1
            yield (f"d{i}.txt", text, Settings())

    gen = parallel.lint_items(items(), jobs=2)
    first = next(gen)
    assert first.path == "d0.txt"
    assert consumed <= 4 * 2 * parallel.IN_FLIGHT_PER_JOB + 4
    rest = list(gen)
    assert [r.path for r in rest] == [f"d{i}.txt" for i in range(1, 200)]
