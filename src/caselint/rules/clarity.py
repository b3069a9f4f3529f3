"""clarity across a language barrier (GUIDANCE.md section 7)."""

from __future__ import annotations

from caselint.context import Context
from caselint.language import CJK_CHAR
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.policy import policy
from caselint.rules.base import Rule, Violation
from caselint.rules.kinds import FlagHits
from caselint.rules.registry import register

def _holds_slot(ctx: Context, template: str) -> bool:
    """The draft still holds the bracketed slot of one of this rule's templates (the rewrite put it there)."""
    line = ctx.template(template)
    start = line.find("[")
    return start >= 0 and line[start:] in ctx.text




def _sentence_words(sent) -> int:
    """A sentence's length in words. Japanese and Chinese are written without spaces (a run of them is one
    token): they count one word per three characters, as the layout does (caselint.layout.word_count)."""
    if not CJK_CHAR.search(sent.text):
        return sent.token_count
    from caselint.layout import word_count

    return word_count(sent.text)


_SPECIFIC_KINDS = (  # identifiers and facts that make a request specific
    "asin", "isbn", "gtin", "shipment", "order", "case", "fnsku", "sku", "tracking", "quantity", "date", "amount")


SPLIT_FACTOR = 1.5  # the rewrite cuts sentences over this many times CL001's max-words
# CL001 warns (a run-on) over this many times max-words; under it, one long sentence is advice. Japanese
# and Chinese drafts end sentences only at 。！？ and splice clauses with commas, so a run-on shows sooner.
WARN_FACTOR = {"en": 2.0}
WARN_FACTOR_DEFAULT = 1.5


def worth_splitting(ctx: Context, sent) -> bool:
    """Whether ``caselint rewrite`` cuts this sentence at its clause boundaries."""
    return _sentence_words(sent) > SPLIT_FACTOR * ctx.option(LongSentence, "max-words")


@register
class LongSentence(Rule):
    code = "CL001"
    rewrite_mode = "split"  # the rewrite cuts a sentence over SPLIT_FACTOR x max-words at its clause boundaries
    name = "long-sentence"
    category = "clarity"
    severity = Severity.WARNING
    summary = "A sentence too long for a second-language reader"
    explanation = (
        "Associates often read in a second language too. Short sentences (under about 30 words) with one fact "
        "each are understood on the first read. A sentence over `max-words` (default 30) is reported as advice "
        "(info); a run-on over twice the limit (1.5 times in Japanese and Chinese, which splice clauses with commas) "
        "as a warning (JUDGEMENT: one long sentence is cosmetic, a "
        "rambling run-on is unclear)."
    )
    bad = ("We sent the shipment on the first of May and the carrier delivered it on the fifth but when we checked "
           "the shipment page two weeks later it still showed zero units received and we do not understand why.",)
    good = ("We sent shipment FBA15ABC1234 on 1 May. The carrier delivered it on 5 May. Two weeks later it still shows 0 units received.",)
    options = {"max-words": 30}

    def check(self, ctx: Context):
        limit = ctx.option(self, "max-words")
        factor = WARN_FACTOR.get(ctx.language, WARN_FACTOR_DEFAULT)
        count = 0
        for sent in ctx.document.sentences:
            words = _sentence_words(sent)
            if words > limit:
                severity = Severity.WARNING if words > factor * limit else Severity.INFO
                yield Violation(sent.start, sent.end,
                                f"sentence of {words} words (limit {limit}): split it into shorter sentences",
                                suggestion="Split this sentence into two or three short sentences, one fact each.",
                                severity=severity)
                count += 1
                if count >= policy().limit(self.code):
                    return


