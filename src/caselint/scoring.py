"""Findings -> draft score and per-category scores (0-100). Pure; weights are data (scoring.toml)."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from caselint.errors import ConfigError
from caselint.model import CATEGORIES, Finding, Score

SCORING_FILE = "scoring.toml"


@dataclass(frozen=True)
class Weights:
    severity: dict[str, float] = field(default_factory=dict)
    categories: dict[str, float] = field(default_factory=dict)
    max_repeats: int = 3
    decay: float = 0.5
    category_scale: float = 2.5
    rules: dict[str, float] = field(default_factory=dict)  # per-rule multiplier (default 1)

    def merged(self, overrides: dict[str, Any], source: str) -> "Weights":
        """Apply a [scoring] table from a config file, validating every key."""
        severity = dict(self.severity)
        categories = dict(self.categories)
        rules = dict(self.rules)
        scalars = {"max-repeats": self.max_repeats, "decay": self.decay, "category-scale": self.category_scale}
        for key, value in overrides.items():
            if key == "severity":
                _merge_numbers(severity, value, source, "scoring.severity")
            elif key == "categories":
                _merge_numbers(categories, value, source, "scoring.categories")
            elif key == "rules":
                _merge_rule_numbers(rules, value, source)
            elif key in scalars:
                if not _non_negative(value):
                    raise ConfigError(f"{source}: scoring.{key}: must be a finite non-negative number")
                # inf / nan / huge values used to crash scoring (int(inf), decay ** n overflow).
                if key == "max-repeats" and (value != int(value) or value > MAX_REPEATS_LIMIT):
                    raise ConfigError(f"{source}: scoring.max-repeats: must be a whole number from 0 to {MAX_REPEATS_LIMIT}")
                if key == "decay" and value > 1:
                    raise ConfigError(f"{source}: scoring.decay: must be a number from 0 to 1")
                scalars[key] = value
            else:
                raise ConfigError(f"{source}: unknown key 'scoring.{key}'")
        return Weights(
            severity,
            categories,
            int(scalars["max-repeats"]),
            float(scalars["decay"]),
            float(scalars["category-scale"]),
            rules,
        )


MAX_REPEATS_LIMIT = 1000


def _non_negative(value: Any) -> bool:
    """A finite number >= 0 (TOML allows inf and nan; neither is a weight)."""
    import math

    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def _merge_rule_numbers(target: dict[str, float], value: Any, source: str) -> None:
    import re

    if not isinstance(value, dict):
        raise ConfigError(f"{source}: scoring.rules: must be a table of CODE = multiplier")
    for code, number in value.items():
        if not re.fullmatch(r"[A-Z]{2}\d{3}", code):
            raise ConfigError(f"{source}: scoring.rules.{code}: not a rule code (e.g. ID008)")
        if not _non_negative(number):
            raise ConfigError(f"{source}: scoring.rules.{code}: must be a finite non-negative number")
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
    base = Weights(
        severity={"error": 0.0, "warning": 0.0, "info": 0.0},
        categories={c: 1.0 for c in CATEGORIES},
    )
    return base.merged(data, f"lexicons/{SCORING_FILE}")


def score(findings: Iterable[Finding], weights: Weights | None = None) -> Score:
    weights = weights or default_weights()
    seen: dict[str, int] = defaultdict(int)
    total_penalty = 0.0
    category_points: dict[str, float] = defaultdict(float)
    # Strongest findings of a rule count first, so the cap drops the weakest repeats.
    for finding in sorted(findings, key=lambda f: (-f.severity, f.span.start)):
        n = seen[finding.code]
        seen[finding.code] = n + 1
        if n >= weights.max_repeats:
            continue
        points = weights.severity[finding.severity.label] * (weights.decay**n) * weights.rules.get(finding.code, 1.0)
        category_points[finding.category] += points
        total_penalty += points * weights.categories[finding.category]
    categories = {
        c: int(round(max(0.0, 100.0 - weights.category_scale * category_points[c]))) for c in CATEGORIES
    }
    return Score(int(round(max(0.0, 100.0 - total_penalty))), categories)
