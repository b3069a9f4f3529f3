"""Regression tests for issue 14 ("no hang, no traceback, no corrupted write, whatever the input"):
each reproduction of the issue, run the way the issue ran it. Hang tests assert a generous guard
(a subprocess timeout), never a speed target; speed is measured by bench/long_draft.py.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.reliability.conftest import PYTHON, REPO

CASELINT = [PYTHON, "-m", "caselint"]


def run(args, *, input=None, env=None, timeout=300, cwd=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*CASELINT, *args], input=input, capture_output=True, env=full_env, timeout=timeout,
                          cwd=cwd)


# --- 1. hangs ---------------------------------------------------------------------------------------


def _linear_sentence_at(document, offset):
    for sent in document.sentences:
        if sent.start <= offset < sent.end or offset == sent.end:
            return sent
    return None


@pytest.mark.parametrize("text", [
    "Fix it NOW!!\n" * 50,
    "Hello.\n\nWhere is my shipment? It was sent on 3 May.Thanks!  Best,\nAna",
    "a.b.c. d!e?f\n\n\n  g  ",
    "   ",
    "No sentence end at all",
])
def test_sentence_at_bisect_is_the_scan(text):
    """Document.sentence_at is a bisect (issue 14: a linear scan per finding made long drafts quadratic)
    and answers exactly what the scan answered, at every offset."""
    from caselint.document import Document
    from caselint.nlp import get_nlp

    doc = get_nlp()(text)
    document = Document("d.txt", text, doc)
    for offset in range(len(text) + 2):
        assert document.sentence_at(offset) is _linear_sentence_at(document, offset), offset


def test_hits_within_is_the_filter():
    """Hits.within (the bisect behind Context.hits_in) returns what the scan over every hit returned."""
    import caselint
    from caselint.runner import lint_one_in_context
    from caselint.config import Settings

    text = "Fix it NOW!! This is useless. You people are useless, fix it NOW!!\n" * 30
    _, ctx = lint_one_in_context("d.txt", text, Settings())
    rng = random.Random(14)
    tags = ["tone", "tone.demand", "tone.insult", "request.plain", "framing.sales", "nothing.here"]
    for _ in range(300):
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 2)
        for tag in tags:
            expected = [h for h in ctx.hits.get(tag) if a <= h.start and h.end <= b]
            assert ctx.hits.within(tag, a, b) == expected
            assert ctx.hits_in(tag, a, b) == expected
    assert caselint  # imported for the pipeline


@pytest.mark.slow
def test_long_fix_it_now_draft_finishes(tmp_path):
    """Issue 14: 76,000 lines of 'Fix it NOW!!' ran past 10 minutes (8k lines: 22 s, quadratic). The full
    draft must finish under a generous hang guard (about 40 s on the 2-core CI machine)."""
    draft = tmp_path / "d.txt"
    draft.write_text("Fix it NOW!!\n" * 76_000)
    proc = run(["--format", "concise", "-q", str(draft)], timeout=400)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert proc.stdout.count(b"\n") > 76_000
    assert b"Traceback" not in proc.stderr


def test_time_budget_is_an_error_for_that_draft_only(tmp_path):
    """Issue 14: a per-draft time budget turns an outlier into one error line for that draft (exit 2),
    never a hang; the other drafts are still checked."""
    slow = tmp_path / "slow.txt"
    slow.write_text("Fix it NOW!!\n" * 6000)
    ok = tmp_path / "ok.txt"
    ok.write_text("Hello,\n\nWhere is my shipment FBA15ABCDE12? Please reply by email.\n\nThank you,\nAna\n")
    proc = run(["--format", "concise", str(slow), str(ok)], env={"CASELINT_TIME_BUDGET": "1"}, timeout=200)
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.decode().splitlines() if line.startswith("caselint: error")]
    assert len(errors) == 1 and str(slow) in errors[0] and "time budget" in errors[0], proc.stderr
    assert b"Traceback" not in proc.stderr
    ok_run = run(["--format", "json", str(ok)], env={"CASELINT_TIME_BUDGET": "1"}, timeout=200)
    assert json.loads(ok_run.stdout)["files"][0]["path"] == str(ok)


CRASH = textwrap.dedent(
    """
    import sys
    from caselint.rules import tone
    from caselint.cli import main
    original = tone._calm_fix
    def broken(ctx, start, title):
        if "KABOOM" in ctx.text:
            raise ZeroDivisionError("the draft says KABOOM")
        return original(ctx, start, title)
    tone._calm_fix = broken
    sys.argv = ["caselint", *sys.argv[1:]]
    main()
    """
)


def test_exception_in_one_draft_is_a_file_error_not_corrupted_json(tmp_path):
    """Issue 14: an exception inside one draft's lint printed a traceback into the middle of
    --format json. It must be a FileError for that draft (exit 2), JSON intact, the others reported."""
    bad = tmp_path / "bad.txt"
    bad.write_text("KABOOM. You people are useless!! Fix it NOW!!\n")
    good = tmp_path / "good.txt"
    good.write_text("You people are useless!! Fix it NOW!!\n")
    proc = subprocess.run([PYTHON, "-c", CRASH, "--format", "json", str(bad), str(good)], capture_output=True,
                          timeout=200)
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    assert [f["path"] for f in data["files"]] == [str(good)]
    assert [e["path"] for e in data["errors"]] == [str(bad)]
    message = data["errors"][0]["message"]
    assert "internal error" in message and "ZeroDivisionError" in message
    assert "KABOOM" not in message  # the draft's words stay out of error messages
    assert b"Traceback" not in proc.stderr


def test_broken_lexicon_is_read_once_per_run(tmp_path, monkeypatch):
    """Issue 14: a broken user lexicon was re-parsed for every draft (300 drafts: 108 s)."""
    from caselint.lexicon import loader
    from caselint.model import FileError
    import caselint.api as api

    (tmp_path / "bad.toml").write_text("[meta]\nid = 'x'\n[[entry]]\nid = 'b'\ntag = 'id_placeholder'\nregex = '('\n")
    (tmp_path / "caselint.toml").write_text("extra-lexicons = ['bad.toml']\n")
    for i in range(20):
        (tmp_path / f"d{i}.txt").write_text("Hello, where is my shipment?\n")
    calls = []
    original = loader.read_lexicon_file
    monkeypatch.setattr(loader, "read_lexicon_file", lambda *a, **k: calls.append(a) or original(*a, **k))
    api.clear_caches()
    try:
        results = list(api.lint_paths([str(tmp_path)]))
    finally:
        api.clear_caches()
    assert len(results) == 20 and all(isinstance(r, FileError) for r in results)
    assert len([c for c in calls if "bad.toml" in str(c[0])]) == 1


# --- 2. user regexes and token patterns -----------------------------------------------------------------


def _lexicon(tmp_path, body: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text("[meta]\nid = 'mine'\n[[entry]]\nid = 'mine-1'\ntag = 'id_placeholder'\n" + body + "\n",
                    encoding="utf-8")
    return path


def _load(path: Path):
    from caselint.lexicon.compiled import CompiledLexicons
    from caselint.lexicon.loader import load_lexicons
    from caselint.nlp import get_nlp

    return CompiledLexicons(get_nlp(), load_lexicons((str(path),)))


def _load_error(path: Path) -> str:
    from caselint.errors import LexiconError

    with pytest.raises(LexiconError) as info:
        _load(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "'mine-1'" in message or "TOML" in message
    return message


@pytest.fixture
def without_re2(monkeypatch):
    """The fallback: google-re2 not installed."""
    from caselint import regex_safety

    monkeypatch.setattr(regex_safety, "_re2", None)


@pytest.mark.parametrize("regex, text", [
    (r"total of (?:\d{1,3},?)+ units", "total of " + "1" * 40),
    (r"[а-яё]+ товара", "я" * 150_000),
    (r"(a|aa)*b", "a" * 50_000),
])
def test_user_regex_that_hung_runs_on_re2(tmp_path, regex, text):
    """Issue 14: user regexes the checker accepted hung the linter (40 digits: killed at 60 s; 150k
    Cyrillic letters: 110 s). With google-re2 they run in linear time (hang guard: a subprocess)."""
    pytest.importorskip("re2")
    (tmp_path / "mine.toml").write_text(
        "[meta]\nid = 'mine'\n[[entry]]\nid = 'mine-1'\ntag = 'id_placeholder'\nregex = '''" + regex + "'''\n",
        encoding="utf-8")
    (tmp_path / "caselint.toml").write_text("extra-lexicons = ['mine.toml']\n")
    (tmp_path / "d.txt").write_text("Hello, " + text + "\n", encoding="utf-8")
    proc = run(["--format", "json", "-q", str(tmp_path / "d.txt")], timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["files"]


@pytest.mark.parametrize("regex", [
    r"total of (?:\d{1,3},?)+ units",  # bounded repeats inside a repeat
    r"(?:a{1,50}){1,50}x",
    r"[а-яё]+ товара",  # a leading repeat over Cyrillic letters (was judged on ASCII + 10 probes)
    r"[一-龥]+的",
    r"(?:\w+\s?)+$",
])
def test_checker_has_no_known_bypass_without_re2(tmp_path, without_re2, regex):
    path = _lexicon(tmp_path, "regex = '''" + regex + "'''")
    assert "backtrack" in _load_error(path)


def test_token_regex_with_bounded_nested_repeat_is_refused(tmp_path):
    """Issue 14: token REGEX '^(?:[A-Za-z0-9]{1,2})+-[0-9]+$' on 60 letters took > 120 s (spaCy runs
    token regexes on Python's re, so they always pass the checker)."""
    path = _lexicon(tmp_path, "pattern = [{TEXT = {REGEX = '^(?:[A-Za-z0-9]{1,2})+-[0-9]+$'}}]")
    assert "REGEX may backtrack" in _load_error(path)


@pytest.mark.parametrize("op, ok", [
    ("*", False), ("+", False), ("{0,}", False), ("{2,}", False), ("{0,11}", False), ("{5,2}", False),
    ("++", False), ("{}", False), ("?", True), ("!", True), ("{0,10}", True), ("{,3}", True), ("{2}", True),
])
def test_token_pattern_op_is_validated_and_bounded(tmp_path, op, ok):
    """Issue 14: OP = '*' between two words: 3,000 of each in a 42 KB draft used 24 GB."""
    path = _lexicon(tmp_path, "pattern = [{LOWER = 'fix'}, {OP = '" + op + "'}, {LOWER = 'now'}]")
    if ok:
        _load(path)
    else:
        assert "OP" in _load_error(path)


def test_op_numbers_are_validated(tmp_path):
    path = _lexicon(tmp_path, "pattern = [{LOWER = 'fix', OP = 5}]")
    assert "OP must be" in _load_error(path)


def test_bounded_op_pattern_lints_a_long_draft(tmp_path):
    pytest.importorskip("spacy")
    path = _lexicon(tmp_path, "pattern = [{LOWER = 'fix'}, {OP = '{0,10}'}, {LOWER = 'now'}]")
    (tmp_path / "caselint.toml").write_text("extra-lexicons = ['mine.toml']\n")
    (tmp_path / "d.txt").write_text("fix now " * 3000 + "\n")
    proc = run(["--format", "concise", "-q", str(tmp_path / "d.txt")], timeout=200)
    assert proc.returncode in (0, 1), proc.stderr
    assert path.exists()


@pytest.mark.parametrize("body, needle", [
    ("regex = 'x{4294967295}'", "too large"),
    ("regex = '" + "(" * 5000 + "x" + ")" * 5000 + "'", "nested too deeply"),
    ("regex = '''" + "(?:" * 5000 + "x" + ")" * 5000 + "'''", "nested too deeply"),
])
def test_regex_that_re_cannot_compile_is_a_load_error(tmp_path, body, needle):
    """Issue 14: OverflowError / RecursionError tracebacks from re.compile."""
    assert needle in _load_error(_lexicon(tmp_path, body))


def test_deeply_nested_lexicon_toml_is_one_error_line(tmp_path):
    """Issue 14: a lexicon TOML nested ~500 deep raised RecursionError from tomllib."""
    path = tmp_path / "mine.toml"
    path.write_text("a = " + "[" * 600 + "]" * 600 + "\n")
    assert "nested too deeply" in _load_error(path)


def test_lexicon_with_bom_loads(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_bytes(b"\xef\xbb\xbf[meta]\nid = 'mine'\n[[entry]]\nid = 'mine-1'\ntag = 'id_placeholder'\nphrases = ['tbd']\n")
    _load(path)


@pytest.mark.parametrize("regex", [
    r"(?P<value>\d+)\s*units", r"[\w-]+@[\w.]+", r"(?i:asin)\s*[:#]?\s*(?P<value>[a-z0-9]{10})", r"é+x",
    r"\u00e9t\xe9", r"(?s)a.b", r"[^\d\s]+", r"\D+\S",
])
def test_re2_translation_matches_what_python_re_matches(regex):
    """A user regex moved to RE2 must mean what it means in Python's re (\\d, \\w, \\s are Unicode there)."""
    pytest.importorskip("re2")
    import re

    from caselint.regex_safety import linear_engine

    texts = ["ASIN: B00ABCDEFG 12 units", "a١٢ units x_y-z@ex.am ple", "éééx ÉtÉ été a\nb", "\u00a0\u2003 x\u3000y 7"]
    for ignorecase in (False, True):
        linear = linear_engine(regex, ignorecase)
        assert linear is not None, regex
        python = re.compile(regex, re.IGNORECASE if ignorecase else 0)
        for text in texts:
            ours = [(m.span(), m.span("value") if "value" in linear.groupindex else None) for m in linear.finditer(text)]
            theirs = [(m.span(), m.span("value") if "value" in python.groupindex else None) for m in python.finditer(text)]
            assert ours == theirs, (regex, text)


@pytest.mark.parametrize("regex", [r"\bx", r"x$", r"(?<=a)b", r"a*+", r"(a)\1", r"a{,3}", r"[^\W]", r"(?x) a"])
def test_regex_that_means_something_else_on_re2_stays_on_re(regex):
    from caselint.regex_safety import linear_engine

    assert linear_engine(regex) is None


# --- 3. inputs ------------------------------------------------------------------------------------------


def _errors(proc) -> list[str]:
    return [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.startswith("caselint: error")]


def test_fifo_device_loop_and_utf16_are_clear_errors_and_the_rest_is_checked(tmp_path):
    """Issue 14: a FIFO blocked forever; /dev/zero was '0 bytes, over the limit'; a symlink loop was 'no
    such file'; UTF-16 was 'binary'. Each is now one clear line, and the good draft is still checked."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "u16.txt").write_bytes("Hello, where is my shipment?\n".encode("utf-16-le"))
    (tmp_path / "u16bom.txt").write_bytes("Hello, where is my shipment?\n".encode("utf-16"))
    (tmp_path / "ok.txt").write_text("Hello,\n\nWhere is my shipment FBA15ABCDE12? Please reply by email.\n")
    names = [str(fifo), "/dev/zero", str(tmp_path / "loop1"), str(tmp_path / "u16.txt"),
             str(tmp_path / "u16bom.txt"), str(tmp_path / "ok.txt")]
    proc = run(["--format", "concise", *names], timeout=120)
    assert proc.returncode == 2
    errors = _errors(proc)
    assert len(errors) == 5, errors
    assert "FIFO" in errors[0] and "device" in errors[1] and "loop" in errors[2]
    assert "UTF-16" in errors[3] and "UTF-16" in errors[4]
    assert b"Traceback" not in proc.stderr
    assert b"5 files could not be checked" in proc.stderr or b"could not be checked" in proc.stderr


def test_stdin_is_read_with_the_size_limit_applied():
    """Issue 14: stdin was read in full before the 1 MB check (2 GB piped in: 2 GB resident). Now no
    more than the limit (plus one byte) is read from an endless stream."""
    import caselint
    from caselint.inputs import Stdin
    from caselint.model import FileError

    class Endless:
        taken = 0

        def read(self, n=-1):
            assert n is not None and n >= 0, "read everything"
            self.taken += n
            return b"a" * n

    stream = Endless()
    results = list(caselint.lint_paths(["-"], stdin=Stdin(stream)))
    assert len(results) == 1 and isinstance(results[0], FileError)
    assert "over the limit" in results[0].message
    assert stream.taken <= 1_000_001


def test_dev_zero_as_stdin_is_an_error_not_a_memory_error():
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([*CASELINT, "-q", "-"], stdin=zero, capture_output=True, timeout=120)
    assert proc.returncode == 2 and b"over the limit" in proc.stderr and b"Traceback" not in proc.stderr


class _Endless:
    """A binary stdin that never ends; reading it all (``read()``) is the bug."""

    def __init__(self):
        self.taken = 0

    def read(self, n=-1):
        assert n is not None and n >= 0, "read everything"
        self.taken += n
        return b"a" * n


class _FakeStdin:
    def __init__(self, buffer):
        self.buffer = buffer


@pytest.mark.parametrize("command", ["rewrite", "rewrite --diff", "check --fix", "check --diff"])
def test_rewrite_and_fix_read_stdin_with_the_size_limit_applied(command, monkeypatch, capsys):
    """Issue 14 (left over): `check -` read stdin with the limit applied, but `rewrite -` and
    `check --fix -` still read all of it first. Now all three read at most the limit plus one byte
    and give check's error line."""
    from caselint.cli import cli

    stream = _Endless()
    monkeypatch.setattr(sys, "stdin", _FakeStdin(stream))
    with pytest.raises(SystemExit) as exit_:
        cli([*command.split(), "-"], prog_name="caselint")
    assert exit_.value.code == 2
    assert stream.taken <= 1_000_001
    err = capsys.readouterr().err
    assert "caselint: error: -: stdin is over the limit of 1,000,000 bytes (max-draft-size); not linted" in err


@pytest.mark.parametrize("command", [["rewrite"], ["check", "--fix"]])
def test_dev_zero_as_stdin_of_rewrite_and_fix_under_a_memory_limit(command):
    """Under a 1 GB address-space limit, reading /dev/zero in full was a MemoryError traceback."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([*CASELINT, *command, "-"], stdin=zero, capture_output=True, timeout=120,
                              preexec_fn=limit)
    assert proc.returncode == 2, proc.stderr
    assert b"caselint: error: -: stdin is over the limit" in proc.stderr and b"Traceback" not in proc.stderr


def test_rewrite_read_errors_name_the_draft(run_cli, tmp_path):
    """`caselint rewrite` said 'not valid UTF-8 ...' without saying which draft (check names it)."""
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Grüße\n".encode("latin-1"))
    result = run_cli("rewrite", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"caselint: error: {bad}: not valid UTF-8") and result.stderr.count("\n") == 1
    result = run_cli("rewrite", "-", input=bad.read_bytes())
    assert result.exit_code == 2 and result.stderr.startswith("caselint: error: -: not valid UTF-8")


def test_unreadable_file_named_on_the_command_line_is_an_error_for_that_path(nobody):
    """Issue 14: an unreadable file named on the command line was a click usage error and no file was
    checked (the pre-commit case). Root reads anything: then it runs as an unprivileged user."""
    import click

    from caselint.cli.check import check

    path_type = next(p.type for p in check.params if p.name == "paths")
    assert isinstance(path_type, click.Path) and not path_type.readable  # click must not refuse it
    prefix, root = nobody
    locked = root / "locked.txt"
    locked.write_text("Hello, where is my shipment?\n")
    locked.chmod(0)
    ok = root / "ok.txt"
    ok.write_text(OK_DRAFT)
    proc = subprocess.run([*prefix, *CASELINT, "--format", "concise", str(locked), str(ok)],
                          capture_output=True, timeout=120, cwd=root)
    assert proc.returncode == 2, proc.stderr
    assert _errors(proc) == [f"caselint: error: {locked}: cannot read: Permission denied"]
    assert f"{ok}:".encode() in proc.stdout and b"1 file could not be checked" in proc.stderr


OK_DRAFT = "Hello,\n\nWhere is my shipment FBA15ABCDE12? Please reply by email.\n"


def _tree(root: Path) -> Path:
    """root/tree/{ok.txt, sub/a.txt}: a folder holding a subfolder."""
    tree = root / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "ok.txt").write_text(OK_DRAFT)
    (tree / "sub" / "a.txt").write_text(OK_DRAFT)
    return tree


def test_unreadable_subfolder_is_an_error_for_that_path(run_cli, tmp_path, monkeypatch):
    """Issue 14: an unreadable subfolder was skipped silently with exit 0. It is an error naming the
    folder; the rest is still checked; exit 2; the summary counts it. Simulated (root reads anything):
    listing the subfolder raises what the OS raises for a chmod 000 folder."""
    tree = _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "sub":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("--format", "concise", str(tree))
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("caselint: error")]
    assert errors == [f"caselint: error: {tree / 'sub'}: cannot read folder: Permission denied"], result.stderr
    assert f"{tree / 'ok.txt'}:" in result.stdout
    assert "1 file checked" in result.stderr and "1 file could not be checked" in result.stderr


def test_unreadable_folder_named_on_the_command_line_is_an_error(run_cli, tmp_path, monkeypatch):
    tree = _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(tree):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    ok = tmp_path / "ok.txt"
    ok.write_text(OK_DRAFT)
    result = run_cli("--format", "concise", str(tree), str(ok))
    assert result.exit_code == 2
    assert f"caselint: error: {tree}: cannot read folder: Permission denied" in result.stderr
    assert f"{ok}:" in result.stdout


@pytest.fixture
def nobody():
    """(a command prefix that runs as an unprivileged user, a scratch folder that user can enter), or a
    skip when the tests run as root with no way to drop privileges. The folder is removed afterwards,
    whatever the test left unreadable in it."""
    import shutil
    import tempfile

    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("running as root without setpriv or an install an unprivileged user can import")
    root = Path(tempfile.mkdtemp(prefix="caselint-perm-"))
    root.chmod(0o755)
    try:
        yield prefix, root
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755) if path.is_dir() else path.chmod(0o644)
        shutil.rmtree(root)


def _as_nobody() -> list[str] | None:
    """A command prefix that runs as an unprivileged user (root reads a chmod 000 folder), or None."""
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, PYTHON, "-c", "import caselint"], capture_output=True, timeout=60)
    return prefix if probe.returncode == 0 else None


def test_unreadable_subfolder_for_real(nobody):
    """The same with a real chmod 000 folder (as an unprivileged user when the tests run as root)."""
    prefix, root = nobody
    tree = _tree(root)
    (tree / "sub").chmod(0)
    proc = subprocess.run([*prefix, *CASELINT, "--format", "concise", str(tree)], capture_output=True,
                          timeout=120, cwd=root)
    assert proc.returncode == 2, proc.stderr
    assert _errors(proc) == [f"caselint: error: {tree / 'sub'}: cannot read folder: Permission denied"]
    assert b"1 file could not be checked" in proc.stderr and b"Traceback" not in proc.stderr


def test_file_that_vanishes_mid_run_is_an_error(tmp_path):
    """Issue 14: a file deleted mid-run (listed with its folder, gone before it is read) was not reported."""
    import caselint.api
    from caselint.model import FileError

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(OK_DRAFT)
    drafts = caselint.api.iter_drafts_for([str(tmp_path)])
    first = next(drafts)
    assert first.path.endswith("a.txt")
    (tmp_path / "b.txt").unlink()  # the folder was listed with b.txt in it
    rest = list(drafts)
    assert [type(d).__name__ for d in rest] == ["FileError", "Draft"], rest
    assert isinstance(rest[0], FileError) and rest[0].path.endswith("b.txt") and not rest[0].skipped
    assert "vanished" in rest[0].message


def test_file_that_vanishes_between_listing_and_reading_is_an_error(tmp_path, monkeypatch):
    import caselint.api
    from caselint import inputs

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(OK_DRAFT)
    real = inputs.read_draft

    def read_draft(path, settings):
        if path.endswith("b.txt"):
            os.unlink(path)
        return real(path, settings)

    monkeypatch.setattr(inputs, "read_draft", read_draft)
    results = list(caselint.api.iter_drafts_for([str(tmp_path)]))
    assert results[1].path.endswith("b.txt") and "no such file" in results[1].message and not results[1].skipped


def test_folder_that_vanishes_mid_walk_is_an_error(tmp_path):
    import shutil

    import caselint.api

    tree = _tree(tmp_path)
    (tree / "zz").mkdir()
    (tree / "zz" / "z.txt").write_text(OK_DRAFT)
    drafts = caselint.api.iter_drafts_for([str(tree)])
    assert next(drafts).path.endswith("ok.txt")
    shutil.rmtree(tree / "zz")
    rest = list(drafts)
    assert rest[-1].path == str(tree / "zz") and "vanished" in rest[-1].message, rest


@pytest.mark.parametrize("command", [[], ["rewrite"], ["check", "--fix"]])
def test_config_that_is_a_device_is_one_clear_line(tmp_path, command):
    """Issue 14: `--config /dev/zero` said "not found". It is one line that says what the path is,
    exit 2, no hang (a device or FIFO is never read), no traceback."""
    draft = tmp_path / "draft.txt"
    draft.write_text(OK_DRAFT)
    proc = run([*command, "--config", "/dev/zero", str(draft)], timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "caselint: error: /dev/zero: config is a device, not a regular file\n"
    assert draft.read_text() == OK_DRAFT and proc.stdout == b""


def test_config_that_is_a_fifo_a_folder_or_missing_is_one_clear_line(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(OK_DRAFT)
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # opened for reading without a writer: a blocking open would hang here
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    for config, says in ((fifo, "config is a FIFO (named pipe), not a regular file"),
                         (folder, "config is a directory, not a regular file"),
                         (tmp_path / "nope.toml", "config file not found"),
                         (Path("/dev/null"), "config is a device, not a regular file")):
        for command in ([], ["rewrite"]):
            result = run_cli(*command, "--config", config, draft)
            assert result.exit_code == 2, (config, result.output)
            assert result.stderr == f"caselint: error: {config}: {says}\n", result.stderr


def test_config_is_read_with_a_size_limit(run_cli, tmp_path, monkeypatch):
    from caselint import config

    monkeypatch.setattr(config, "MAX_CONFIG_SIZE", 100)
    big = tmp_path / "big.toml"
    big.write_text("# padding\n" * 20 + "select = ['ID']\n")
    draft = tmp_path / "draft.txt"
    draft.write_text(OK_DRAFT)
    result = run_cli("--config", big, draft)
    assert result.exit_code == 2 and result.stderr == f"caselint: error: {big}: config is over 100 bytes; not read\n"


def test_non_utf8_terminal_gets_escapes_not_a_traceback(tmp_path):
    """Issue 14: the text format on a cp1252 stdout with an emoji raised UnicodeEncodeError."""
    draft = tmp_path / "d.txt"
    draft.write_text("Hello, where is my shipment 😀?\n", encoding="utf-8")
    proc = run([str(draft)], env={"PYTHONIOENCODING": "cp1252"}, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert b"Traceback" not in proc.stderr and b"\\U0001f600" in proc.stdout


# --- 4. writes ------------------------------------------------------------------------------------------

NONCONVERGING = "Please change the title to increase sales... I am losing $5,000 a day!! [add the ASIN here]\n"
FIXABLE = "THIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\n"


def test_fix_that_does_not_converge_is_not_written(tmp_path):
    """Issue 14: --fix --unsafe-fixes reported 'did not converge after 10 rounds' and still wrote the file,
    with 10 copies of a sentence inside the placeholder. Now nothing is written; the error names the
    draft and the rules. (If the rewrite engineer makes this draft converge, the file is fixed instead;
    either way it never holds the repeated sentence.)"""
    draft = tmp_path / "draft.txt"
    draft.write_text(NONCONVERGING)
    proc = run(["check", "--fix", "--unsafe-fixes", str(draft)], timeout=200)
    text = draft.read_text()
    assert text.count("so that customers can find it") <= 1, text
    if text == NONCONVERGING:
        assert proc.returncode == 2
        errors = _errors(proc)
        assert len(errors) == 1 and str(draft) in errors[0] and "converge" in errors[0] and "rules:" in errors[0]
    rewrite = run(["rewrite", str(draft)], timeout=200)
    assert rewrite.stdout.count(b"so that customers can find it") <= 1
    if rewrite.returncode == 2:
        assert b"converge" in rewrite.stderr and rewrite.stdout == b""


def test_lsp_does_not_offer_a_fix_all_that_does_not_converge(monkeypatch):
    from caselint.fixes import FixResult
    from caselint.config import Settings
    from caselint.lsp import fixing
    import caselint.api

    report = caselint.lint_text(FIXABLE)
    stuck = FixResult("x", FIXABLE, report, (), 10, False, "fixes did not converge after 10 rounds")
    monkeypatch.setattr(caselint.api, "fix_text", lambda *a, **k: stuck)
    new_text, how = fixing.fix_all(FIXABLE, "d.txt", Settings(), report)
    assert new_text is None and "converge" in how


def _fix(path: Path):
    return run(["check", "--fix", str(path)], timeout=200)


def test_read_only_file_is_refused(tmp_path):
    """Issue 14: a read-only (0444) file was overwritten (as root too: the shell's '>' would refuse the
    user, and a fixer must not silently go further than the user asked)."""
    draft = tmp_path / "ro.txt"
    draft.write_text(FIXABLE)
    draft.chmod(0o444)
    other = tmp_path / "other.txt"
    other.write_text(FIXABLE)
    proc = run(["check", "--fix", str(draft), str(other)], timeout=200)
    assert draft.read_text() == FIXABLE
    assert other.read_text() != FIXABLE  # the other file is still fixed
    assert proc.returncode == 2
    assert any("read-only" in e and "ro.txt" in e for e in _errors(proc)), proc.stderr


def test_hard_link_is_not_split_silently(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(FIXABLE)
    twin = tmp_path / "twin.txt"
    os.link(draft, twin)
    proc = _fix(draft)
    assert draft.read_text() == FIXABLE and os.stat(draft).st_ino == os.stat(twin).st_ino
    assert proc.returncode == 2 and any("hard link" in e for e in _errors(proc))


def test_symlink_to_a_file_outside_the_folder_is_not_written_through(tmp_path):
    """Issue 14: --fix on a folder wrote through a symlink to a file outside the tree."""
    outside = tmp_path / "outside.txt"
    outside.write_text(FIXABLE)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.txt").symlink_to(outside)
    (tree / "own.txt").write_text(FIXABLE)
    proc = run(["check", "--fix", str(tree)], timeout=200)
    assert outside.read_text() == FIXABLE
    assert (tree / "own.txt").read_text() != FIXABLE
    assert proc.returncode == 2 and any("symbolic link" in e for e in _errors(proc)), proc.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to create a file owned by someone else")
def test_owner_group_and_xattrs_are_kept(tmp_path):
    """Issue 14: owner and group became the running user's; extended attributes were dropped."""
    draft = tmp_path / "d.txt"
    draft.write_text(FIXABLE)
    os.chown(draft, 12345, 23456)
    try:
        os.setxattr(draft, "user.caselint-test", b"kept")
        has_xattr = True
    except OSError:
        has_xattr = False  # the file system has no user xattrs
    proc = _fix(draft)
    assert proc.returncode in (0, 1), proc.stderr
    assert draft.read_text() != FIXABLE
    st = os.stat(draft)
    assert (st.st_uid, st.st_gid) == (12345, 23456)
    if has_xattr:
        assert os.getxattr(draft, "user.caselint-test") == b"kept"


SWAP_AFTER_READ = textwrap.dedent(
    """
    import os, sys
    from caselint import inputs
    from caselint.cli import main
    real = inputs.read_draft
    swap = sys.argv[1]
    def read_then_swap(path, settings):
        draft = real(path, settings)
        os.unlink(path)
        if swap == "fifo":
            os.mkfifo(path)
        return draft
    inputs.read_draft = read_then_swap
    sys.argv = ["caselint", *sys.argv[2:]]
    main()
    """
)


@pytest.mark.parametrize("swap", ["vanish", "fifo"])
@pytest.mark.parametrize("command", [["check", "--fix"], ["rewrite", "--in-place"]])
def test_draft_that_vanishes_or_becomes_a_fifo_before_the_write(tmp_path, swap, command):
    """A draft deleted (or replaced by a FIFO) between being read and being fixed: one clear error
    line, exit 2, nothing written, no hang (the re-read before writing opened a FIFO and blocked)."""
    draft = tmp_path / "d.txt"
    draft.write_text(FIXABLE)
    proc = subprocess.run([PYTHON, "-c", SWAP_AFTER_READ, swap, *command, str(draft)], capture_output=True,
                          timeout=120)
    assert proc.returncode == 2, proc.stderr
    errors = _errors(proc)
    reason = "no such file" if swap == "vanish" else "no longer a regular file"
    assert len(errors) == 1 and errors[0].startswith(f"caselint: error: {draft}: cannot re-read before "), errors
    assert reason in errors[0] and "Errno" not in errors[0], errors
    assert b"Traceback" not in proc.stderr
    assert (not draft.exists()) if swap == "vanish" else not draft.is_file()


def test_owner_or_xattr_that_cannot_be_kept_is_refused(tmp_path, monkeypatch):
    """The README promises: a file whose owner or extended attributes the new file cannot keep is not
    written. Simulated (as any user): the file seems to belong to someone else and chown fails; then an
    attribute that cannot be copied."""
    from caselint import writing

    draft = tmp_path / "d.txt"
    draft.write_bytes(b"old\n")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(draft).st_uid + 1)

    def chown(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", chown)
    with pytest.raises(writing.WriteRefused, match="owned by another user"):
        writing.atomic_write(str(draft), b"new\n")
    assert draft.read_bytes() == b"old\n"
    monkeypatch.undo()

    def setxattr(*args, **kwargs):
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(os, "listxattr", lambda path: ["user.note"], raising=False)
    monkeypatch.setattr(os, "getxattr", lambda path, name: b"kept", raising=False)
    monkeypatch.setattr(os, "setxattr", setxattr, raising=False)
    with pytest.raises(writing.WriteRefused, match="extended attribute 'user.note'"):
        writing.atomic_write(str(draft), b"new\n")
    assert draft.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["d.txt"]  # no temporary file left behind


def test_cr_only_line_endings_are_kept(tmp_path):
    """Issue 14: CR-only drafts came back with LF line endings (fixes insert LF)."""
    from caselint.writing import write_text

    draft = tmp_path / "cr.txt"
    draft.write_bytes(b"Hello,\rWhere is my shipment?\r")
    assert write_text(str(draft), "Hello,\rWhere is my shipment?\n\nThank you.\r", bom=False)
    assert b"\n" not in draft.read_bytes()
    assert draft.read_bytes() == b"Hello,\rWhere is my shipment?\r\rThank you.\r"


CR_DRAFT = b"Hello,\rTHIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\rThanks\r"


def _inserting_lf(monkeypatch, name):
    """Make ``caselint.api.<name>`` (fix_text / rewrite_text) insert an LF paragraph, as unsafe fixes did."""
    import dataclasses

    import caselint.api

    real = getattr(caselint.api, name)

    def with_lf(text, *args, **kwargs):
        result = real(text, *args, **kwargs)
        return dataclasses.replace(result, text=result.text.replace("Thanks", "Thank you.\n\nThanks", 1))

    monkeypatch.setattr(caselint.api, name, with_lf)


@pytest.mark.parametrize("args, source", [
    (["rewrite", "-"], "stdin"), (["rewrite", "{file}"], "file"),
    (["check", "--fix", "--unsafe-fixes", "-"], "stdin"),
])
def test_cr_only_line_endings_are_kept_on_stdout(run_cli, tmp_path, monkeypatch, args, source):
    """Issue 14 (left over): CR-only drafts kept CR when written to a file, but `rewrite` and `check
    --fix -` printed what the engine returned, LF included."""
    _inserting_lf(monkeypatch, "fix_text" if "check" in args else "rewrite_text")
    draft = tmp_path / "cr.txt"
    draft.write_bytes(CR_DRAFT)
    argv = [a.format(file=draft) for a in args]
    result = run_cli(*argv, input=CR_DRAFT if source == "stdin" else None)
    assert result.exit_code in (0, 1), result.output
    out = result.stdout_bytes
    assert b"Thank you.\r\rThanks" in out and b"\n" not in out, out


def test_cr_only_line_endings_in_diffs(run_cli, tmp_path, monkeypatch):
    """`--diff` of a CR-only draft showed every line with '\\ No newline at end of file', and compared
    against the text as the engine returned it, not as the file would be written."""
    _inserting_lf(monkeypatch, "rewrite_text")
    _inserting_lf(monkeypatch, "fix_text")
    draft = tmp_path / "cr.txt"
    draft.write_bytes(CR_DRAFT)
    for args in (["rewrite", "--diff", draft], ["check", "--diff", "--unsafe-fixes", draft]):
        result = run_cli(*args)
        assert result.exit_code == 1, result.output
        assert "No newline at end of file" not in result.stdout, result.stdout
        assert "\r" not in result.stdout  # line endings shown as LF, as for CRLF drafts
        assert " Hello,\n" in result.stdout and "-THIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\n" in result.stdout
    assert draft.read_bytes() == CR_DRAFT


def test_write_error_is_one_line_not_a_traceback(tmp_path):
    """Issue 14: rewrite --in-place on a read-only folder, a full disk or ulimit -f raised a traceback."""
    import resource

    draft = tmp_path / "d.txt"
    draft.write_text(FIXABLE * 50)
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100)); "
              "from caselint.cli import main; sys.argv = ['caselint', 'rewrite', '--in-place', sys.argv[1]]; main()")
    proc = subprocess.run([PYTHON, "-c", script, str(draft)], capture_output=True, timeout=200)
    assert proc.returncode == 2, proc.stderr
    assert b"Traceback" not in proc.stderr and b"not written" in proc.stderr
    assert draft.read_text() == FIXABLE * 50
    assert resource


