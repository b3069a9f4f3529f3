"""Findings -> draft score and per-category scores (0-100). Pure; weights are data (scoring.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from caselint.errors import ConfigError
from caselint.model import CATEGORIES, Finding, Score

SCORING_FILE = "scoring.toml"


@dataclass(frozen=True)
class Weights:
    """Scoring policy (scoring.toml). One capped penalty per concern: the points a concern takes off
    when a reader would flag it (warning), scaled up for an error; cosmetic findings (info) weigh nothing."""

    categories: dict[str, float] = field(default_factory=dict)  # points off for a flagged concern
    severity: dict[str, float] = field(default_factory=dict)  # factor per severity (info 0)
    caps: dict[str, float] = field(default_factory=dict)  # rule code -> the highest score a draft can have with it
    rules: dict[str, float] = field(default_factory=dict)  # rule code -> factor on its severity (default 1)

    def merged(self, overrides: dict[str, Any], source: str) -> "Weights":
        """Apply a [scoring] table from a config file, validating every key."""
        categories = dict(self.categories)
        severity = dict(self.severity)
        caps = dict(self.caps)
        rules = dict(self.rules)
        for key, value in overrides.items():
            if key == "severity":
                _merge_numbers(severity, value, source, "scoring.severity")
            elif key == "categories":
                _merge_numbers(categories, value, source, "scoring.categories")
            elif key == "caps":
                _merge_rule_numbers(caps, value, source, "scoring.caps", upper=100)
            elif key == "rules":
                _merge_rule_numbers(rules, value, source, "scoring.rules", upper=10)
            else:
                raise ConfigError(f"{source}: unknown key 'scoring.{key}' (allowed: categories, severity, caps, rules)")
        return Weights(categories, severity, caps, rules)


MAX_REPEATS_LIMIT = 1000


def _non_negative(value: Any) -> bool:
    """A finite number >= 0 (TOML allows inf and nan; neither is a weight)."""
    import math

    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def _merge_rule_numbers(target: dict[str, float], value: Any, source: str, where: str, upper: float) -> None:
    import re

    if not isinstance(value, dict):
        raise ConfigError(f"{source}: {where}: must be a table of CODE = number")
    for code, number in value.items():
        if not re.fullmatch(r"[A-Z]{2}\d{3}", code):
            raise ConfigError(f"{source}: {where}.{code}: not a rule code (e.g. CL009)")
        if not _non_negative(number) or number > upper:
            raise ConfigError(f"{source}: {where}.{code}: must be a number from 0 to {upper:g}")
        target[code] = float(number)


def _merge_numbers(target: dict[str, float], value: Any, source: str, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: {where}: must be a table")
    for key, number in value.items():
        if key not in target:
            raise ConfigError(f"{source}: unknown key '{where}.{key}' (allowed: {', '.join(target)})")
        if not _non_negative(number):
            raise ConfigError(f"{source}: {where}.{key}: must be a finite non-negative number")
        target[key] = float(number)


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    from caselint.lexicon.loader import builtin_lexicon_dir

    path = builtin_lexicon_dir() / SCORING_FILE
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    base = Weights(categories={c: 0.0 for c in CATEGORIES}, severity={"error": 0.0, "warning": 0.0, "info": 0.0})
    return base.merged(data, f"lexicons/{SCORING_FILE}")


def score(findings: Iterable[Finding], weights: Weights | None = None) -> Score:
    """100 minus one capped penalty per flagged concern (its strongest finding decides), then caps.

    More findings of the same concern never sink a draft further; info findings weigh nothing."""
    weights = weights or default_weights()
    strongest: dict[str, float] = {}
    cap = 100.0
    for finding in findings:
        factor = weights.severity[finding.severity.label] * weights.rules.get(finding.code, 1.0)
        if factor <= 0:
            continue
        strongest[finding.category] = max(strongest.get(finding.category, 0.0), factor)
        cap = min(cap, weights.caps.get(finding.code, 100.0))
    total = sum(weights.categories[c] * f for c, f in strongest.items())
    categories = {c: int(round(max(0.0, 100.0 - 100.0 * min(1.0, strongest.get(c, 0.0) * 0.6)))) for c in CATEGORIES}
    return Score(int(round(max(0.0, min(cap, 100.0 - total)))), categories)
