"""framing: customer experience instead of the seller's sales (GUIDANCE.md section 4)."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.policy import policy
from caselint.rules._helpers import sentence_span
from caselint.rules.base import Rule, Violation
from caselint.rules.registry import register


# A bare noun is a reason only in a sentence that says it changes or matters; otherwise it is a fact.
_BARE_NOUNS = frozenset({"sales", "my sales", "our sales", "revenue", "my revenue", "our revenue", "profit", "profits",
                         "best seller", "ranking", "rankings", "rank", "ranked", "conversions", "visibility",
                         "margin", "margins", "my margin", "our margin"})


def _changes(ctx: Context, hit) -> bool:
    s, e = sentence_span(ctx, hit.start)
    return any(s <= c.start < e for c in ctx.hits.get("framing.change"))


@register
class SalesFraming(Rule):
    code = "FR001"
    name = "sales-framing"
    category = "framing"
    severity = Severity.WARNING
    fixable = "sometimes"
    rewrite_mode = "reframe"
    summary = "The reason for acting is the seller's sales, ranking or revenue, not the customer experience"
    explanation = (
        "Associates are trained to put the customer experience first. 'Please change the title to increase "
        "sales' is less effective than 'the current title makes it hard for customers to find this product; "
        "please change it to improve the customer experience'. Sales mentioned as a fact in a customer-framed "
        "draft are fine."
    )
    bad = ("Please help me change the title of this product to increase sales.",)
    good = ("The current title is affecting the customer experience, because customers cannot find it. Please change the title.",)

    def check(self, ctx: Context):
        neutral = ctx.hits.get("framing.neutral")
        lay = ctx.draft.layout

        # Sales framing is a reason given in the seller's own voice; a customer mentioned elsewhere does
        # not cancel it (JUDGEMENT.md: true even when customer framing is also present). Quoted text,
        # headings, the signature ('Sales Manager') and data lines ('Sales Rank: 1,203') are facts, not reasons.
        def reason(h) -> bool:
            return (ctx.draft.own(h.start) and lay.kind_at(h.start) not in ("heading", "subject", "signature", "signoff")
                    and (h.text.lower() not in _BARE_NOUNS or _changes(ctx, h))
                    and not ctx.text[h.end:h.end + 3].lstrip(" \t").startswith(":"))

        sales = [h for h in ctx.hits.longest("framing.sales")
                 if not any(n.start < h.end and h.start < n.end for n in neutral) and reason(h)]
        if not sales:
            return
        # Weak signals ('my business', 'Q4') only count next to a clear sales reason.
        sales += [h for h in ctx.hits.longest("framing.sales_weak")
                  if not any(s.start <= h.start < s.end for s in sales) and reason(h)]
        sales.sort(key=lambda h: h.start)
        flagged = 0
        for hit in sales:
            s, e = sentence_span(ctx, hit.start)
            suggestion, fix = _customer_rewrite(ctx, s, e)
            yield Violation(hit.start, hit.end,
                            f"'{hit.text}' frames the request around your sales; say how customers are affected",
                            suggestion=suggestion, fix=fix)
            flagged += 1
            if flagged >= policy().limit(self.code):
                return


def _customer_rewrite(ctx: Context, start: int, end: int) -> tuple[str, Fix | None]:
    """The sentence reworded around the customer experience, keeping the seller's request and facts
    (caselint.reframe; templates reason-<topic> / benefit-<topic> in framing.toml)."""
    from caselint import reframe

    sentence = ctx.text[start:end]
    hits = ctx.hits_in("framing.sales", start, end)
    reason = reframe.customer_reason(ctx, ctx.text)
    if not hits or start >= end:
        return f"{reason} (instead of: \"{sentence.strip()}\")", None
    # Only the first sales-framed sentence gets the customer-impact sentence, so fixes applied
    # together do not repeat it.
    first = min(ctx.document.sentence_at(h.start).start for h in ctx.hits.get("framing.sales")
                if ctx.document.sentence_at(h.start) is not None)
    with_reason = start <= first and reason not in ctx.text
    if any(r.start == start for r in ctx.requests):
        new = reframe.customer_framed_request(ctx, sentence, hits[0].start - start, hits[0].end - start,
                                              with_reason=with_reason)
    else:
        kept: str | None = sentence
        for h in reversed(hits):
            kept = reframe.remove_clause(kept, h.start - start, h.end - start) if kept else None
        if not reframe.keeps_numbers(sentence, kept):
            kept = sentence  # keep the seller's figures
        new = " ".join(p for p in ((reason if with_reason else None), kept) if p)
    if not new or new == sentence:
        return f"{reason} (instead of: \"{sentence.strip()}\")", None
    return new, reframe.sentence_fix(ctx.text, start, end, new, "Frame the request around the customer experience")


@register
class NoCustomerImpact(Rule):
    code = "FR002"
    name = "no-customer-impact"
    category = "framing"
    severity = Severity.INFO
    fixable = "always"
    summary = "A listing or catalogue request that never says how customers are affected"
    explanation = (
        "For listing, catalogue and brand requests, one sentence on what customers experience (cannot find the "
        "product, see wrong information, receive the wrong item) makes the request a customer-experience "
        "problem, which associates are trained to fix."
    )
    bad = ("Please change the title of ASIN B08ABC1234 to 'Steel Water Bottle 1L'.",)
    good = ("The title of ASIN B08ABC1234 is wrong, so customers cannot find it. Please change it to 'Steel Water Bottle 1L'.",)

    def check(self, ctx: Context):
        if ctx.issue_type.name not in ("listing", "brand", "buy_box") or ctx.hits.any("framing.customer"):
            return
        if ctx.hits.any("framing.sales"):
            return  # FR001 covers it
        requests = ctx.requests
        if not requests:
            return
        first = requests[0]
        line = ctx.template("customer-reason", impact=ctx.template("default-impact"))
        yield Violation(first.start, first.start, "say how customers are affected (the customer experience)",
                        suggestion=line,
                        fix=Fix("Add the customer impact", (Edit(Span(first.start, first.start), line + " "),),
                                Applicability.DISPLAY_ONLY))
