"""Empty and whitespace-only drafts are skipped (one note on stderr, "skipped" in JSON), never errors."""

from __future__ import annotations

import json

import pytest

DRAFT = "Hello,\nPlease check [ASIN] for me!!!\n"
GOOD = "Hello,\nPlease check ASIN B08ABC1234 for me.\nThank you.\n"
EMPTIES = {"empty.txt": b"", "blank.md": b"  \n\t\r\n  \n", "bom-only.txt": b"\xef\xbb\xbf\n"}


@pytest.fixture
def ws(tmp_path):
    for name, raw in EMPTIES.items():
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "bad.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", sorted(EMPTIES))
def test_empty_alone_exits_0_with_one_note(run_cli, ws, name):
    result = run_cli("--format", "concise", "--select", "ID008", name, cwd=ws)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    notes = [line for line in result.stderr.splitlines() if line.startswith("caselint:")]
    assert notes == [f"caselint: skipped {name}: empty draft: nothing to lint"]
    assert "1 empty file skipped" in result.stderr


@pytest.mark.parametrize("other, code", [("good.txt", 0), ("bad.txt", 1)])
def test_empty_does_not_change_the_exit_code(run_cli, ws, other, code):
    result = run_cli("--format", "concise", "--select", "ID008", "empty.txt", other, cwd=ws)
    assert result.exit_code == code, result.output


def test_json_notes_skipped_files_in_an_additive_key(run_cli, ws):
    result = run_cli("--format", "json", "--select", "ID008", *sorted(EMPTIES), "bad.txt", cwd=ws)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] == []
    assert [s["path"] for s in data["skipped"]] == sorted(EMPTIES)
    assert all(s["reason"].startswith("empty draft") for s in data["skipped"])
    assert [f["path"] for f in data["files"]] == ["bad.txt"]
    clean = json.loads(run_cli("--format", "json", "bad.txt", cwd=ws).stdout)
    assert "skipped" not in clean  # present only when something was skipped


def test_folder_walk_and_stdin_and_fix(run_cli, ws):
    walked = run_cli("--format", "concise", "--select", "ID008", ".", cwd=ws)
    assert walked.exit_code == 1
    assert walked.stderr.count("caselint: skipped ") == len(EMPTIES)
    assert "caselint: error" not in walked.stderr
    piped = run_cli("-", input=b"   \n", cwd=ws)
    assert piped.exit_code == 0 and "caselint: skipped -: empty draft" in piped.stderr
    fixed = run_cli("check", "--fix", "empty.txt", cwd=ws)
    assert fixed.exit_code == 0 and "caselint: skipped empty.txt" in fixed.stderr
    assert (ws / "empty.txt").read_bytes() == b""


def test_sarif_notes_skipped_without_failing_the_run(run_cli, ws):
    data = json.loads(run_cli("--format", "sarif", "empty.txt", "good.txt", cwd=ws).stdout)
    invocation = data["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["note"]


def test_api_still_yields_a_file_error_marked_skipped(ws, monkeypatch):
    import caselint

    monkeypatch.chdir(ws)
    (item,) = list(caselint.lint_paths(["empty.txt"]))
    assert isinstance(item, caselint.api.FileError) and item.skipped
