"""The progress bar (tqdm) on stderr: only on a terminal, only for big batches, never with --quiet,
never on stdout."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess

import pytest

from caselint.cli.progress import PROGRESS_MIN_DRAFTS, NoProgress, Progress, progress_for

DRAFT = "Hello,\nPlease check ASIN B08ABC12{:02d} for me.\nThank you.\n"


class Tty(io.StringIO):
    def isatty(self):
        return True


def counter(n):
    calls = []

    def count(limit):
        calls.append(limit)
        return n if limit is None else min(n, limit)

    return count, calls


def test_only_big_batches_on_a_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    count, calls = counter(PROGRESS_MIN_DRAFTS + 1)
    bar = progress_for(("drafts",), quiet=False, err=Tty(), out=io.StringIO(), count=count)
    assert isinstance(bar, Progress) and bar.bar.total == PROGRESS_MIN_DRAFTS + 1
    bar.close()
    assert calls == [PROGRESS_MIN_DRAFTS + 1, None]  # a cheap bounded count first
    small, _ = counter(PROGRESS_MIN_DRAFTS)
    assert type(progress_for(("d",), quiet=False, err=Tty(), out=Tty(), count=small)) is NoProgress
    assert type(progress_for(("d",), quiet=True, err=Tty(), out=Tty(), count=count)) is NoProgress
    assert type(progress_for(("d",), quiet=False, err=io.StringIO(), out=Tty(), count=count)) is NoProgress
    monkeypatch.setenv("TERM", "dumb")
    assert type(progress_for(("d",), quiet=False, err=Tty(), out=Tty(), count=count)) is NoProgress


def test_count_drafts_matches_the_walk(tmp_path, monkeypatch):
    from caselint.api import count_drafts, lint_paths

    monkeypatch.chdir(tmp_path)
    for i in range(7):
        (tmp_path / "d" / f"{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "d" / f"{i}.txt").write_text(DRAFT.format(i), encoding="utf-8")
    (tmp_path / "d" / "README.md").write_text("# drafts\n", encoding="utf-8")
    (tmp_path / "d" / "notes.rst").write_text("x\n", encoding="utf-8")
    assert count_drafts(["d"]) == len(list(lint_paths(["d"]))) == 7
    assert count_drafts(["d", "d/0.txt"], limit=3) == 3


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    for i in range(PROGRESS_MIN_DRAFTS + 20):
        (root / f"d{i:04d}.txt").write_text(DRAFT.format(i % 100), encoding="utf-8")
    return root


def run_with_terminal_stderr(exe, cwd, *args):
    """stderr is a pseudo-terminal (as in an interactive shell), stdout a file (as with `> report.json`)."""
    import tempfile

    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # 30 rows, 100 columns
    env = {**os.environ, "TERM": "xterm"}
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([exe, *args], cwd=cwd, stdout=out, stderr=slave, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end closed
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=600)
        os.close(master)
        out.seek(0)
        stdout = out.read()
    return proc.returncode, stdout.decode(), b"".join(chunks).decode(errors="replace")


@pytest.mark.slow
def test_bar_on_a_terminal_and_clean_machine_output(caselint_exe, batch):
    code, stdout, stderr = run_with_terminal_stderr(caselint_exe, batch, "--format", "json", "--select", "ID008", ".")
    assert code == 0, stderr
    data = json.loads(stdout)  # stdout holds the JSON document and nothing else
    assert len(data["files"]) == PROGRESS_MIN_DRAFTS + 20
    assert "\r" not in stdout and "draft/s" not in stdout and "it/s" not in stdout
    total = PROGRESS_MIN_DRAFTS + 20
    assert f"/{total}" in stderr and "draft" in stderr and "caselint" in stderr, stderr[-500:]


@pytest.mark.slow
def test_no_bar_with_quiet_or_without_a_terminal(caselint_exe, batch):
    code, stdout, stderr = run_with_terminal_stderr(caselint_exe, batch, "--format", "concise", "--quiet", "--select", "ID008", ".")
    assert code == 0 and f"/{PROGRESS_MIN_DRAFTS + 20}" not in stderr and stderr.strip() == ""
    piped = subprocess.run([caselint_exe, "--format", "concise", "--select", "ID008", "."], cwd=batch, capture_output=True, text=True,
                           timeout=600)
    assert piped.returncode == 0
    assert "\r" not in piped.stderr and f"/{PROGRESS_MIN_DRAFTS + 20}" not in piped.stderr
    assert piped.stderr.strip().startswith(f"{PROGRESS_MIN_DRAFTS + 20} files checked")