# --- 5. language server ---------------------------------------------------------------------------------


LSP_DRAFT = "Hello,\nTHIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\nThanks\n"


def test_lsp_huge_content_length_gets_an_error_reply_and_the_server_goes_on(lsp_client, tmp_path):
    """Issue 14: a Content-Length larger than memory killed the server."""
    uri = (tmp_path / "d.txt").as_uri()
    lsp_client.open(uri, LSP_DRAFT)
    lsp_client.diagnostics(uri)
    body = b'{"jsonrpc": "2.0", "id": 777, "method": "textDocument/hover", "params": {}}'
    lsp_client.proc.stdin.write(f"Content-Length: {(1 << 40)}\r\n\r\n".encode() + body + b" " * (1 << 20))
    lsp_client.proc.stdin.flush()
    reply = lsp_client.response(777, timeout=120)  # answered at once; the rest of the body is then skipped
    assert "error" in reply
    assert lsp_client.proc.poll() is None
    lsp_client.proc.stdin.close()  # the frame never ends: the client gives up, the server ends cleanly
    assert lsp_client.proc.wait(timeout=60) == 0


def test_lsp_huge_content_length_with_a_short_body_is_answered_at_once(lsp_client, tmp_path):
    """The same request with nothing after its short body: the reply must not wait for 64 KB more
    (the server read a fixed 64 KB of the body before answering, so this client waited forever)."""
    uri = (tmp_path / "d.txt").as_uri()
    lsp_client.open(uri, LSP_DRAFT)
    lsp_client.diagnostics(uri)
    lsp_client.proc.stdin.write(f"Content-Length: {(1 << 40)}\r\n\r\n".encode()
                                + b'{"jsonrpc": "2.0", "id": 778, "method": "textDocument/hover", "params": {}}')
    lsp_client.proc.stdin.flush()
    reply = lsp_client.response(778, timeout=120)
    assert "error" in reply and lsp_client.proc.poll() is None


