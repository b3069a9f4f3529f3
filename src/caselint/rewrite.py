"""The rewrite engine (``caselint rewrite``, :func:`caselint.api.rewrite_text`): the whole improved
draft, ready to fill in and send.

A planner on the draft's structure (the analysis layer's layout: subject, greeting, body, sign-off,
signature), not on character offsets alone. The rewrite reads, in this order:

    the subject / title lines, as written
    the greeting: the writer's own, alone on its line (or the greeting rule's template), a blank line
    placeholder lines for the missing facts (rules with ``insert_at = "facts"``)
    the writer's paragraphs, each kept apart: hostile sentences softened (a hostile or demanding
      request becomes a polite one that keeps its substance, never deleted), sales framing turned into
      customer experience (the sales argument removed), rule fixes applied (``rewrite_mode``)
    a placeholder request where the draft has none (``insert_at = "request"``)
    ownership / escalation / e-mail sentences where the rules call for them (``insert_at = "closing"``)
    the writer's own closing thanks, then the sign-off (the writer's, or the template's)
    the writer's name and signature block, last

Where a rule's sentence goes, its order and its template are attributes of the rule
(:class:`caselint.rules.base.Rule`), so a new rule joins the rewrite without editing this module.

Facts are sacred: every identifier, number, amount, date, URL and quoted name stays as written (an
identifier's case aside); what only the writer knows becomes a ``[placeholder]`` that ID008 flags.
The writer's person (I / we), paragraph breaks and line endings (CRLF, LF, CR) are kept. In-draft
suppression markers are honoured as ``check`` honours them, and never reach the rewrite. The result
is a fixed point: rewriting a rewrite returns it unchanged. Each round parses the draft once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from caselint.config import Settings
from caselint.fixes import MAX_ROUNDS, apply_fixes, select_fixes
from caselint.model import Applicability, Edit, Finding, Fix, Report, Span


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


def _rule(code: str):
    from caselint.rules.registry import get_rule

    return get_rule(code)


# --- suppression markers: honoured as `check` honours them, then stripped -------------------------


class _Markers:
    """The draft's markers, remembered by the text of the line they apply to (lines move as the
    rewrite adds a greeting or a closing; their words stay)."""

    def __init__(self, text: str):
        from caselint import suppression
        from caselint.runner import _line_of

        self.file: list[tuple[str, ...]] = []
        self.lines: list[tuple[str, tuple[str, ...]]] = []
        if "caselint" not in text.lower():
            return
        starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        lines = text.split("\n")
        for m in suppression.find_markers(text, lambda off: _line_of(tuple(starts), off)):
            if m.kind == "file":
                self.file.append(m.selectors)
            elif 1 <= m.line <= len(lines):
                key = _line_key(suppression.strip_markers(lines[m.line - 1]))
                if key:
                    self.lines.append((key, m.selectors))

    @staticmethod
    def strip(text: str) -> str:
        """The text without its markers and their notes ('<!-- caselint: disable=X reason: ... -->'); a
        line that held only a marker goes with its line break."""
        from caselint import suppression

        if "caselint" not in text.lower():
            return text
        found = suppression.find_markers(text, lambda off: 0)
        out, pos = [], 0
        for m in found:
            out.append(text[pos:m.start])
            pos = m.end
        out.append(text[pos:])
        stripped = "".join(out)
        kept = []
        for before, after in zip(text.split("\n"), _split_like(text, stripped)):
            if after.strip() or not before.strip():
                kept.append(after.rstrip() if after != before else after)
        return "\n".join(kept)

    def suppressed(self, finding: Finding, text: str) -> bool:
        from caselint.rules.registry import matches_selector

        rule = _rule(finding.code)
        if rule is None:
            return False

        def hit(selectors) -> bool:
            return not selectors or any(matches_selector(rule, s) for s in selectors)

        if any(hit(sel) for sel in self.file):
            return True
        if self.lines:
            s = text.rfind("\n", 0, finding.span.start) + 1
            e = text.find("\n", finding.span.start)
            key = _line_key(text[s:e if e >= 0 else len(text)])
            return any(k == key and hit(sel) for k, sel in self.lines)
        return False

    def enabled(self, code: str) -> bool:
        """The rule is not switched off for the whole draft by a marker."""
        from caselint.rules.registry import matches_selector

        rule = _rule(code)
        return rule is not None and not any(not sel or any(matches_selector(rule, s) for s in sel) for sel in self.file)


def _split_like(text: str, stripped: str) -> list[str]:
    """``stripped`` split into the same lines as ``text`` (markers never span a line break)."""
    return stripped.split("\n")


def _line_key(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))


def _analyse(text: str, path: str, settings: Settings, markers: _Markers):
    """One parse: the rules' Context and the lint report of ``text`` (findings a marker suppresses dropped)."""
    from caselint import scoring
    from caselint.runner import lint_one_in_context

    report, ctx = lint_one_in_context(path, text, settings)
    if markers.file or markers.lines:
        kept = tuple(f for f in report.findings if not markers.suppressed(f, text))
        if len(kept) != len(report.findings):
            report = replace(report, findings=kept, score=scoring.score(kept, settings.weights))
    return ctx, report


