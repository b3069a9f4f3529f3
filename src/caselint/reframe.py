"""Sentence-level rewording shared by rule suggestions (FR001, tone rules) and `caselint rewrite`.

Everything is template-driven (``[templates]`` in lexicons/*.toml) and keeps the seller's own words:
a sales-framed request keeps its request and loses only the sales reason, which is replaced by what
customers experience; a hostile sentence keeps its facts and loses only the hostile words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from caselint.context import Context
    from caselint.model import Fix

# What the draft is about -> which customer-impact templates to use (reason-<topic>, benefit-<topic>).
_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("title", "product name", "keyword", "keywords", "search")),
    ("image", ("image", "images", "photo", "photos", "picture", "pictures")),
    ("description", ("description", "bullet", "bullets", "bullet points", "detail page", "details", "information")),
    ("buy_box", ("buy box", "buybox", "featured offer")),
    ("reviews", ("review", "reviews", "rating", "ratings")),
    ("category", ("category", "browse node", "classification")),
    ("inventory", ("inventory", "units", "stock", "shipment", "warehouse", "received", "stranded")),
)

# Clause boundaries: a sales reason usually hangs off the request as "to ...", "so that ...",
# "because ...", or is a clause of its own between commas.
# A run of blanks is possessive ('++') and may not start inside another run ('(?<!\s)'): the same
# matches, but linear time on a long run of spaces (a backtracking split of it was cubic).
_CLAUSE_LEAD = re.compile(
    r"(?:,\s*+|(?<!\s)\s++)(?:in order to|so that|so as to|so|to|because|since|as|and|but|which|otherwise|or)\s+"
    r"|[,;:](?!\d)\s*|(?<!\s)\s++-\s+",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:](?!\d)|(?<!\s)\s++-\s+|(?<!\s)\s++(?:and|but|because|so)\s+|(?<![.!?])[.!?]++\s*+$")
_FACT = re.compile(r"\d")
# A clause that ends like this was cut in the middle of its verb ('I'm going to have [to lay off]').
_DANGLING = re.compile(r"(?i)\b(?:have|has|had|going|got|need|needs|will|would|must|to|be|am|is|are|was|were|'ve|'ll)$")
_QUOTED = re.compile(r'"[^"\n]{1,80}"|“[^”\n]{1,80}”')  # a quoted name or reply is a fact too
# What is left of a sentence that starts like this is a fragment, not a sentence worth keeping.
_FRAGMENT_START = frozenset({"not", "and", "or", "but", "nor", "no", "than", "then"})
_HELP_ME = re.compile(r"\b(please|kindly)\s+help\s+(?:me|us)\s+(?:to\s+)?(?=[a-z])", re.IGNORECASE)


def topic(text: str) -> str:
    low = text.lower()
    for name, words in _TOPICS:
        if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
            return name
    return "default"


def reason_topic(ctx: "Context", text: str) -> str:
    """Which customer-impact templates fit the draft: the topic of what it asks for ('change the
    title'), else its issue type when a template is written for it ('buy_box', 'reviews'), else the
    topic of its words. A word elsewhere in the draft ('stock is enough' on a Buy Box draft, 'category'
    in a reviews draft) does not decide it."""
    asked = topic(" ".join(ctx.text[r.start:r.end] for r in ctx.requests))
    if asked != "default":
        return asked
    issue = ctx.issue_type.name
    if issue and ctx.template(f"reason-{issue}"):
        return issue
    # A 'Title:' label is the draft's subject line, not its topic.
    return topic(re.sub(r"(?im)^[ \t]*(?:title|subject)[ \t]*:", " ", text))


def customer_reason(ctx: "Context", text: str) -> str:
    """One sentence on how customers are affected, for the draft's topic (:func:`reason_topic`)."""
    reason = ctx.template(f"reason-{reason_topic(ctx, text)}")
    return reason or ctx.template("customer-reason", impact=ctx.template("default-impact"))


def customer_benefit(ctx: "Context", text: str) -> str:
    benefit = ctx.template(f"benefit-{reason_topic(ctx, text)}")
    return benefit or "customers " + ctx.template("default-benefit")


def _end_punct(sentence: str) -> tuple[str, str]:
    """(the sentence without its final punctuation, "." or "?").

    Scanned from the end, not with a regex search: ``[.!?]+...$`` searched over a long run of dots
    that is not at the end retries from every dot (quadratic: 40,000 dots took 52 s, issue 14)."""
    end = len(sentence.rstrip())
    i = end
    while i > 0 and sentence[i - 1] in "\"')]":
        i -= 1
    j = i
    while j > 0 and sentence[j - 1] in ".!?":
        j -= 1
    if j == i:
        return sentence.rstrip(), "."
    return sentence[:j].rstrip(), "?" if "?" in sentence[j:i] else "."


def remove_clause(sentence: str, start: int, end: int) -> str | None:
    """Remove the clause of ``sentence`` that holds [start, end) (offsets in the sentence).

    Returns the sentence without it (ending punctuation kept), or None when nothing worth keeping
    (fewer than three words) is left.
    """
    return remove_clauses(sentence, [(start, end)])


def remove_clauses(sentence: str, spans: list[tuple[int, int]]) -> str | None:
    """Remove every clause of ``sentence`` that holds one of ``spans`` (offsets in the sentence, all
    read on the sentence as given: several phrases in one sentence, even overlapping ones, each take
    their own clause and nothing else). None when fewer than three words are left."""
    body, punct = _end_punct(sentence)
    cuts: list[list[int]] = []
    for start, end in spans:
        start, end = min(start, len(body)), min(end, len(body))
        lead_start = 0
        for m in _CLAUSE_LEAD.finditer(body, 0, start):
            if m.end() <= start:
                lead_start = m.start()
        tail = _CLAUSE_END.search(body[end:])  # sliced, so that its look-behinds see nothing before `end`
        # A clause cut off after 'going to have' / 'will' leaves a broken one: the cut starts earlier.
        while lead_start > 0 and _DANGLING.search(body[:lead_start]):
            earlier = [m.start() for m in _CLAUSE_LEAD.finditer(body, 0, lead_start) if m.end() <= lead_start and m.start() < lead_start]
            lead_start = earlier[-1] if earlier else 0
        if lead_start == 0:
            # The clause opens the sentence: it goes with the separator after it.
            cuts.append([0, end + tail.end() if tail else len(body)])
        else:
            cuts.append([lead_start, end + tail.start() if tail else len(body)])
    merged: list[list[int]] = []
    for c in sorted(cuts):
        if merged and c[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], c[1])
        else:
            merged.append(c)
    kept, pos = [], 0
    for s, e in merged:
        kept.append(body[pos:s])
        pos = e
    kept.append(body[pos:])
    text = "".join(kept).strip(" ,;:-")
    if merged and merged[0][0] == 0:
        text = re.sub(r"^(?:and|but|so)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<!\s)\s+([,;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,;:-")
    text = re.sub(r",(?:\s*,)+", ",", text)
    if len(text.split()) < 3 or text.split()[0].lower() in _FRAGMENT_START:
        return None
    return text[0].upper() + text[1:] + punct


