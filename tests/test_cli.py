"""The command line: default command, paths, stdin, selection, exit codes, rules/rule, --version.

Assertions use rules whose behaviour is mechanical (ID008 placeholders, TN008 '!!!', CH001 no email
request, PL002 no thanks) and pass --select so that catalogue tuning cannot change the outcome.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from caselint import __version__
from caselint.rules.registry import all_rules

MECHANICAL = "ID008,TN008,CH001,PL002"
BAD = "Hello,\nPlease check [ASIN] for me!!!\n"
GOOD = "Hello,\nPlease check ASIN B08ABC1234 for me.\nPlease reply by email.\nThank you for your help.\n"
CONCISE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2}\d{3}) (?P<msg>.+)$")


def concise(stdout: str) -> list[tuple[str, int, int, str]]:
    out = []
    for line in stdout.splitlines():
        m = CONCISE_RE.match(line)
        assert m, f"not a concise line: {line!r}"
        out.append((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return out


def codes(stdout: str) -> set[str]:
    return {c for _, _, _, c in concise(stdout)}


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# --- default command and subcommand names ---------------------------------------------------------


def test_default_command_is_check(run_cli, drafts):
    args = ("--format", "concise", "--select", MECHANICAL, "bad.txt")
    implicit = run_cli(*args, cwd=drafts)
    explicit = run_cli("check", *args, cwd=drafts)
    assert implicit.exit_code == explicit.exit_code == 1
    assert implicit.stdout == explicit.stdout
    assert {"ID008", "TN008"} <= codes(implicit.stdout)


def test_path_first_then_options(run_cli, drafts):
    result = run_cli("bad.txt", "--format", "concise", "--select", "ID008", cwd=drafts)
    assert result.exit_code == 1
    assert concise(result.stdout) == [("bad.txt", 2, 14, "ID008")]


def test_file_named_like_a_subcommand(run_cli, tmp_path):
    (tmp_path / "rules").write_text(BAD, encoding="utf-8")
    dotted = run_cli("./rules", "--format", "concise", "--select", "ID008", cwd=tmp_path)
    assert dotted.exit_code == 1, dotted.output
    assert concise(dotted.stdout) == [("./rules", 2, 14, "ID008")]
    explicit = run_cli("check", "rules", "--format", "concise", "--select", "ID008", cwd=tmp_path)
    assert explicit.exit_code == 1, explicit.output
    assert concise(explicit.stdout) == [("rules", 2, 14, "ID008")]
    # Without ./ or `check`, `rules` is the subcommand (a table, not findings).
    table = run_cli("rules", cwd=tmp_path)
    assert table.exit_code == 0
    assert table.stdout.startswith("CODE")


def test_no_paths_is_a_usage_error(run_cli):
    result = run_cli("check")
    assert result.exit_code == 2
    assert "no drafts given" in result.stderr


# --- stdin ------------------------------------------------------------------------------------------


def test_stdin_with_stdin_filename(run_cli, tmp_path):
    result = run_cli("-", "--stdin-filename", "drafts/case.txt", "--format", "concise", "--select", "ID008",
                     input=BAD, cwd=tmp_path)
    assert result.exit_code == 1
    assert concise(result.stdout) == [("drafts/case.txt", 2, 14, "ID008")]


def test_stdin_without_filename_is_dash(run_cli, tmp_path):
    result = run_cli("-", "--format", "concise", "--select", "ID008", input=BAD, cwd=tmp_path)
    assert result.exit_code == 1
    assert [p for p, *_ in concise(result.stdout)] == ["-"]


def test_stdin_filename_locates_config(run_cli, tmp_path):
    sub = tmp_path / "team"
    sub.mkdir()
    (sub / ".caselint.toml").write_text('ignore = ["TN008"]\n', encoding="utf-8")
    args = ("-", "--format", "concise", "--select", "ID008,TN008")
    inside = run_cli(*args, "--stdin-filename", "team/draft.txt", input=BAD, cwd=tmp_path)
    outside = run_cli(*args, "--stdin-filename", "draft.txt", input=BAD, cwd=tmp_path)
    assert codes(inside.stdout) == {"ID008"}
    assert codes(outside.stdout) == {"ID008", "TN008"}


def test_stdin_and_files_in_given_order(run_cli, drafts):
    result = run_cli("bad.txt", "-", "good.txt", "--stdin-filename", "pasted.txt", "--format", "json",
                     input=BAD, cwd=drafts)
    import json

    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["bad.txt", "pasted.txt", "good.txt"]


# --- directories ------------------------------------------------------------------------------------


def _tree(root):
    for rel in ("a.txt", "b.md", "c.rst", "sub/d.txt", "sub/deep/e.md", "skip/f.txt", ".git/g.txt",
                "node_modules/h.txt", "notes.draft"):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(BAD, encoding="utf-8")
    (root / "folder.txt").mkdir()  # a directory that looks like a draft is walked, not read


def _paths(stdout):
    return sorted({p for p, *_ in concise(stdout)})


def test_directory_recurses_into_txt_and_md(run_cli, tmp_path):
    _tree(tmp_path / "d")
    result = run_cli("d", "--format", "concise", "--select", "ID008", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert _paths(result.stdout) == ["d/a.txt", "d/b.md", "d/skip/f.txt", "d/sub/d.txt", "d/sub/deep/e.md"]
    assert result.stderr.startswith("5 files checked")


def test_directory_include_exclude_from_config(run_cli, tmp_path):
    _tree(tmp_path / "d")
    (tmp_path / "caselint.toml").write_text('include = ["*.txt", "*.draft"]\nexclude = ["skip", "deep"]\n',
                                            encoding="utf-8")
    result = run_cli("d", "--format", "concise", "--select", "ID008", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert _paths(result.stdout) == ["d/a.txt", "d/notes.draft", "d/sub/d.txt"]


def test_explicit_file_is_linted_even_if_not_included(run_cli, tmp_path):
    _tree(tmp_path)
    result = run_cli("c.rst", "--format", "concise", "--select", "ID008", cwd=tmp_path)
    assert _paths(result.stdout) == ["c.rst"]


# --- selection ----------------------------------------------------------------------------------------


def _rules_matching(pred):
    return {r.code for r in all_rules() if pred(r)}


@pytest.mark.parametrize(
    "selector, allowed",
    [
        ("TN008", {"TN008"}),
        ("tn008", {"TN008"}),
        ("repeated-punctuation", {"TN008"}),
        ("TN", _rules_matching(lambda r: r.code.startswith("TN"))),
        ("tone", _rules_matching(lambda r: r.category == "tone")),
        ("ID008,TN008", {"ID008", "TN008"}),
    ],
)
def test_select_by_code_prefix_name_category(run_cli, drafts, selector, allowed):
    result = run_cli("bad.txt", "--format", "concise", "--select", selector, cwd=drafts)
    found = codes(result.stdout)
    assert "TN008" in found or "ID008" in found
    assert found <= allowed


def test_select_option_repeats(run_cli, drafts):
    result = run_cli("bad.txt", "--format", "concise", "--select", "ID008", "--select", "TN008", cwd=drafts)
    assert codes(result.stdout) == {"ID008", "TN008"}


@pytest.mark.parametrize("selector", ["TN008", "repeated-punctuation", "TN", "tone"])
def test_ignore_by_code_prefix_name_category(run_cli, drafts, selector):
    result = run_cli("bad.txt", "--format", "concise", "--select", "ID008,TN008", "--ignore", selector, cwd=drafts)
    assert codes(result.stdout) == {"ID008"}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_is_exit_2_one_line(run_cli, drafts, option):
    result = run_cli("bad.txt", option, "XX999", cwd=drafts)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "XX999" in lines[0] and lines[0].startswith("caselint: error:")
    no_traceback(result)


# --- exit codes ---------------------------------------------------------------------------------------


def test_exit_0_when_clean(run_cli, drafts):
    result = run_cli("good.txt", "--format", "concise", "--select", MECHANICAL, cwd=drafts)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_exit_1_on_findings(run_cli, drafts):
    result = run_cli("bad.txt", "--select", MECHANICAL, cwd=drafts)
    assert result.exit_code == 1


def test_exit_0_when_only_info_findings(run_cli, drafts):
    (drafts / "caselint.toml").write_text('[severity]\nID008 = "info"\nTN008 = "info"\n', encoding="utf-8")
    result = run_cli("bad.txt", "--format", "concise", "--select", "ID008,TN008", cwd=drafts)
    assert codes(result.stdout) == {"ID008", "TN008"}
    assert result.exit_code == 0


def test_exit_2_wins_over_findings_and_other_files_still_reported(run_cli, drafts):
    result = run_cli("missing.txt", "bad.txt", "--format", "concise", "--select", "ID008", cwd=drafts)
    assert result.exit_code == 2
    assert concise(result.stdout) == [("bad.txt", 2, 14, "ID008")]
    assert "caselint: error: missing.txt: no such file" in result.stderr


def test_fail_under(run_cli, drafts):
    # An info-only finding never fails by itself; with info weighted, the score drops under the bar.
    (drafts / "caselint.toml").write_text('[severity]\nTN008 = "info"\n\n[scoring.severity]\ninfo = 0.5\n',
                                          encoding="utf-8")
    args = ("bad.txt", "--format", "concise", "--select", "TN008")
    assert run_cli(*args, cwd=drafts).exit_code == 0
    under = run_cli(*args, "--fail-under", "90", cwd=drafts)
    assert under.exit_code == 1
    assert "under --fail-under 90" in under.stderr
    assert run_cli(*args, "--fail-under", "10", cwd=drafts).exit_code == 0
    clean = run_cli("good.txt", "--select", MECHANICAL, "--fail-under", "100", cwd=drafts)
    assert clean.exit_code == 0


def test_fail_under_out_of_range_is_usage_error(run_cli, drafts):
    result = run_cli("good.txt", "--fail-under", "101", cwd=drafts)
    assert result.exit_code == 2
    no_traceback(result)


# --- output options -----------------------------------------------------------------------------------


def test_quiet_drops_the_summary(run_cli, drafts):
    loud = run_cli("bad.txt", "--format", "concise", "--select", "ID008", cwd=drafts)
    quiet = run_cli("bad.txt", "--format", "concise", "--select", "ID008", "--quiet", cwd=drafts)
    assert "1 file checked" in loud.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout
    text_loud = run_cli("bad.txt", "--select", "ID008", cwd=drafts)
    text_quiet = run_cli("bad.txt", "--select", "ID008", "-q", cwd=drafts)
    assert "1 file checked" in text_loud.stdout
    assert "file checked" not in text_quiet.stdout
    assert "ID008" in text_quiet.stdout


def test_color_flags(run_cli, drafts):
    plain = run_cli("bad.txt", "--select", "ID008", "--no-color", cwd=drafts)
    coloured = run_cli("bad.txt", "--select", "ID008", "--color", cwd=drafts)
    default = run_cli("bad.txt", "--select", "ID008", cwd=drafts)  # not a terminal: no colour
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in default.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout


# --- rules / rule / --version ---------------------------------------------------------------------------


def test_rules_table_lists_every_registered_rule(run_cli):
    result = run_cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["CODE", "NAME", "CATEGORY", "SEVERITY", "FIXABLE"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    rules = all_rules()
    assert set(rows) == {r.code for r in rules}
    for r in rules:
        assert rows[r.code][1:5] == [r.name, r.category, r.severity.label, r.fixable]


def test_rules_json(run_cli):
    import json

    result = run_cli("rules", "--format", "json")
    data = json.loads(result.stdout)
    assert [d["code"] for d in data] == [r.code for r in all_rules()]


@pytest.mark.parametrize("key", ["TN008", "tn008", "repeated-punctuation"])
def test_rule_explains_one_rule(run_cli, key):
    from caselint.rules.registry import get_rule

    rule = get_rule("TN008")
    result = run_cli("rule", key)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# {rule.code} {rule.name}")
    assert rule.summary in result.stdout
    for example in rule.bad + rule.good:
        assert example in result.stdout


def test_rule_unknown_code(run_cli):
    result = run_cli("rule", "ZZ999")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["caselint: error: unknown rule 'ZZ999' (see `caselint rules`)"]


def test_version(run_cli, repo_root):
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"caselint {__version__}"
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


# --- the real entry point -----------------------------------------------------------------------------


def _run(exe, *args, cwd, input=None):
    return subprocess.run([exe, *map(str, args)], cwd=cwd, input=input, capture_output=True, text=True,
                          timeout=300)


def test_entry_point_version(caselint_exe, tmp_path):
    proc = _run(caselint_exe, "--version", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"caselint {__version__}"


@pytest.mark.slow
def test_entry_point_lints_files_and_stdin(caselint_exe, drafts):
    proc = _run(caselint_exe, "bad.txt", "good.txt", "--format", "concise", "--select", MECHANICAL, cwd=drafts)
    assert proc.returncode == 1, proc.stderr
    assert ("bad.txt", 2, 14, "ID008") in concise(proc.stdout)
    assert not [p for p, *_ in concise(proc.stdout) if p == "good.txt"]
    assert proc.stderr.startswith("2 files checked")
    piped = _run(caselint_exe, "-", "--stdin-filename", "x.txt", "--format", "concise", "--select", "ID008",
                 cwd=drafts, input=BAD)
    assert piped.returncode == 1
    assert concise(piped.stdout) == [("x.txt", 2, 14, "ID008")]


def test_entry_point_exit_codes(caselint_exe, drafts):
    assert _run(caselint_exe, "good.txt", "--select", MECHANICAL, cwd=drafts).returncode == 0
    bad = _run(caselint_exe, "--select", "NOPE", "bad.txt", cwd=drafts)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_python_dash_m(drafts):
    import sys

    proc = subprocess.run([sys.executable, "-m", "caselint", "rule", "ID008"], cwd=drafts, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0
    assert proc.stdout.startswith("# ID008")


def test_nothing_below_the_cli_imports_it():
    # The CLI sits on top of caselint.api; the engine, the API and the language server never import it.
    code = (
        "import sys, caselint.api, caselint.runner, caselint.rewrite, caselint.fixes, caselint.lsp.fixing\n"
        "caselint.api.rewrite_text('Hello, where is my shipment?')\n"
        "assert not [m for m in sys.modules if m.startswith('caselint.cli')], sys.modules.keys()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_exit_codes_are_one_enum():
    from caselint.exitcodes import ExitCode

    assert [int(c) for c in ExitCode] == [0, 1, 2]