# --- pass 1: edits inside the writer's sentences ------------------------------------------------


def _sentence_edits(ctx, report: Report) -> list[tuple[str, Fix]]:
    """Edits inside the writer's text: tone, framing, the rules' fixes, voice. Empty when nothing is left."""
    from caselint import reframe

    from caselint import layout as L

    text = ctx.text
    out: list[tuple[str, Fix]] = []
    modes = {f.code: (getattr(_rule(f.code), "rewrite_mode", None)) for f in report.findings}
    # The writer's prose only: a quoted reply, the subject, the sign-off and the signature ('Sales
    # Manager') are left as written (safe fixes aside).
    lay = ctx.draft.layout
    kept_as_written = (L.QUOTE, L.SIGNATURE, L.SIGNOFF, L.SUBJECT)
    # Hostile wording is softened there too: a title or a sign-off the writer would not send calm.
    report = replace(report, findings=tuple(
        f for f in report.findings
        if lay.kind_at(f.span.start) not in kept_as_written or (f.fix is not None and f.fix.applicability == Applicability.SAFE)
        or (modes[f.code] == "soften" and lay.kind_at(f.span.start) in (L.SUBJECT, L.SIGNOFF))))
    requests = {(r.start, r.end) for r in ctx.requests}
    # Hostile sentences: softened, facts kept; a hostile request becomes a polite one (never deleted).
    hostile: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for f in report.findings:
        if modes[f.code] != "soften":
            continue
        sent = ctx.document.sentence_at(f.span.start)
        if sent is not None:
            hostile.setdefault((sent.start, sent.end), []).append((f.span.start, f.span.end))
    for (s, e), phrases in hostile.items():
        if lay.kind_at(s) in (L.SUBJECT, L.SIGNOFF):
            out.append(("TONE", _soften_line(ctx, s, e, phrases)))
            continue
        calm = reframe.soften(ctx, s, e, phrases)
        if not calm and ((s, e) in requests or _imperative(ctx, s)):
            calm = _polite_remainder(ctx, s, e, phrases)
        if calm != text[s:e]:
            out.append(("TONE", _replace_sentence(text, s, e, calm)))
    # Phrases with a calm equivalent in the lexicon ('asap' -> 'as soon as possible'), even where the
    # draft as a whole is not hostile: the words of the rules that soften (their lexicon tags).
    from caselint.rules.registry import all_rules

    for tag in {getattr(r, "tag", "") for r in all_rules() if r.rewrite_mode == "soften"} - {""}:
        for h in ctx.hits.longest(tag):
            key = "soften." + h.text.lower()
            # Only in a request ('check it asap'): 'never had this many things go wrong at once' is no demand.
            asking = any(r.start <= h.start < r.end for r in ctx.requests)
            if key in ctx.lexicons.templates and asking and ctx.draft.own(h.start) and not any(a <= h.start < b for a, b in hostile):
                calm = ctx.template(key)
                sent = ctx.document.sentence_at(h.start)
                if calm.lower().startswith("please ") and text[max(0, h.start - 8):h.start].lower().rstrip().endswith("please"):
                    calm = calm[len("please "):]  # "Please fix it now" -> "Please fix it", not "Please please"
                if calm and sent is not None and sent.start == h.start:
                    calm = calm[:1].upper() + calm[1:]
                if calm:
                    out.append(("TONE", Fix("Calm wording", (Edit(Span(h.start, h.end), calm),), Applicability.UNSAFE)))
    # Requests the addressed team cannot grant: the limit acknowledged in the writer's words (facts
    # kept), then the question it can answer (the rule's template), once.
    from caselint.rules._helpers import voiced

    asked = set()
    for f in report.findings:
        rule = _rule(f.code)
        if modes[f.code] != "reroute" or not rule.rewrite_template:
            continue
        sent = ctx.document.sentence_at(f.span.start)
        if sent is None or any(a <= sent.start < b for a, b in hostile) or (sent.start, sent.end) in asked:
            continue
        # The request from its verb ('remove the review'), else from the topic itself ('the Buy Box',
        # not 'lost the Buy Box'): the innermost hit of the rule's tag inside the finding.
        at = f.span.start
        if not any(h.start == at for h in ctx.hits.get("rewrite.request_verb")):
            inner = [h.start for h in ctx.hits.get(getattr(rule, "tag", "")) if f.span.start <= h.start < f.span.end]
            at = max(inner, default=at)
        # An ask to pass the case on ('escalate to the Buy Box team') is already what the team can do.
        if ctx.hits_in("escalation.ask", sent.start, sent.end):
            continue
        routed = reframe.reroute(ctx, sent.start, sent.end, at, lambda line: voiced(ctx, line),
                                 ask=(sent.start, sent.end) in requests)
        if routed is None:
            continue
        asked.add((sent.start, sent.end))
        lead, limit = routed
        question = voiced(ctx, ctx.template(rule.rewrite_template))
        parts = [lead, limit] + ([question] if question and question not in text and len(asked) == 1 else [])
        out.append((f.code, _replace_sentence(text, sent.start, sent.end, " ".join(p for p in parts if p))))
    # Sentences too long to follow: cut at their clause boundaries.
    from caselint.rules.clarity import worth_splitting

    for f in report.findings:
        if modes[f.code] != "split":
            continue
        sent = ctx.document.sentence_at(f.span.start)
        if sent is None or any(a <= sent.start < b for a, b in hostile) or not worth_splitting(ctx, sent):
            continue
        protected = [(max(a, sent.start) - sent.start, min(b, sent.end) - sent.start)
                     for a, b in _links(text) + [(i.start, i.end) for i in ctx.identifiers] + list(ctx.draft.quoted.spans)
                     if a < sent.end and sent.start < b]
        limit = ctx.option(_rule(f.code), "max-words")
        cut = reframe.split_sentence(sent.text, limit, protected)
        if cut != sent.text:
            out.append((f.code, _replace_sentence(text, sent.start, sent.end, cut)))
    # Sales-framed sentences: the request framed around what customers experience, the sales argument gone.
    framed = [f for f in report.findings if modes[f.code] == "reframe"]
    if framed:
        done: set[int] = set()
        reason = reframe.customer_reason(ctx, text)
        reason_given = reason in text
        for f in framed:
            sent = ctx.document.sentence_at(f.span.start)
            if sent is None or sent.start in done or any(a <= sent.start < b for a, b in hostile):
                continue
            done.add(sent.start)
            rel_s, rel_e = f.span.start - sent.start, f.span.end - sent.start
            if (sent.start, sent.end) in requests:
                new = reframe.customer_framed_request(ctx, sent.text, rel_s, rel_e, with_reason=not reason_given)
            else:
                kept = reframe.remove_clauses(sent.text, [(h.start - sent.start, h.end - sent.start)
                                                          for h in ctx.hits_in("framing.sales", sent.start, sent.end)])
                # Sales figures are the writer's facts: the argument goes, the figures stay as plain data.
                data = reframe.figures_line(ctx, sent.text, kept)
                if not reframe.keeps_named_facts(ctx, sent.start, sent.end, kept):
                    # An ID or a quoted name in the sales clause: the sentence stays, its sales label
                    # ('my best seller') the plain noun where the lexicon has one ('my product').
                    kept, data = reframe.neutral_labels(ctx, sent.start, sent.end), ""
                if kept and not data and _absorbed(kept, reason):
                    kept = None  # "because the current title is wrong": the customer-impact sentence says it
                new = " ".join(p for p in ((None if reason_given else reason), kept, data) if p)
            reason_given = True
            out.append((f.code, _replace_sentence(text, sent.start, sent.end, new)))
    # Values only the writer can correct (a malformed ID): the value as written stays, a slot after it
    # (the rule's template); a finding that has a fix of its own (a likely O/0 typo) takes the fix.
    for f in report.findings:
        rule = _rule(f.code)
        if modes[f.code] != "slot" or f.fix is not None or not rule.rewrite_template or not ctx.draft.own(f.span.start):
            continue
        value = text[f.span.start:f.span.end]
        label = f.message.split(" '", 1)[0] if " '" in f.message else value
        slot = ctx.template(rule.rewrite_template, label=label, value=value)
        if slot and "\n" not in value and not text.startswith(" [", f.span.end):  # once
            out.append((f.code, Fix("Mark the value to correct", (Edit(f.span, slot),), Applicability.UNSAFE)))
    # The rules' own fixes: every safe one, and those the rule asks the rewrite to apply.
    for f in report.findings:
        if f.fix is None or f.fix.applicability == Applicability.DISPLAY_ONLY:
            continue
        if f.fix.applicability == Applicability.SAFE or modes[f.code] == "fix":
            out.append((f.code, f.fix))
    # A bare command becomes a polite request ('Fix it today.' -> 'Please fix it today.').
    for r in ctx.requests:
        if _imperative(ctx, r.start) and not any(r.start <= h.start < r.end for h in ctx.hits.get("request.polite")) \
                and not any(a <= r.start < b for a, b in hostile):
            word = re.match(r"\w+", text[r.start:r.end])
            if word:
                w = word.group(0)
                polite = "Please " + (w.lower() if w.isupper() else w[:1].lower() + w[1:])
                out.append(("POLITE", Fix("Add 'Please'", (Edit(Span(r.start, r.start + len(w)), polite),), Applicability.UNSAFE)))
    out.extend(_asides(ctx, hostile))
    out.extend(("VOICE", fix) for fix in _voice_edits(ctx))
    return out


