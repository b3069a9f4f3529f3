"""--fix / --unsafe-fixes / --diff: per-rule fix cases, edit selection, convergence, the CLI."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from caselint.cli import cli
from caselint.config import Settings
from caselint.api import fix_text
from caselint.fixes import apply_edits, apply_fixes, select_fixes, unified_diff
from caselint.model import Applicability, Edit, Fix, Span
from caselint.runner import lint_one

ONLY = lambda *codes: Settings(select=codes)  # noqa: E731


# --- per-rule fix cases (input -> expected output) ----------------------------------------------

@pytest.mark.parametrize(
    "code, unsafe, before, after",
    [
        # Sentence case rewords (it lower-cases words: "ASAP", a name in capitals): unsafe (issue 11).
        ("TN007", True, "WHERE ARE MY UNITS? I sent them two weeks ago.", "Where are my units? I sent them two weeks ago."),
        ("TN007", True, "Shipment FBA15ABC1234 is STILL NOT RECEIVED.", "Shipment FBA15ABC1234 is still not received."),
        ("TN008", False, "Where is my money???", "Where is my money?"),
        ("TN008", False, "The units never arrived!!! Please check.", "The units never arrived. Please check."),
        ("ID010", False, "asin b08abc1234 shows the wrong image.", "asin B08ABC1234 shows the wrong image."),
        ("ID010", False, "Shipment fba15abc1234 is missing units.", "Shipment FBA15ABC1234 is missing units."),
        ("ID007", True, "ASIN: BO8ABC1234 has the wrong title.", "ASIN: B08ABC1234 has the wrong title."),
        ("TN004", True, "This is ridiculous. Fix it now!!!", "This is ridiculous. Please fix it."),
    ],
)
def test_rule_fix_cases(code, unsafe, before, after):
    result = fix_text(before, settings=ONLY(code), unsafe=unsafe)
    assert result.text == after
    assert result.converged
    assert not [f for f in result.report.findings if f.code == code]


@pytest.mark.parametrize("text", [
    "WHERE ARE MY UNITS? I sent them two weeks ago.",
    "Please check it ASAP. THANK YOU.",
    "Great!! It works! Really! Thanks!",
])
def test_safe_fixes_never_change_a_words_letters(text):
    import re

    fixed = fix_text(text, settings=Settings(), unsafe=False).text
    assert re.findall(r"\w+", fixed) == re.findall(r"\w+", text)


def test_please_and_sentence_case_together_read_naturally():
    # PL001 + TN007 on "FIX IT TODAY": neither "Please fIX" nor "Fix IT today".
    out = fix_text("FIX IT TODAY. Shipment FBA15ABC1234 shows 0 units.", settings=ONLY("PL001", "TN007"), unsafe=True).text
    assert out.startswith("Please fix it today."), out


def test_inserted_paragraphs_keep_blank_lines():
    out = fix_text("shipment FBA15ABC1234 shows 0 of 120 units received, please check", settings=ONLY("PL003", "CH001", "PL002"),
                   unsafe=True).text
    assert out.startswith("Hello,\n\nshipment FBA15ABC1234"), out
    assert "\n\n\n" not in out and " \n" not in out
    assert out.endswith("please check\n\nPlease reply by email so that we have a written record.\n\nThank you for your help."), out


def test_malformed_id_likely_value_is_unsafe():
    # A guessed ID is a rewording: --fix alone leaves it, --unsafe-fixes applies it.
    text = "ASIN: BO8ABC1234 has the wrong title."
    assert fix_text(text, settings=ONLY("ID007"), unsafe=False).text == text
    assert "B08ABC1234" in fix_text(text, settings=ONLY("ID007"), unsafe=True).text


def test_calm_firm_request_for_hostile_draft():
    out = fix_text("This is ridiculous. Fix it now!!!", settings=ONLY("tone"), unsafe=True).text
    assert out == "Please fix it."


def test_sales_framing_fix_keeps_request_and_facts():
    text = "Please help me change the title of ASIN B08ABC1234 to increase sales."
    report = lint_one("<s>", text, ONLY("FR001"))
    (finding,) = report.findings
    assert finding.fix is not None and finding.fix.applicability == Applicability.UNSAFE
    assert "B08ABC1234" in finding.suggestion and "customers" in finding.suggestion
    assert "sales" not in finding.suggestion
    fixed = fix_text(text, settings=ONLY("FR001"), unsafe=True).text
    assert fixed == ("The current title makes it hard for customers to find this product. "
                     "Please change the title of ASIN B08ABC1234 so that customers can find it.")


def test_display_only_fixes_are_never_applied():
    text = "My shipment was delivered two weeks ago but nothing is checked in. Please check."
    report = lint_one("<s>", text, ONLY("ID001"))
    assert report.findings and report.findings[0].fix.applicability == Applicability.DISPLAY_ONLY
    assert fix_text(text, settings=ONLY("ID001"), unsafe=True).text == text


def test_unsafe_setting_from_config():
    text = "Check my shipment FBA15ABC1234."
    assert fix_text(text, settings=Settings(select=("PL001",), unsafe_fixes=True)).text.startswith("Please check")
    assert fix_text(text, settings=Settings(select=("PL001",))).text == text


# --- edit selection -----------------------------------------------------------------------------

def _fix(*edits, app=Applicability.SAFE):
    return Fix("t", tuple(Edit(Span(s, e), r) for s, e, r in edits), app)


def test_overlapping_fix_is_skipped_whole():
    a = _fix((0, 5, "A"))
    b = _fix((3, 8, "B"), (10, 11, "C"))  # overlaps a: skipped, including its second edit
    c = _fix((10, 11, "D"))
    chosen = select_fixes([("X", a), ("X", b), ("X", c)], 20)
    assert chosen == [a, c]
    assert apply_fixes("0123456789abcdefghij", chosen) == "A56789Dbcdefghij"


def test_insertions_at_one_point_keep_order_and_duplicates_drop():
    first, second = _fix((4, 4, "[1]")), _fix((4, 4, "[2]"))
    chosen = select_fixes([("PL002", second), ("CH001", first), ("CH001", first)], 8)
    assert apply_fixes("abcdefgh", chosen) == "abcd[1][2]efgh"  # CH001 (email) before PL002 (thanks)


def test_apply_edits_rejects_overlap():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(Span(0, 3), "x"), Edit(Span(2, 4), "y")])


def test_non_convergence_is_reported():
    calls = []

    def lint(text):
        calls.append(text)
        from caselint.model import Finding, Severity

        flip = "b" if text == "a" else "a"
        finding = Finding("XX001", "x", "tone", Severity.WARNING, "m", Span(0, 1), 1, 1, 1, 2,
                          fix=_fix((0, 1, flip)))
        return lint_one("<s>", text, ONLY("TN008")).__class__(  # a Report with our finding
            "<s>", text, (finding,), lint_one("<s>", "x", ONLY("TN008")).score, lint_one("<s>", "x", ONLY("TN008")).issue_type)

    from caselint.fixes import fix_report

    result = fix_report(lint("a"), lint, max_rounds=10)
    assert not result.converged
    assert "did not converge" in result.message


# --- properties ---------------------------------------------------------------------------------

PIECES = [
    "WHERE ARE MY UNITS???", "asin b08abc1234 has the wrong title.", "Fix it now!!!", "This is ridiculous.",
    "Please check shipment fba15abc1234.", "I sent 120 units!", "You people lost my inventory!",
    "Please help me change the title to increase sales.", "Thank you.", "Hello,", "Best regards,\nAnna",
    "The CARTONS were DAMAGED.", "ASIN: BO8ABC1234 is wrong.", "Where is my money??", "\n", "\r\n",
]
drafts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=7).map(lambda xs: " ".join(xs).strip() or "Hi")
FAST = hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(drafts, st.data())
def test_any_subset_of_fixes_only_changes_the_edited_spans(text, data):
    report = lint_one("<s>", text, Settings())
    fixes = [(f.code, f.fix) for f in report.findings if f.fix is not None]
    subset = data.draw(st.lists(st.sampled_from(fixes), unique_by=id) if fixes else st.just([]))
    chosen = select_fixes(subset, len(text))
    new = apply_fixes(text, chosen)
    edits = sorted((e for fix in chosen for e in fix.edits), key=lambda e: (e.span.start, e.span.end))
    pos = out = 0
    for e in edits:
        keep = text[pos:e.span.start]
        assert new[out:out + len(keep)] == keep
        out += len(keep)
        replacement = e.replacement
        if new[out:out + len(replacement)] != replacement and new[:out].replace("\r\n", "\n").endswith("\n\n"):
            replacement = replacement.lstrip("\r\n")  # a second paragraph at one point: one blank line, not two
        assert new[out:out + len(replacement)] == replacement
        out += len(replacement)
        pos = e.span.end
    assert new[out:] == text[pos:]


@FAST
@given(drafts, st.booleans())
def test_fixes_converge_and_a_second_run_changes_nothing(text, unsafe):
    result = fix_text(text, settings=Settings(), unsafe=unsafe)
    assert result.converged, result.message
    again = fix_text(result.text, settings=Settings(), unsafe=unsafe)
    assert again.text == result.text and not again.applied


@FAST
@given(drafts)
def test_safe_fixes_keep_line_endings(text):
    crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
    fixed = fix_text(crlf, settings=Settings()).text
    assert fixed.count("\n") == fixed.count("\r\n")


# --- CLI ----------------------------------------------------------------------------------------

ANGRY = "WHERE ARE MY UNITS!!! asin b08abc1234 is wrong.\nPlease check.\n"


def _run(args, **kw):
    return CliRunner().invoke(cli, args, catch_exceptions=False, **kw)


def test_diff_writes_nothing_and_exits_1(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(ANGRY.encode())
    os.utime(draft, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = draft.stat().st_mtime_ns
    result = _run(["check", "--diff", str(draft)])
    assert result.exit_code == 1
    assert "-WHERE ARE MY UNITS!!! asin b08abc1234 is wrong." in result.output
    assert "+WHERE ARE MY UNITS. asin B08ABC1234 is wrong." in result.output  # sentence case is unsafe
    assert draft.read_bytes() == ANGRY.encode() and draft.stat().st_mtime_ns == before


def test_diff_exits_0_when_nothing_to_fix(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Hello,\nPlease check shipment FBA15ABC1234.\n")
    result = _run(["check", "--diff", str(draft)])
    assert result.exit_code == 0 and result.output == ""


def test_fix_in_place_then_hook_passes(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_bytes(ANGRY.encode())
    first = _run(["check", "--fix", "--format", "concise", str(draft)])
    assert first.exit_code == 1  # changed a file: the pre-commit hook fails
    assert draft.read_text() == "WHERE ARE MY UNITS. asin B08ABC1234 is wrong.\nPlease check.\n"
    assert "TN008" not in first.output and "TN007" in first.output and "CH001" in first.output  # remaining findings reported
    mtime = draft.stat().st_mtime_ns
    second = _run(["check", "--fix", "--format", "concise", "--select", "TN,ID010", str(draft)])
    assert second.exit_code == 0  # nothing left to change, nothing failing
    assert draft.stat().st_mtime_ns == mtime


def test_unsafe_fixes_flag(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("This is ridiculous. Fix it now!!!\n")
    _run(["check", "--fix", "--select", "tone", str(draft)])
    assert draft.read_text() == "This is ridiculous. Fix it now.\n"
    _run(["check", "--fix", "--unsafe-fixes", "--select", "tone", str(draft)])
    assert draft.read_text() == "Please fix it.\n"


def test_unsafe_fixes_config_key(tmp_path):
    (tmp_path / ".caselint.toml").write_text("unsafe-fixes = true\nselect = ['tone']\n")
    draft = tmp_path / "d.txt"
    draft.write_text("This is ridiculous. Fix it now!!!\n")
    _run(["check", "--fix", str(draft)])
    assert draft.read_text() == "Please fix it.\n"


def test_fix_stdin_prints_fixed_text(tmp_path):
    result = CliRunner().invoke(cli, ["check", "--fix", "--format", "concise", "-"], input=ANGRY.encode())
    assert result.exit_code == 1
    assert result.stdout_bytes.decode().startswith("WHERE ARE MY UNITS. asin B08ABC1234 is wrong.\nPlease check.\n")


def test_fix_keeps_crlf_and_bom(tmp_path):
    draft = tmp_path / "d.txt"
    raw = b"\xef\xbb\xbfHello,\r\nWHERE ARE MY UNITS!!!\r\nThank you.\r\n"
    draft.write_bytes(raw)
    _run(["check", "--fix", str(draft)])
    assert draft.read_bytes() == b"\xef\xbb\xbfHello,\r\nWHERE ARE MY UNITS.\r\nThank you.\r\n"


def test_unified_diff_format():
    assert unified_diff("a.txt", "x\n", "x\n") == ""
    patch = unified_diff("a.txt", "x\r\ny", "x\r\nz")
    assert patch.splitlines()[:2] == ["--- a.txt", "+++ a.txt"]
    assert "\\ No newline at end of file" in patch


def test_precommit_fix_hook_fails_when_it_changed_a_file(tmp_path):
    import shlex

    args = shlex.split(_hook_entry("caselint-fix"))
    assert args[:3] == ["caselint", "check", "--fix"]
    draft = tmp_path / "d.txt"
    draft.write_bytes(ANGRY.encode())
    assert _run(args[1:] + [str(draft)]).exit_code == 1  # changed the file: the hook fails
    assert draft.read_text().startswith("WHERE ARE MY UNITS.")
    clean = tmp_path / "clean.txt"
    clean.write_text("Hello,\nShipment FBA15ABC1234 shows 0 of 120 units received since 3 May (screenshot attached). "
                     "Customers cannot buy the product. Please check it in and reply by email.\nThank you for your help.\n"
                     "Best regards,\nMei\n")
    result = _run(args[1:] + [str(clean)])
    assert result.exit_code == 0, result.output  # nothing changed, nothing failing: the hook passes


def _hook_entry(hook_id: str) -> str:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    block = text.split(f"- id: {hook_id}\n", 1)[1].split("\n- id:", 1)[0]
    return next(line.split(":", 1)[1].strip() for line in block.splitlines() if line.strip().startswith("entry:"))
