"""Configuration: discovery, precedence, validation and every key.

Drafts and selections use mechanical rules (ID008 placeholders, TN008 '!!!', CL001 sentence length
with an explicit max-words) so catalogue tuning does not change these results.
"""

from __future__ import annotations

import json
import re

import pytest

from caselint.config import KEYS
from caselint.lexicon.loader import builtin_lexicons

BAD = "Hello,\nPlease check [ASIN] for me!!!\n"
CONCISE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2}\d{3}) ")


def codes(result) -> set[str]:
    found = set()
    for line in result.stdout.splitlines():
        m = CONCISE_RE.match(line)
        assert m, line
        found.add(m["code"])
    return found


def lint(run_cli, cwd, *paths, select="ID008,TN008", extra=()):
    return run_cli("--format", "concise", "--select", select, *extra, *paths, cwd=cwd)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def one_line_error(result, *needles):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    error_lines = [line for line in lines if line.startswith("caselint: error:")]
    assert len(error_lines) == 1, result.stderr
    for needle in needles:
        assert needle in error_lines[0], (needle, error_lines[0])
    assert "Traceback" not in result.output


# --- discovery ----------------------------------------------------------------------------------------


def test_precedence_within_one_folder(run_cli, tmp_path):
    write(tmp_path / "draft.txt", BAD)
    dot = write(tmp_path / ".caselint.toml", 'ignore = ["TN008"]\n')
    plain = write(tmp_path / "caselint.toml", 'ignore = ["ID008"]\n')
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.caselint]\nignore = ["ID008", "TN008"]\n')
    assert codes(lint(run_cli, tmp_path, "draft.txt")) == {"ID008"}
    dot.unlink()
    assert codes(lint(run_cli, tmp_path, "draft.txt")) == {"TN008"}
    plain.unlink()
    assert codes(lint(run_cli, tmp_path, "draft.txt")) == set()


def test_pyproject_without_table_is_skipped(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'ignore = ["TN008"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub" / "draft.txt", BAD)
    assert codes(lint(run_cli, tmp_path, "sub/draft.txt")) == {"ID008"}


def test_closest_config_wins(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.caselint]\nignore = ["TN008"]\n')
    write(tmp_path / "team" / ".caselint.toml", 'ignore = ["ID008"]\n')
    write(tmp_path / "top.txt", BAD)
    write(tmp_path / "team" / "deep" / "inner.txt", BAD)
    result = lint(run_cli, tmp_path, "top.txt", "team/deep/inner.txt")
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines if line.startswith("top.txt")] == ["ID008"]
    assert [line.split(": ")[1].split()[0] for line in lines if line.startswith("team/")] == ["TN008"]
    # The same through a folder walk, and from another working directory.
    walked = lint(run_cli, tmp_path / "team", ".")
    assert codes(walked) == {"TN008"}


def test_config_found_from_any_working_directory(run_cli, tmp_path):
    write(tmp_path / "proj" / "caselint.toml", 'ignore = ["TN008"]\n')
    write(tmp_path / "proj" / "d.txt", BAD)
    write(tmp_path / "elsewhere" / "x", "")
    assert codes(lint(run_cli, tmp_path / "elsewhere", "../proj/d.txt")) == {"ID008"}


def test_explicit_config_replaces_discovery(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'ignore = ["TN008"]\n')
    write(tmp_path / "ci" / "strict.toml", 'ignore = ["ID008"]\n')
    write(tmp_path / "draft.txt", BAD)
    assert codes(lint(run_cli, tmp_path, "draft.txt", extra=("--config", "ci/strict.toml"))) == {"TN008"}


def test_explicit_pyproject_needs_the_table(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "draft.txt", BAD)
    result = lint(run_cli, tmp_path, "draft.txt", extra=("--config", "pyproject.toml"))
    one_line_error(result, "no [tool.caselint] table")


def test_missing_explicit_config_is_one_error(run_cli, tmp_path):
    write(tmp_path / "a.txt", BAD)
    write(tmp_path / "b.txt", BAD)
    result = lint(run_cli, tmp_path, "a.txt", "b.txt", extra=("--config", "nope.toml"))
    one_line_error(result, "nope.toml", "not found")
    assert result.stdout == ""


# --- CLI flags win ----------------------------------------------------------------------------------------


def test_cli_select_replaces_config_select(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'select = ["ID008"]\n')
    write(tmp_path / "draft.txt", BAD)
    assert codes(run_cli("--format", "concise", "draft.txt", cwd=tmp_path)) == {"ID008"}
    assert codes(lint(run_cli, tmp_path, "draft.txt", select="TN008")) == {"TN008"}


