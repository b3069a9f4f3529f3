"""lexicons/policy.toml: loaded, validated with errors that name the file and the entry, and used."""

from __future__ import annotations

import copy
import tomllib

import pytest

from caselint.errors import ConfigError
from caselint.lexicon.loader import builtin_lexicon_dir
from caselint.policy import policy, validate
from caselint.rules.registry import all_rules


@pytest.fixture
def data():
    return tomllib.loads((builtin_lexicon_dir() / "policy.toml").read_text(encoding="utf-8"))


def test_builtin_policy_loads(data):
    assert validate(data) == policy()
    assert policy().limit("CL001") == 5 and policy().evidence_full == 4.0


def test_limits_name_registered_rules():
    codes = {r.code for r in all_rules()}
    assert set(policy().limits) <= codes


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["issue-type"].pop("appeal"), r"lexicons/policy.toml: issue-type.appeal: missing"),
        (lambda d: d["issue-type"].update(appeal=-1), r"issue-type.appeal: must be a finite non-negative number"),
        (lambda d: d["issue-type"]["identifier-evidence"]["asin"].update(issue="catalogue"),
         r"issue-type.identifier-evidence.asin: unknown issue type 'catalogue'"),
        (lambda d: d["findings-per-draft"].update(FR001=0), r"findings-per-draft.FR001: must be a whole number"),
        (lambda d: d["findings-per-draft"].update(fr1=2), r"findings-per-draft.fr1: not a rule code"),
        (lambda d: d["positions"].update({"closing-share": 1.5}), r"positions.closing-share: must be a share"),
        (lambda d: d["positions"].update(typo=1), r"positions.typo: unknown key"),
        (lambda d: d.update(extra={}), r"\[extra\]: unknown section"),
        (lambda d: d["analysis"].update({"garbled-marks": 2.5}), r"analysis.garbled-marks: must be a whole number"),
        (lambda d: d["analysis"].update({"followup-weak-evidence": float("nan")}),
         r"analysis.followup-weak-evidence: must be a finite non-negative number"),
        (lambda d: d["analysis"].pop("template-slots"), r"analysis.template-slots: missing"),
    ],
)
def test_errors_name_file_and_entry(data, change, message):
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(ConfigError, match=message):
        validate(broken)


def test_finding_limit_is_read_from_policy(monkeypatch):
    """CL001 reports at most findings-per-draft.CL001 long sentences."""
    import dataclasses

    import caselint.rules.clarity as clarity
    from caselint.api import lint_text

    long = " ".join(["word"] * 40) + ". "
    text = "Hello,\n\n" + long * 7 + "\n\nThank you,\nAnna"
    assert sum(f.code == "CL001" for f in lint_text(text, select=["CL001"]).findings) == policy().limit("CL001") == 5
    fewer = dataclasses.replace(policy(), limits={**policy().limits, "CL001": 2})
    monkeypatch.setattr(clarity, "policy", lambda: fewer)
    assert sum(f.code == "CL001" for f in lint_text(text, select=["CL001"]).findings) == 2


def test_analysis_threshold_is_read_from_policy(monkeypatch):
    """A draft with two broken-writing marks is hard to follow only when [analysis] garbled-marks allows two."""
    import dataclasses

    import caselint.analysis as analysis
    from caselint.api import lint_text

    text = "hello , our listing B08ABC1234 is stop , customer cannot buy. please check"
    assert not any(f.code == "CL011" for f in lint_text(text).findings)
    looser = dataclasses.replace(policy(), analysis={**policy().analysis, "garbled-marks": 2})
    monkeypatch.setattr(analysis, "policy", lambda: looser)
    assert any(f.code == "CL011" for f in lint_text(text).findings)
