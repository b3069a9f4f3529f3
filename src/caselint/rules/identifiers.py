"""identifiers: the IDs each issue type needs, malformed IDs and unfilled placeholders."""

from __future__ import annotations

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.rules.kinds import FlagHits, InsertSentence
from caselint.rules.base import Rule, Violation
from caselint.rules.registry import register


_RECORD_KINDS = ("asin", "isbn", "gtin", "shipment", "order", "case", "fnsku", "sku", "tracking")


def has_placeholder_for(ctx: Context, words: tuple[str, ...]) -> bool:
    placeholders = [h.text.lower() for h in ctx.hits.get("id_placeholder")]
    return any(word in p for p in placeholders for word in words)


class _MissingId(InsertSentence):
    category = "identifiers"
    severity = Severity.WARNING
    insert_at = "facts"  # the rewrite's placeholder line goes right after the greeting
    applicability = Applicability.DISPLAY_ONLY
    message = "{rule.what} is missing; the associate needs it to find the problem (issue type: {ctx.issue_type.name})"
    fix_title = "Add a line for {rule.what}"
    issue_types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    template = ""
    what = ""

    placeholder_words: tuple[str, ...] = ()
    # Lexicon tags whose presence makes the ID necessary whatever the main issue type is.
    evidence_tags: tuple[str, ...] = ()

    options = {"min-confidence": 0.4, "min-confidence-with-other-id": 0.7}

    def applies(self, ctx: Context) -> bool:
        # In a shared template a slot counts as present; a closing note asks nothing more.
        if ctx.draft.kind in ("closing", "template") or ctx.draft.content_free:
            return False
        if ctx.issue_type.appeal:
            # Account-level appeals need no ID; a product-level appeal needs the product's.
            return self.product_level and ctx.hits.any("appeal.product") and not ctx.hits.any("appeal.account")
        # A type-specific ID is demanded only when the issue type is clear (one stray keyword is not).
        # When the draft already names a record (an order, an ASIN), the associate has somewhere to start:
        # demand another kind of ID only when the type is clearly this one.
        needed = ctx.option(self, "min-confidence")
        if any(i.valid and i.kind in _RECORD_KINDS and i.kind not in self.kinds and i.kind != "case" for i in ctx.identifiers):
            needed = max(needed, ctx.option(self, "min-confidence-with-other-id"))
        typed = ctx.issue_type.name in self.issue_types and ctx.issue_type.confidence >= needed
        if not typed:
            if not any(ctx.hits.any(tag) for tag in self.evidence_tags):
                return False
            # An order mentioned in a draft clearly about something else, whose record is named ('a
            # customer returned it: please fix the image of ASIN ...'), gives the associate a start.
            if ctx.issue_type.confidence >= ctx.option(self, "min-confidence-with-other-id") and any(
                    i.valid and i.kind in _RECORD_KINDS and i.kind != "case" for i in ctx.identifiers):
                return False
        # e.g. a GTIN exemption or a new listing has no ASIN yet
        return not any(h.tag == f"id_exempt.{self.kinds[0]}" for h in ctx.hits.get("id_exempt"))

    # Whether a product-level appeal needs this ID.
    product_level = False

    def missing(self, ctx: Context) -> bool:
        # Present means present and well-formed: a malformed ID sends the associate nowhere (ID007 says why).
        if not self.applies(ctx) or any(i.kind in self.kinds and i.valid for i in ctx.identifiers):
            return False
        # A slot for it in the draft: ID008 asks to fill it in.
        return not has_placeholder_for(ctx, self.placeholder_words)


@register
class MissingShipmentId(_MissingId):
    code = "ID001"
    insert_order = 1
    rewrite_template = "rewrite-missing-shipment"
    name = "missing-shipment-id"
    summary = "A shipment problem without its FBA shipment ID"
    explanation = (
        "Shipment problems are researched by shipment ID (`FBA` + 8-10 letters or digits). Without it the "
        "associate has to ask for it, which costs a round trip, or guesses the wrong shipment."
    )
    bad = ("My shipment was delivered two weeks ago but nothing is checked in. Please check.",)
    good = ("Shipment ID FBA15ABC1234 was delivered on 3 May but shows 0 units received. Please check it in.",)
    issue_types = ("shipment",)
    placeholder_words = ("shipment", "fba")
    kinds = ("shipment",)
    template = "missing-shipment"
    what = "the FBA shipment ID"


@register
class MissingAsin(_MissingId):
    code = "ID002"
    insert_order = 2
    rewrite_template = "rewrite-missing-asin"
    name = "missing-asin"
    summary = "A product or listing problem without the ASIN (or UPC/EAN)"
    explanation = (
        "Listing, Buy Box and brand problems are looked up by ASIN (`B0` + 8 characters, or an ISBN-10 for "
        "books) or by UPC/EAN. A product name alone matches many listings."
    )
    bad = ("The title of my blue water bottle listing is wrong, please change it.",)
    good = ("The title of ASIN B08ABC1234 is wrong: customers searching for 'steel bottle' cannot find it. Please update it.",)
    issue_types = ("listing", "buy_box", "reviews", "brand")
    product_level = True
    placeholder_words = ("asin", "upc", "ean", "sku")
    kinds = ("asin", "isbn", "gtin", "fnsku", "sku")
    template = "missing-asin"
    what = "the ASIN"


