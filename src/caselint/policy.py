"""Policy as data: ``lexicons/policy.toml`` (issue-type evidence, per-rule finding limits, positions,
the draft analysis' thresholds).

Read once per process and validated against :data:`SCHEMA`: every error names the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from caselint.errors import ConfigError

POLICY_FILE = "policy.toml"
_SOURCE = f"lexicons/{POLICY_FILE}"
_CODE = re.compile(r"[A-Z]{2}\d{3}")

# Section -> key -> kind ("number", "evidence"); a section given as a kind takes any keys of that kind.
SCHEMA: dict[str, Any] = {
    "issue-type": {"evidence-full": "number", "appeal": "number", "identifier-evidence": "evidence-table"},
    "findings-per-draft": "count-table",
    "positions": {"greeting-share": "share", "greeting-chars": "number", "closing-share": "share",
                  "signoff-share": "share"},
    "analysis": {"opening-lines": "count", "opening-max-words": "count", "appeal-markers": "count",
                 "appeal-headings": "count", "appeal-action-words": "count", "template-slots": "count",
                 "followup-weak-evidence": "number", "hostile-cues": "count", "shouting-words": "count",
                 "content-free-words": "count", "garbled-marks": "count", "garbled-words-per-mark": "count"},
}


@dataclass(frozen=True)
class Policy:
    evidence_full: float
    appeal_evidence: float
    identifier_evidence: dict[str, tuple[str, float]]  # identifier kind -> (issue type, weight)
    limits: dict[str, int]  # rule code -> most findings per draft
    positions: dict[str, float]
    analysis: dict[str, float]  # thresholds of the draft analysis (caselint.analysis)

    def limit(self, code: str) -> int:
        return self.limits[code]


def _fail(where: str, message: str) -> ConfigError:
    return ConfigError(f"{_SOURCE}: {where}: {message}")


def _number(where: str, value: Any, kind: str = "number") -> float:
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise _fail(where, "must be a finite non-negative number")
    if kind == "share" and value > 1:
        raise _fail(where, "must be a share from 0 to 1")
    return value


def _count(where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(where, "must be a whole number of at least 1")
    return value


def validate(data: Any) -> Policy:
    from caselint.model import ISSUE_TYPES

    if not isinstance(data, dict):
        raise _fail("file", "must be a TOML table")
    for section in data:
        if section not in SCHEMA:
            raise _fail(f"[{section}]", f"unknown section (allowed: {', '.join(SCHEMA)})")
    for section, spec in SCHEMA.items():
        if not isinstance(data.get(section), dict):
            raise _fail(f"[{section}]", "missing table")
        if isinstance(spec, dict):
            for key in data[section]:
                if key not in spec:
                    raise _fail(f"{section}.{key}", f"unknown key (allowed: {', '.join(spec)})")
            for key in spec:
                if key not in data[section]:
                    raise _fail(f"{section}.{key}", "missing")
    issue = data["issue-type"]
    evidence: dict[str, tuple[str, float]] = {}
    table = issue["identifier-evidence"]
    if not isinstance(table, dict):
        raise _fail("issue-type.identifier-evidence", "must be a table of kind = { issue, weight }")
    for kind, value in table.items():
        where = f"issue-type.identifier-evidence.{kind}"
        if not isinstance(value, dict) or set(value) != {"issue", "weight"}:
            raise _fail(where, "must be { issue = \"...\", weight = number }")
        if value["issue"] not in ISSUE_TYPES:
            raise _fail(where, f"unknown issue type {value['issue']!r}")
        evidence[kind] = (value["issue"], _number(where + ".weight", value["weight"]))
    limits: dict[str, int] = {}
    for code, value in data["findings-per-draft"].items():
        where = f"findings-per-draft.{code}"
        if not _CODE.fullmatch(code):
            raise _fail(where, "not a rule code (e.g. FR001)")
        limits[code] = _count(where, value)
    positions = {key: _number(f"positions.{key}", value, SCHEMA["positions"][key])
                 for key, value in data["positions"].items()}
    analysis = {key: _count(f"analysis.{key}", value) if SCHEMA["analysis"][key] == "count"
                else _number(f"analysis.{key}", value) for key, value in data["analysis"].items()}
    return Policy(
        evidence_full=_number("issue-type.evidence-full", issue["evidence-full"]),
        appeal_evidence=_number("issue-type.appeal", issue["appeal"]),
        identifier_evidence=evidence,
        limits=limits,
        positions=positions,
        analysis=analysis,
    )


@lru_cache(maxsize=1)
def policy() -> Policy:
    from caselint.lexicon.loader import builtin_lexicon_dir

    path = builtin_lexicon_dir() / POLICY_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{_SOURCE}: cannot read policy: {exc}") from None
    return validate(data)
