"""ownership and escalation on follow-ups and long-running problems (GUIDANCE.md sections 4 and 5)."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Severity
from caselint.rules._helpers import voiced
from caselint.rules.kinds import InsertSentence
from caselint.rules.registry import register


def _duration(ctx: Context) -> str:
    for hit in ctx.hits.get("longrunning"):
        words = hit.text.lower().split()
        if words and words[0] in ("for", "over", "almost", "nearly", "about"):
            return " ".join(words[1:]) if words[0] == "for" else hit.text.lower()
    return ctx.template("default-duration")


def ownership_sentence(ctx: Context) -> str:
    cases = [i for i in ctx.identifiers if i.kind == "case" and i.valid]
    if cases:
        return voiced(ctx, ctx.template("ownership-case", case_id=cases[0].value))
    return voiced(ctx, ctx.template("ownership", duration=_duration(ctx)))


@register
class MissingOwnershipRequest(InsertSentence):
    code = "OW001"
    name = "missing-ownership-request"
    category = "ownership"
    severity = Severity.WARNING
    fixable = "always"
    insert_at = "closing"
    insert_order = 10  # the suggestion: built from the draft (its case ID or how long it has lasted)
    summary = "A follow-up or long-running problem without asking the associate to take ownership"
    explanation = (
        "When workarounds have not helped, politely ask the associate to take ownership: 'Thank you for your "
        "continued support. We have been working on this issue for over a week and it is still not resolved. "
        "Please take ownership of this issue and help us find the best solution.'"
    )
    bad = ("This is my third message about shipment FBA15ABC1234. It is still not checked in.",)
    good = ("This is my third message about shipment FBA15ABC1234. It is still not checked in. Please take ownership of this issue and help us find the best solution.",)

    message = "ask the associate to take ownership of this long-running issue"
    fix_title = "Ask the associate to take ownership"

    def missing(self, ctx: Context) -> bool:
        # Only follow-ups: on a first contact the associate has not yet had a chance to own anything.
        draft = ctx.draft
        return not (not draft.followup or draft.appeal or draft.asks_ownership or draft.asks_escalation)

    def sentence(self, ctx: Context) -> str:
        return ownership_sentence(ctx)


@register
class MissingEscalationRequest(InsertSentence):
    code = "ES001"
    name = "missing-escalation-request"
    category = "escalation"
    severity = Severity.WARNING
    fixable = "always"
    insert_at = "closing"
    insert_order = 20
    rewrite_template = "escalation"
    summary = "A follow-up on a wrong, unfair or unresolved answer without a polite escalation request"
    explanation = (
        "When an answer is wrong or unfair, ask politely for the case to be escalated: 'If you are unable to "
        "help me get the correct reimbursement, please escalate this case to your supervisor.'"
    )
    bad = ("Your last reply was wrong: the units were never received. Please check again.",)
    good = ("Your last reply was wrong: the units were never received. If you are unable to help, please escalate this case to your supervisor.",)

    message = "the earlier answer did not solve it: ask politely for escalation"
    fix_title = "Ask politely for escalation"
    voiced = True

    def missing(self, ctx: Context) -> bool:
        draft = ctx.draft
        return not (not draft.followup or draft.appeal or draft.asks_escalation or not draft.reports_wrong_answer)


@register
class LongRunningOwnershipTip(InsertSentence):
    code = "OW002"
    name = "long-running-ownership-tip"
    category = "ownership"
    severity = Severity.INFO
    fixable = "always"
    insert_order = 10  # a tip on a first contact: `--fix --unsafe-fixes` adds it, `rewrite` does not
    summary = "A problem that has lasted weeks, on a first contact: ownership wording can help"
    explanation = (
        "On a first contact the associate has not had a chance to help yet, so this is only a tip: when a "
        "problem has already lasted weeks, the ownership sentence ('Please take ownership of this issue and help "
        "us find the best solution') signals that workarounds have not helped."
    )
    bad = ("Our inventory has been stuck in reserved for over three weeks. Please check.",)
    good = ("Our inventory has been stuck in reserved for over three weeks. Please take ownership of this issue and help us find the best solution.",)

    place = "closing"  # `--fix` adds it there; the rewrite does not (no insert_at)
    message = "a long-running problem: consider asking the associate to take ownership"
    fix_title = "Ask the associate to take ownership"

    def missing(self, ctx: Context) -> bool:
        if ctx.followup or ctx.issue_type.appeal or ctx.hits.any("ownership.ask"):
            return False
        return bool(ctx.hits.get("longrunning"))

    def sentence(self, ctx: Context) -> str:
        return ownership_sentence(ctx)

    def anchor(self, ctx: Context, at: int) -> tuple[int, int]:
        first = ctx.hits.get("longrunning")[0]  # the words that say how long it has lasted
        return first.start, first.end
