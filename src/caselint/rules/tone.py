"""tone: insults, blame, threats, demands, sarcasm, shouting (GUIDANCE.md section 3)."""

from __future__ import annotations

import re

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.rules._helpers import sentence_span
from caselint.rules.base import Rule, Violation
from caselint.rules.registry import register

_CALM_MAX_WORDS = 10
_HOSTILE_TAGS = ("tone.insult", "tone.blame", "tone.threat", "tone.demand", "tone.sarcasm", "tone.frustration")


def _calm_fix(ctx: Context, start: int, title: str) -> tuple[str, Fix | None]:
    """Replace a short hostile sentence with a calm one; longer sentences keep their facts, so no auto-fix."""
    s, e = sentence_span(ctx, start)
    sentence = ctx.text[s:e]
    words = sentence.split()
    has_facts = any(ch.isdigit() for ch in sentence) or any(
        i.start < e and s < i.end for i in ctx.identifiers
    )
    calm = ctx.template("calm-firm")
    if s >= e:
        return f"Remove the hostile wording and state the fact calmly (e.g. '{calm}')", None
    # Soften the whole sentence: calm equivalents from the [templates] soften.<phrase> entries, hostile
    # clauses without facts dropped, numbers and IDs always kept (caselint.reframe.soften).
    from caselint import reframe

    hostile = [(h.start, h.end) for tag in _HOSTILE_TAGS for h in ctx.hits_in(tag, s, e)]
    softened = reframe.soften(ctx, s, e, hostile or [(start, start)])
    if softened == sentence:
        return f"Remove the hostile wording and state the fact calmly (e.g. '{calm}')", None
    if not softened:
        if len(words) > _CALM_MAX_WORDS or has_facts:
            return f"Remove the hostile wording and state the fact calmly (e.g. '{calm}')", None
        return (f"Remove this sentence: it adds no facts. Say calmly what you need instead (e.g. "
                f"'{ctx.template('calm-request')}')", reframe.sentence_fix(ctx.text, s, e, "", title))
    return softened, reframe.sentence_fix(ctx.text, s, e, softened, title)


class _ToneLexiconRule(Rule):
    category = "tone"
    fixable = "sometimes"
    tag = ""
    what = ""

    def relevant(self, ctx: Context, hit) -> bool:
        return True

    def check(self, ctx: Context):
        for hit in ctx.hits.longest(self.tag):
            if not self.relevant(ctx, hit):
                continue
            suggestion, fix = _calm_fix(ctx, hit.start, f"Replace the {self.what} with a calm request")
            yield Violation(hit.start, hit.end, f"{self.what}: {hit.text!r} makes the associate less willing to help",
                            suggestion=suggestion, fix=fix)


@register
class Insult(_ToneLexiconRule):
    code = "TN001"
    name = "insult"
    severity = Severity.ERROR
    summary = "Insulting or contemptuous wording ('ridiculous', 'incompetent', 'a joke')"
    explanation = "Rude or hostile wording gets worse results: the associate is a person who can choose how hard to try."
    bad = ("This is ridiculous. Your team is useless.",)
    good = ("This issue is still not resolved, and I would appreciate your help.",)
    tag = "tone.insult"
    what = "insulting wording"


@register
class Blame(_ToneLexiconRule):
    code = "TN002"
    name = "blame"
    severity = Severity.WARNING
    summary = "Blaming the associate or Amazon ('you people', 'your fault')"
    explanation = "Blame puts the associate on the defensive. State what happened and what you need instead."
    bad = ("You people lost my inventory again.",)
    good = ("12 units of FNSKU X00ABC1234 are missing from inventory. Please help us locate them.",)
    tag = "tone.blame"
    what = "blaming wording"


@register
class Threat(_ToneLexiconRule):
    code = "TN003"
    name = "threat"
    severity = Severity.ERROR
    summary = "Threats: lawyers, legal action, authorities, the press, leaving Amazon"
    explanation = (
        "Threats do not move a case faster; they make it a legal matter, and associates may stop engaging. "
        "Ask for escalation politely instead."
    )
    bad = ("If this is not fixed I will contact my lawyer and report Amazon to the FTC.",)
    good = ("If you are unable to help, please escalate this case to your supervisor.",)
    tag = "tone.threat"
    what = "threat"


