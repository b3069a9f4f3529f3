"""Bad input: one line naming the file, exit 2, no traceback, and every other file is still reported."""

from __future__ import annotations

import json
import subprocess

import pytest

GOOD_NAME = "fine.txt"
DRAFT = "Hello,\nPlease check [ASIN] for me!!!\n"
TEN_MB = 10 * 1024 * 1024


def check_run(result, bad_name, *needles):
    """The bad file gets one error line, the good file is still reported, exit 2, no traceback."""
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("caselint: error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"caselint: error: {bad_name}: "), errors[0]
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])
    assert f"{GOOD_NAME}:2:14: ID008 " in result.stdout
    assert bad_name + ":" not in result.stdout
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "MemoryError" not in output


@pytest.fixture
def ws(tmp_path):
    (tmp_path / GOOD_NAME).write_text(DRAFT, encoding="utf-8")
    return tmp_path


def lint(run_cli, ws, *paths, fmt="concise"):
    return run_cli("--format", fmt, "--select", "ID008", *paths, cwd=ws)


@pytest.mark.parametrize(
    "name, content, needles",
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary"]),
        ("latin1.txt", "Grüße, bitte prüfen\n".encode("latin-1"), ["not valid UTF-8", "0xfc"]),
    ],
)
def test_unreadable_drafts(run_cli, ws, name, content, needles):
    (ws / name).write_bytes(content)
    result = lint(run_cli, ws, name, GOOD_NAME)
    check_run(result, name, *needles)


def test_missing_file(run_cli, ws):
    check_run(lint(run_cli, ws, "nope.txt", GOOD_NAME), "nope.txt", "no such file")


def test_ten_megabyte_draft(run_cli, ws):
    line = b"Please check shipment FBA15ABC1234, we are missing units!!!\n"
    (ws / "huge.txt").write_bytes(line * (TEN_MB // len(line) + 1))
    result = lint(run_cli, ws, GOOD_NAME, "huge.txt")
    check_run(result, "huge.txt", "max-draft-size", "bytes")


def test_ten_megabyte_draft_on_stdin(run_cli, ws):
    result = run_cli("--format", "concise", "--select", "ID008", "-", GOOD_NAME, "--stdin-filename", "pasted.txt",
                     input=b"x" * TEN_MB, cwd=ws)
    check_run(result, "pasted.txt", "max-draft-size")


def test_ten_megabyte_draft_real_process(caselint_exe, ws):
    """The installed entry point in its own process: bounded memory, no traceback."""
    (ws / "huge.txt").write_bytes(b"word " * (TEN_MB // 5 + 1))
    proc = subprocess.run([caselint_exe, "--format", "json", "--select", "ID008", "huge.txt", GOOD_NAME],
                          cwd=ws, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [f["path"] for f in data["files"]] == [GOOD_NAME]
    assert [e["path"] for e in data["errors"]] == ["huge.txt"]
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("caselint: error: huge.txt: draft is ")


def test_binary_on_stdin(run_cli, ws):
    result = run_cli("--format", "concise", "--select", "ID008", "-", GOOD_NAME, input=b"\x00\x01\x02", cwd=ws)
    check_run(result, "-", "binary")


def test_bom_is_fine(run_cli, ws):
    (ws / "bom.txt").write_bytes(b"\xef\xbb\xbf" + DRAFT.encode())
    result = lint(run_cli, ws, "bom.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("bom.txt:2:14: ID008 ")


def test_directory_arguments(run_cli, ws):
    (ws / "folder.txt").mkdir()  # looks like a draft, is a folder: walked, not read
    (ws / "folder.txt" / "inner.md").write_text(DRAFT, encoding="utf-8")
    (ws / "empty-dir").mkdir()
    result = lint(run_cli, ws, "folder.txt", "empty-dir", GOOD_NAME)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0].startswith("folder.txt/inner.md:2:14: ID008 ")
    assert result.stderr.startswith("2 files checked")


def test_folder_that_looks_like_a_draft_is_skipped_in_a_walk(run_cli, ws):
    (ws / "tree" / "notes.txt").mkdir(parents=True)
    (ws / "tree" / "a.txt").write_text(DRAFT, encoding="utf-8")
    result = lint(run_cli, ws, "tree")
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["tree/a.txt"]


def test_every_error_in_one_run(run_cli, ws):
    (ws / "bin.txt").write_bytes(b"\x00")
    (ws / "empty.txt").write_bytes(b"")
    result = lint(run_cli, ws, "nope.txt", "bin.txt", GOOD_NAME, "empty.txt", fmt="json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["files"]] == [GOOD_NAME]
    assert [e["path"] for e in data["errors"]] == ["nope.txt", "bin.txt"]
    assert [s["path"] for s in data["skipped"]] == ["empty.txt"]  # empty drafts are skipped, not errors
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "config, lexicon, needles",
    [
        ("select = [\n", None, ["invalid TOML"]),
        ("colour = true\n", None, ["unknown key 'colour'"]),
        ('extra-lexicons = ["lex.toml"]\n', '[meta]\nid = "x"\n[[entry]]\nid = "e"\ntag = "t"\nregex = "(a*)*$"\n',
         ["lex.toml", "entry 'e'", "backtrack"]),
        ('extra-lexicons = ["missing.toml"]\n', None, ["missing.toml", "cannot read lexicon"]),
    ],
)
def test_broken_config_or_lexicon(run_cli, ws, config, lexicon, needles):
    proj = ws / "proj"
    proj.mkdir()
    (proj / "caselint.toml").write_text(config, encoding="utf-8")
    if lexicon:
        (proj / "lex.toml").write_text(lexicon, encoding="utf-8")
    (proj / "d.txt").write_text(DRAFT, encoding="utf-8")
    result = lint(run_cli, ws, "proj/d.txt", GOOD_NAME)
    check_run(result, "proj/d.txt", *needles)


def test_broken_explicit_config_is_one_line_before_any_output(run_cli, ws):
    (ws / "ci.toml").write_text("bogus = 1\n", encoding="utf-8")
    result = run_cli("--format", "json", "--config", "ci.toml", GOOD_NAME, GOOD_NAME, cwd=ws)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"caselint: error: {ws / 'ci.toml'}: unknown key 'bogus'"]


def test_unknown_format_and_option(run_cli, ws):
    for args in (("--format", "xml", GOOD_NAME), ("--frmat", "json", GOOD_NAME)):
        result = run_cli(*args, cwd=ws)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "Error:" in result.stderr and "Traceback" not in result.stderr
