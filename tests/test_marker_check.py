"""SU001: suppression markers that name an unknown rule or silence nothing are reported (as info)."""

from __future__ import annotations

import json

from caselint.api import fix_text, lint_paths, lint_text
from caselint.config import Settings
from caselint.model import Severity

LINE = "Hello, please check ASIN B08ABC1234 for me!!! Thank you."


def su(report):
    return [(f.line, f.message) for f in report.findings if f.code == "SU001"]


def lint(text, select=("TN008", "ID008", "SU001"), **kw):
    return lint_text(text, settings=Settings(select=select, **kw))


def test_used_marker_is_not_reported():
    report = lint(LINE + " <!-- caselint: disable=TN008 -->")
    assert su(report) == []
    assert [f.code for f in report.findings] == []


def test_unknown_code_is_reported_and_does_not_silence():
    report = lint(LINE + " <!-- caselint: disable=TN0008 -->")
    assert su(report) == [(1, "unknown rule 'TN0008' in suppression marker")]
    assert "TN008" in [f.code for f in report.findings]
    (finding,) = [f for f in report.findings if f.code == "SU001"]
    assert finding.severity == Severity.INFO
    assert report.text[finding.span.start:finding.span.end] == "<!-- caselint: disable=TN0008 -->"
    assert (finding.line, finding.column) == (1, len(LINE) + 2)


def test_unused_codes_per_line_and_file():
    text = ("[caselint: disable-next-line=ID008,TN008]\n" + LINE + "\n"
            "Please check ASIN B08ABC1234. [caselint: disable=tone]\n"
            "<!-- caselint: disable-file=identifiers -->\n")
    assert su(lint(text)) == [
        (1, "unused suppression: 'ID008' silences nothing on this line"),
        (3, "unused suppression: 'tone' silences nothing on this line"),
        (4, "unused suppression: 'identifiers' silences nothing in this draft"),
    ]


def test_one_report_per_marker_naming_each_code_once():
    text = LINE + " <!-- caselint: disable=XX1,XX1,ID008,TN008,XX2 -->"
    (finding,) = [f for f in lint(text).findings if f.code == "SU001"]
    assert finding.message == "unknown rules 'XX1', 'XX2' in suppression marker; 'ID008' silences nothing on this line"
    assert finding.suggestion == ("Use a rule code, prefix, name or category (see `caselint rules`); "
                                  "remove 'ID008' from the marker.")
    many = "caselint: disable=" + ",".join(f"Q{i}" for i in range(40)) + "\n" + LINE
    (finding,) = [f for f in lint(many).findings if f.code == "SU001"]
    assert finding.message.endswith("'Q4' and 35 more in suppression marker")


def test_thousands_of_codes_in_one_marker_stay_fast():
    import time

    start = time.perf_counter()
    report = lint("caselint: disable=" + "A," * 50_000 + "-", select=("ALL",))
    assert time.perf_counter() - start < 30
    assert len([f for f in report.findings if f.code == "SU001"]) == 1


def test_bare_marker_that_silences_nothing():
    assert su(lint("Please check ASIN B08ABC1234. [caselint: disable]\nThank you.")) == [
        (1, "unused suppression marker: no finding to silence on this line")]
    assert su(lint(LINE + " [caselint: disable]")) == []


def test_rules_that_do_not_run_are_not_called_unused():
    assert su(lint(LINE + " <!-- caselint: disable=PL002 -->", select=("TN008", "SU001"))) == []


def test_selectable_ignorable_and_configurable_like_any_rule():
    text = LINE + " <!-- caselint: disable=XX123 -->"
    assert su(lint(text, select=("TN008",))) == []
    assert su(lint(text, select=("ALL",), ignore=("SU001",))) == []
    assert su(lint(text + "\n<!-- caselint: disable-file=unused-suppression -->")) == []
    strict = lint(text, severity=(("SU001", Severity.WARNING),))
    assert [f.severity for f in strict.findings if f.code == "SU001"] == [Severity.WARNING]
    assert strict.failing


def test_info_finding_leaves_the_score_alone():
    clean = lint_text(LINE)
    marked = lint_text(LINE + " <!-- caselint: disable=XX123 -->")
    assert su(marked) and marked.score == clean.score


def test_cli_json_and_paths_and_fix(run_cli, tmp_path, monkeypatch):
    draft = tmp_path / "d.md"
    draft.write_text(LINE + " <!-- caselint: disable=TN0008 -->\n", encoding="utf-8")
    result = run_cli("--format", "json", "--select", "TN008,SU001", "d.md", cwd=tmp_path)
    codes = [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert codes == ["TN008", "SU001"]
    assert result.exit_code == 0  # both are info here ("!!!" in a calm draft): info never fails
    monkeypatch.chdir(tmp_path)
    (report,) = list(lint_paths(["d.md"], select=["SU001"]))
    assert [f.code for f in report.findings] == ["SU001"]
    fixed = fix_text(draft.read_text(encoding="utf-8"), "d.md", settings=Settings(select=("TN008", "SU001")))
    assert [f.code for f in fixed.report.findings] == ["SU001"]


def test_parallel_run_matches_serial(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(6):
        marker = " <!-- caselint: disable=TN0008 -->" if i % 2 else ""
        (tmp_path / f"d{i}.txt").write_text(LINE + marker + "\n", encoding="utf-8")
    serial = list(lint_paths(["."], jobs=1))
    parallel = list(lint_paths(["."], jobs=2))
    assert [[f.code for f in r.findings] for r in serial] == [[f.code for f in r.findings] for r in parallel]
    assert sum("SU001" in [f.code for f in r.findings] for r in serial) == 3
