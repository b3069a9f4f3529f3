"""Privacy: caselint makes no network connection and leaves no copy of a draft anywhere.

Every subprocess here runs with a sitecustomize.py that replaces socket connect / DNS / send with
a recorder that raises, a private HOME, XDG directories and TMPDIR, and then we check that nothing
tried to connect and that no file outside the draft's own (when fixing in place) was written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .lsp_client import Client

SECRET = "ZQXJ-SECRET-7731 refund for shipment FBA15ABCDEF"
DRAFT = f"Hello,\n\nMy shipment FBA15ABCDEF is missing 3 units. THIS IS RIDICULOUS!!! {SECRET}\n\nThanks,\nSam\n"

SITECUSTOMIZE = r'''
import os, socket

_LOG = os.environ["CASELINT_NET_LOG"]
with open(_LOG, "a") as fh:
    fh.write("")  # the file exists: proof this module was loaded


def _record(what, *args):
    with open(_LOG, "a") as fh:
        fh.write(f"{what} {args!r}\n")
    raise OSError(f"network blocked by test: {what}")


def _connect(self, address, *a):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect(self, address, *a)  # local IPC (e.g. multiprocessing) is not the network
    _record("connect", address)


def _connect_ex(self, address, *a):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect_ex(self, address, *a)
    _record("connect_ex", address)


_real_connect, _real_connect_ex = socket.socket.connect, socket.socket.connect_ex
socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
socket.socket.sendto = lambda self, *a: _record("sendto", a)
socket.create_connection = lambda *a, **k: _record("create_connection", a)
socket.getaddrinfo = lambda *a, **k: _record("getaddrinfo", a)
socket.gethostbyname = lambda *a, **k: _record("gethostbyname", a)
'''


@pytest.fixture
def sandbox(tmp_path, clean_env):
    env, dirs = clean_env
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.log"
    env["PYTHONPATH"] = str(hook)
    env["CASELINT_NET_LOG"] = str(log)
    work = tmp_path / "work"
    work.mkdir()
    (work / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (work / "other.md").write_text(DRAFT, encoding="utf-8")
    return env, dirs, log, work


def _run(args, env, cwd, **kw):
    return subprocess.run([sys.executable, "-m", "caselint", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=180, **kw)


def _files_under(path: Path) -> dict[str, bytes]:
    out = {}
    for root, _dirs, files in os.walk(path):
        for name in files:
            p = Path(root) / name
            out[str(p)] = p.read_bytes()
    return out


@pytest.mark.slow
def test_cli_and_server_make_no_network_connection_and_leave_no_draft_copies(sandbox):
    env, dirs, log, work = sandbox
    before = _files_under(work)
    runs = [
        (["check", "draft.txt", "other.md"], None),
        (["check", "--format", "json", "."], None),
        (["check", "--format", "sarif", "-"], DRAFT),
        (["check", "--diff", "draft.txt"], None),
        (["rewrite", "draft.txt"], None),
        (["rewrite", "-"], DRAFT),
        (["rules"], None),
        (["rule", "TN001"], None),
        (["check", "nonexistent.txt"], None),
    ]
    for args, stdin in runs:
        proc = _run(args, env, work, input=stdin)
        assert proc.returncode in (0, 1, 2), (args, proc.stderr)
        assert "Traceback" not in proc.stderr, (args, proc.stderr)
    # --fix writes the draft itself (atomically) and nothing else.
    proc = _run(["check", "--fix", "--unsafe-fixes", "draft.txt"], env, work)
    assert "Traceback" not in proc.stderr
    # The language server, through a short session.
    client = Client(work, env=env)
    try:
        client.initialize(work.as_uri())
        uri = (work / "draft.txt").as_uri()
        client.notify("textDocument/didOpen",
                      {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": DRAFT}})
        client.diagnostics(uri)
        assert client.shutdown() == 0
    finally:
        client.close()
    assert log.exists(), "the socket guard was not loaded"
    assert log.read_text() == "", f"network access attempted:\n{log.read_text()}"
    # No cache, log or temp file anywhere: not in HOME / XDG dirs / TMPDIR, not next to the drafts.
    for name, d in dirs.items():
        leftovers = [p for p in _files_under(d)]
        assert leftovers == [], (name, leftovers)
    after = _files_under(work)
    assert set(after) == set(before), sorted(set(after) ^ set(before))
    # Only draft.txt changed (by --fix); nothing else holds the secret.
    assert after[str(work / "other.md")] == before[str(work / "other.md")]


def test_secret_from_draft_never_reaches_stderr_logs(sandbox):
    """Errors and warnings name files and rules, never the draft's text."""
    env, _dirs, log, work = sandbox
    (work / ".caselint.toml").write_text("max-draft-size = 50\n", encoding="utf-8")
    proc = _run(["check", "draft.txt"], env, work)
    assert proc.returncode == 2
    assert SECRET not in proc.stderr and SECRET not in proc.stdout


def test_the_socket_guard_itself_catches_a_connection(sandbox):
    env, _dirs, log, work = sandbox
    code = "import socket\ntry:\n    socket.create_connection(('example.com', 80), timeout=1)\nexcept OSError:\n    pass\n"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=work, timeout=60, check=True)
    assert "create_connection" in log.read_text()
