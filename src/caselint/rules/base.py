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

    # How `--fix` and `caselint rewrite` use this rule's findings. The fixer and the rewrite planner
    # read these; they hold no table of rule codes, so a new rule joins both by setting them.
    # insert_at: where the sentence this rule adds goes in a rewrite: "greeting" (first, its own
    #   line), "facts" (a placeholder line right after the greeting), "request" (after the writer's
    #   text), "closing" (its own paragraph before the writer's thanks and sign-off), "signoff" (the
    #   sign-off line, before the writer's name) or None (it adds nothing).
    insert_at: ClassVar[str | None] = None
    # Order of insertions at the same place, lower first (also the order `--fix` applies them in).
    insert_order: ClassVar[int] = 100
    # The [templates] entry the rewrite inserts; None: the finding's own suggestion (which may be
    # built from the draft, e.g. the ownership sentence citing the earlier case ID).
    rewrite_template: ClassVar[str | None] = None
    # What the rewrite does to the writer's own text at this rule's findings: "fix" (apply the rule's
    # fix, safe or unsafe), "soften" (reword the sentence calmly, keeping its facts and its request),
    # "reframe" (reword the sentence around the customer experience), "split" (cut an over-long
    # sentence at its clause boundaries), "reroute" (a request this team cannot grant becomes what it
    # can do: the limit acknowledged, the facts kept, and a question which team handles it; the
    # rule's ``rewrite_template`` is that question), "slot" (a value only the writer can correct, such
    # as a malformed ID: the value stays as written, the rule's ``rewrite_template`` puts a placeholder
    # after it) or None (nothing; safe fixes are always applied).
    rewrite_mode: ClassVar[str | None] = None
    # The [templates] greeting the rewrite uses instead of the writer's when this rule fires: the
    # draft goes to another team (an appeal belongs to Seller Performance, not Seller Support).
    rewrite_greeting: ClassVar[str | None] = None

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
        if cls.insert_at not in (None, "greeting", "facts", "request", "closing", "signoff"):
            problems.append("insert_at must be greeting, facts, request, closing, signoff or None")
        if cls.rewrite_mode not in (None, "fix", "soften", "reframe", "split", "reroute", "slot"):
            problems.append("rewrite_mode must be fix, soften, reframe, split, reroute, slot or None")
        if problems:
            raise TypeError(f"rule {cls.__name__}: " + "; ".join(problems))