def test_lsp_out_of_range_positions_get_a_reply(lsp_client, tmp_path):
    """Issue 14: requests with out-of-range positions never got a reply."""
    uri = (tmp_path / "d.txt").as_uri()
    lsp_client.open(uri, LSP_DRAFT)
    lsp_client.diagnostics(uri)
    for position in ({"line": -1, "character": 0}, {"line": 0, "character": -5}, {"line": 2 ** 40, "character": 2 ** 40},
                     {"line": 10_000, "character": 3}):
        rid = lsp_client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        reply = lsp_client.response(rid)
        assert "result" in reply or "error" in reply
    rid = lsp_client.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                  "range": {"start": {"line": -3, "character": 0},
                                                            "end": {"line": 0, "character": 1}},
                                                  "context": {"diagnostics": []}})
    reply = lsp_client.response(rid)
    assert "result" in reply or "error" in reply
    assert lsp_client.shutdown() == 0


def test_lsp_broken_incremental_edit_is_reported_not_silently_stale(lsp_client, tmp_path):
    """Issue 14: negative-position edits were dropped, so the server's copy went stale silently."""
    uri = (tmp_path / "d.txt").as_uri()
    lsp_client.open(uri, LSP_DRAFT)
    assert lsp_client.diagnostics(uri, version=1)["params"]["diagnostics"]
    lsp_client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]})
    shown = lsp_client.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert "could not be applied" in shown["params"]["message"]
    cleared = lsp_client.diagnostics(uri)
    assert cleared["params"]["diagnostics"] == []
    # A whole-text change brings it back.
    lsp_client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                          "contentChanges": [{"text": LSP_DRAFT}]})
    assert lsp_client.diagnostics(uri, version=3)["params"]["diagnostics"]