_QUESTION_START = re.compile(r"(?i)^(?:does|do|did|is|are|was|were|can|could|would|will|why|how|what|who|where|when|has|have)\b")


def _asides(ctx, hostile) -> list[tuple[str, Fix]]:
    """What carries no fact and only vents, in the writer's prose: a rhetorical question at the associate
    ('Does anyone at Amazon even look at the evidence?', 'How is that fair?') and a one-word aside in a
    hostile draft or in capitals ('LOL.', 'UNREAL'): dropped (lexicon tags rewrite.rhetorical, rewrite.aside). A
    question that has lost its '?' to a '!!!' gets it back."""
    from caselint import layout as L

    text = ctx.text
    lay = ctx.draft.layout
    out = []
    rhetorical = ctx.hits.get("rewrite.rhetorical")
    asides = {h.start: h for h in ctx.hits.get("rewrite.aside")}
    for sent in ctx.draft.prose:
        if lay.kind_at(sent.start) != L.PROSE or not ctx.draft.own(sent.start) or any(a <= sent.start < b for a, b in hostile):
            continue
        words = sent.text.split()
        facts = re.search(r"\d", sent.text) or '"' in sent.text or any(sent.start <= i.start < sent.end for i in ctx.identifiers)
        if not facts and any(sent.start <= h.start < sent.end for h in rhetorical):
            out.append(("TONE", _replace_sentence(text, sent.start, sent.end, "")))
            continue
        lead = sent.start + len(sent.text) - len(sent.text.lstrip())
        if len(words) == 1 and lead in asides and asides[lead].end >= sent.start + len(sent.text.rstrip(" .!?")) \
                and (ctx.draft.hostile or words[0].strip(".!?").isupper()):
            out.append(("TONE", _replace_sentence(text, sent.start, sent.end, "")))
            continue
        body = sent.text.rstrip()
        if _QUESTION_START.match(sent.text.lstrip()) and body.endswith("!") and len(words) >= 3:
            end = sent.start + len(body)
            start = end - (len(body) - len(body.rstrip("!.")))
            out.append(("VOICE", Fix("Question mark", (Edit(Span(start, end), "?"),), Applicability.UNSAFE)))
    return out