def customer_framed_request(ctx: "Context", sentence: str, start: int, end: int, *, with_reason: bool = True) -> str:
    """A sales-framed sentence (hit at [start, end) in it) -> the same request framed for customers.

    "Please help me change the title of this product to increase sales." ->
    "The current title makes it hard for customers to find this product. Please help me change the
    title of this product so that customers can find it."
    """
    reason = customer_reason(ctx, ctx.text) + " " if with_reason else ""
    benefit = customer_benefit(ctx, ctx.text)
    kept = remove_clause(sentence, start, end)
    at = ctx.text.find(sentence)
    if at >= 0 and not keeps_named_facts(ctx, at, at + len(sentence), kept):
        kept = sentence  # an ID or a quoted name in the sales clause: the request stays as written
    data = figures_line(ctx, sentence, kept)  # the seller's figures in the sales clause, as plain data
    data = " " + data if data else ""
    if kept is None:
        return reason + ctx.template("customer-request-generic", benefit=benefit) + data
    body, punct = _end_punct(kept)
    body = _HELP_ME.sub(lambda m: m.group(1) + " ", body)  # "Please help me change" -> "Please change"
    if punct == "?":
        return f"{reason}{body}?{data}"
    return f"{reason}{body} so that {benefit}.{data}"


def soften(ctx: "Context", start: int, end: int, hostile: list[tuple[int, int]]) -> str:
    """The sentence at [start, end) with its hostile phrases (absolute spans) softened.

    A phrase with a ``soften.<phrase>`` template is replaced by it ("immediately" -> "as soon as
    possible", "you people" -> "your team"); any other hostile phrase takes its clause with it, unless
    that clause carries facts (numbers, IDs), in which case only the phrase goes. Returns "" when
    nothing but hostility was left.
    """
    sentence = ctx.text[start:end]
    spans = []
    for s, e in sorted({(max(s, start) - start, min(e, end) - start) for s, e in hostile if s < end and e > start},
                       key=lambda se: (se[0], -se[1])):
        if not spans or s >= spans[-1][1]:  # overlapping phrases ("fix it now", "now!"): keep the first, longest
            spans.append((s, e))
    facts = bool(_FACT.search(sentence)) or _ids_in(ctx, start, end) or bool(_QUOTED.search(sentence))
    # Right to left, so the offsets of the spans still to do stay valid. A phrase with a calm
    # equivalent is replaced; the first one without takes its clause and ends this pass (the caller
    # re-analyses and calls again until nothing hostile is left).
    for s, e in reversed(spans):
        key = "soften." + sentence[s:e].lower()
        if key in ctx.lexicons.templates:
            calm = ctx.template(key)
            if s == 0 and calm:
                calm = calm[0].upper() + calm[1:]
            sentence = sentence[:s] + calm + sentence[e:]
            continue
        reduced = remove_clause(sentence, s, e)
        if reduced is None and not facts:
            return ""
        if reduced is None or not _keeps_facts(ctx, start, end, sentence, reduced):
            sentence = sentence[:s] + sentence[e:]
        else:
            sentence = reduced
        break
    sentence = re.sub(r"\s{2,}", " ", sentence)
    sentence = re.sub(r"\b(please)\s+please\b", r"\1", sentence, flags=re.IGNORECASE)
    sentence = re.sub(r"(?<!\s)\s+([,.;:!?])", r"\1", sentence).strip(" ,;:-")
    if not re.search(r"[A-Za-z]{2,}", sentence):
        return ""
    if sentence and sentence[0].islower():
        sentence = sentence[0].upper() + sentence[1:]
    if sentence and sentence[-1] not in ".?":
        sentence = sentence.rstrip("!") + "."
    return sentence