@register
class Demand(_ToneLexiconRule):
    code = "TN004"
    name = "demand"
    severity = Severity.WARNING
    summary = "Demands ('fix it now', 'immediately', 'I demand')"
    explanation = "Demands read as hostile. A polite request with a clear reason is firmer and works better."
    bad = ("Fix it now! I demand a refund immediately.",)
    good = ("Please reimburse the 12 missing units as soon as possible.",)
    tag = "tone.demand"
    what = "demanding wording"

    def relevant(self, ctx: Context, hit) -> bool:
        # 'immediately' in a description ("the units were immediately marked lost") is not a demand:
        # only count demand words inside a request or an exclamation.
        s, e = sentence_span(ctx, hit.start)
        if "!" in ctx.text[s:e + 1]:
            return True
        return any(r.start <= hit.start < r.end for r in ctx.requests)


@register
class Sarcasm(_ToneLexiconRule):
    code = "TN005"
    name = "sarcasm"
    severity = Severity.WARNING
    summary = "Sarcasm ('thanks for nothing', 'great job Amazon')"
    explanation = "Sarcasm is easily misread across a language barrier and always read as hostile."
    bad = ("Thanks for nothing. Great job Amazon.",)
    good = ("The previous reply did not solve the problem. Please check the shipment again.",)
    tag = "tone.sarcasm"
    what = "sarcasm"


@register
class Frustration(_ToneLexiconRule):
    code = "TN006"
    name = "venting"
    severity = Severity.WARNING
    summary = "Venting frustration ('fed up', 'waste of time', 'nobody cares')"
    explanation = "Venting does not give the associate anything to act on; say what is still wrong and what you need."
    bad = ("I am sick and tired of this, what a waste of time.",)
    good = ("This is my third contact about this shipment, and it is still not resolved.",)
    tag = "tone.frustration"
    what = "venting"


_CAPS_WORD = re.compile(r"[A-Z][A-Z'’]+")


@register
class AllCaps(Rule):
    code = "TN007"
    name = "all-caps"
    category = "tone"
    severity = Severity.WARNING
    fixable = "always"
    summary = "Words in ALL CAPS read as shouting"
    explanation = "ALL CAPS reads as shouting. IDs and acronyms (ASIN, FBA, UPS) are not counted."
    bad = ("WHERE ARE MY UNITS? I SENT THEM TWO WEEKS AGO.",)
    good = ("Where are my units? I sent them two weeks ago.",)

    def check(self, ctx: Context):
        doc = ctx.document.doc
        text = ctx.text
        acronyms = {h.start for h in ctx.hits.get("allow.acronym")}
        emphasis = {h.start for h in ctx.hits.get("tone.emphasis_word")}
        skip_spans = [(i.start, i.end) for i in ctx.identifiers]
        skip_spans += [(h.start, h.end) for h in ctx.hits.get("id_placeholder")]
        skip_spans += _quoted_spans(text)

        def is_code_part(tok) -> bool:
            # SKU-like codes (KT-BOTTLE-BLK, ONT8) are not shouting
            before = text[tok.idx - 1] if tok.idx > 0 else " "
            after = text[tok.idx + len(tok.text)] if tok.idx + len(tok.text) < len(text) else " "
            return before in "-_/#" or after in "-_/" or before.isdigit() or after.isdigit()

        def shouted(tok) -> bool:
            return (tok.is_alpha and tok.is_upper and len(tok.text) >= 2 and tok.idx not in acronyms
                    and not is_code_part(tok) and not any(s <= tok.idx < e for s, e in skip_spans))

        spans = []
        run: list = []

        def flush():
            # two or more shouted words, one of them 3+ letters ('CA, TX, PA' are state codes), or one emphasis word
            long_word = any(len(t.text) >= 3 for t in run)
            if (len(run) >= 2 and long_word) or (len(run) == 1 and run[0].idx in emphasis):
                spans.append((run[0].idx, run[-1].idx + len(run[-1].text)))
            run.clear()

        for tok in doc:
            if shouted(tok):
                run.append(tok)
            elif run and (tok.is_punct and tok.text in ",'’-" or tok.idx in acronyms or tok.like_num):
                continue
            else:
                flush()
        flush()
        for start, end in spans:
            original = text[start:end]
            fixed = _sentence_case(ctx, start, original, acronyms)
            yield Violation(start, end, "ALL CAPS reads as shouting", suggestion=fixed,
                            fix=Fix("Use sentence case", (Edit(Span(start, end), fixed),), Applicability.SAFE))


