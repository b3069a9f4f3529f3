"""Every rule has pass and fail cases (tests/rules/cases.toml), and its documented examples hold."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from caselint.api import lint_text
from caselint.config import Settings
from caselint.rules.registry import all_rules

CASES = tomllib.loads((Path(__file__).parent / "rules" / "cases.toml").read_text(encoding="utf-8"))
RULES = {r.code: r for r in all_rules()}


def _codes(text: str, code: str, options: dict | None = None) -> list:
    settings = Settings(select=(code,), rule_options={code: options} if options else {})
    return [f for f in lint_text(text, settings=settings).findings if f.code == code]


def _params(kind: str):
    for code, case in sorted(CASES.items()):
        for i, text in enumerate(case.get(kind, [])):
            yield pytest.param(code, text, case.get("options"), id=f"{code}-{kind}-{i}")


def test_every_rule_has_pass_and_fail_cases():
    missing = [code for code in RULES if not CASES.get(code, {}).get("fail") or not CASES.get(code, {}).get("pass")]
    assert missing == []
    unknown = sorted(set(CASES) - set(RULES))
    assert unknown == []


@pytest.mark.parametrize("code,text,options", list(_params("fail")))
def test_fail_case_is_flagged(code, text, options):
    assert _codes(text, code, options), f"{code} did not fire on: {text!r}"


@pytest.mark.parametrize("code,text,options", list(_params("pass")))
def test_pass_case_is_clean(code, text, options):
    found = _codes(text, code, options)
    assert not found, f"{code} fired on: {text!r}: {[f.message for f in found]}"


def _examples(kind: str):
    for code, rule in sorted(RULES.items()):
        for i, text in enumerate(getattr(rule, kind)):
            if not text.startswith("("):  # "(A 500-word draft.)" describes an example instead of giving one
                yield pytest.param(code, text, id=f"{code}-{kind}-{i}")


@pytest.mark.parametrize("code,text", list(_examples("bad")))
def test_documented_bad_example_is_flagged(code, text):
    assert _codes(text, code), f"{code}'s own bad example is not flagged: {text!r}"


@pytest.mark.parametrize("code,text", list(_examples("good")))
def test_documented_good_example_is_clean(code, text):
    assert not _codes(text, code), f"{code}'s own good example is flagged: {text!r}"


def test_long_sentence_severity_grows_with_length():
    from caselint.model import Severity

    def sentence(n: int) -> str:
        return " ".join(["word"] * n) + ". Please check. Thank you."

    just_over = _codes(sentence(35), "CL001")
    one_long = _codes(sentence(55), "CL001")  # one long sentence is advice (JUDGEMENT)
    far_over = _codes(sentence(65), "CL001")  # a run-on: over twice the limit
    assert [f.severity for f in just_over] == [Severity.INFO]
    assert [f.severity for f in one_long] == [Severity.INFO]
    assert [f.severity for f in far_over] == [Severity.WARNING]
    configured = lint_text(sentence(35), settings=Settings(select=("CL001",), severity=(("CL001", Severity.ERROR),)))
    assert [f.severity for f in configured.findings] == [Severity.ERROR]