def sentence_fix(text: str, start: int, end: int, new: str, title: str) -> "Fix":
    """An unsafe fix replacing the sentence at [start, end) with ``new``; "" drops it, with the spaces
    after it (and its line, when the sentence was alone on it)."""
    from caselint.model import Applicability, Edit, Fix, Span

    if new:
        return Fix(title, (Edit(Span(start, end), new),), Applicability.UNSAFE)
    line_start = text.rfind("\n", 0, start) + 1
    stop = end
    while stop < len(text) and text[stop] in " \t":
        stop += 1
    if not text[line_start:start].strip() and (stop == len(text) or text[stop] in "\r\n"):
        start = line_start
        if text.startswith("\r\n", stop):
            stop += 2
        elif stop < len(text):
            stop += 1
    return Fix(title, (Edit(Span(start, stop), ""),), Applicability.UNSAFE)


# Words that go with a figure ('about 60 units a day', 'down 70%', 'since May 12') and words that end it.
_FIGURE_LEAD = frozenset({"about", "around", "over", "nearly", "almost", "roughly", "approximately", "from", "to", "by",
                          "down", "up", "since", "on", "drop", "dropped", "fell", "fallen", "rose", "under", "only",
                          "zero", "for"})
_FIGURE_STOP = frozenset({"in", "of", "and", "or", "but", "the", "a", "an", "to", "for", "on", "at", "we", "i", "is",
                          "are", "was", "were", "it", "this", "that", "our", "my", "sales", "revenue", "profit",
                          "income", "if", "because", "so", "with", "since", "from", "by", "down", "up", "very",
                          "and", "have", "has", "had", "be", "been"})
