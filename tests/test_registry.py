"""The rule registry: metadata of every rule, unique codes, and a snapshot so no code silently disappears.

Whether a rule's `bad` examples actually trigger it is the catalogue's own test, not this file's.
"""

from __future__ import annotations

import json

import pytest

from caselint.model import CATEGORIES, Severity
from caselint.rules.base import CODE_RE, NAME_RE, Rule
from caselint.rules.registry import RETIRED, all_rules, get_rule, matches_selector, select_rules

RULES = all_rules()
IDS = [r.code for r in RULES]


def read_snapshot(repo_root) -> dict[str, str]:
    out = {}
    for line in (repo_root / "tests" / "registry_snapshot.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name = line.split()
            assert code not in out, f"{code} twice in the snapshot"
            out[code] = name
    return out


def test_there_are_rules_in_every_category():
    assert RULES
    assert {r.category for r in RULES} == set(CATEGORIES)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_metadata(rule):
    assert issubclass(rule, Rule)
    rule.validate_metadata()
    assert CODE_RE.match(rule.code)
    assert NAME_RE.match(rule.name)
    assert rule.category in CATEGORIES
    assert isinstance(rule.severity, Severity)
    assert rule.fixable in ("never", "sometimes", "always")
    for text in (rule.summary, rule.explanation):
        assert isinstance(text, str) and text.strip() == text and len(text) > 10
    assert not rule.summary.endswith("."), "summaries are fragments; the docs add the full stop"
    for examples in (rule.bad, rule.good):
        assert isinstance(examples, tuple) and examples
        assert all(isinstance(e, str) and e.strip() for e in examples)
    assert set(rule.bad).isdisjoint(rule.good)
    assert isinstance(rule.options, dict)
    for key, default in rule.options.items():
        assert NAME_RE.match(key), key
        assert isinstance(default, (bool, int, float, str)), (key, default)
    json.dumps(rule.options)  # options are shown as TOML/JSON defaults
    assert callable(rule.check) and rule.check is not Rule.check


def test_codes_and_names_unique():
    assert len(set(IDS)) == len(IDS)
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    # A name never looks like a code or a category, so selectors stay unambiguous.
    for r in RULES:
        assert r.name not in CATEGORIES
        assert not CODE_RE.match(r.name.upper())


def test_retired_codes_are_not_reused():
    for code, replacement in RETIRED.items():
        assert code not in IDS
        assert replacement is None or replacement in IDS


def test_snapshot_no_code_disappears(repo_root):
    snapshot = read_snapshot(repo_root)
    missing = sorted(set(snapshot) - set(IDS) - set(RETIRED))
    assert not missing, (
        f"rule code(s) {missing} disappeared. Codes are never removed: keep the rule, or list the code in "
        "caselint.rules.registry.RETIRED (with its replacement) and keep its snapshot line."
    )


def test_snapshot_lists_every_code(repo_root):
    snapshot = read_snapshot(repo_root)
    new = [f"{r.code} {r.name}" for r in RULES if r.code not in snapshot]
    assert not new, f"new rule(s): add these lines to tests/registry_snapshot.txt: {new}"


def test_snapshot_names_unchanged(repo_root):
    """Names are selectors in users' configs and markers: renaming one is a visible change."""
    snapshot = read_snapshot(repo_root)
    renamed = [(r.code, snapshot[r.code], r.name) for r in RULES if r.code in snapshot and snapshot[r.code] != r.name]
    assert not renamed, f"renamed rule(s) (code, old, new): {renamed}; update tests/registry_snapshot.txt on purpose"


def test_snapshot_is_sorted(repo_root):
    codes = list(read_snapshot(repo_root))
    assert codes == sorted(codes)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_lookup_by_code_and_name(rule):
    assert get_rule(rule.code) is rule
    assert get_rule(rule.code.lower()) is rule
    assert get_rule(rule.name) is rule
    assert matches_selector(rule, rule.code) and matches_selector(rule, rule.name)
    assert matches_selector(rule, rule.category) and matches_selector(rule, rule.code[:2])
    assert matches_selector(rule, "ALL")


def test_select_rules():
    assert select_rules([], []) == RULES
    assert [r.code for r in select_rules(["tone"], ["TN008"])] == [
        r.code for r in RULES if r.category == "tone" and r.code != "TN008"
    ]
    assert select_rules(["ID008"], ["identifiers"]) == []
    assert get_rule("ZZ999") is None
