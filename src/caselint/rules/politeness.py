"""politeness: please, thanks, greeting and sign-off (GUIDANCE.md section 3)."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.policy import policy
from caselint.rules.base import Rule, Violation
from caselint.rules.kinds import InsertSentence
from caselint.rules.registry import register


@register
class RequestWithoutPlease(Rule):
    code = "PL001"
    name = "request-without-please"
    category = "politeness"
    severity = Severity.WARNING
    fixable = "sometimes"
    rewrite_mode = "fix"
    summary = "No courtesy anywhere: no 'please', 'could you', thanks, apology or regards"
    explanation = (
        "Polite requests get better results, even on the third or fourth reply. Politeness belongs to the "
        "draft as a whole: one request without 'please' in a courteous draft is fine, but a draft with no "
        "'please', 'could you', 'kindly', thanks, apology or regards anywhere reads as curt."
    )
    bad = ("Check my shipment FBA15ABC1234 and tell me where the units are.",)
    good = ("Please check shipment FBA15ABC1234 and let me know where the units are.",)

    def check(self, ctx: Context):
        if ctx.draft.courtesy:
            return  # a draft with nothing to act on ('help', '在吗？？') is not polite either: no courtesy marker
        plain = [h for h in ctx.hits.get("request.plain") if ctx.draft.own(h.start)]
        if not plain:
            start = len(ctx.text) - len(ctx.text.lstrip())
            yield Violation(start, start, "no courtesy anywhere: add 'please' to the request and thank the associate",
                            suggestion=ctx.template("thanks"))
            return
        for hit in plain[:policy().limit(self.code)]:
            fix = None
            word = ctx.text[hit.start:hit.end]
            is_imperative = hit.entry.id == "imperative-start"
            # "FIX" -> "Please fix" (not "Please fIX"); "Check" -> "Please check".
            polite = "Please " + (word.lower() if word.isupper() else word[:1].lower() + word[1:])
            if is_imperative:
                fix = Fix("Add 'Please'", (Edit(Span(hit.start, hit.end), polite),), Applicability.UNSAFE)
            yield Violation(hit.start, hit.end, "no courtesy anywhere: this request has no 'please' or other polite marker",
                            suggestion=polite if is_imperative
                            else "Add 'please' to the request (e.g. 'Could you please ...').",
                            fix=fix)


@register
class NoThanks(InsertSentence):
    code = "PL002"
    name = "no-thanks"
    category = "politeness"
    severity = Severity.INFO
    fixable = "always"
    insert_at = "closing"
    insert_order = 40
    rewrite_template = "thanks"
    summary = "The draft never thanks the associate"
    explanation = "Thanking the associate ('Thank you for your help', 'I appreciate your help') costs nothing and gets a better hearing."
    bad = ("Shipment FBA15ABC1234 shows 0 units received. Please check it.",)
    good = ("Shipment FBA15ABC1234 shows 0 units received. Please check it. Thank you for your help.",)

    message = "no thanks: thank the associate for their help"
    fix_title = "Thank the associate"
    voiced = True

    def missing(self, ctx: Context) -> bool:
        return not (ctx.hits.any("thanks") or ctx.draft.content_free)


@register
class NoGreeting(InsertSentence):
    code = "PL003"
    name = "no-greeting"
    category = "politeness"
    severity = Severity.INFO
    fixable = "always"
    insert_at = "greeting"
    insert_order = 0
    rewrite_template = "greeting"
    summary = "The draft starts without a greeting"
    explanation = "A short greeting ('Hello,') sets a polite tone for the rest of the message."
    bad = ("Shipment FBA15ABC1234 is missing 10 units.",)
    good = ("Hello,\nShipment FBA15ABC1234 is missing 10 units.",)

    message = "no greeting"
    fix_title = "Add a greeting"

    def missing(self, ctx: Context) -> bool:
        positions = policy().positions
        head = len(ctx.text) * positions["greeting-share"] + positions["greeting-chars"]
        return not any(h.start < head for h in ctx.hits.get("greeting"))


@register
class NoSignoff(InsertSentence):
    code = "PL004"
    name = "no-signoff"
    category = "politeness"
    severity = Severity.INFO
    fixable = "always"
    insert_at = "signoff"
    insert_order = 90
    rewrite_template = "signoff"
    summary = "The draft ends without a sign-off"
    explanation = "A sign-off ('Best regards,' and your name or store) closes the message politely."
    bad = ("Please check shipment FBA15ABC1234.",)
    good = ("Please check shipment FBA15ABC1234.\n\nBest regards,\nAnna (Example Store)",)

    message = "no sign-off"
    fix_title = "Add a sign-off"

    def missing(self, ctx: Context) -> bool:
        # the closing: the part after closing-share of the draft (lexicons/policy.toml) or its last four
        # lines, whichever is longer
        stripped = ctx.text.rstrip()
        last_lines = stripped.rsplit("\n", 4)
        share = policy().positions["closing-share"]
        tail = min(len(ctx.text) * share, len(stripped) - sum(len(x) + 1 for x in last_lines[1:]) if len(last_lines) > 1 else len(ctx.text) * share)
        if any(h.start >= tail for h in ctx.hits.get("signoff")) or any(
            h.start >= tail for h in ctx.hits.get("thanks")
        ):
            return False
        return not _ends_with_name(stripped)


def _ends_with_name(text: str) -> bool:
    """A last line of one to four capitalised words ('Mark', 'Mei Chen', 'Team Acme') signs the message."""
    lines = text.splitlines()
    if len(lines) < 2:
        return False
    words = lines[-1].replace(",", " ").replace("(", " ").replace(")", " ").split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and not lines[-1].rstrip().endswith((".", "?", "!"))


@register
class CourtesyUndermined(Rule):
    code = "PL005"
    name = "hostile-despite-courtesy"
    category = "politeness"
    severity = Severity.WARNING
    summary = "'Please' and thanks do not make a hostile draft polite"
    explanation = (
        "A careful reader does not count 'please' inside an insult, or thanks next to a threat: a hostile "
        "draft is never polite. Remove the hostile wording (see the tone findings) and the courtesy counts again."
    )
    bad = ("Please fix this, your team is useless. Thanks.",)
    good = ("Please fix this; it is still not resolved after two weeks. Thank you.",)

    def check(self, ctx: Context):
        if not (ctx.draft.hostile and ctx.draft.courtesy):
            return
        first = ctx.draft.courtesy[0]
        yield Violation(first.start, first.end,
                        "courtesy does not offset the hostile wording elsewhere in the draft",
                        suggestion="Remove the hostile wording; keep the polite request.")