def _soften_line(ctx, start: int, end: int, phrases: list[tuple[int, int]]) -> Fix:
    """A title or a sign-off with hostile words: a phrase with a calm equivalent takes it, one without
    goes with its clause; a title left with less than two words of its own goes ('Title: Please learn
    to read'). A sign-off keeps its shape ('Thanks (I guess),' -> 'Thanks,')."""
    from caselint import layout as L
    from caselint import reframe

    text = ctx.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if ctx.draft.layout.kind_at(start) == L.SIGNOFF:
        new = line
        for s, e in sorted(phrases, reverse=True):
            key = "soften." + text[s:e].lower()
            calm = ctx.template(key) if key in ctx.lexicons.templates else ""
            new = new[:s - line_start] + calm + new[e - line_start:]
        new = re.sub(r"(?<=\S)\s+([,.;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", new)).rstrip()
        return Fix("Calm sign-off", (Edit(Span(line_start, line_end), new),), Applicability.UNSAFE)
    label = re.match(r"[ \t]*(?:title|subject|re|topic)[ \t]*[:：][ \t]*", line, re.I)
    head = label.group(0) if label else ""
    body_start = line_start + len(head)
    calm = reframe.soften(ctx, body_start, line_end, phrases).rstrip(".")
    if len(re.findall(r"[^\W\d_]{2,}", calm)) < 3 and not re.search(r"\d", calm):
        return _replace_sentence(text, line_start, line_end, "")
    return Fix("Calm title", (Edit(Span(body_start, line_end), calm),), Applicability.UNSAFE)


def _imperative(ctx, start: int) -> bool:
    """The sentence opens with a bare command ('Fix it', 'Refund me')."""
    return any(h.start == start and h.entry.id == "imperative-start" for h in ctx.hits.get("request.plain"))


