"""The two kinds most rules are: a rule of either kind is a declaration, plus a condition at most.

* :class:`FlagHits`: flag each hit of a lexicon tag, with a message and a ``[templates]`` suggestion
  ("Seller Support does not handle the Buy Box").
* :class:`InsertSentence`: something is missing: insert a sentence from ``[templates]`` where it belongs
  (an e-mail request before the sign-off, a placeholder line for an ID after the greeting).

Messages and fix titles are ``str.format`` templates with ``rule`` (the rule), ``ctx`` (the draft's
Context) and, for FlagHits, ``text`` (the hit's text): ``"{rule.what}: {text!r} makes ..."``.
Rules that fit neither keep their own ``check`` (caselint.rules.base.Rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.policy import policy
from caselint.rules._helpers import closing_insertion_point, facts_insertion_point, insert_line_fix, voiced
from caselint.rules.base import Rule, Violation

if TYPE_CHECKING:
    from caselint.context import Context
    from caselint.lexicon.compiled import Hit


class FlagHits(Rule):
    """Flag each hit of ``tag`` (at most ``limit``, or findings-per-draft in lexicons/policy.toml).
    With a ``fix_title``, the fix replaces the hit with the ``template`` text (set ``fixable = "always"``)."""

    tag: ClassVar[str] = ""
    message: ClassVar[str] = ""
    template: ClassVar[str | None] = None  # the [templates] entry offered as the suggestion
    limit: ClassVar[int | None] = None  # e.g. 1: the first hit stands for the draft
    fix_title: ClassVar[str | None] = None
    applicability: ClassVar[Applicability] = Applicability.UNSAFE

    @classmethod
    def validate_metadata(cls) -> None:
        super().validate_metadata()
        if not cls.message or (not cls.tag and cls.hits is FlagHits.hits):
            raise TypeError(f"rule {cls.__name__}: a FlagHits rule needs a message and a tag (or its own hits())")
        if cls.fix_title and cls.suggest is FlagHits.suggest and (not cls.template or cls.fixable != "always"):
            raise TypeError(f"rule {cls.__name__}: a fix_title needs a template and fixable = 'always'")

    def skip(self, ctx: "Context") -> bool:
        """True when the rule does not apply to this draft at all."""
        return False

    def hits(self, ctx: "Context") -> list["Hit"]:
        return ctx.hits.get(self.tag)

    def relevant(self, ctx: "Context", hit: "Hit") -> bool:
        return True

    def suggest(self, ctx: "Context", hit: "Hit") -> tuple[str | None, Fix | None]:
        suggestion = ctx.template(self.template) if self.template else None
        if suggestion and self.fix_title:
            title = self.fix_title.format(rule=self, ctx=ctx, text=hit.text)
            return suggestion, Fix(title, (Edit(Span(hit.start, hit.end), suggestion),), self.applicability)
        return suggestion, None

    def severity_of(self, ctx: "Context", hit: "Hit") -> Severity | None:
        """A finding's own severity (None: the rule's, or the one set in config)."""
        return None

    def check(self, ctx: "Context"):
        if self.skip(ctx):
            return
        limit = policy().limits.get(self.code, self.limit)
        count = 0
        for hit in self.hits(ctx):
            if not self.relevant(ctx, hit):
                continue
            suggestion, fix = self.suggest(ctx, hit)
            yield Violation(hit.start, hit.end, self.message.format(rule=self, ctx=ctx, text=hit.text),
                            suggestion=suggestion, fix=fix, severity=self.severity_of(ctx, hit))
            count += 1
            if limit is not None and count >= limit:
                return


_PLACES = ("greeting", "facts", "closing", "signoff")


class InsertSentence(Rule):
    """When :meth:`missing` says so, insert the ``template`` sentence (default: ``rewrite_template``) at
    ``place`` (default: ``insert_at``): "greeting" (the start), "facts" (after the greeting line),
    "closing" (before the sign-off or thanks) or "signoff" (the end)."""

    fixable = "always"
    message: ClassVar[str] = ""
    fix_title: ClassVar[str] = ""
    template: ClassVar[str | None] = None
    place: ClassVar[str | None] = None
    voiced: ClassVar[bool] = False  # in the writer's person ('so that I have ...' / '... we ...')
    applicability: ClassVar[Applicability] = Applicability.UNSAFE

    @classmethod
    def validate_metadata(cls) -> None:
        super().validate_metadata()
        problems = []
        if not cls.message or not cls.fix_title:
            problems.append("needs a message and a fix_title")
        if (cls.place or cls.insert_at) not in _PLACES:
            problems.append(f"place (or insert_at) must be one of {', '.join(_PLACES)}")
        if not (cls.template or cls.rewrite_template) and cls.sentence is InsertSentence.sentence:
            problems.append("needs a template (or rewrite_template, or its own sentence())")
        if cls.fixable != "always":
            problems.append("always inserts a sentence: fixable must be 'always'")
        if problems:
            raise TypeError(f"rule {cls.__name__}: " + "; ".join(problems))

    def missing(self, ctx: "Context") -> bool:
        raise NotImplementedError

    def sentence(self, ctx: "Context") -> str:
        line = ctx.template(self.template or self.rewrite_template or "")
        return voiced(ctx, line) if self.voiced else line

    def insertion_point(self, ctx: "Context") -> int:
        place = self.place or self.insert_at
        text = ctx.text
        if place == "greeting":
            return len(text) - len(text.lstrip())
        if place == "facts":
            return facts_insertion_point(ctx)
        if place == "closing":
            return closing_insertion_point(ctx)
        if place == "signoff":
            return len(text.rstrip())
        raise ValueError(f"rule {self.code}: no place to insert its sentence ({place!r})")

    def anchor(self, ctx: "Context", at: int) -> tuple[int, int]:
        """Where the finding points: the insertion point itself unless a rule says otherwise."""
        return at, at

    def check(self, ctx: "Context"):
        if not self.missing(ctx):
            return
        at = self.insertion_point(ctx)
        line = self.sentence(ctx)
        start, end = self.anchor(ctx, at)
        values = {"rule": self, "ctx": ctx}
        yield Violation(start, end, self.message.format(**values), suggestion=line,
                        fix=insert_line_fix(ctx, at, line, self.fix_title.format(**values), self.applicability))
