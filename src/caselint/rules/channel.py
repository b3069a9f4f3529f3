"""channel: ask for the answer by email, in writing (GUIDANCE.md section 2)."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Applicability, Severity
from caselint.rules._helpers import closing_insertion_point, insert_line_fix, voiced
from caselint.rules.base import Rule, Violation
from caselint.rules.registry import register


@register
class NoWrittenReplyRequest(Rule):
    code = "CH001"
    name = "no-written-reply-request"
    category = "channel"
    severity = Severity.WARNING
    fixable = "always"
    insert_at = "closing"
    insert_order = 30
    rewrite_template = "email-request"
    summary = "The draft never asks for the answer by email / in writing"
    explanation = (
        "Start with email and ask for the reply in writing, even if the associate calls: a written answer is "
        "a record you can quote in a follow-up or an appeal. Appeals go through Account Health and are exempt."
    )
    bad = ("Shipment FBA15ABC1234 shows 0 units received. Please check it in. Thank you.",)
    good = ("Shipment FBA15ABC1234 shows 0 units received. Please check it in and reply by email. Thank you.",)

    def check(self, ctx: Context):
        # Appeals go through Account Health; a reinstatement request belongs there too (RT001), so
        # asking for an email reply is not the fix for it.
        # Case messages only (a closing note in a case is one): appeals go through Account Health,
        # forum posts and templates are not cases.
        if ctx.draft.kind not in ("case", "followup", "closing"):
            return
        # Only an ask counts: 'you said someone would email me' describes the past.
        if ctx.draft.asks_for("channel.written"):
            return
        at = closing_insertion_point(ctx)
        line = voiced(ctx, ctx.template("email-request"))
        yield Violation(at, at, "ask for the reply by email so that you have a written record",
                        suggestion=line,
                        fix=insert_line_fix(ctx, at, line, "Ask for a reply by email", Applicability.UNSAFE))
