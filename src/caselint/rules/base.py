"""Rule base class: metadata (code, name, category, severity, docs, examples) next to the check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from caselint.model import CATEGORIES, Fix, Severity

if TYPE_CHECKING:
    from caselint.context import Context

CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports; the runner turns it into a Finding with positions and severity."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    fix: Fix | None = None
    # A rule may report a finding below its default severity (e.g. a sentence just over the limit is
    # advice, one far over it a warning); a severity set in config always wins.
    severity: Severity | None = None


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    # Markdown: what it does and why it matters, tied to GUIDANCE.md.
    explanation: ClassVar[str]
    bad: ClassVar[tuple[str, ...]]
    good: ClassVar[tuple[str, ...]]
    # "never", "sometimes" or "always": whether findings carry a Fix.
    fixable: ClassVar[str] = "never"
    # Options users may set under [tool.caselint.rule-options.<CODE or name>], with defaults.
    options: ClassVar[dict[str, Any]] = {}

    def check(self, ctx: "Context") -> Iterable[Violation]:
        raise NotImplementedError

    @classmethod
    def validate_metadata(cls) -> None:
        problems = []
        if not CODE_RE.match(getattr(cls, "code", "")):
            problems.append("code must be two capital letters and three digits")
        if not NAME_RE.match(getattr(cls, "name", "")):
            problems.append("name must be kebab-case")
        if getattr(cls, "category", None) not in CATEGORIES:
            problems.append(f"category must be one of {', '.join(CATEGORIES)}")
        for attr in ("summary", "explanation"):
            if not getattr(cls, attr, "").strip():
                problems.append(f"{attr} is required")
        if not getattr(cls, "bad", ()) or not getattr(cls, "good", ()):
            problems.append("bad and good examples are required")
        if cls.fixable not in ("never", "sometimes", "always"):
            problems.append("fixable must be never, sometimes or always")
        if problems:
            raise TypeError(f"rule {cls.__name__}: " + "; ".join(problems))
