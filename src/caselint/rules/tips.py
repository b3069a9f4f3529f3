"""Bonus tips (GUIDANCE.md section 8): advice shown as info, never failing."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Severity
from caselint.rules.base import Rule, Violation
from caselint.rules.kinds import FlagHits
from caselint.rules.registry import register


@register
class CaptiveFbaTeam(Rule):
    code = "TP001"
    name = "captive-fba-team"
    category = "escalation"
    severity = Severity.INFO
    summary = "Tip: hard FBA problems can go to the captive FBA team"
    explanation = "For hard FBA problems (shipments, inventory, reimbursements that keep failing) ask for the captive FBA team / an FBA captive associate."
    bad = ("This is the third time I write about shipment FBA15ABC1234 and the units are still missing.",)
    good = ("This is the third time I write about shipment FBA15ABC1234. Please transfer this case to the captive FBA team.",)

    def check(self, ctx: Context):
        if ctx.issue_type.name not in ("shipment", "inventory", "reimbursement"):
            return
        if not (ctx.followup or ctx.hits.any("longrunning")) or ctx.hits.any("escalation.ask"):
            return
        yield Violation(0, 0, "tip: for hard FBA problems, ask for the captive FBA team",
                        suggestion="Please transfer this case to the captive FBA team (an FBA captive associate).")


@register
class TaxSection(Rule):
    code = "TP002"
    name = "tax-section"
    category = "routing"
    severity = Severity.INFO
    summary = "Tip: tax questions reach experienced agents through the tax section"
    explanation = "Choosing the tax topic when opening the case reaches more experienced agents for tax questions."
    bad = ("How do I fill in the W-8BEN in the tax interview?",)
    good = ("(Open the case under the tax topic so an experienced agent answers.)",)

    def check(self, ctx: Context):
        if ctx.issue_type.name == "tax":
            yield Violation(0, 0, "tip: open tax questions under the tax topic to reach experienced agents")


@register
class CallingTip(FlagHits):
    code = "TP003"
    name = "calling-tip"
    category = "channel"
    severity = Severity.INFO
    summary = "Tip: if you ask for a call, mind the time zone and still ask for the answer in writing"
    explanation = (
        "Seller Support calls from its own time zone; give a window in yours, and still ask for the answer by "
        "email so that you have a written record."
    )
    bad = ("Please call me about my account.",)
    good = ("Please reply by email. If a call is needed, I am available 9:00-17:00 Beijing time (UTC+8).",)

    tag = "channel_call"
    message = "tip: give your time zone for a call, and ask for the answer in writing too"
    limit = 1

    def suggest(self, ctx: Context, hit):
        return "If a call is needed, I am available [hours] [time zone]. Please also reply by email.", None