_PERIOD = frozenset({"day", "week", "month", "year", "quarter", "hour"})
_FIGURE_GAP = 3  # figures this many words apart or closer are one phrase ('from about 60 units a day to 8')


def figures_line(ctx: "Context", before: str, after: str | None) -> str:
    """The figures of ``before`` that ``after`` lost (a sales argument removed), as one plain data line
    with their units and the measure they are of: 'Sales: from about 60 units a day to 8.', 'BSR: from
    #310 to #2,400.' A label before a colon is data, not a reason (JUDGEMENT.md: 'Sales Rank: 1,203').
    "" when nothing was lost."""
    lost = [n for n in re.findall(r"\d+", before) if n not in re.findall(r"\d+", after or "")]
    if not lost:
        return ""
    tokens = list(re.finditer(r"\S+", before))
    spans: list[list[int]] = []
    for i, t in enumerate(tokens):
        if spans and i <= spans[-1][1] or not any(n in re.findall(r"\d+", t.group(0)) for n in lost):
            continue
        a = i
        while a > 0 and tokens[a - 1].group(0).lower() in _FIGURE_LEAD and (not spans or a - 1 > spans[-1][1]) and i - a < 2:
            a -= 1
        if a > 1 and (not spans or a - 1 > spans[-1][1]) and re.fullmatch(r"[A-Z][a-z]+", tokens[a - 1].group(0)):
            a -= 1  # its label written before it ('May 12', 'Oct 30'), not a sentence's first word
        b = i
        while b + 1 < len(tokens) and b - i < 3 and not re.search(r"[,.;:!?]$", tokens[b].group(0)):
            nxt = tokens[b + 1].group(0)
            word = nxt.strip(",.;:!?").lower()
            per = b + 2 < len(tokens) and word in ("a", "an", "per", "each", "every") \
                and tokens[b + 2].group(0).strip(",.;:!?").lower() in _PERIOD
            if per:
                b += 2  # 'a month', 'per day': the figure's unit
            elif re.search(r"\d", nxt) or (word.isalpha() and word not in _FIGURE_STOP):
                b += 1
            else:
                break
        gap = before[tokens[spans[-1][1]].end():tokens[a].start()] if spans else ""
        if spans and a - spans[-1][1] - 1 <= _FIGURE_GAP and not re.search(r"[,.;:!?]", before[tokens[spans[-1][1]].start():tokens[a].start()]) \
                and not re.search(r"(?i)\b(?:and|but|because|so)\b", gap):
            spans[-1][1] = b  # 'from about 60 units' + 'a day' + 'to 8': one phrase
        else:
            spans.append([a, b])
    phrases = [before[tokens[a].start():tokens[b].end()].strip(",.;:!?") for a, b in spans]
    phrases = [p.lower() if p.isupper() else p for p in phrases]  # 'DOWN 60%' is shouting, not data
    if not phrases:
        return ""
    return ctx.template("figures", label=_figures_label(ctx, before), figures=", ".join(phrases))


_LOSS = frozenset({"lost", "losing", "lose", "loss", "losses"})
_NOT_A_MEASURE = frozenset({"my", "our", "the", "in", "of", "a", "an", "lost", "losing", "lose", "loss", "losses",
                             "are", "is", "have", "has", "increase", "boost", "more"})