@register
class VagueRequest(Rule):
    code = "CL002"
    name = "vague-request"
    category = "clarity"
    severity = Severity.WARNING
    fixable = "always"
    insert_at = "request"
    insert_order = 50
    rewrite_template = "specific-request"
    summary = "A vague request with no specifics ('there is a problem with my listing, please fix')"
    explanation = "Vague drafts get vague answers. Say what is wrong, with which ID, since when, and exactly what you want done."
    bad = ("There is a problem with my listing, please fix it.",)
    good = ("The main image of ASIN B08ABC1234 shows the wrong colour. Please replace it with the attached image.",)

    options = {"max-words": 60}

    def check(self, ctx: Context):
        # A short draft with nothing specific (no product, shipment or order ID, no numbers or dates)
        # about a problem that needs them. A case ID alone says which case, not what is wrong.
        if ctx.document.word_count > ctx.option(self, "max-words") or ctx.issue_type.appeal:
            return
        if any(i.kind in _SPECIFIC_KINDS and i.kind != "case" for i in ctx.identifiers):
            return
        vague = ctx.hits.get("clarity.vague")
        kind = ctx.issue_type.name
        if kind in ("account_health", "tax"):
            return
        if not vague or ctx.hits.any("id_placeholder") or any(ctx.draft.own(h.start) for h in ctx.hits.get("clarity.symptom")):
            return  # 'my listing is down, pls check' says what is wrong: it lacks an ID, it is not vague
        hit = vague[0]
        line = ctx.template("specific-request")
        yield Violation(hit.start, hit.end, "vague: say what exactly is wrong, with IDs, and what you want done",
                        suggestion=line,
                        fix=Fix("Add a specific request", (Edit(Span(len(ctx.text.rstrip()), len(ctx.text.rstrip())), " " + line),),
                                Applicability.DISPLAY_ONLY))


@register
class NoExplicitRequest(Rule):
    code = "CL003"
    name = "no-explicit-request"
    category = "clarity"
    severity = Severity.WARNING
    fixable = "always"
    insert_at = "request"
    insert_order = 50
    rewrite_template = "specific-request"
    summary = "The draft never says what the associate should do"
    explanation = "A draft that only describes the problem leaves the associate to guess. End the facts with one clear request."
    bad = ("My shipment FBA15ABC1234 was delivered on 3 May and nothing is received yet.",)
    good = ("My shipment FBA15ABC1234 was delivered on 3 May and nothing is received yet. Please check it in.",)

    @staticmethod
    def _implied_demand(ctx: Context) -> bool:
        """A demand, or a threat made conditional on something being done ('if this is not paid ...')."""
        if any(ctx.draft.own(h.start) for h in ctx.hits.get("tone.demand")):
            return True
        for h in ctx.hits.get("tone.threat"):
            sent = ctx.draft.index.at(h.start)
            if sent is not None and ctx.hits_in("grammar.condition", sent.start, sent.end):
                return True
        return False

    def check(self, ctx: Context):
        draft = ctx.draft
        if ctx.requests or "?" in ctx.text or ctx.issue_type.appeal or draft.kind == "closing":
            return
        if self._implied_demand(ctx):
            return  # 'pay it in 48 hours or ...': the demand is the request (the tone rules judge it)
        at = len(ctx.text.rstrip())
        line = ctx.template("specific-request")
        yield Violation(at, at, "no explicit request: say what you want the associate to do", suggestion=line,
                        fix=Fix("Add a request", (Edit(Span(at, at), " " + line),), Applicability.DISPLAY_ONLY))


_FAMILY = {"listing": "catalog", "brand": "catalog",
           "shipment": "fba", "inventory": "fba", "reimbursement": "fba",
           "buyer_complaint": "orders", "fees": "money", "tax": "money", "account_health": "account"}


@register
class SeveralProblems(Rule):
    code = "CL004"
    insert_at = "facts"  # the rewrite asks the writer to choose the one problem (only they can)
    insert_order = 7
    rewrite_template = "one-problem-slot"
    name = "several-problems"
    category = "clarity"
    severity = Severity.WARNING
    summary = "One draft about several unrelated problems"
    explanation = "One case per problem: a case about two problems is routed to one team and half of it is ignored."
    bad = ("My shipment FBA15ABC1234 is not received. Also, my storage fees are wrong. Also, my listing title is wrong.",)
    good = ("My shipment FBA15ABC1234 is not received. Please check it in. (Storage fees and the title: separate cases.)",)

    def check(self, ctx: Context):
        from collections import defaultdict

        scores: dict[str, float] = defaultdict(float)
        for hit in ctx.hits.get("issue"):
            scores[hit.tag.split(".", 1)[1]] += hit.entry.weight
        if ctx.draft.kind in ("appeal", "template"):
            return  # a plan of action lists causes and actions by design
        if _holds_slot(ctx, self.rewrite_template):
            return  # the writer is asked to choose the one problem: ID008 flags the slot until then
        strong = sorted((k for k, v in scores.items() if v >= 4.0 and k != "other"), key=lambda k: -scores[k])
        markers = [h for h in ctx.hits.get("clarity.topic") if ctx.draft.layout.is_prose(h.start)]
        # Related types overlap (a reimbursement is about a shipment); only an explicit switch of topic,
        # or an enumeration of problems (not a numbered list of steps), marks several problems.
        enumerated = len([h for h in ctx.hits.get("clarity.enumeration") if ctx.draft.layout.kind_at(h.start) != "list"]) >= 2
        # Related types are one problem seen from two sides (a hijacked listing is listing and brand; lost
        # units are shipment and reimbursement): only types from different families are several problems.
        families = {_FAMILY.get(k, k) for k in strong}
        if len(families) >= 2 and (markers or enumerated):
            at = markers[0] if markers else None
            start, end = (at.start, at.end) if at else (0, 0)
            yield Violation(start, end, f"this draft covers several problems ({', '.join(strong[:3])}): one case per problem",
                            suggestion=ctx.template("one-problem"))


