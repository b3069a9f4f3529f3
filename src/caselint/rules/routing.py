"""routing: requests Seller Support cannot handle, and who can (GUIDANCE.md section 6)."""

from __future__ import annotations


from caselint.analysis import ON_OFF_WORDS
from caselint.context import Context
from caselint.model import Severity
from caselint.rules.kinds import FlagHits
from caselint.rules.registry import register




def _names_a_team(ctx: Context, hit) -> bool:
    """'the Buy Box team': the topic is followed by a team word (grammar.team)."""
    rest = ctx.text[hit.end:hit.end + 40]
    after = hit.end + len(rest) - len(rest.lstrip(" \t"))
    return any(t.start == after for t in ctx.hits_in("grammar.team", after, after + 20))


def _asks_which_team(ctx: Context, hit) -> bool:
    sent = ctx.draft.index.at(hit.start)
    return sent is not None and bool(ctx.hits_in("ask.which_team", sent.start, sent.end))


def sent_to_seller_support(ctx: Context) -> bool:
    """Where the draft goes: addressed to Seller Support, or a case with no (or a generic) addressee.
    A forum post, a draft addressed to Seller Performance, and a structured appeal with no addressee
    (it goes through the appeal form) are not Seller Support cases."""
    draft = ctx.draft
    if draft.addressee == "seller_support":
        return True
    if draft.addressee in ("seller_performance", "forum") or draft.forum:
        return False
    return not draft.appeal


class _RoutingRule(FlagHits):
    """A request Seller Support cannot handle: the first thing the draft asks for of this kind."""

    category = "routing"
    severity = Severity.WARNING
    limit = 1

    def skip(self, ctx: Context) -> bool:
        return not sent_to_seller_support(ctx)

    # Issue types where a bare "remove it" / "take them down" is a request for this team.
    generic_removal_types: tuple[str, ...] = ()

    # The issue type whose confident drafts are about this team's topic as a whole: a follow-up about
    # the Buy Box asks about the Buy Box even when its asks only say "please look into it".
    topic_type: str = ""

    # Whether only what the draft asks for counts (True), or every own use of the words (False).
    asked = True

    # Asks that name their object with a pronoun: (tag of the pronoun asks, tags that name the object
    # in the same or the previous sentence). 'I don't know how to write the plan of action. Can you
    # write it for me?' asks for a plan of action.
    refers: tuple[str, tuple[str, ...]] | None = None

    def hits(self, ctx: Context) -> list:
        """What the draft asks for, not topics it mentions or negates ('this is not about the Buy Box')."""
        if not self.asked:
            return [h for h in ctx.hits.get(self.tag) if ctx.draft.own(h.start)]
        hits = list(ctx.draft.asks_for(self.tag))
        if ctx.issue_type.name in self.generic_removal_types:
            hits += ctx.draft.asks_for("routing_generic.removal")
        if self.refers:
            hits += ctx.draft.asks_referring(*self.refers)
        if not hits and self.topic_type and ctx.issue_type.name == self.topic_type and ctx.issue_type.confidence >= 0.5 \
                and any(not ctx.hits_in("escalation.ask", s.start, s.end) and not ctx.hits_in("channel.written", s.start, s.end)
                        for s in ctx.draft.asks):
            # an ask about the topic; asking to be passed to the team that handles it, or for an e-mail
            # reply, is not one
            hits = ctx.draft.unnegated(self.tag)
        # 'escalate to your supervisor or the Buy Box team' asks for a transfer to the right team, and
        # 'which team handles Buy Box questions?' asks who to contact: both right.
        hits = [h for h in hits if not _names_a_team(ctx, h) and not _asks_which_team(ctx, h)]
        return sorted(hits, key=lambda h: h.start)