def _figures_label(ctx: "Context", sentence: str) -> str:
    """What the figures measure, in the writer's words ('Sales', 'Ranking', 'BSR', 'Lost sales'),
    else the template's neutral label. A loss goes into the label, not before the figure ('losing
    $3,000 a month' reads as a reason; 'Lost sales: $3,000 a month' is data)."""
    at = ctx.text.find(sentence)
    noun, loss = None, False
    if at >= 0:
        for h in ctx.hits_in("framing.sales", at, at + len(sentence)):
            words = re.findall(r"[A-Za-z][\w-]*", h.text)
            loss = loss or any(w.lower() in _LOSS for w in words)
            nouns = [w for w in words if w.lower() not in _NOT_A_MEASURE and w.lower() not in _FIGURE_LEAD]
            if noun is None and len(nouns) == 1:
                noun = nouns[0] if nouns[0].isupper() and len(nouns[0]) <= 4 else nouns[0].lower()
    if noun is None:
        return ctx.template("figures-label")
    label = "lost " + noun if loss else noun
    return label[:1].upper() + label[1:]


def keeps_named_facts(ctx: "Context", start: int, end: int, after: str | None) -> bool:
    """Every identifier and quoted name of the sentence at [start, end) is still in ``after``."""
    after = after or ""
    if any(q not in after for q in _QUOTED.findall(ctx.text[start:end])):
        return False
    return all(ctx.text[i.start:i.end] in after for i in ctx.identifiers
               if start <= i.start and i.end <= end and i.kind not in ("quantity", "amount", "date"))


def neutral_labels(ctx: "Context", start: int, end: int) -> str:
    """The sentence at [start, end) with each sales label that has a plain equivalent (``neutral.<phrase>``
    in the lexicon: 'my best seller' -> 'my product') replaced; the rest as written."""
    sentence = ctx.text[start:end]
    for h in reversed(ctx.hits.longest("framing.sales")):
        key = "neutral." + h.text.lower()
        if start <= h.start and h.end <= end and key in ctx.lexicons.templates:
            sentence = sentence[:h.start - start] + ctx.template(key) + sentence[h.end - start:]
    return sentence


def keeps_numbers(before: str, after: str | None) -> bool:
    """Every number written in ``before`` is still in ``after``."""
    numbers = re.findall(r"\d+", before)
    return not numbers or (after is not None and all(n in re.findall(r"\d+", after) for n in numbers))


def _keeps_facts(ctx: "Context", start: int, end: int, before: str, after: str) -> bool:
    """Every number and every identifier of the sentence is still there."""
    numbers = re.findall(r"\d+", before)
    if any(n not in re.findall(r"\d+", after) for n in numbers):
        return False
    if any(q not in after for q in _QUOTED.findall(before)):
        return False
    return all(ctx.text[i.start:i.end] in after for i in ctx.identifiers if start <= i.start and i.end <= end)


def _ids_in(ctx: "Context", start: int, end: int) -> bool:
    return any(i.start < end and start < i.end for i in ctx.identifiers)


# --- voice: the writer's person ------------------------------------------------------------------

_SINGULAR = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my|mine)\b")
_PLURAL = re.compile(r"\b(?:we|we're|we've|we'll|us|our|ours)\b", re.I)
_TO_SINGULAR = {"we": "I", "We": "I", "us": "me", "our": "my", "Our": "My", "ours": "mine", "Ours": "Mine",
                "we're": "I'm", "We're": "I'm", "we've": "I've", "We've": "I've", "we'll": "I'll", "We'll": "I'll"}
_PLURAL_WORD = re.compile(r"\b(?:[Ww]e(?:'re|'ve|'ll)?|us|[Oo]urs?)\b")


def person(text: str) -> str:
    """'I' when the writer speaks for themself (more I / me / my than we / us / our), else 'we'."""
    return "I" if len(_SINGULAR.findall(text)) > len(_PLURAL.findall(text)) else "we"


def in_voice(sentence: str, writer: str) -> str:
    """A template sentence (written with 'we') in the writer's person: 'so that we have' -> 'so that I have'."""
    if writer != "I" or not sentence:
        return sentence
    return _PLURAL_WORD.sub(lambda m: _TO_SINGULAR.get(m.group(0), m.group(0)), sentence)