@register
class RequestBuried(Rule):
    code = "CL005"
    name = "request-buried"
    category = "clarity"
    severity = Severity.INFO  # advice: a story before the request is still a request a reader can act on
    summary = "The request comes only at the end of a long story"
    explanation = "Put the key facts and the request first; a long story before the request is often skimmed."
    bad = ("(A 150-word story about how the business started, then the request in the last sentence.)",)
    good = ("(The request and the IDs in the first two sentences, the background after.)",)
    options = {"min-words": 150}

    def check(self, ctx: Context):
        words = ctx.document.word_count
        if words < ctx.option(self, "min-words") or ctx.issue_type.appeal:
            return  # a plan of action ends with its request by design
        requests = ctx.requests
        if not requests:
            return
        first = requests[0]
        preceding = sum(s.token_count for s in ctx.document.sentences if s.end <= first.start)
        if preceding > 0.75 * words:
            yield Violation(first.start, first.end, "the request comes after most of the draft: put it first",
                            suggestion="Move this request (and the IDs) to the top of the draft.")


@register
class DraftTooLong(Rule):
    code = "CL006"
    name = "draft-too-long"
    category = "clarity"
    severity = Severity.INFO  # length alone is not unclear: long, organised appeals are normal
    summary = "A very long draft"
    explanation = "Long drafts are skimmed. Keep the facts, the request and the IDs; cut the background. The limit is the `max-words` option."
    bad = ("(A 500-word draft.)",)
    good = ("(The same facts in 150 words.)",)
    options = {"max-words": 300}

    def check(self, ctx: Context):
        limit = ctx.option(self, "max-words")
        words = ctx.document.word_count
        if words > limit:
            yield Violation(0, 0, f"draft of {words} words (limit {limit}): keep the facts and the request, cut the rest",
                            suggestion="Shorten the draft to the facts, the IDs and one clear request.")


@register
class LanguageBarrier(FlagHits):
    code = "CL007"
    name = "language-barrier"
    category = "clarity"
    severity = Severity.INFO
    summary = "Communication trouble: ask for an associate who can communicate clearly"
    explanation = (
        "If the associate's English makes the case hard to follow, ask to continue with someone who can "
        "communicate clearly, rather than being transferred around."
    )
    bad = ("The associate did not understand my question and kept transferring me.",)
    good = ("If it is difficult to communicate in English, please transfer this case to an associate who can communicate clearly.",)

    tag = "clarity.language"
    message = "communication trouble: ask for an associate who can communicate clearly"
    template = "language-barrier"
    limit = 1

    def skip(self, ctx: Context) -> bool:
        return ctx.hits.any("escalation.ask")


@register
class NothingToActOn(Rule):
    code = "CL009"
    name = "nothing-to-act-on"
    category = "clarity"
    severity = Severity.ERROR
    summary = "Nothing to act on: no problem stated ('help', '.', a bare list of IDs)"
    explanation = (
        "A draft with no stated problem (one word, a greeting, 'help', a list of IDs with no words saying "
        "what they are) gets a canned reply asking what the problem is. Say what is wrong, with which ID, "
        "and what you want done."
    )
    bad = ("help",)
    good = ("Shipment FBA15ABC1234 shows 0 units received although UPS delivered it on 3 May. Please check it in.",)
    options = {"chase-max-confidence": 0.3, "chase-max-words": 80}

    def check(self, ctx: Context):
        draft = ctx.draft
        ids = [i for i in ctx.identifiers if i.kind not in ("date", "attachment", "quantity", "amount")]
        if draft.content_free:
            message = "nothing to act on: say what the problem is, with IDs, and what you want done"
        elif len(ids) >= 3 and draft.content_words < 4 * len(ids) and draft.content_words < 25:
            message = "a list of IDs without saying what each one is about: say what is wrong with which ID"
        elif draft.followup and draft.kind not in ("template", "closing") and not [i for i in ids if i.kind != "case"] \
                and ctx.issue_type.confidence < ctx.option(self, "chase-max-confidence") \
                and draft.content_words < ctx.option(self, "chase-max-words"):
            message = "a chase that never says what the case is about: name the case ID and the problem"
            if ctx.has_any_id("case"):
                message = "a chase that never says what the case is about: say what the problem is and what you need"
        else:
            return
        at = len(ctx.text) - len(ctx.text.lstrip())
        yield Violation(at, at, message, suggestion=ctx.template("specific-request"))