def test_cli_ignore_adds_to_config_ignore(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'select = ["ID008", "TN008", "CH001"]\nignore = ["TN008"]\n')
    write(tmp_path / "draft.txt", BAD)
    result = run_cli("--format", "concise", "--ignore", "CH001", "draft.txt", cwd=tmp_path)
    assert codes(result) == {"ID008"}


def test_cli_fail_under_overrides_config(run_cli, tmp_path):
    write(tmp_path / "caselint.toml",
          'fail-under = 100\n[severity]\nTN008 = "info"\n[scoring.severity]\ninfo = 0.5\n')
    write(tmp_path / "draft.txt", BAD)
    assert lint(run_cli, tmp_path, "draft.txt", select="TN008").exit_code == 1
    assert lint(run_cli, tmp_path, "draft.txt", select="TN008", extra=("--fail-under", "50")).exit_code == 0


# --- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename, content, needles",
    [
        (".caselint.toml", "bogus = 1\n", ["'bogus'", ".caselint.toml"]),
        ("caselint.toml", "fail_under = 50\n", ["'fail_under'", "did you mean 'fail-under'"]),
        ("pyproject.toml", "[tool.caselint]\nselectt = []\n", ["'selectt'", "[tool.caselint]"]),
        ("caselint.toml", "[scoring]\nbonus = 1\n", ["scoring.bonus"]),
        ("caselint.toml", "[scoring.categories]\nhumour = 1\n", ["scoring.categories.humour"]),
        ("caselint.toml", "[rule-options.CL001]\nmax-wrds = 3\n", ["'max-wrds'", "max-words"]),
        ("caselint.toml", "[rule-options.ZZ123]\nx = 1\n", ["ZZ123"]),
        ("caselint.toml", '[severity]\nZZ123 = "info"\n', ["ZZ123"]),
        ("caselint.toml", '[severity]\nTN008 = "fatal"\n', ["fatal"]),
        ("caselint.toml", 'select = ["NOPE1"]\n', ["'select'", "NOPE1"]),
        ("caselint.toml", '[per-file-ignores]\n"*.txt" = ["NOPE1"]\n', ["NOPE1"]),
        ("caselint.toml", 'fail-under = "high"\n', ["'fail-under'"]),
        ("caselint.toml", "max-draft-size = -1\n", ["'max-draft-size'"]),
        ("caselint.toml", "max-draft-size = 100_000_000\n", ["'max-draft-size'", "up to"]),
        ("caselint.toml", '[rule-options.CL001]\nmax-words = "ten"\n', ["max-words", "expected int"]),
        ("caselint.toml", "unsafe-fixes = 1\n", ["'unsafe-fixes'"]),
        ("caselint.toml", "select = [\n", ["invalid TOML"]),
    ],
)
def test_invalid_config_is_exit_2_naming_the_key(run_cli, tmp_path, filename, content, needles):
    write(tmp_path / filename, content)
    write(tmp_path / "draft.txt", BAD)
    result = lint(run_cli, tmp_path, "draft.txt")
    one_line_error(result, "draft.txt", *needles)


def test_broken_config_in_a_walked_folder_skips_only_that_folder(run_cli, tmp_path):
    write(tmp_path / "ok" / "a.txt", BAD)
    write(tmp_path / "broken" / "caselint.toml", "bogus = 1\n")
    write(tmp_path / "broken" / "b.txt", BAD)
    result = run_cli("--format", "json", "--select", "ID008", ".", cwd=tmp_path)
    assert result.exit_code == 2
    data = json.loads(result.stdout)  # still a complete document
    assert [f["path"] for f in data["files"]] == ["ok/a.txt"]
    assert len(data["errors"]) == 1 and "'bogus'" in data["errors"][0]["message"]


def test_every_key_is_tested_here():
    """Adding a config key means adding a test for it below (and a README line)."""
    tested = {"select", "ignore", "per-file-ignores", "fail-under", "severity", "extra-lexicons",
              "disable-entries", "rule-options", "include", "exclude", "max-draft-size", "scoring", "unsafe-fixes",
              # tested in tests/test_drafts_repo.py (folder walks in a drafts repository):
              "respect-gitignore", "force-exclude", "skip-repository-documents"}
    assert set(KEYS) == tested


# --- every key ----------------------------------------------------------------------------------------


