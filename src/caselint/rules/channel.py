"""channel: ask for the answer by email, in writing (GUIDANCE.md section 2)."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Severity
from caselint.rules.kinds import InsertSentence
from caselint.rules.registry import register


@register
class NoWrittenReplyRequest(InsertSentence):
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

    message = "ask for the reply by email so that you have a written record"
    fix_title = "Ask for a reply by email"
    voiced = True

    def missing(self, ctx: Context) -> bool:
        # Case messages only (a closing note in a case is one): appeals go through Account Health (a
        # reinstatement request belongs there too, RT001), forum posts and templates are not cases.
        # Only an ask counts: 'you said someone would email me' describes the past.
        return ctx.draft.kind in ("case", "followup", "closing") and not ctx.draft.asks_for("channel.written")
