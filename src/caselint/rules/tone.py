"""tone: insults, blame, threats, demands, sarcasm, shouting (GUIDANCE.md section 3)."""

from __future__ import annotations

import re

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.rules._helpers import sentence_span
from caselint.rules.base import Rule, Violation
from caselint.rules.kinds import FlagHits
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


class _ToneLexiconRule(FlagHits):
    """Hostile wording of one tag, softened in place where the sentence allows it."""

    category = "tone"
    fixable = "sometimes"
    rewrite_mode = "soften"
    what = ""
    message = "{rule.what}: {text!r} makes the associate less willing to help"

    def hits(self, ctx: Context):
        # Only wording the analysis counts as hostile (aimed at Amazon or the associate, not quoted, not
        # self-criticism).
        return [h for h in ctx.draft.hostile_hits if h.tag == self.tag]

    def suggest(self, ctx: Context, hit):
        return _calm_fix(ctx, hit.start, f"Replace the {self.what} with a calm request")

    def severity_of(self, ctx: Context, hit):
        # In a draft that is not hostile as a whole, one such word is advice.
        return None if ctx.draft.hostile else Severity.INFO


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

    def hits(self, ctx: Context):
        # Praise the analysis judged sarcastic (in a complaint) is sarcasm too.
        return [h for h in ctx.draft.hostile_hits if h.tag in (self.tag, "tone.sarcasm_praise")]


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



@register
class AllCaps(Rule):
    code = "TN007"
    name = "all-caps"
    category = "tone"
    severity = Severity.WARNING
    fixable = "always"
    rewrite_mode = "fix"
    summary = "Words in ALL CAPS read as shouting"
    explanation = "ALL CAPS reads as shouting. IDs and acronyms (ASIN, FBA, UPS) are not counted."
    bad = ("WHERE ARE MY UNITS? I SENT THEM TWO WEEKS AGO.",)
    good = ("Where are my units? I sent them two weeks ago.",)

    def check(self, ctx: Context):
        acronyms = {h.start for h in ctx.hits.get("allow.acronym")}
        text = ctx.text
        layout = ctx.draft.layout
        # Capitals alone in a calm draft (one emphasised word) are cosmetic; headings are layout.
        severity = None if ctx.draft.hostile else Severity.INFO
        for start, end in ctx.draft.caps_runs:
            if layout.kind_at(start) in ("heading", "subject"):
                continue
            original = text[start:end]
            fixed = _sentence_case(ctx, start, original, acronyms)
            yield Violation(start, end, "ALL CAPS reads as shouting", suggestion=fixed,
                            # Unsafe: lower-casing changes words ("ASAP", a name in capitals).
                            fix=Fix("Use sentence case", (Edit(Span(start, end), fixed),), Applicability.UNSAFE),
                            severity=severity)


# Acronyms that are also short English words: inside a shouted run they are the word ("FIX IT TODAY").
_WORD_ACRONYMS = frozenset({"IT", "AM", "ME", "OR", "AS", "AT", "IN", "ON", "IS", "TO", "DO", "NO", "SO", "WE", "HE"})


def _sentence_case(ctx: Context, start: int, original: str, acronyms: set[int]) -> str:
    out = []
    sent = ctx.document.sentence_at(start)
    at_sentence_start = sent is not None and sent.start == start
    if len(original.split()) >= 2:
        acronyms = {a for a in acronyms if not (start <= a < start + len(original)
                                                and ctx.text[a:a + 3].rstrip(" ,.!?").upper() in _WORD_ACRONYMS)}
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
    rewrite_mode = "fix"
    summary = "Repeated '!!!' / '???' and exclamation marks"
    explanation = "Runs of '!' or '?' read as shouting. One question mark, and a full stop instead of '!', read as calm and firm."
    bad = ("Where is my money???",)
    good = ("Where is my money?",)

    def check(self, ctx: Context):
        text = ctx.text
        severity = None if ctx.draft.hostile else Severity.INFO  # '!!' in a calm draft is cosmetic
        singles = [m for m in re.finditer(r"(?<![!?])!(?![!?])", text)]
        for m in re.finditer(r"[!?]{2,}", text):
            run = m.group(0)
            replacement = "?" if "?" in run else "."
            yield Violation(m.start(), m.end(), f"{run!r} reads as shouting", suggestion=replacement,
                            fix=Fix(f"Replace with '{replacement}'", (Edit(Span(m.start(), m.end()), replacement),),
                                    Applicability.SAFE), severity=severity)
        # One '!' is fine; several single ones across the draft read as agitated.
        if len(singles) >= 3:
            for m in singles:
                yield Violation(m.start(), m.end(), "many exclamation marks read as agitated", suggestion=".",
                                # Unsafe: a single '!' is the writer's choice; only a doubled run is noise.
                                fix=Fix("Replace with '.'", (Edit(Span(m.start(), m.end()), "."),), Applicability.UNSAFE),
                                severity=severity)


@register
class EarlyEscalationDemand(FlagHits):
    code = "TN009"
    name = "escalation-on-first-contact"
    category = "tone"
    severity = Severity.WARNING
    rewrite_mode = "soften"
    summary = "Demanding a supervisor or manager on a first contact"
    explanation = (
        "Escalation is for follow-ups where an answer was wrong or unfair. Demanding a manager before the "
        "associate has had a chance to help reads as hostile."
    )
    bad = ("I want to speak to your manager about my listing.",)
    good = ("Please update the title of ASIN B08ABC1234 so customers can find it.",)

    tag = "escalation.ask"
    message = "asking for escalation on a first contact reads as hostile; give the associate a chance first"
    limit = 1

    def skip(self, ctx: Context) -> bool:
        return ctx.followup or ctx.issue_type.appeal or ctx.draft.forum

    def relevant(self, ctx: Context, hit) -> bool:
        # Asking for someone above the associate (lexicon tag escalation_rank: 'manager', 'supervisor').
        return bool(ctx.hits_in("escalation_rank", hit.start, hit.end))

    def suggest(self, ctx: Context, hit):
        return "Remove the escalation request; ask for it politely in a follow-up if needed.", None

    def severity_of(self, ctx: Context, hit):
        return None if ctx.draft.hostile else Severity.INFO