def test_key_select_and_ignore(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'select = ["tone", "identifiers"]\nignore = ["repeated-punctuation"]\n')
    write(tmp_path / "draft.txt", BAD)
    found = codes(run_cli("--format", "concise", "draft.txt", cwd=tmp_path))
    assert "ID008" in found and "TN008" not in found
    assert all(code[:2] in ("TN", "ID") for code in found)


def test_key_select_as_comma_string(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'select = "ID008, TN008"\n')
    write(tmp_path / "draft.txt", BAD)
    assert codes(run_cli("--format", "concise", "draft.txt", cwd=tmp_path)) == {"ID008", "TN008"}


def test_key_per_file_ignores(run_cli, tmp_path):
    write(tmp_path / "caselint.toml",
          '[per-file-ignores]\n"*-template.txt" = ["ID008"]\n"replies/*.txt" = ["tone"]\n')
    write(tmp_path / "case-template.txt", BAD)
    write(tmp_path / "replies" / "r1.txt", BAD)
    write(tmp_path / "plain.txt", BAD)
    result = lint(run_cli, tmp_path, "case-template.txt", "replies/r1.txt", "plain.txt")
    per_file = {}
    for line in result.stdout.splitlines():
        m = CONCISE_RE.match(line)
        per_file.setdefault(m["path"], set()).add(m["code"])
    assert per_file == {"case-template.txt": {"TN008"}, "replies/r1.txt": {"ID008"}, "plain.txt": {"ID008", "TN008"}}