def _polite_remainder(ctx, start: int, end: int, phrases: list[tuple[int, int]]) -> str:
    """A request with nothing but hostile words around it: the hostile phrases go, the request stays,
    with 'Please' ("FIX IT TODAY!!!" -> "Please fix it today.")."""
    from caselint.reframe import _FRAGMENT_START

    sentence = ctx.text[start:end]
    merged: list[list[int]] = []
    for s, e in sorted((max(s, start), min(e, end)) for s, e in phrases):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)  # overlapping phrases go as one
        else:
            merged.append([s, e])
    for s, e in reversed(merged):
        s, e = max(s, start) - start, min(e, end) - start
        low = sentence[s:e].lower()
        calm = ctx.template("soften." + low) if "soften." + low in ctx.lexicons.templates else None
        if calm is None and _imperative(ctx, start) and s == 0:
            continue  # the command itself is the request
        sentence = sentence[:s] + (calm or "") + sentence[e:]
    sentence = re.sub(r"\s{2,}", " ", sentence).strip(" ,;:-!")
    sentence = re.sub(r"(?<!\s)\s+([,.;:!?])", r"\1", sentence)
    if len(re.findall(r"[A-Za-z]{2,}", sentence)) < 2 or sentence.split()[0].lower() in _FRAGMENT_START:
        return ""
    if not re.match(r"(?i)(?:please|could|would|can|kindly)\b", sentence):
        sentence = "Please " + (sentence.lower() if sentence.isupper() else sentence[:1].lower() + sentence[1:])
    else:
        sentence = sentence[:1].upper() + sentence[1:]
    return sentence.rstrip("!.") + ("" if sentence.endswith("?") else ".")


def _absorbed(kept: str, reason: str) -> bool:
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


_LOWER_I = re.compile(r"(?<![\w'’./@-])i(?=(?:'m|'ve|'ll|'d|’m|’ve|’ll|’d)?(?![\w'’.@-]))")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# Whole blank-separated tokens (linear: a token starts only after a blank); which of them are links,
# e-mail addresses or file names is decided in Python (an alternation of '\S+...' was quadratic).
_TOKEN = re.compile(r"(?<!\S)\S++")
_LINKISH = (".com", ".net", ".org", ".pdf", ".jpg", ".png", ".csv", ".xls", "://", "www.", "@")


def _links(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text) if any(k in m.group(0).lower() for k in _LINKISH)]


def _voice_edits(ctx) -> list[Fix]:
    """Sentence starts capitalised, 'i' -> 'I', no doubled spaces, no sentences glued together, in the
    writer's own prose (not quotes, headings, IDs or links)."""
    from caselint import layout as L

    text = ctx.text
    lay = ctx.draft.layout
    skip = _links(text) + [(i.start, i.end) for i in ctx.identifiers]
    skip += list(ctx.draft.quoted.spans)

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in skip)

    edits: list[Edit] = []
    for sent in ctx.draft.prose:
        if lay.kind_at(sent.start) in (L.QUOTE, L.SIGNATURE, L.SIGNOFF, L.SUBJECT, L.HEADING):
            continue
        m = re.match(r"[\s\-*•>(\"'“‘]*+([^\W\d_][\w'’-]*)", sent.text)
        if m:
            word = m.group(1)
            at = sent.start + m.start(1)
            if word[0].islower() and not any(c.isupper() or c.isdigit() for c in word[1:]) and free(at, at + len(word)):
                edits.append(Edit(Span(at, at + 1), word[0].upper()))
        for m in _LOWER_I.finditer(sent.text):
            at = sent.start + m.start()
            if free(at, at + 1) and not (m.start() == 0 and edits and edits[-1].span.start == at):
                edits.append(Edit(Span(at, at + 1), "I"))
    for i, kind in enumerate(lay.kinds):
        if kind in (L.BLANK, L.QUOTE):
            continue
        s, e = lay.starts[i], lay.ends[i]
        line = text[s:e]
        for m in _DOUBLE_SPACE.finditer(line):
            if free(s + m.start(), s + m.end()):
                edits.append(Edit(Span(s + m.start(), s + m.end()), " "))
        if kind in (L.PROSE, L.LIST):
            for m in _GLUED.finditer(line):
                if free(s + m.start() - 1, s + m.start() + 1):
                    edits.append(Edit(Span(s + m.start(), s + m.start()), " "))
    # Names keep their spelling ('amazon' -> 'Amazon', 'A-TO-Z' -> 'A-to-z'; lexicon templates name.*).
    names = {k[len("name."):]: v for k, v in ctx.lexicons.templates.items() if k.startswith("name.")}
    if names:
        pattern = re.compile(r"(?<![\w@./-])(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w@-]|\.\w)", re.I)
        for i, kind in enumerate(lay.kinds):
            if kind in (L.BLANK, L.QUOTE, L.SIGNATURE):
                continue
            s, e = lay.starts[i], lay.ends[i]
            for m in pattern.finditer(text, s, e):
                word = m.group(0)
                right = names[word.lower()]
                if word != right and (word.islower() or word.isupper()) and free(m.start(), m.end()) \
                        and not any(ed.span.start < m.end() and m.start() < ed.span.end for ed in edits):
                    edits.append(Edit(Span(m.start(), m.end()), right))
    edits = sorted(set(edits), key=lambda e: (e.span.start, e.span.end))
    return [Fix("Tidy the writer's text", (e,), Applicability.UNSAFE) for e in edits]