@register
class MissingOrderId(_MissingId):
    code = "ID003"
    insert_order = 3
    rewrite_template = "rewrite-missing-order"
    name = "missing-order-id"
    summary = "An order or buyer problem without the order ID"
    explanation = (
        "Order and buyer problems (returns, A-to-z claims, feedback, refunds) are researched by order ID "
        "(`123-1234567-1234567`)."
    )
    bad = ("A buyer opened an A-to-z claim but he never returned the item. Please help.",)
    good = ("Order 112-1234567-1234567: the buyer opened an A-to-z claim but has not returned the item. Please review the claim.",)
    issue_types = ("buyer_complaint",)
    evidence_tags = ("id_needed.order",)
    placeholder_words = ("order",)
    kinds = ("order",)
    template = "missing-order"
    what = "the order ID"


@register
class MissingReimbursementReference(_MissingId):
    code = "ID004"
    insert_order = 4
    rewrite_template = "rewrite-missing-reference"
    name = "missing-reimbursement-reference"
    summary = "A reimbursement request without a shipment ID, order ID or FNSKU"
    explanation = (
        "Reimbursement research starts from the shipment (units lost inbound), the order (customer returns) "
        "or the FNSKU (units lost or damaged in the warehouse). Without one of them the claim cannot be checked."
    )
    bad = ("Amazon lost some of my units, please reimburse me.",)
    good = ("Shipment FBA15ABC1234: 12 units were received short. Please reimburse the 12 missing units.",)
    issue_types = ("reimbursement",)
    placeholder_words = ("shipment", "order", "fnsku")
    kinds = ("shipment", "order", "fnsku", "case")
    template = "missing-shipment"
    what = "the shipment ID, order ID or FNSKU"


@register
class MissingQuantity(InsertSentence):
    code = "ID005"
    name = "missing-quantity"
    category = "identifiers"
    severity = Severity.INFO  # quantities are facts worth adding, not identifiers the associate needs to find the case
    fixable = "always"
    insert_at = "facts"
    insert_order = 5
    rewrite_template = "rewrite-missing-quantity"
    summary = "A reimbursement or shipment discrepancy without quantities"
    explanation = (
        "Reimbursements and receiving discrepancies are paid by unit. Say how many units were sent, received, "
        "lost or damaged, so the associate can compare them with Amazon's records."
    )
    bad = ("Shipment FBA15ABC1234 is missing units. Please reimburse.",)
    good = ("Shipment FBA15ABC1234: we sent 120 units and 108 were received. Please reimburse the 12 missing units.",)

    template = "missing-quantity"
    applicability = Applicability.DISPLAY_ONLY
    message = "no quantities: say how many units were sent, received, lost or damaged"
    fix_title = "Add the quantities"

    def missing(self, ctx: Context) -> bool:
        kind = ctx.issue_type.name
        if ctx.issue_type.appeal or kind not in ("reimbursement", "shipment", "inventory"):
            return False
        if kind != "reimbursement" and not (ctx.hits.any("discrepancy") and ctx.hits.any("issue.reimbursement")):
            return False
        return not (ctx.has_any_id("quantity") or has_placeholder_for(ctx, ("unit", "quantity", "qty")))


@register
class MissingCaseId(InsertSentence):
    code = "ID006"
    name = "missing-case-id"
    category = "identifiers"
    severity = Severity.WARNING
    fixable = "always"
    insert_at = "facts"
    insert_order = 0
    rewrite_template = "rewrite-missing-case"
    summary = "A follow-up that does not cite the earlier case ID"
    explanation = (
        "A follow-up should cite the earlier case ID so the associate can read the history instead of starting "
        "over."
    )
    bad = ("I already contacted you last week about this and nothing happened. Please check again.",)
    good = ("This is a follow-up to case 1234567890, which is still not resolved. Please check again.",)

    template = "missing-case"
    applicability = Applicability.DISPLAY_ONLY
    message = "this looks like a follow-up but does not cite the earlier case ID"
    fix_title = "Add the earlier case ID"

    def missing(self, ctx: Context) -> bool:
        # A closing note is a reply inside the case, which JUDGEMENT says cites the case ID too.
        if not ctx.followup or ctx.issue_type.appeal or ctx.has_any_id("case") or ctx.draft.kind == "template":
            return False
        return not has_placeholder_for(ctx, ("case",))