def test_lsp_exit_without_shutdown_exits_1(lsp_client):
    """Issue 14: 'exit' without 'shutdown' exited 0; the LSP spec says 1."""
    lsp_client.notify("exit")
    assert lsp_client.proc.wait(timeout=60) == 1


def test_lsp_many_quick_changes_are_coalesced(lsp_client, tmp_path):
    """Issue 14: no debounce: 1,000 changes to a 60 KB document blocked the server for 580 s."""
    uri = (tmp_path / "d.txt").as_uri()
    text = LSP_DRAFT * 900  # about 60 KB
    lsp_client.open(uri, text)
    lsp_client.diagnostics(uri, version=1, timeout=200)
    for version in range(2, 1002):
        lsp_client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]})
    last = lsp_client.diagnostics(uri, version=1001, timeout=240)
    assert last["params"]["diagnostics"]
    rid = lsp_client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    assert "result" in lsp_client.response(rid, timeout=120)


@pytest.mark.slow
def test_lsp_long_fix_it_now_document_gets_diagnostics(lsp_client, tmp_path):
    """Issue 14: the server gave no diagnostics for 10 minutes after opening 60,000 'Fix it NOW!!' lines."""
    uri = (tmp_path / "d.txt").as_uri()
    lsp_client.open(uri, "Fix it NOW!!\n" * 60_000)
    assert lsp_client.diagnostics(uri, version=1, timeout=400)["params"]["diagnostics"]