# --- pass 2: the draft's structure --------------------------------------------------------------

_GREETING_HEAD = re.compile(
    r"^[ \t]*(?:hello|hi|hey|dear|good (?:morning|afternoon|evening|day)|greetings|to whom it may concern)\b"
    r"[^,!:;.\n]{0,60}?[,!:;.]", re.I)


def _paragraphs(lines: list[str]) -> list[str]:
    out, cur = [], []
    for line in lines:
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def _insertions(ctx, report: Report, where: str, present: str) -> list[str]:
    """The sentences the rules ask for at ``where`` (their insert_at), in their insert_order, in the
    writer's voice; none already in the draft."""
    from caselint.rules._helpers import voiced

    found = []
    for f in report.findings:
        rule = _rule(f.code)
        if rule is None or rule.insert_at != where:
            continue
        line = voiced(ctx, ctx.template(rule.rewrite_template)) if rule.rewrite_template else (f.suggestion or "")
        found.append((rule.insert_order, f.code, line))
    out: list[str] = []
    for _, _, line in sorted(found):
        if line and line not in present and line not in out:
            out.append(line)
    return out


def _template_of(where: str) -> tuple[str, str] | None:
    """(rule code, template) of the rule that inserts at ``where`` ('greeting', 'signoff')."""
    from caselint.rules.registry import all_rules

    for rule in all_rules():
        if rule.insert_at == where and rule.rewrite_template:
            return rule.code, rule.rewrite_template
    return None


def _enabled(code: str, settings: Settings, path: str, markers: _Markers) -> bool:
    from caselint.rules.registry import select_rules

    ignore = settings.ignore + settings.ignores_for(path)
    return markers.enabled(code) and any(r.code == code for r in select_rules(settings.select, ignore))


def _assemble(ctx, report: Report, settings: Settings, path: str, markers: _Markers) -> str:
    from caselint import layout as L

    text = ctx.text
    lay = ctx.draft.layout
    lines = [text[s:e] for s, e in zip(lay.starts, lay.ends)]
    kinds = list(lay.kinds)
    n = len(lines)
    content = [i for i in range(n) if kinds[i] != L.BLANK]
    # Subject / title lines at the very top stay there.
    head_end = 0
    header: list[str] = []
    for i in content:
        if not (kinds[i] in (L.SUBJECT, L.HEADING) or _title_line(lines, i, kinds)) or (not header and _addressed(ctx, i)):
            break  # 'Respected Amazon leader:' is the greeting, not a heading
        header.append(lines[i].rstrip())
        head_end = i + 1
    # The sign-off line and the signature block after it stay last.
    tail_start = n
    for i in content:
        if i >= head_end and kinds[i] in (L.SIGNOFF, L.SIGNATURE):
            tail_start = i
            break
    closing = [lines[i].rstrip() for i in range(tail_start, n) if lines[i].strip()]
    has_signoff = any(kinds[i] == L.SIGNOFF for i in range(tail_start, n))
    # The greeting: the writer's own first line, alone on it (a sentence after it starts the body).
    body = lines[head_end:tail_start]
    greeting = _take_greeting(ctx, body, head_end, kinds)
    readdress = [r.rewrite_greeting for r in map(_rule, (f.code for f in report.findings))
                 if r is not None and r.rewrite_greeting and ctx.template(r.rewrite_greeting)]
    if readdress:
        greeting = ctx.template(readdress[0])  # the team this draft belongs to
    if greeting is None:
        # The greeting rule's template: where the rule asks for it, and where the draft's own greeting
        # is not its first line (the rule found one; the rewrite could not place it).
        tpl = _template_of("greeting")
        if tpl and (any(f.code == tpl[0] for f in report.findings)
                    or _enabled(tpl[0], settings, ctx.document.path, markers)):
            greeting = ctx.template(tpl[1])
    paragraphs = _paragraphs(body)
    # The writer's own closing thanks ("Thank you for your help.") stays after the added sentences.
    thanks_tail: list[str] = []
    while paragraphs and _is_thanks(ctx, paragraphs[-1]):
        thanks_tail.insert(0, paragraphs.pop())
    parts: list[str] = ["\n".join(header)] if header else []
    if greeting:
        parts.append(greeting)
    facts = _insertions(ctx, report, "facts", text)
    if facts:
        parts.append("\n".join(facts))
    parts.extend(paragraphs)
    parts.extend(_insertions(ctx, report, "request", text))
    parts.extend(_insertions(ctx, report, "closing", text))
    parts.extend(thanks_tail)
    if not has_signoff:
        tpl = _template_of("signoff")
        if tpl and _enabled(tpl[0], settings, ctx.document.path, markers) and ctx.template(tpl[1]):
            signoff = ctx.template(tpl[1])
            if not (parts and parts[-1].split("\n")[-1].strip() == signoff):
                closing.insert(0, signoff)
    if closing:
        parts.append("\n".join(closing))
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