__all__ = ["topic", "customer_reason", "customer_benefit", "customer_framed_request", "remove_clause", "remove_clauses", "soften",
           "sentence_fix", "person", "in_voice"]


# --- long sentences: split at clause boundaries (CL001) -------------------------------------------

# Clause boundaries, best first: (pattern, what replaces the match at the start of the new sentence).
# A boundary without a comma ('... and we do not know why') counts only before a subject.
_SUBJECT = r"(?=(?:i|we|they|it|he|she|you|this|that|these|those|the|my|our|your|their|nobody|no one|there|amazon)\b)"
_SPLITS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"(?<!\s)\s*+;\s++"), ""),
    (re.compile(r",\s++and\s++(?:then\s++)?", re.I), ""),
    (re.compile(r",\s++(but|so|however|then|yet)\s++", re.I), r"\1 "),
    (re.compile(r"(?<!\s),?\s++because\s++", re.I), "This is because "),
    (re.compile(r",\s++which\s++", re.I), "This "),
    (re.compile(r"(?<!\s)\s++and\s++(?:then\s++)?" + _SUBJECT, re.I), ""),
    (re.compile(r"(?<!\s)\s++(but|so)\s++" + _SUBJECT, re.I), r"\1 "),
    (re.compile(r"(?<!\s),?\s++(?=please\b)", re.I), ""),
    (re.compile(r",\s++" + _SUBJECT, re.I), ""),
    (re.compile(r"(?<!\s)\s++-++\s++|(?<!\s)\s*+[–—]\s*+"), ""),
    (re.compile(r",\s++"), ""),
    (re.compile(r"(?<!\s)\s++and\s++(?:also\s++)?", re.I), ""),
    (re.compile(r"(?<!\s)\s++(?=(?:we|i|they|he|she)\s)", re.I), ""),
)
_MIN_PART = 4  # words: a shorter piece is not a sentence of its own


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’.]\w+)*", text))


def split_sentence(sentence: str, limit: int, protected: list[tuple[int, int]] = ()) -> str:
    """``sentence`` cut at clause boundaries into sentences of at most ``limit`` words where it can
    be ('...; ...', ', and ...', ', but ...', 'because ...'), best boundary first and nearest the
    middle. Nothing inside ``protected`` spans (IDs, links, quotes; offsets in the sentence) is cut.
    Every word of the sentence is kept except a joining 'and' ('because' becomes 'This is because')."""
    if _words(sentence) <= limit:
        return sentence
    total = len(sentence)
    for pattern, lead in _SPLITS:
        best = None
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in protected):
                continue
            head, tail = sentence[:m.start()], sentence[m.end():]
            if _words(head) < _MIN_PART or _words(tail) < _MIN_PART or not re.match(r"[\w\"'“(\[]", tail):
                continue
            off = abs(m.start() - total / 2)
            if best is None or off < best[0]:
                best = (off, m)
        if best is None:
            continue
        m = best[1]
        head = sentence[:m.start()].rstrip(" ,;:-–—")
        if head and head[-1] not in ".?!":
            head += "."
        start = m.expand(lead) if lead else ""
        tail = sentence[m.end():]
        new_tail = (start + tail) if start else tail
        new_tail = new_tail[:1].upper() + new_tail[1:]
        shift = m.end() - len(start)
        left = [(s, e) for s, e in protected if e <= m.start()]
        right = [(s - shift, e - shift) for s, e in protected if s >= m.end()]
        return split_sentence(head, limit, left) + " " + split_sentence(new_tail, limit, right)
    return sentence


# --- requests the addressed team cannot grant (RT002-RT005, RT009) --------------------------------

class _Cut:
    def __init__(self, at: int):
        self.at = at

    def start(self) -> int:
        return self.at


_LEAD_WORDS = 12  # a lead of at most this many words, without facts, is only the asking ('Please', 'Can you')
_DETERMINER = re.compile(r"(?:\b(?:a|an|the|my|our|this|these|that|those|their|its)\s+)$", re.I)