@register
class AppealWithoutSpecifics(Rule):
    code = "CL010"
    insert_at = "facts"  # the rewrite's placeholder for the root cause and the dated actions
    insert_order = 6
    rewrite_template = "appeal-specifics"
    name = "appeal-without-specifics"
    category = "clarity"
    severity = Severity.WARNING
    summary = "An appeal with no specific root cause or action: no dates, numbers or concrete steps"
    explanation = (
        "Seller Performance reads a plan of action for a specific root cause and dated, concrete actions. "
        "Promises ('we will strengthen management', 'customer first') and pleas give the reviewer nothing to "
        "check. Name what went wrong, when, and exactly what you changed."
    )
    bad = ("Dear Seller Performance team, we are very sorry. We will strengthen the management and put customer first. Please reactivate our account, "
           "we promise it will never happen again and we will follow all the rules from now on.",)
    good = ("Our ODR reached 1.4% because 9 of 640 orders in October shipped from a new factory with a loose clasp. "
            "On 2 November we stopped shipping that batch and now inspect every unit. Please reinstate our account.",)
    options = {"min-words": 35}

    def check(self, ctx: Context):
        draft = ctx.draft
        if draft.kind != "appeal" or draft.content_words < ctx.option(self, "min-words"):
            return
        if ctx.hits.any("id_placeholder"):
            return  # a slot for the specifics is there: ID008 asks to fill it in
        specifics = [i for i in ctx.identifiers if i.kind not in ("attachment",)]
        prose = "".join(s.text for s in draft.prose)
        if specifics or any(ch.isdigit() for ch in prose):
            return
        if any(draft.own(h.start) for h in ctx.hits.get("appeal.cause")) \
                and any(draft.own(h.start) for h in ctx.hits.get("appeal.done")):
            return  # a stated cause and an action already taken: specific without numbers
        at = draft.prose[0].start if draft.prose else 0
        yield Violation(at, at, "no specific root cause or action: say what went wrong, when, and what you changed",
                        suggestion="Name the root cause (what, when, how many orders), then each action with its date.")


@register
class HardToFollow(Rule):
    code = "CL011"
    name = "hard-to-follow"
    category = "clarity"
    severity = Severity.WARNING
    fixable = "sometimes"
    summary = "Broken spacing, punctuation and grammar in several places make the draft hard to follow"
    explanation = (
        "A draft with spaces before commas, runs of punctuation and sentences that break off (machine "
        "translation, a phone keyboard, hurried typing) makes the associate guess what happened, and a guess "
        "gets a canned reply. One slip is fine; several in a short draft are not. Write short, complete "
        "sentences: what happened, the IDs, and what you want done. The fix removes the stray spaces and "
        "doubled commas; the wording is yours to mend."
    )
    bad = ("shipment of we is late ?? the box arriving but system show 0 , we check again , pls check ,,,",)
    good = ("Our shipment FBA15ABC1234 arrived on 5 May, but it still shows 0 units received. Please check it.",)

    def check(self, ctx: Context):
        draft = ctx.draft
        if not draft.garbled:
            return
        edits = []
        for start, end, kind in draft.noise:
            text = ctx.text[start:end]
            if kind == "space_before":
                edits.append(Edit(Span(start, start + 1), ""))  # ' ,' -> ','
            elif kind == "comma_run" and set(text) == {","}:
                edits.append(Edit(Span(start, end), ","))
        first = draft.noise[0]
        examples = ", ".join(f"'{ctx.text[s:e].strip() or ctx.text[s:e]}'" for s, e, _ in draft.noise[:3])
        fix = Fix("Remove stray spaces before punctuation and doubled commas", tuple(edits), Applicability.SAFE) \
            if edits else None
        yield Violation(first[0], first[1],
                        f"hard to follow: broken spacing and punctuation in {len(draft.noise)} places ({examples}); "
                        "write short, complete sentences",
                        suggestion="Write short, complete sentences: what happened, the IDs, and what you want done.",
                        fix=fix)