_TITLE_LABEL = re.compile(r"^[ \t]*+(?:title|subject|re|topic|to|from|cc|date|sent)[ \t]*+[:：]", re.I)
# A note under a template's title ('(We use this with clients ... Replace everything in < >.)').
_NOTE_LINE = re.compile(r"^[ \t]*+\([^()\n]{3,200}\)[ \t]*+$")


def title_line(line: str, next_line: str) -> bool:
    """The draft's title: a 'Title:' / 'Subject:' / 'From:' header line, or a short line without final
    punctuation followed by a blank line or by a note in parentheses ('Removal order not received –
    template', 'Case ID 1506...')."""
    if _TITLE_LABEL.match(line):
        return True
    stripped = line.strip()
    return (0 < len(stripped.split()) <= 20 and not stripped.endswith((".", ",", "!", ":", ";"))
            and (not next_line.strip() or bool(_NOTE_LINE.match(next_line)))
            and not _GREETING_HEAD.match(stripped + ","))


def _title_line(lines: list[str], i: int, kinds: list[str]) -> bool:
    from caselint import layout as L

    if kinds[i] == L.GREETING:
        return False
    before = [j for j in range(i) if lines[j].strip()]
    if before:
        # Only the first line can be a title; after it, the rest of an e-mail header block ('To:',
        # 'From:', 'Subject:') and a note in parentheses right under the title.
        if _NOTE_LINE.match(lines[i]) and before[-1] == i - 1 and len(before) == 1:
            return True
        return bool(_TITLE_LABEL.match(lines[i])) and all(
            _TITLE_LABEL.match(lines[j]) or kinds[j] in (L.SUBJECT, L.HEADING) for j in before)
    if not any(line.strip() for line in lines[i + 1:]):
        return False  # a one-line draft is its own body, not a title over nothing
    return title_line(lines[i], lines[i + 1] if i + 1 < len(lines) else "")


_ADDRESS_LINE = re.compile(r"^[ \t]*+([^\d\n,:;!?.]{2,60}?)[ \t]*+[,:][ \t]*+$")
_HONORIFIC_HEAD = re.compile(
    r"^[ \t]*+(\w+)[ \t]++([^\d\n,:;!?.]{2,60}?)(?:[ \t]++(?:hello|hi|hey|dear))?[ \t]*+[,:;!][ \t]*+", re.I)


def _addressed(ctx, i: int) -> bool:
    """Line ``i`` opens by addressing someone: an honorific first ('Respected ...'), or a short line
    ending in ':' or ',' that names whom it addresses ('Seller Support team:')."""
    lay = ctx.draft.layout
    s, e = lay.starts[i], lay.ends[i]
    line = ctx.text[s:e]
    lead = s + len(line) - len(line.lstrip())
    if any(h.start == lead for h in ctx.hits.get("rewrite.honorific")) and _HONORIFIC_HEAD.match(line):
        return True
    m = _ADDRESS_LINE.match(line)
    return bool(m and len(m.group(1).split()) <= 6 and any(s <= h.start < e for h in ctx.hits.get("rewrite.addressee")))