@register
class ReinstatementToSupport(_RoutingRule):
    code = "RT001"
    name = "reinstatement-request"
    severity = Severity.ERROR
    summary = "Asking Seller Support to reinstate an account or a removed listing"
    explanation = (
        "Seller Support cannot reinstate a deactivated account or a removed ASIN: appeals go to Seller "
        "Performance through Account Health. An appeal addressed to Seller Performance is fine; the same appeal "
        "addressed to Seller Support is misrouted."
    )
    bad = ("Dear Seller Support, please reactivate my account, it was suspended yesterday.",)
    good = ("Dear Seller Performance team, here is our Plan of Action for the suspension of our account.",)
    tag = "routing.reinstate"
    rewrite_greeting = "greeting-seller-performance"
    message = "Seller Support cannot reinstate accounts or removed listings: appeal to Seller Performance (Account Health)"
    template = "seller-performance"

    def hits(self, ctx: Context) -> list:
        # Restoring a listing (deleted for a wrong category, a broken upload) is Seller Support's work;
        # reinstating after an account or policy action is not.
        account = any(h.text.lower() not in ON_OFF_WORDS for h in ctx.hits.get("appeal.action")) or any(
            h.text.lower() != "removed" for h in ctx.hits.get("routing_generic.violation"))  # a policy reason
        return [h for h in super().hits(ctx) if account or ctx.hits_in("grammar.account", h.start, h.end)
                or ctx.hits_in("grammar.policy_action", h.start, h.end)]


@register
class BuyBoxRequest(_RoutingRule):
    code = "RT002"
    rewrite_mode = "reroute"  # the rewrite asks which team handles it (template reroute-ask)
    rewrite_template = "reroute-ask"
    name = "buy-box-request"
    summary = "Asking Seller Support about the Buy Box"
    explanation = "Seller Support does not handle the Buy Box; it depends on price, stock, fulfilment and account health."
    bad = ("Please give me the Buy Box back for ASIN B08ABC1234.",)
    good = ("(Check price, stock and Account Health; contact Seller Performance if Amazon has taken action.)",)
    tag = "routing.buy_box"
    message = "Seller Support does not handle the Buy Box"
    template = "buy-box"
    topic_type = "buy_box"


@register
class ReviewRemovalRequest(_RoutingRule):
    code = "RT003"
    rewrite_mode = "reroute"  # the rewrite asks which team handles it (template reroute-ask)
    rewrite_template = "reroute-ask"
    name = "review-removal-request"
    summary = "Asking Seller Support to remove product reviews"
    explanation = "Seller Support cannot remove product reviews; report abusive reviews from the review page or Brand Registry."
    bad = ("Please remove this fake 1-star review from my product.",)
    good = ("(Use 'Report abuse' on the review, or Brand Registry's review reporting.)",)
    tag = "routing.reviews"
    message = "Seller Support cannot remove product reviews"
    template = "reviews"
    topic_type = "reviews"
    generic_removal_types = ("reviews",)


@register
class BuyerComplaintRequest(_RoutingRule):
    code = "RT004"
    rewrite_mode = "reroute"  # the rewrite asks which team handles it (template reroute-ask)
    rewrite_template = "reroute-ask"
    name = "buyer-complaint-request"
    summary = "Asking Seller Support to act on buyer complaints or remove feedback"
    explanation = "Buyer complaints and seller feedback are not handled by Seller Support; use Buyer-Seller Messaging and Feedback Manager."
    bad = ("Please remove this negative feedback, the buyer is lying.",)
    good = ("(Request removal in Feedback Manager; reply to the buyer through Buyer-Seller Messaging.)",)
    tag = "routing.buyer_complaint"
    message = "Seller Support does not handle buyer complaints or feedback removal"
    template = "buyer-complaint"
    generic_removal_types = ("buyer_complaint",)


@register
class PlanOfActionRequest(_RoutingRule):
    code = "RT005"
    rewrite_mode = "reroute"  # the rewrite asks which team handles it (template reroute-ask)
    rewrite_template = "reroute-ask"
    name = "plan-of-action-request"
    summary = "Asking Seller Support to write the Plan of Action"
    explanation = "Only the seller can write a Plan of Action; Seller Support can only tell you the reason for the complaint."
    bad = ("Please write the plan of action for me, I don't know what to say.",)
    good = ("Please tell me which policy the complaint on ASIN B08ABC1234 refers to.",)
    tag = "routing.poa"
    refers = ("refers.poa", ("appeal.structure", "appeal.explicit", "topic.poa"))
    message = "Seller Support cannot write your Plan of Action"
    template = "poa"


