"""Scoring: the calibration targets from the rule-catalogue issue, and the score function itself."""

from __future__ import annotations

from pathlib import Path

from caselint.api import lint_text
from caselint.config import Settings
from caselint.model import CATEGORIES, Finding, Severity, Span
from caselint.scoring import Weights, default_weights, score

ROOT = Path(__file__).resolve().parents[1]
LESS_EFFECTIVE = (
    "Please help me change the title of this product to increase sales. I can't get the product on the first "
    "search page because the current title is wrong."
)
MORE_EFFECTIVE = (
    "The current title of this product is affecting the customer experience, because customers cannot easily "
    "find it when they search with the correct title. Please change the title to improve the customer experience."
)


def _score(text: str) -> int:
    return lint_text(text, settings=Settings()).score.value


def test_model_message_scores_at_least_90():
    assert _score((ROOT / "examples" / "model.txt").read_text(encoding="utf-8")) >= 90


def test_guidance_pair_is_ordered_with_a_clear_gap():
    assert _score(MORE_EFFECTIVE) - _score(LESS_EFFECTIVE) >= 15


def test_angry_vague_draft_scores_at_most_40():
    assert _score((ROOT / "examples" / "angry-vague.txt").read_text(encoding="utf-8")) <= 40


def _finding(code: str, category: str, severity: Severity, start: int = 0) -> Finding:
    return Finding(code, code.lower(), category, severity, "m", Span(start, start), 1, 1, 1, 1)


def test_clean_draft_scores_100_everywhere():
    result = score([])
    assert result.value == 100
    assert result.categories == {c: 100 for c in CATEGORIES}


def test_info_findings_cost_nothing():
    assert score([_finding("TP001", "escalation", Severity.INFO)]).value == 100


def test_one_capped_penalty_per_concern():
    many = [_finding("TN008", "tone", Severity.WARNING, i) for i in range(50)]
    one = score(many[:1]).value
    assert score(many).value == one < 100  # more findings of one concern never sink a draft further
    worse = score([_finding("TN001", "tone", Severity.ERROR)] + many).value
    assert worse < one  # the strongest finding of the concern decides
    two = score(many[:1] + [_finding("ID001", "identifiers", Severity.WARNING)]).value
    assert two < one  # each flagged concern takes its own penalty


def test_weights_are_configurable():
    heavy = default_weights().merged({"categories": {"tone": 60.0}}, "test")
    finding = [_finding("TN001", "tone", Severity.ERROR)]
    assert score(finding, heavy).value < score(finding).value


def test_scores_stay_in_range():
    weights = Weights(
        severity={"error": 100.0, "warning": 100.0, "info": 0.0},
        categories={c: 50.0 for c in CATEGORIES},
    )
    result = score([_finding(f"TN00{i}", "tone", Severity.ERROR) for i in range(1, 9)], weights)
    assert result.value == 0
    assert all(0 <= v <= 100 for v in result.categories.values())