_QUOTED = re.compile(r'"[^"\n]{1,80}"|“[^”\n]{1,80}”|(?<!\w)\'[^\'\n]{1,60}\'(?!\w)')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Quoted text (brand names, titles, messages copied from Seller Central) is not the seller shouting."""
    if '"' not in text and "“" not in text and "'" not in text:
        return []
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _sentence_case(ctx: Context, start: int, original: str, acronyms: set[int]) -> str:
    out = []
    sent = ctx.document.sentence_at(start)
    at_sentence_start = sent is not None and sent.start == start
    for m in re.finditer(r"\S+|\s+", original):
        word = m.group(0)
        pos = start + m.start()
        if word.isspace() or pos in acronyms or word in ("I", "I'M", "I'VE", "I'LL", "I'D"):
            out.append(word if word.isspace() or pos in acronyms else word[0] + word[1:].lower())
        else:
            out.append(word.lower())
    text = "".join(out)
    if at_sentence_start and text:
        text = text[0].upper() + text[1:]
    return text


_PUNCT_RUN = re.compile(r"[!?]{2,}|!")


@register
class RepeatedPunctuation(Rule):
    code = "TN008"
    name = "repeated-punctuation"
    category = "tone"
    severity = Severity.WARNING
    fixable = "always"
    summary = "Repeated '!!!' / '???' and exclamation marks"
    explanation = "Runs of '!' or '?' read as shouting. One question mark, and a full stop instead of '!', read as calm and firm."
    bad = ("Where is my money???",)
    good = ("Where is my money?",)

    def check(self, ctx: Context):
        text = ctx.text
        singles = [m for m in re.finditer(r"(?<![!?])!(?![!?])", text)]
        for m in re.finditer(r"[!?]{2,}", text):
            run = m.group(0)
            replacement = "?" if "?" in run else "."
            yield Violation(m.start(), m.end(), f"{run!r} reads as shouting", suggestion=replacement,
                            fix=Fix(f"Replace with '{replacement}'", (Edit(Span(m.start(), m.end()), replacement),),
                                    Applicability.SAFE))
        # One '!' is fine; several single ones across the draft read as agitated.
        if len(singles) >= 3:
            for m in singles:
                yield Violation(m.start(), m.end(), "many exclamation marks read as agitated", suggestion=".",
                                fix=Fix("Replace with '.'", (Edit(Span(m.start(), m.end()), "."),), Applicability.SAFE))


@register
class EarlyEscalationDemand(Rule):
    code = "TN009"
    name = "escalation-on-first-contact"
    category = "tone"
    severity = Severity.WARNING
    summary = "Demanding a supervisor or manager on a first contact"
    explanation = (
        "Escalation is for follow-ups where an answer was wrong or unfair. Demanding a manager before the "
        "associate has had a chance to help reads as hostile."
    )
    bad = ("I want to speak to your manager about my listing.",)
    good = ("Please update the title of ASIN B08ABC1234 so customers can find it.",)

    def check(self, ctx: Context):
        if ctx.followup or ctx.issue_type.appeal:
            return
        for hit in ctx.hits.get("escalation.ask"):
            low = hit.text.lower()
            if not any(w in low for w in ("supervisor", "manager", "escalat", "senior", "team lead", "leadership")):
                continue
            yield Violation(hit.start, hit.end,
                            "asking for escalation on a first contact reads as hostile; give the associate a chance first",
                            suggestion="Remove the escalation request; ask for it politely in a follow-up if needed.")
            return