@register
class CitedSupportAdvice(_RoutingRule):
    code = "RT006"
    name = "cited-support-advice"
    summary = "Citing a Seller Support associate's advice as justification for a policy violation"
    explanation = "Wrong advice from Seller Support is never accepted as an excuse for a policy violation; it weakens an appeal."
    bad = ("Seller Support told me it was OK to list this product, so the violation is not our fault.",)
    good = ("The root cause was that we did not check the restricted products list; we now check every new listing.",)
    tag = "routing.cited_advice"
    message = "Seller Support's advice is not accepted as a justification for a policy violation"
    template = "cited-advice"

    def skip(self, ctx: Context) -> bool:
        if ctx.draft.forum or ctx.draft.addressee == "seller_performance":
            return True
        return not (ctx.issue_type.appeal or ctx.hits.any("routing_generic.violation"))
    asked = False  # the words themselves are the problem, asked for or not


@register
class RestrictionSeniorAssociate(_RoutingRule):
    code = "RT007"
    name = "restriction-senior-associate"
    severity = Severity.INFO
    summary = "Listing restriction: ask for a more senior associate"
    explanation = (
        "Associates often confuse safety complaints with prohibited items. For a listing restriction, ask for a "
        "more senior associate who can tell which applies."
    )
    bad = ("My listing was removed as a prohibited product, please help.",)
    good = ("My listing was removed as a prohibited product. Please ask a more senior associate to check whether this is a safety complaint or a prohibited item.",)
    tag = "routing.restriction"
    message = "restriction confusion is common: ask for a more senior associate"
    template = "senior-associate"

    def skip(self, ctx: Context) -> bool:
        return ctx.draft.asks_escalation or ctx.draft.forum
    asked = False  # the words themselves are the problem, asked for or not


@register
class BrandEnforcementRequest(_RoutingRule):
    code = "RT009"
    rewrite_mode = "reroute"  # the rewrite asks which team handles it (template reroute-ask)
    rewrite_template = "reroute-ask"
    name = "brand-enforcement-request"
    summary = "Asking Seller Support to remove other sellers (counterfeiters, hijackers)"
    explanation = (
        "Seller Support cannot remove other sellers from a listing. Counterfeits, hijackers and IP "
        "infringement are reported through Brand Registry's Report a Violation tool or Amazon's Report "
        "Infringement form, where the rights owner's evidence is reviewed."
    )
    bad = ("Please remove this seller from our listing, they are selling counterfeits.",)
    good = ("(Report the counterfeit offers with Brand Registry's Report a Violation tool.)",)
    tag = "routing.enforcement"
    refers = ("refers.others", ("topic.other_sellers",))
    message = "Seller Support cannot remove other sellers: report counterfeits and IP infringement through Brand Registry"
    template = "brand-enforcement"


@register
class AppealToSupport(FlagHits):
    code = "RT008"
    name = "appeal-to-seller-support"
    category = "routing"
    severity = Severity.ERROR
    rewrite_greeting = "greeting-seller-performance"
    summary = "An appeal or Plan of Action addressed to Seller Support"
    explanation = "Appeals and Plans of Action go to Seller Performance through Account Health; Seller Support cannot act on them."
    bad = ("Dear Seller Support, please find our plan of action: root cause, corrective actions, preventive measures.",)
    good = ("Dear Seller Performance team, please find our plan of action: root cause, corrective actions, preventive measures.",)

    tag = "routing.address.support"
    message = "appeals go to Seller Performance (Account Health), not Seller Support"
    template = "seller-performance"
    limit = 1

    def skip(self, ctx: Context) -> bool:
        return not ctx.appeal_structure or ctx.hits.any("routing.reinstate")  # RT001 covers reinstatement requests