@register
class MalformedIdentifier(Rule):
    code = "ID007"
    name = "malformed-identifier"
    # Only the writer can correct it: a rewrite keeps the value as written with a slot after it (ID008
    # flags the slot until filled); a likely O/0 typo is corrected by the fix instead.
    rewrite_mode = "slot"
    rewrite_template = "rewrite-malformed-id"
    category = "identifiers"
    severity = Severity.ERROR
    fixable = "sometimes"
    summary = "An identifier with the wrong length, a bad check digit or O/0 confusion"
    explanation = (
        "A mistyped ID sends the associate to the wrong record or to none, and the case comes back asking for "
        "it. ASINs are `B0` + 8 characters, FBA shipment IDs `FBA` + 8-10, order IDs 3-7-7 digits, UPC/EAN "
        "carry a check digit."
    )
    bad = ("ASIN: B08XYZ12 has the wrong title.",)
    good = ("ASIN: B08XYZ1234 has the wrong title.",)

    def check(self, ctx: Context):
        # A malformed extra ID next to valid ones is worth fixing, but the draft still says which record
        # it is about: advice, not a failure.
        severity = Severity.INFO if any(i.valid and i.kind in _RECORD_KINDS for i in ctx.identifiers) else None
        slots = [h.start for h in ctx.hits.get("id_placeholder")]
        for ident in ctx.identifiers:
            if ident.valid:
                continue
            rest = ctx.text[ident.end:ident.end + 8]
            if ident.end + len(rest) - len(rest.lstrip(" \t")) in slots:
                continue  # 'B0CL8V2RQ [write the correct ASIN here]': a slot asks for it (ID008 flags the slot)
            label = {"gtin": "UPC/EAN", "asin": "ASIN", "order": "order ID", "shipment": "shipment ID",
                     "fnsku": "FNSKU", "case": "case ID", "isbn": "ISBN"}.get(ident.kind, ident.kind)
            message = f"{label} {ident.value!r} {ident.problem}"
            fix = None
            suggestion = None
            if ident.likely:
                message += f"; did you mean {ident.likely}?"
                suggestion = ident.likely
                fix = Fix(f"Replace with {ident.likely}", (Edit(Span(ident.start, ident.end), ident.likely),),
                          Applicability.UNSAFE)
            else:
                suggestion = f"Check the {label} and copy it again from Seller Central."
            yield Violation(ident.start, ident.end, message, suggestion=suggestion, fix=fix, severity=severity)


@register
class UnfilledPlaceholder(FlagHits):
    code = "ID008"
    name = "unfilled-placeholder"
    category = "identifiers"
    severity = Severity.ERROR
    summary = "Template placeholder left in the draft"
    explanation = (
        "Placeholders such as `[ASIN]`, `<order id>` or `XXXXXXXX` mean a fact is missing. Sent as is, the "
        "case gets a reply asking for the information, or a canned answer."
    )
    bad = ("Please check shipment [shipment ID] for missing units.",)
    good = ("Please check shipment FBA15ABC1234 for missing units.",)

    tag = "id_placeholder"
    message = "unfilled placeholder {text!r}: replace it with the real value"

    def relevant(self, ctx: Context, hit) -> bool:
        return not ctx.draft.layout.in_link(hit.start, hit.end)  # a markdown link's text is not a slot

    def suggest(self, ctx: Context, hit):
        return "Fill in the real value before sending.", None

    def severity_of(self, ctx: Context, hit):
        # In a shared template the slots are the point (info); in a draft to send, an error.
        return Severity.INFO if ctx.draft.kind == "template" else None


@register
class SuggestAttachments(InsertSentence):
    code = "ID009"
    name = "suggest-attachments"
    category = "identifiers"
    severity = Severity.INFO
    fixable = "always"
    insert_order = 25  # `--fix` only (display-only: the writer must attach the files); not in a rewrite
    summary = "Evidence is expected but no screenshot or attachment is mentioned"
    explanation = (
        "For shipment, reimbursement, account health and brand problems, screenshots, invoices or proof of "
        "delivery let the associate verify the claim on the first reply."
    )
    bad = ("Amazon lost 20 units of FBA15ABC1234, please reimburse.",)
    good = ("Amazon lost 20 units of FBA15ABC1234 (proof of delivery attached), please reimburse.",)

    place = "closing"
    template = "attachments"
    applicability = Applicability.DISPLAY_ONLY
    message = "consider attaching evidence (screenshots, invoices, proof of delivery)"
    fix_title = "Mention the attachments"

    def missing(self, ctx: Context) -> bool:
        if ctx.issue_type.name not in ("shipment", "reimbursement", "account_health", "brand", "fees"):
            return False
        return not ctx.has_any_id("attachment")


@register
class IdentifierCase(Rule):
    code = "ID010"
    name = "lowercase-identifier"
    category = "identifiers"
    severity = Severity.INFO
    fixable = "always"
    summary = "ASIN, FNSKU or shipment ID typed in lower case"
    explanation = "Amazon IDs are upper case; copying them exactly avoids any doubt about the value."
    bad = ("asin b08abc1234 shows the wrong image.",)
    good = ("ASIN B08ABC1234 shows the wrong image.",)

    def check(self, ctx: Context):
        for ident in ctx.identifiers:
            if ident.kind in ("asin", "fnsku", "shipment") and ident.valid:
                original = ctx.text[ident.start:ident.end]
                if original != original.upper():
                    upper = original.upper()
                    yield Violation(ident.start, ident.end, f"write the ID in upper case: {upper}", suggestion=upper,
                                    fix=Fix("Upper-case the ID", (Edit(Span(ident.start, ident.end), upper),),
                                            Applicability.SAFE))