def reroute(ctx: "Context", start: int, end: int, hit_start: int, voice, ask: bool = True) -> tuple[str, str] | None:
    """The sentence at [start, end) asks for what the addressed team cannot do (its request starts at
    ``hit_start``): (the text before the request kept as its own sentence when it carries something,
    the limit acknowledged in the writer's words: 'We understand that Seller Support cannot remove the
    review on B0...'). The question the team can answer is the rule's template, added by the caller.
    Every fact of the sentence (IDs, numbers, quotes) stays."""
    text = ctx.text
    lead = text[start:hit_start]
    m = _DETERMINER.search(lead)
    if m:
        hit_start -= len(m.group(0))
        lead = text[start:hit_start]
    if not ask and _words(lead) > 3:
        return None  # a statement that tells more than the request: the writer's words stay
    core, _ = _end_punct(text[hit_start:end])
    core = core.strip().rstrip(" ,;:")
    if not core:
        return None
    kept_lead = ""
    facts_in_lead = bool(_FACT.search(lead)) or any(start <= i.start < hit_start for i in ctx.identifiers) or '"' in lead
    # The lead is the asking ('Please', 'We would be grateful if you could') after whatever the
    # sentence said first ('Below sellers are selling counterfeits, please help to ...'): what comes
    # before the last clause boundary stays, as its own sentence.
    split = None
    for m in re.finditer(r"[,;:]\s++|(?<!\s)\s++(?:and|also|then)\s++", lead, re.I):
        after = lead[m.end():]
        if _words(lead[:m.start()]) >= 3 and _words(after) <= _LEAD_WORDS and not _FACT.search(after) and '"' not in after:
            split = m
    if split is not None:
        kept_lead = lead[:split.start()].strip()
        kept_lead = kept_lead[:1].upper() + kept_lead[1:].rstrip(" ,;:") + "."
        asking = ctx.hits_in("request.polite", start, start + split.start()) or \
            ctx.hits_in("request.plain", start, start + split.start())
        if asking and not _FACT.search(kept_lead) and '"' not in kept_lead:
            kept_lead = ""  # 'Pls help to check why and get the Buy Box back': one routed request, not two
    elif facts_in_lead or _words(lead) > _LEAD_WORDS:
        # The request sits inside a sentence that carries facts of its own: its facts go with it.
        extra = [t for t in re.findall(r"\S+", lead) if _FACT.search(t) or t.startswith('"')]
        if not extra and _words(lead) > _LEAD_WORDS:
            return None
        core = core + " (" + " ".join(t.strip(",;:") for t in extra) + ")" if extra else core
    # What follows the request in its sentence without facts ('... or I will go to Walmart', '... and
    # nobody can tell me why') is not part of it.
    cut = re.search(r"(?:,\s*(?:(?:or|and|but)\s+)?|\s+(?:or|and|but)\s+)" + _SUBJECT, core[1:], re.I)
    cut = _Cut(cut.start() + 1) if cut else None
    if cut and not _FACT.search(core[cut.start():]) and '"' not in core[cut.start():] and _words(core[:cut.start()]) >= 2:
        core = core[:cut.start()]
    first = re.match(r"\w+", core)
    verb = first is not None and any(h.start == hit_start and h.end == hit_start + len(first.group(0))
                                     for h in ctx.hits.get("rewrite.request_verb"))
    if verb and not core[:2].isupper():
        core = core[:1].lower() + core[1:]  # 'Remove the review' -> '... cannot remove the review'
    elif not verb and re.match(r"(?:The|A|An|This|These|That|Those|My|Our)\s", core):
        core = core[:1].lower() + core[1:]
    # The template in the writer's person first, then the writer's own words put in unchanged.
    limit = voice(ctx.template("reroute-limit" if verb else "reroute-limit-topic"))
    if not limit:
        return None
    limit = limit.replace("{action}", core).replace("{topic}", core)
    return kept_lead, limit


__all__ += ["split_sentence", "reroute"]
