"""The rewrite engine (``caselint rewrite``, :func:`caselint.api.rewrite_text`): the whole improved
draft, ready to fill in and send.

The rewrite is built from the draft's own findings and the lexicon templates:

    greeting
    placeholders for the missing facts (IDs, quantities, the earlier case ID)
    the seller's text: every hostile phrase softened, ALL CAPS in sentence case, '!!!' -> '.',
      IDs upper-cased, sales reasons reframed around the customer experience, 'Please' added
    ownership / escalation sentences on follow-ups (citing the earlier case ID when there is one)
    the email request
    thanks
    sign-off (the seller's own, or "Best regards,")

It never invents facts: what only the seller knows becomes a placeholder. Suppression markers are
stripped. The seller's wording is kept wherever no rule objected to it. The result is a fixed point:
rewriting a rewrite returns it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caselint.config import Settings
from caselint.fixes import MAX_ROUNDS, apply_fixes, select_fixes
from caselint.model import Applicability, Fix, Report

_TONE_TAGS = ("tone.insult", "tone.blame", "tone.threat", "tone.demand", "tone.sarcasm", "tone.frustration")
# Missing-fact rules -> the placeholder line the rewrite inserts (identifiers.toml templates).
_PLACEHOLDERS = (
    ("ID006", "rewrite-missing-case"),
    ("ID001", "rewrite-missing-shipment"),
    ("ID002", "rewrite-missing-asin"),
    ("ID003", "rewrite-missing-order"),
    ("ID004", "rewrite-missing-reference"),
    ("ID005", "rewrite-missing-quantity"),
)
# Sentences added before the sign-off, in this order (rule code -> its suggestion is the sentence).
_CLOSING = ("OW001", "ES001", "CH001", "PL002")
# Mechanical and meaning-preserving fixes the rewrite always applies (besides every safe fix).
_ALSO_APPLY = ("ID007", "CL008")


@dataclass(frozen=True)
class RewriteResult:
    text: str
    original: str
    before: Report
    after: Report
    rounds: int
    converged: bool

    @property
    def changed(self) -> bool:
        return self.text != self.original


def _analyse(text: str, path: str, settings: Settings):
    """The rules' Context and the lint report of ``text``, from the runner's single-draft path."""
    from caselint.runner import lint_one_in_context

    report, ctx = lint_one_in_context(path, text, settings)
    return ctx, report


# --- pass 1: sentence edits ---------------------------------------------------------------------


def _sentence_edits(ctx, report: Report) -> list[tuple[str, Fix]]:
    """Edits inside the seller's text: tone, framing, mechanical fixes. Empty when nothing is left to do."""
    from caselint import reframe

    text = ctx.text
    out: list[tuple[str, Fix]] = []
    codes = {f.code for f in report.findings}
    # Hostile sentences (and a supervisor demand on a first contact): soften, keep the facts.
    hostile: dict[tuple[int, int], list[tuple[int, int]]] = {}
    spans = [(h.start, h.end) for tag in _TONE_TAGS for h in ctx.hits.longest(tag)]
    spans += [(f.span.start, f.span.end) for f in report.findings if f.code == "TN009"]
    for s, e in spans:
        sent = ctx.document.sentence_at(s)
        if sent is not None:
            hostile.setdefault((sent.start, sent.end), []).append((s, e))
    for (s, e), phrases in hostile.items():
        calm = reframe.soften(ctx, s, e, phrases)
        if calm != text[s:e]:
            out.append(("TONE", _replace_sentence(text, s, e, calm)))
    # Sales-framed sentences (FR001): the request framed around what customers experience.
    if "FR001" in codes:
        done: set[int] = set()
        reason = reframe.customer_reason(ctx, text)
        reason_given = reason in text
        for f in report.findings:
            if f.code != "FR001":
                continue
            sent = ctx.document.sentence_at(f.span.start)
            if sent is None or sent.start in done or any(a <= sent.start < b for a, b in hostile):
                continue
            done.add(sent.start)
            rel_s, rel_e = f.span.start - sent.start, f.span.end - sent.start
            if any(r.start == sent.start for r in ctx.requests):
                new = reframe.customer_framed_request(ctx, sent.text, rel_s, rel_e, with_reason=not reason_given)
            else:
                kept: str | None = sent.text
                for h in reversed(ctx.hits_in("framing.sales", sent.start, sent.end)):
                    kept = reframe.remove_clause(kept, h.start - sent.start, h.end - sent.start) if kept else None
                    if kept is None:
                        break
                if not reframe.keeps_numbers(sent.text, kept):
                    kept = sent.text  # sales figures are the seller's facts: keep them, add the customer view
                elif kept and _absorbed(ctx, kept, reason):
                    kept = None  # "because the current title is wrong": the customer-impact sentence says it
                new = " ".join(p for p in ((None if reason_given else reason), kept) if p)
            reason_given = True
            out.append(("FR001", _replace_sentence(text, sent.start, sent.end, new)))
    # Mechanical fixes: every safe one, plus O/0 typos in IDs and misspelled key words.
    for f in report.findings:
        if f.fix is None or f.fix.applicability == Applicability.DISPLAY_ONLY:
            continue
        if f.fix.applicability == Applicability.SAFE or f.code in _ALSO_APPLY:
            out.append((f.code, f.fix))
        elif f.code == "PL001":  # "Check ..." -> "Please check ..."
            out.append((f.code, f.fix))
    return out