# --- 6. the harness's blind spots -----------------------------------------------------------------------


def test_regex_harness_sees_inline_regexes():
    """Issue 14: the regex harness only saw module-level patterns, so reframe._end_punct's inline
    re.search (32 s on a '.'*40000 draft) was never attacked."""
    sys.path.insert(0, str(REPO / "tests" / "reliability"))
    try:
        import regex_attack
    finally:
        sys.path.pop(0)
    inline = regex_attack.inline_patterns()
    names = [name for name, _ in inline]
    assert any(name.startswith("caselint.reframe (inline re.search") for name in names), names
    every = {p.pattern for _, p in regex_attack.collect_patterns()}
    assert {p.pattern for _, p in inline} <= every
    # The known-slow list names only patterns that still exist in the code.
    assert set(regex_attack.KNOWN_SLOW) <= every


def test_fuzz_targets_do_not_swallow_recursion_errors():
    """Issue 14: fuzz_config / fuzz_lexicon returned early on RecursionError from a tomllib pre-check,
    so caselint's own readers never saw deeply nested TOML. They now go straight to the readers."""
    source = (REPO / "fuzz" / "fuzz_caselint.py").read_text()
    config = source[source.index("def fuzz_config"):source.index("def fuzz_lexicon")]
    lexicon = source[source.index("def fuzz_lexicon"):source.index("TARGETS =")]
    import re

    assert not re.search(r"except[^\n]{0,200}RecursionError", config + lexicon)
    assert "read_config_file(path)" in config and "read_lexicon_file(path)" in lexicon


def test_deep_toml_through_the_readers_the_fuzzer_calls(tmp_path):
    from caselint.config import read_config_file
    from caselint.errors import CaselintError
    from caselint.lexicon.loader import read_lexicon_file

    deep = "a = " + "[" * 600 + "]" * 600 + "\n"
    for reader, name in ((read_config_file, ".caselint.toml"), (read_lexicon_file, "lx.toml")):
        path = tmp_path / name
        path.write_text(deep)
        with pytest.raises(CaselintError, match="nested too deeply"):
            reader(path)


def test_fuzz_scratch_folder_lives_under_the_run_folder():
    """Issue 14: fuzz runs left their temporary folders behind."""
    target = (REPO / "fuzz" / "fuzz_caselint.py").read_text()
    runner = (REPO / "fuzz" / "run.py").read_text()
    assert 'os.environ.get("CASELINT_FUZZ_TMP")' in target and "atexit.register(shutil.rmtree, _TMP" in target
    assert '"CASELINT_FUZZ_TMP": str(work)' in runner