def test_key_per_file_ignores_applies_to_stdin_filename(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", '[per-file-ignores]\n"*-template.txt" = ["ID008"]\n')
    result = run_cli("--format", "concise", "--select", "ID008,TN008", "-", "--stdin-filename", "a-template.txt",
                     input=BAD, cwd=tmp_path)
    assert codes(result) == {"TN008"}


def test_key_fail_under(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'fail-under = 95\n[severity]\nTN008 = "info"\n[scoring.severity]\ninfo = 10\n')
    write(tmp_path / "draft.txt", BAD)
    result = lint(run_cli, tmp_path, "draft.txt", select="TN008")
    assert result.exit_code == 1
    assert "under fail-under 95" in result.stderr  # named as the config key it came from
    assert "--fail-under" not in result.stderr
    flag = lint(run_cli, tmp_path, "draft.txt", select="TN008", extra=("--fail-under", "96"))
    assert "under --fail-under 96" in flag.stderr  # the flag, when it came from the command line


def test_key_severity(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", '[severity]\nID008 = "warning"\nrepeated-punctuation = "error"\n')
    write(tmp_path / "draft.txt", BAD)
    data = json.loads(run_cli("--format", "json", "--select", "ID008,TN008", "draft.txt", cwd=tmp_path).stdout)
    severities = {x["code"]: x["severity"] for x in data["files"][0]["findings"]}
    assert severities == {"ID008": "warning", "TN008": "error"}


def test_key_severity_info_never_fails(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", '[severity]\nID008 = "info"\nTN008 = "info"\n')
    write(tmp_path / "draft.txt", BAD)
    result = lint(run_cli, tmp_path, "draft.txt")
    assert codes(result) == {"ID008", "TN008"}
    assert result.exit_code == 0


PROJECT_LEXICON = """\
[meta]
id = "project"
description = "Our own placeholders"

[[entry]]
id = "project-fill-me"
tag = "id_placeholder"
regex = 'FILL-ME-IN'
case_sensitive = true
"""


def test_key_extra_lexicons_relative_to_config(run_cli, tmp_path):
    write(tmp_path / "proj" / "lexicons" / "ours.toml", PROJECT_LEXICON)
    write(tmp_path / "proj" / "caselint.toml", 'extra-lexicons = ["lexicons/ours.toml"]\n')
    text = "Hello,\nThe order is FILL-ME-IN.\n"
    write(tmp_path / "proj" / "drafts" / "d.txt", text)
    write(tmp_path / "other" / "d.txt", text)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    result = lint(run_cli, elsewhere, "../proj/drafts/d.txt", "../other/d.txt", select="ID008")
    lines = result.stdout.splitlines()
    assert [line.split(" ")[:2] for line in lines] == [["../proj/drafts/d.txt:2:14:", "ID008"]]
    assert "FILL-ME-IN" in lines[0]


def test_key_disable_entries(run_cli, tmp_path):
    placeholder_ids = [e.id for lx in builtin_lexicons() for e in lx.entries if e.tag == "id_placeholder"]
    assert placeholder_ids
    write(tmp_path / "ours.toml", PROJECT_LEXICON)
    write(tmp_path / "caselint.toml",
          f"extra-lexicons = [\"ours.toml\"]\ndisable-entries = {json.dumps(placeholder_ids)}\n")
    write(tmp_path / "draft.txt", "Hello,\nPlease check [ASIN] and FILL-ME-IN.\n")
    result = lint(run_cli, tmp_path, "draft.txt", select="ID008")
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()] == [["draft.txt:2:25:", "ID008"]]
    assert "FILL-ME-IN" in result.stdout and "[ASIN]" not in result.stdout
    write(tmp_path / "caselint.toml", 'extra-lexicons = ["ours.toml"]\ndisable-entries = ["project-fill-me"]\n')
    result = lint(run_cli, tmp_path, "draft.txt", select="ID008")
    assert "'[ASIN]'" in result.stdout and "FILL-ME-IN" not in result.stdout


def test_key_disable_entries_unknown_id(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", 'disable-entries = ["no-such-entry"]\n')
    write(tmp_path / "draft.txt", BAD)
    one_line_error(lint(run_cli, tmp_path, "draft.txt"), "disable-entries", "no-such-entry")


LONG = "Hello,\nWe sent the box on Monday and it arrived on Friday at the warehouse in good order.\n"


@pytest.mark.parametrize("key", ["CL001", "long-sentence"])
def test_key_rule_options(run_cli, tmp_path, key):
    write(tmp_path / "draft.txt", LONG)
    assert codes(lint(run_cli, tmp_path, "draft.txt", select="CL001")) == set()  # 17 words, default limit 30
    write(tmp_path / "caselint.toml", f"[rule-options.{key}]\nmax-words = 10\n")
    result = lint(run_cli, tmp_path, "draft.txt", select="CL001")
    lines = result.stdout.splitlines()
    assert [line.split(" ")[:2] for line in lines] == [["draft.txt:2:1:", "CL001"]]
    assert "10" in lines[0]  # the message names the configured limit


def test_key_include_and_exclude(run_cli, tmp_path):
    for rel in ("a.txt", "b.md", "c.draft", "old/d.txt", "keep/e.txt", ".git/f.txt", "node_modules/g.txt"):
        write(tmp_path / "drafts" / rel, BAD)
    write(tmp_path / "caselint.toml", 'include = ["*.txt", "*.draft"]\nexclude = ["old", "drafts/keep/*.txt"]\n')
    result = lint(run_cli, tmp_path, "drafts", select="ID008")
    paths = [line.split(":")[0] for line in result.stdout.splitlines()]
    # exclude adds to the default excludes (.git, node_modules, ...), it does not replace them
    assert paths == ["drafts/a.txt", "drafts/c.draft"]


def test_key_max_draft_size(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", "max-draft-size = 20\n")
    write(tmp_path / "big.txt", BAD)
    write(tmp_path / "small.txt", "Hi [ASIN]!!!\n")
    result = lint(run_cli, tmp_path, "big.txt", "small.txt")
    assert result.exit_code == 2
    assert codes(result) == {"ID008", "TN008"}
    assert f"big.txt: draft is {len(BAD.encode())} bytes, over the limit of 20 (max-draft-size)" in result.stderr


def test_key_scoring(run_cli, tmp_path):
    write(tmp_path / "draft.txt", "Hello,\nPlease check [ASIN].\n")

    def score():
        data = json.loads(run_cli("--format", "json", "--select", "ID008", "draft.txt", cwd=tmp_path).stdout)
        f = data["files"][0]
        assert [x["code"] for x in f["findings"]] == ["ID008"]
        return f["score"], f["categories"]["identifiers"]

    # one penalty per concern: category points x the severity factor of its strongest finding
    write(tmp_path / "caselint.toml", "[scoring.severity]\nerror = 1\n[scoring.categories]\nidentifiers = 30\n"
                                      "[scoring.rules]\nID008 = 1\n")
    assert score() == (70, 40)
    write(tmp_path / "caselint.toml", "[scoring.severity]\nerror = 0.5\n[scoring.categories]\nidentifiers = 30\n"
                                      "[scoring.rules]\nID008 = 1\n")
    assert score() == (85, 70)
    # a cap: the draft scores at most this much whenever the rule fires
    write(tmp_path / "caselint.toml", "[scoring.caps]\nID008 = 20\n")
    assert score()[0] == 20


def test_key_unsafe_fixes_is_accepted(run_cli, tmp_path):
    write(tmp_path / "caselint.toml", "unsafe-fixes = true\n")
    write(tmp_path / "draft.txt", BAD)
    assert codes(lint(run_cli, tmp_path, "draft.txt")) == {"ID008", "TN008"}
