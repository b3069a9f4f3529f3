"""Core value types shared by the engine, the rules, the reporters and the language server.

Everything here is a frozen dataclass: findings and reports cross process boundaries
(``--jobs``) and are compared in tests, so they must be plain, hashable values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

DRAFT_KINDS: tuple[str, ...] = ("case", "followup", "appeal", "forum", "template", "closing")

CATEGORIES: tuple[str, ...] = (
    "identifiers",
    "channel",
    "politeness",
    "tone",
    "framing",
    "ownership",
    "escalation",
    "routing",
    "clarity",
)

ISSUE_TYPES: tuple[str, ...] = (
    "shipment",
    "inventory",
    "reimbursement",
    "listing",
    "account_health",
    "buy_box",
    "reviews",
    "buyer_complaint",
    "fees",
    "tax",
    "brand",
    "other",
)


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


class Applicability(IntEnum):
    """How safe a fix is to apply without a human reading it (ruff's model)."""

    DISPLAY_ONLY = 0  # needs the user's own facts (placeholders)
    UNSAFE = 1  # rewording: meaning may shift
    SAFE = 2  # mechanical and meaning-preserving

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets into the original text; an empty span is an insertion point."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    span: Span
    line: int  # 1-based
    column: int  # 1-based, in characters
    end_line: int
    end_column: int
    suggestion: str | None = None
    fix: Fix | None = None

    @property
    def fails(self) -> bool:
        return self.severity >= Severity.WARNING


@dataclass(frozen=True, slots=True)
class Score:
    value: int
    categories: dict[str, int] = field(hash=False)


@dataclass(frozen=True, slots=True)
class IssueType:
    name: str
    confidence: float
    evidence: tuple[str, ...] = ()
    followup: bool = False
    appeal: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    path: str
    text: str = field(repr=False)
    findings: tuple[Finding, ...]
    score: Score
    issue_type: IssueType
    fail_under: int | None = None  # from settings; a score below it fails the draft
    kind: str = "case"  # case | followup | appeal | forum | template | closing (caselint.analysis)

    @property
    def failing(self) -> bool:
        return any(f.fails for f in self.findings) or self.below_threshold

    @property
    def below_threshold(self) -> bool:
        return self.fail_under is not None and self.score.value < self.fail_under


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be linted; reported as one line, exit code 2.

    ``skipped`` marks a file with nothing to lint (empty or only whitespace): reported as a note,
    never an error, and it does not change the exit code."""

    path: str
    message: str
    skipped: bool = False