def _absorbed(ctx, kept: str, reason: str) -> bool:
    """What is left of a sales sentence says no more than the customer-impact sentence: short, no
    numbers or IDs, about the same topic (title, images, ...)."""
    from caselint import reframe

    if re.search(r"\d", kept) or len(kept.split()) > 6:
        return False
    topic = reframe.topic(kept)
    return topic != "default" and topic == reframe.topic(reason)


def _replace_sentence(text: str, start: int, end: int, new: str) -> Fix:
    from caselint.reframe import sentence_fix

    return sentence_fix(text, start, end, new, "Rewrite sentence" if new else "Drop sentence")


# --- pass 2: structure --------------------------------------------------------------------------


def _paragraphs(block: str) -> list[str]:
    out = []
    for para in re.split(r"\n[ \t]*\n", block):
        lines = [ln.rstrip() for ln in para.strip("\n").split("\n")]
        para = "\n".join(lines).strip()
        if para:
            out.append(para)
    return out


def _assemble(ctx, report: Report) -> str:
    from caselint.rules._helpers import _GREETING_LINE, closing_insertion_point

    text = ctx.text
    codes = {f.code: f for f in report.findings}
    # Greeting: the seller's own (a short first line), or the template.
    greeting = None
    body_start = 0
    first_line = text.lstrip("\n").split("\n", 1)[0]
    m = _GREETING_LINE.match(first_line + "\n")  # the greeting line as the rules see it
    if m and len(first_line.split()) <= 8:
        greeting = first_line.strip()
        body_start = text.find(first_line) + len(first_line)
    elif "PL003" in codes:
        greeting = ctx.template("greeting")
    # Closing block: from the sign-off / final thanks line to the end, kept as the seller wrote it.
    closing_at = closing_insertion_point(ctx)
    has_signoff_line = closing_at < len(text.rstrip()) and closing_at >= body_start
    body = text[body_start:closing_at] if has_signoff_line else text[body_start:]
    closing = text[closing_at:] if has_signoff_line else ""
    parts: list[str] = []
    if greeting:
        parts.append(greeting)
    facts = []
    for code, name in _PLACEHOLDERS:
        line = ctx.template(name)
        if code in codes and line and line not in text:
            facts.append(line)
    if facts:
        parts.append("\n".join(facts))
    parts.extend(_paragraphs(body))
    for code in _CLOSING:
        finding = codes.get(code)
        if finding is not None and finding.suggestion and finding.suggestion not in text:
            parts.append(finding.suggestion)
    # The seller's own closing (thanks, sign-off, name) is kept as written; without one, the template's.
    parts.extend(_paragraphs(closing))
    if not has_signoff_line:
        signoff = ctx.template("signoff")
        if not parts or parts[-1].split("\n")[0].strip() != signoff:
            parts.append(signoff)
    return "\n\n".join(parts) + "\n"


# --- driver -------------------------------------------------------------------------------------


def rewrite(text: str, path: str, settings: Settings) -> RewriteResult:
    """The improved draft for ``text`` (a fixed point: rewriting it again changes nothing); see
    :func:`caselint.api.rewrite_text`, the public entry point.

    Line endings follow the input (CRLF stays CRLF); work happens on LF text.
    """
    from caselint import suppression
    from caselint.writing import detect_newline

    crlf = detect_newline(text) == "\r\n"
    work = suppression.strip_markers(text).replace("\r\n", "\n").replace("\r", "\n")
    ctx, before = _analyse(work, path, settings)
    first_report = before
    converged = False
    rounds = 0
    seen = {work}
    for rounds in range(1, MAX_ROUNDS + 1):
        edits = _sentence_edits(ctx, before)
        chosen = select_fixes(edits, len(work))
        new = apply_fixes(work, chosen) if chosen else work
        if new == work:
            new = _assemble(ctx, before)
            if new == work:
                converged = True
                break
        if new in seen and new != work:
            break
        seen.add(new)
        work = new
        ctx, before = _analyse(work, path, settings)
    after = before
    out = work.replace("\n", "\r\n") if crlf else work
    return RewriteResult(out, text, first_report, after, rounds, converged)


__all__ = ["MAX_ROUNDS", "RewriteResult", "rewrite"]
