"""Conventions users of ruff bring along: --exit-zero, --fix / --exit-non-zero-on-fix exit codes,
--statistics, NO_COLOR / FORCE_COLOR, range-checked config values named by their key."""

from __future__ import annotations

import json

import pytest

BAD = "Hello,\nPlease check [ASIN] for me!!!\n"
SHOUTY = "Hello,\nPlease check ASIN B08ABC1234 for me!!!\nThank you.\n"
ANSI = "\x1b["


@pytest.fixture
def ws(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "other.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "shouty.txt").write_text(SHOUTY, encoding="utf-8")
    return tmp_path


def test_exit_zero(run_cli, ws):
    assert run_cli("--select", "ID008", "bad.txt", cwd=ws).exit_code == 1
    result = run_cli("--select", "ID008", "--exit-zero", "--format", "concise", "bad.txt", cwd=ws)
    assert result.exit_code == 0
    assert "bad.txt:2:14: ID008 " in result.stdout  # findings are still reported
    assert run_cli("--exit-zero", "--fail-under", "100", "bad.txt", cwd=ws).exit_code == 0
    assert run_cli("--exit-zero", "missing.txt", cwd=ws).exit_code == 2  # errors still fail


def test_fix_exits_0_when_everything_was_fixed(run_cli, ws):
    result = run_cli("check", "--fix", "--select", "TN008", "shouty.txt", cwd=ws)
    assert result.exit_code == 0, result.output
    assert "!!!" not in (ws / "shouty.txt").read_text(encoding="utf-8")
    assert "applied 1 fix; 1 draft changed" in result.stderr


def test_fix_exits_1_when_findings_remain(run_cli, ws):
    result = run_cli("check", "--fix", "--select", "TN008,ID008", "bad.txt", cwd=ws)
    assert result.exit_code == 1  # ID008 (a placeholder) cannot be fixed
    assert "!!!" not in (ws / "bad.txt").read_text(encoding="utf-8")


def test_exit_non_zero_on_fix(run_cli, ws):
    result = run_cli("check", "--fix", "--exit-non-zero-on-fix", "--select", "TN008", "shouty.txt", cwd=ws)
    assert result.exit_code == 1
    again = run_cli("check", "--fix", "--exit-non-zero-on-fix", "--select", "TN008", "shouty.txt", cwd=ws)
    assert again.exit_code == 0  # nothing left to change


def test_statistics_text(run_cli, ws):
    result = run_cli("--statistics", "--select", "ID008,TN008,PL002", "bad.txt", "other.txt", "shouty.txt", cwd=ws)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == ["3\tTN008\t[*] repeated-punctuation", "2\tID008\t[ ] unfilled-placeholder",
                     "2\tPL002\t[ ] no-thanks"], result.stdout
    assert "3 files checked" in result.stderr


def test_statistics_json(run_cli, ws):
    result = run_cli("--statistics", "--format", "json", "--select", "ID008,TN008", "bad.txt", "shouty.txt", cwd=ws)
    assert json.loads(result.stdout) == [
        {"code": "TN008", "name": "repeated-punctuation", "count": 2, "fixable": True, "fixable_count": 2},
        {"code": "ID008", "name": "unfilled-placeholder", "count": 1, "fixable": False, "fixable_count": 0},
    ]


def test_statistics_with_fix_is_a_usage_error(run_cli, ws):
    assert run_cli("--statistics", "--fix", "bad.txt", cwd=ws).exit_code == 2


@pytest.mark.parametrize(
    "env, flag, coloured",
    [
        ({}, None, False),  # CliRunner output is not a terminal
        ({"FORCE_COLOR": "1"}, None, True),
        ({"NO_COLOR": "1"}, "--color", True),  # the flag wins
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),  # NO_COLOR wins over FORCE_COLOR
        ({"FORCE_COLOR": "1"}, "--no-color", False),
        ({"NO_COLOR": "", "FORCE_COLOR": ""}, None, False),  # empty means unset
    ],
)
def test_no_color_and_force_color(run_cli, ws, monkeypatch, env, flag, coloured):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run_cli(*([flag] if flag else []), "bad.txt", cwd=ws)
    assert (ANSI in result.stdout) is coloured


@pytest.mark.parametrize(
    "toml, key",
    [
        ("[rule-options.CL001]\nmax-words = -3\n", "rule-options.CL001.max-words"),
        ("[rule-options.long-sentence]\nmax-words = 0\n", "rule-options.long-sentence.max-words"),
        ("[rule-options.ID001]\nmin-confidence = 1.5\n", "rule-options.ID001.min-confidence"),
        ("[rule-options.CL008]\nmin-score = 101.0\n", "rule-options.CL008.min-score"),
        ("[rule-options.CL005]\nmin-words = -1\n", "rule-options.CL005.min-words"),
        ("[rule-options.CL009]\nchase-max-confidence = nan\n", "rule-options.CL009.chase-max-confidence"),
        ("fail-under = 101\n", "'fail-under'"),
        ("max-draft-size = 0\n", "'max-draft-size'"),
        ("[scoring.categories]\ntone = -1\n", "scoring.categories.tone"),
        ("[scoring.caps]\nCL009 = 200\n", "scoring.caps.CL009"),
    ],
)
def test_numbers_out_of_range_name_the_key(run_cli, ws, toml, key):
    (ws / "caselint.toml").write_text(toml, encoding="utf-8")
    result = run_cli("bad.txt", cwd=ws)
    assert result.exit_code == 2
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("caselint: error:")]
    assert "caselint.toml" in line and key in line, line


def test_numbers_in_range_are_accepted(run_cli, ws):
    (ws / "caselint.toml").write_text(
        "[rule-options.CL001]\nmax-words = 1\n[rule-options.ID001]\nmin-confidence = 1.0\n"
        "[rule-options.CL005]\nmin-words = 0\n", encoding="utf-8")
    assert run_cli("--select", "ID008", "bad.txt", cwd=ws).exit_code == 1


def test_fail_under_from_config_is_named_as_the_key(run_cli, ws):
    (ws / "caselint.toml").write_text("fail-under = 100\n", encoding="utf-8")
    for fmt, stream in (("text", "stdout"), ("concise", "stderr"), ("github", "stdout")):
        result = run_cli("--format", fmt, "--select", "ID008", "bad.txt", cwd=ws)
        text = getattr(result, stream)
        assert "under fail-under 100" in text, (fmt, text)
        assert "--fail-under" not in result.stdout + result.stderr, fmt
    flag = run_cli("--format", "concise", "--fail-under", "99", "bad.txt", cwd=ws)
    assert "under --fail-under 99" in flag.stderr