def _take_greeting(ctx, body: list[str], offset: int, kinds: list[str]) -> str | None:
    """The writer's greeting, taken out of ``body`` (the lines after the title; ``offset`` is the index
    of its first line in the draft), or None. It is the first line when a greeting word opens it
    ('Hello team,'), when it addresses someone ('Respected Amazon leader:', 'Seller Support team,' ->
    'Dear Amazon leader,': template greeting-addressed), or the head of the second paragraph when the
    first is one short line before it ('I send this again because no answer.' / 'Hello, ...')."""
    from caselint import layout as L

    lay = ctx.draft.layout
    first = next((j for j, ln in enumerate(body) if ln.strip()), None)
    if first is None:
        return None

    def hits_in(tag: str, j: int) -> list:
        s, e = lay.starts[offset + j], lay.ends[offset + j]
        return [h for h in ctx.hits.get(tag) if s <= h.start < e]

    def opening(j: int) -> str | None:
        line = body[j]
        m = _GREETING_HEAD.match(line)
        is_greeting_line = kinds[offset + j] == L.GREETING
        if m and (is_greeting_line or not line[m.end():].strip() or len(line[m.end():].split()) >= 2):
            rest = line[m.end():].strip()
            greeting = line[:m.end()].strip()
            if greeting.endswith((".", ";", "!", ":")) and len(greeting.split()) <= 4:
                greeting = greeting[:-1].rstrip() + ","
            body[j] = rest[:1].upper() + rest[1:] if rest else ""
            return greeting
        if is_greeting_line:
            body[j] = ""
            return line.strip()
        # 'Respected community manager hello, our store ...' / 'Respected Amazon leader:'
        line_start = lay.starts[offset + j]
        honorific = [h for h in hits_in("rewrite.honorific", j) if not line[:h.start - line_start].strip()]
        m = _HONORIFIC_HEAD.match(line)
        if honorific and m and m.start(1) == honorific[0].start - line_start and len(m.group(2).split()) <= 5:
            rest = line[m.end():].strip()
            body[j] = rest[:1].upper() + rest[1:] if rest else ""
            return ctx.template("greeting-addressed", addressee=m.group(2).strip())
        # 'Amazon Seller Support team:' alone on the first line
        m = _ADDRESS_LINE.match(line)
        if m and len(m.group(1).split()) <= 6 and hits_in("rewrite.addressee", j) \
                and not any(line_start <= r.start < line_start + len(line) for r in ctx.requests):
            body[j] = ""
            return ctx.template("greeting-addressed", addressee=m.group(1).strip())
        return None

    greeting = opening(first)
    if greeting is not None:
        return greeting
    # One short line before the greeting ('I SEND THIS AGAIN because no answer.' / 'Hello, ...'): the
    # greeting goes first, the line stays the body's first paragraph.
    second = next((j for j in range(first + 1, len(body)) if body[j].strip()), None)
    if second is not None and second > first + 1 and len(body[first].split()) <= 15 \
            and _GREETING_HEAD.match(body[second]):
        return opening(second)
    return None


def _is_thanks(ctx, paragraph: str) -> bool:
    """A short closing paragraph that thanks and asks nothing ('Thank you for your help.')."""
    words = paragraph.split()
    return 0 < len(words) <= 12 and "?" not in paragraph and bool(
        re.match(r"(?i)\s*(?:thank|thanks|many thanks|i appreciate|we appreciate|appreciate)", paragraph))


# --- driver -------------------------------------------------------------------------------------


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf and crlf >= lf and crlf >= cr:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def rewrite(text: str, path: str, settings: Settings) -> RewriteResult:
    """The improved draft for ``text`` (a fixed point: rewriting it again changes nothing); see
    :func:`caselint.api.rewrite_text`, the public entry point.

    Line endings follow the input (CRLF, LF or CR); work happens on LF text. One parse per round.
    """
    newline = _newline(text)
    work = text.replace("\r\n", "\n").replace("\r", "\n")
    markers = _Markers(work)
    work = _Markers.strip(work)
    if not work.strip():
        # Nothing to rewrite (an empty draft, or one that held only a marker): the markers go, and no
        # template is invented around nothing; CL009 says what is missing.
        out = work.replace("\n", newline) if newline != "\n" else work
        ctx, report = _analyse(work, path, settings, markers)
        return RewriteResult(out, text, report, report, 1, True)
    ctx, before = _analyse(work, path, settings, markers)
    first_report = before
    converged = False
    rounds = 0
    seen = {work}
    for rounds in range(1, MAX_ROUNDS + 1):
        chosen = select_fixes(_sentence_edits(ctx, before), len(work))
        new = apply_fixes(work, chosen) if chosen else work
        if new == work:
            new = _assemble(ctx, before, settings, path, markers)
            if new == work:
                converged = True
                break
        if new in seen:
            break
        seen.add(new)
        work = new
        ctx, before = _analyse(work, path, settings, markers)
    out = work.replace("\n", newline) if newline != "\n" else work
    return RewriteResult(out, text, first_report, before, rounds, converged)


__all__ = ["MAX_ROUNDS", "RewriteResult", "rewrite"]
