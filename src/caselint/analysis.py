"""What a careful reader sees in a draft before judging it, computed once and shared by all rules:
its layout, kind and addressee, its asks, whether it follows up the seller's own earlier contact,
and courtesy and hostility as properties of the whole draft (../JUDGEMENT.md).

Everything is decided from offsets, hits and line kinds (lists built once per draft, looked up by
bisection); no rule walks Token objects again. Words come from the lexicons (tags named below):
English phrases and patterns (lexicons/en/), Japanese and Chinese wording as regexes (lexicons/ja/,
lexicons/zh/); thresholds are policy (lexicons/policy.toml [analysis]).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING

from caselint import layout as L
from caselint.language import CJK_CHAR
from caselint.policy import policy
from caselint.document import Sentence

if TYPE_CHECKING:
    from caselint.context import Context

HOSTILE_TAGS = ("tone.insult", "tone.blame", "tone.threat", "tone.demand", "tone.sarcasm", "tone.frustration")
_QUOTED = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”|「[^」\n]{1,200}」')
_SINGLE_QUOTED = re.compile(r"(?<!\w)'[^'\n]{1,60}'(?!\w)")
_FORUM_TITLE = re.compile(r"^[ \t]*+title[ \t]*+:", re.I)  # forum posts have a title; case messages a subject
_TO_LINE = re.compile(r"^[ \t]*+to[ \t]*+:", re.I)
_NEGATION_REACH = 8  # characters between a negation and what it negates ('not ever contacted')
# Trigger entries that describe a problem rather than the answer ('wrong', 'still shows'): they report
# a wrong answer only in a sentence about the answer.
_WEAK_TRIGGERS = frozenset({"escalation-trigger", "still-broken", "fix-failed", "zh-still-broken"})
ON_OFF_WORDS = frozenset({"deactivated", "deactivate", "deactive", "deactivation", "reactivate", "reactivation"})
_CONTACTED_ME = re.compile(r"^\w+ (?:to |with )?(?:me|us)\b", re.I)
# Broken punctuation (script-level, no words): broken grammar comes from the lexicons (grammar.broken).
_NOISE = re.compile(
    r"(?P<space_before>(?<=[^\W_]) [,;:?!.]++(?=\s|$))"       # 'receive 0 , the box'
    r"|(?P<comma_run>(?<!,),{2,}+|[,;] *+\.(?!\.))"           # ',,,'  ', .'
    r"|(?P<mid_query>(?<![?!])[?!]{2,}+(?= +[a-z]))")          # '?? the 3 box'
_LEAD = " \t\n\"'“‘(*-–—"  # what may come before a sentence's first word
_YOU = frozenset({"you", "your", "yours"})
# Escalation words that are often a title or a report of the past ('Operations Manager', 'it was
# escalated'): they count only inside an ask.
_NARRATED = frozenset({"manager", "escalated"})
_AT_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][\w.-]{1,40}")


def _sentence_like(quoted: str) -> bool:
    """Three words or more (or, unspaced Japanese / Chinese, six characters or more): a quoted reply, not a name."""
    return len(quoted.split()) >= 3 or (not quoted.isascii() and len(CJK_CHAR.findall(quoted)) >= 6)


class Spans:
    """(start, end) spans, overlapping ones merged, with O(log n) membership."""

    def __init__(self, spans):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.spans = merged
        self._starts = [s for s, _ in merged]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]


class Offsets:
    """Sorted offsets; 'is there one in [start, end)' in O(log n) (a scan per sentence was quadratic on
    long drafts)."""

    def __init__(self, offsets):
        self.offsets = sorted(offsets)

    def in_range(self, start: int, end: int) -> list[int]:
        return self.offsets[bisect_left(self.offsets, start):bisect_left(self.offsets, end)]

    def any_in(self, start: int, end: int) -> bool:
        i = bisect_left(self.offsets, start)
        return i < len(self.offsets) and self.offsets[i] < end

    def __bool__(self) -> bool:
        return bool(self.offsets)


class SentenceIndex:
    """Offset -> sentence in O(log n) (a linear scan per finding was quadratic on long drafts)."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset <= self.sentences[i].end:
            return self.sentences[i]
        return None

    def between(self, start: int, end: int) -> list[Sentence]:
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return self.sentences[lo:hi]


def _limit(key: str) -> float:
    """A threshold of the analysis: lexicons/policy.toml [analysis]."""
    return policy().analysis[key]


class DraftAnalysis:
    """The draft as a whole. Properties are computed on first use and cached."""

    def __init__(self, ctx: "Context"):
        self.ctx = ctx
        self.hits = ctx.hits
        self.text = ctx.text

    # -- layout ------------------------------------------------------------------------------------
    @cached_property
    def layout(self) -> L.Layout:
        greetings = [h.start for h in self.hits.get("greeting")]
        signoffs = [(h.start, h.end) for h in self.hits.get("signoff")] + [(h.start, h.end) for h in self.hits.get("thanks")]
        return L.classify(self.text, greetings, signoffs)

    @cached_property
    def index(self) -> SentenceIndex:
        return SentenceIndex(self.ctx.document.sentences)

    @cached_property
    def quoted(self) -> Spans:
        """Quoted words (an earlier reply, a policy name, a buyer's message) are not the writer's own."""
        spans = [(m.start(), m.end()) for m in _QUOTED.finditer(self.text)] if any(q in self.text for q in '"“「') else []
        lay = self.layout
        spans += [(lay.starts[i], lay.ends[i]) for i, k in enumerate(lay.kinds) if k == L.QUOTE]
        return Spans(spans)

    def own(self, offset: int) -> bool:
        """Written by the seller in the draft's own voice: not quoted, not in a link."""
        return not self.quoted.covers(offset) and not self.layout.in_link(offset, offset + 1)

    @cached_property
    def prose(self) -> list[Sentence]:
        """The writer's own sentences: no headings, quoted replies, subject lines or signature."""
        lay = self.layout
        return [s for s in self.ctx.document.sentences if lay.kind_at(s.start) not in L.NOT_PROSE
                and lay.kind_at(s.start) not in (L.SIGNOFF,)]

    # -- asks ------------------------------------------------------------------------------------------
    @cached_property
    def asks(self) -> list[Sentence]:
        """Sentences that ask the associate to do or answer something. Statements of intent, narration,
        headings and list items of a plan are not asks; a list item with 'please' is."""
        lay = self.layout
        polite = Offsets(h.start for h in self.hits.get("request.polite") if self.own(h.start))
        plain = Offsets(h.start for h in self.hits.get("request.plain") if self.own(h.start))
        not_asks = Offsets(h.start for h in self.hits.get("ask.not"))
        out = []
        for sent in self.prose:
            is_polite = polite.any_in(sent.start, sent.end)
            if not_asks.any_in(sent.start, sent.end) and not is_polite:
                continue
            if is_polite:
                out.append(sent)
                continue
            if lay.kind_at(sent.start) == L.LIST:
                continue
            if plain.any_in(sent.start, sent.end):
                out.append(sent)
                continue
            if sent.text.rstrip().endswith(("?", "？")):
                out.append(sent)
        return out

    @cached_property
    def _negations(self) -> dict[int, int]:
        return {h.start: h.end for h in self.hits.get("routing_generic.negation")}

    @cached_property
    def _negation_starts(self) -> Offsets:
        return Offsets(self._negations)

    def _negated(self, sent: Sentence, hit) -> bool:
        """A negation before the hit in its own clause: 'this is not about the Buy Box'."""
        return any(self._same_clause(self._negations[n], hit.start)
                   for n in self._negation_starts.in_range(sent.start, hit.start))

    def _negated_before(self, hit) -> bool:
        """A negation just before the hit ('I have not contacted Seller Support'); one inside the hit
        itself ('no reply yet') is part of what it says."""
        return any(0 <= hit.start - n.end <= _NEGATION_REACH for n in self.hits.within("grammar.not", hit.start - 20, hit.start))

    @cached_property
    def _ask_starts(self) -> set[int]:
        return {s.start for s in self.asks}

    def unnegated(self, tag: str) -> list:
        """Hits of ``tag`` in the writer's own prose that no negation precedes in their sentence."""
        out = []
        for hit in self.hits.get(tag):
            sent = self.index.at(hit.start)
            if not self.own(hit.start) or sent is None or self.layout.kind_at(hit.start) in L.NOT_PROSE:
                continue
            if not self._negated(sent, hit):
                out.append(hit)
        return out

    def asks_for(self, tag: str) -> list:
        """Hits of ``tag`` inside an ask, not negated ('this is not about the Buy Box')."""
        out = []
        for hit in self.hits.get(tag):
            if not self.own(hit.start):
                continue
            sent = self.index.at(hit.start)
            if sent is None or sent.start not in self._ask_starts or self._negated(sent, hit):
                continue
            out.append(hit)
        return out

    def _points_back(self, sent: Sentence) -> bool:
        """The sentence starts with a word that refers to the one before ('It is not.', 'Still nothing.')."""
        lead = sent.start + len(sent.text) - len(sent.text.lstrip(_LEAD))
        return any(h.start == lead for h in self.hits.within("grammar.points_back", lead, sent.end))

    def asks_referring(self, tag: str, antecedents: tuple[str, ...]) -> list:
        """Asks that name their object with a pronoun ('Can you write it for me?'): hits of ``tag`` in
        an ask whose sentence, or the one before it, names the object (a hit of an antecedent tag)."""
        hits = self.asks_for(tag)
        if not hits:
            return []
        named = Offsets(h.start for t in antecedents for h in self.hits.get(t) if self.own(h.start))
        sentences = self.ctx.document.sentences
        starts = [s.start for s in sentences]
        out = []
        for hit in hits:
            i = bisect_right(starts, hit.start) - 1
            lo = sentences[max(i - 1, 0)].start if i >= 0 else 0
            if named.any_in(lo, hit.start):
                out.append(hit)
        return out

    def _same_clause(self, start: int, end: int) -> bool:
        """No clause boundary between two offsets ('If you cannot fix it, please reply by e-mail': the
        negation does not reach the ask)."""
        between = self.text[start:end].lower()
        return not any(mark in between for mark in (",", ";", ":", " but ", " and ", " so "))

    # -- kind and addressee ---------------------------------------------------------------------------
    @cached_property
    def opening(self) -> list[tuple[int, int]]:
        """The short lines that open a draft (greeting, 'To:' line, title): where it names its addressee."""
        lay = self.layout
        out = []
        for i in [i for i, k in enumerate(lay.kinds) if k != L.BLANK][:_limit("opening-lines")]:
            line = self.text[lay.starts[i]:lay.ends[i]]
            if lay.kinds[i] in (L.GREETING, L.SUBJECT, L.HEADING) or len(line.split()) <= _limit("opening-max-words"):
                out.append((lay.starts[i], lay.ends[i]))
            elif not out:
                out.append((lay.starts[i], lay.starts[i] + min(len(line), 40)))  # 'Dear Seller Support, please ...'

        return out

    @cached_property
    def addressee(self) -> str | None:
        """forum | seller_performance | seller_support | generic | None, from the opening lines."""
        spans = self.opening
        inside = lambda tag: any(s <= h.start < e for h in self.hits.get(tag) for s, e in spans)  # noqa: E731
        if inside("addressee.forum") or any(_AT_HANDLE.search(self.text[s:e]) for s, e in spans) or \
                any(_FORUM_TITLE.match(self.text[s:e]) for s, e in spans):
            return "forum"
        greeting_or_to = [(s, e) for s, e in spans if self.layout.kind_at(s) != L.SUBJECT
                          or _TO_LINE.match(self.text[s:e])]
        named = lambda tag: any(s <= h.start < e for h in self.hits.get(tag) for s, e in greeting_or_to)  # noqa: E731
        if named("team.performance"):
            return "seller_performance"
        if named("team.support"):
            return "seller_support"
        if self._support_called_on:
            return "seller_support"
        if inside("greeting"):
            return "generic"
        return None

    @cached_property
    def _support_called_on(self) -> bool:
        """Seller Support named in the body as the one asked, right after the request word ('恳请卖家支持帮忙
        恢复我们的账户'): the draft is addressed to it even when the opening names nobody."""
        ends = {h.end for h in self.hits.get("request.polite") if self.own(h.start)}
        return any(self.own(h.start) and self._in_ask(h.start) and any(h.start - e in (0, 1) for e in ends)
                   for h in self.hits.get("team.support"))

    @cached_property
    def forum(self) -> bool:
        return self.addressee == "forum" or self.hits.any("addressee.forum_body")

    @cached_property
    def appeal_structure(self) -> bool:
        """A plan of action: two distinct markers (root cause, corrective actions, preventive measures...),
        or two or more headings in a draft about an account or listing action."""
        if len({h.text.lower() for h in self.hits.get("appeal.structure")}) >= _limit("appeal-markers"):
            return True
        return self.layout.count(L.HEADING) >= _limit("appeal-headings") and any(self.own(h.start) for h in self.hits.get("appeal.action"))

    @cached_property
    def plan_of_action(self) -> bool:
        """An appeal by its own words: plan-of-action structure, or it calls itself an appeal."""
        return self.appeal_structure or any(self.own(h.start) for h in self.hits.get("appeal.explicit"))

    @cached_property
    def appeal(self) -> bool:
        """An appeal / plan of action to Seller Performance: its structure, or an appeal of an
        account-level or policy action. A plain 'restore my listing' is a case, not an appeal."""
        if self.forum:
            return False
        if self.asks_for_poa and not self.layout.count(L.HEADING):
            return False  # asking Seller Support to write the plan of action: the writer has no appeal yet
        if self.plan_of_action:
            return True
        if self.addressee == "seller_support":
            return False  # a Contact-us case about the action, not an appeal
        actions = [h for h in self.hits.get("appeal.action") if self.own(h.start)]
        if actions and self.addressee == "seller_performance":
            return True  # appeals and re-appeals to Seller Performance
        if self.asks_for_poa:
            return False
        if any(self.own(h.start) and self._in_ask(h.start) and self.hits.within("grammar.account", h.start, h.end)
               for h in self.hits.get("routing.reinstate")):
            # A deactivated account cannot open a Contact-us case: asking it back is an appeal, a
            # re-appeal or an angry one included (JUDGEMENT: re-appeals are exempt like the first) -
            # unless a follow-up names Seller Performance as someone else ('they send the same form
            # letter, so I am asking you'): then it asks Seller Support instead.
            if not (self.followup or self.hostile):
                return True
            return not any(self.own(h.start) for h in self.hits.get("team.performance"))
        if self.followup or self.hostile:
            return False
        if any(self.own(h.start) and self._in_ask(h.start) for h in self.hits.get("ask.which_team")):
            return False  # 'which team should I send the appeal to?' is a question to Seller Support
        # Two signs of an appeal, not one ('Reinstate it please' alone is a Contact-us case), and one of
        # them more than a listing switched off and on ('deactivated' ... 'reactivate' is a listing case).
        words = {h.text.lower() for h in actions}
        return len(words) >= _limit("appeal-action-words") and bool(words - ON_OFF_WORDS)

    @cached_property
    def asks_for_poa(self) -> bool:
        """Asks the associate to write the plan of action ('please write our POA', 'can you write it for
        me?' after a sentence about the plan of action)."""
        return bool(self.asks_for("routing.poa")
                    or self.asks_referring("refers.poa", ("appeal.structure", "appeal.explicit", "topic.poa")))

    @cached_property
    def template(self) -> bool:
        """A shared template: several unfilled slots, or one slot and a line calling it a template."""
        # caselint's own '[add the ... here]' / '[say ...]' placeholders mark facts to fill in before sending: a draft
        # holding them is a draft, not a shared template.
        slots = {h.start for h in self.hits.get("id_placeholder")
                 if not self.layout.in_link(h.start, h.end) and not h.text.lower().startswith(("[add ", "[say "))}
        return len(slots) >= _limit("template-slots") or (bool(slots) and self.hits.any("kind.template"))

    @cached_property
    def closing_note(self) -> bool:
        """A thank-you note that closes a case: the problem is solved, nothing is asked."""
        closing = Offsets(h.start for h in self.unnegated("kind.closing"))  # not 'do not close this case
        if not closing or self.hits.any("escalation.trigger") or self.hits.any("routing.reinstate"):
            return False
        if any(self.own(h.start) and self._in_ask(h.start) for h in self.hits.get("routing")):
            return False  # 'the buyer's problem is solved, please remove the feedback' still asks for something
        # Nothing else is asked: every ask is the closing itself ('you can close the case').
        return all(closing.any_in(s.start, s.end) for s in self.asks)

    @cached_property
    def kind(self) -> str:
        if self.template:
            return "template"
        if self.forum:
            return "forum"
        if self.appeal:
            return "appeal"
        if self.closing_note:
            return "closing"
        return "followup" if self.followup else "case"

    # -- follow-up ------------------------------------------------------------------------------------
    @cached_property
    def followup(self) -> bool:
        """The seller's own earlier contact on this matter (a reply, a reopen, 'my third case', a
        re-appeal). A buyer's message, or 'this will never happen again', is not one."""
        # 'the buyer messaged me four times' is someone else's contact, not the seller's own.
        strong = [h for h in self.hits.get("followup.strong") if self.own(h.start) and not _CONTACTED_ME.match(h.text)
                  and not self._negated_before(h)]  # 'I have not contacted Seller Support before'
        if strong and self.hits.any("routing_generic.violation"):
            # Advice given before a policy problem arose, cited to justify it ('in January I called and the
            # associate told me we could list it'), is not a follow-up (JUDGEMENT): its sentences do not count.
            advice = [self.index.at(h.start) for h in self.hits.get("routing.cited_advice") if self.own(h.start)]
            strong = [h for h in strong if not any(a is not None and a.start <= h.start < a.end for a in advice)]
        if strong or self.ctx.has_any_id("case"):
            return True
        if self.closing_note:
            return True  # a note closing a case is a reply inside it (JUDGEMENT: replies count as follow-ups)
        weak = sum(h.entry.weight for h in self.hits.get("followup.weak") if self.own(h.start))
        return weak >= _limit("followup-weak-evidence")

    @cached_property
    def reports_wrong_answer(self) -> bool:
        """The draft says what came of the earlier contact and that it was wrong, canned, a refusal,
        unanswered or did not solve it. A problem that merely persists is not one: weak words ('wrong',
        'still shows') count only in a sentence about the answer ('you replied it is fixed, it is not')."""
        if not self.followup:
            return False
        triggers = [h for h in self.hits.get("escalation.trigger") if self.own(h.start)]
        if any(h.entry.id not in _WEAK_TRIGGERS for h in triggers):
            return True  # canned / same reply / told to wait / no reply: about the answer by definition
        if any(self.own(h.start) for h in self.hits.get("tone.sarcasm")):
            return True  # sarcasm in a follow-up is aimed at what came of the earlier contact
        refs = Offsets(h.start for h in self.hits.get("answer.ref") if self.own(h.start))
        contrasts = Offsets(h.start for h in self.hits.get("answer.contrast"))
        weak = Offsets(h.start for h in triggers)
        # A language barrier is answered by a clear communicator, not escalation: its sentences do not count.
        barrier = Offsets(h.start for h in self.hits.get("clarity.language"))
        prose = [s for s in self.prose if not self.hits.within("grammar.language", s.start, s.end)
                 and not barrier.any_in(s.start, s.end)]
        if self.layout.count(L.QUOTE) and any(weak.any_in(s.start, s.end) for s in prose):
            return True  # replying under the quoted answer that it is still not solved
        # Japanese cites an earlier answer in 「」 as a matter of course ('「…」とのご案内をいただきました'):
        # only Western quotation marks set an answer apart to dispute it.
        # A quoted name ('"ORCHARD LANE"') is not a quoted answer: an answer quoted to dispute it is a sentence.
        quotes = Offsets(q for q, e in self.quoted.spans if self.text[q] != "「" and _sentence_like(self.text[q:e]))
        for i, sent in enumerate(prose):
            if not refs.any_in(sent.start, sent.end):
                continue
            # the sentence about the answer, and the one after it when it points back ('You said it
            # would be fixed. It is not.'); a next sentence that starts a new topic is not about the answer
            after = prose[i + 1] if i + 1 < len(prose) else None
            end = after.end if after is not None and self._points_back(after) else sent.end
            if weak.any_in(sent.start, end) or contrasts.any_in(sent.start, end):
                return True
            if quotes.any_in(sent.start, sent.end):
                return True  # 'Your answer: "please clear your cache"': quoted to dispute it
            if sent.text.rstrip().endswith(":") and quotes.any_in(sent.end, sent.end + 5):
                return True  # 'You wrote:' and the reply quoted below it
        return False

    @cached_property
    def asks_ownership(self) -> bool:
        """An ask that one associate own the case. Asking that someone who communicates clearly take the
        case over ('日本語でやり取りできる方に引き続きご対応いただけますか') is a language barrier, not ownership."""
        barrier = Offsets(h.start for h in self.hits.get("clarity.language"))
        for h in self.hits.get("ownership.ask"):
            sent = self.index.at(h.start)
            if self.own(h.start) and not (sent is not None and barrier.any_in(sent.start, sent.end)
                                          and self.hits.within("grammar.language", sent.start, sent.end)):
                return True  # 'stop transferring me around, own this case' is ownership: no language named
        return False

    @cached_property
    def asks_escalation(self) -> bool:
        """Any ask to pass the case up or on (a supervisor, a named team, 'whoever can decide'). A
        manager in a job title or signature is not an ask."""
        lay = self.layout
        if self.forum and any(self._in_ask(h.start) for h in self.hits.get("escalation.forum_ask") if self.own(h.start)):
            return True  # asking forum staff to look into or expedite a case
        for h in self.hits.get("escalation.ask"):
            if not self.own(h.start) or lay.kind_at(h.start) in (L.SIGNATURE, L.SIGNOFF):
                continue
            if h.text.lower() in _NARRATED and not self._in_ask(h.start):
                continue  # 'manager' in a title, 'your reply said it was escalated': not an ask
            sent = self.index.at(h.start)
            if sent is not None and self.hits.within("grammar.language", sent.start, sent.end) \
                    and not self.hits.within("grammar.senior", sent.start, sent.end):
                continue
            return True
        return False

    def _in_ask(self, offset: int) -> bool:
        sent = self.index.at(offset)
        return sent is not None and sent.start in self._ask_starts

    # -- courtesy and hostility -----------------------------------------------------------------------
    @cached_property
    def hostile_hits(self) -> list:
        """Hostile wording aimed at Amazon or the associate. Not hostile: quoted words, self-criticism,
        urgency inside a polite request, venting at a buyer, a competitor or 'the system'."""
        polite = Offsets(h.start for h in self.hits.get("request.polite"))
        others = Offsets(h.start for h in self.hits.get("tone.target_other"))
        out = []
        candidates = sorted((h for tag in HOSTILE_TAGS for h in self.hits.longest(tag)), key=lambda h: (h.start, -h.end))
        for h in candidates:
            if not self.own(h.start) or (out and h.start < out[-1].end and h.end <= out[-1].end):
                continue
            if self.layout.kind_at(h.start) in (L.HEADING, L.SUBJECT) and h.tag == "tone.demand":
                continue
            sent = self.index.at(h.start)
            s, e = (sent.start, sent.end) if sent else (h.start, h.end)
            if h.tag == "tone.demand" and h.entry.id != "demand-strong" and polite.any_in(s, e):
                continue  # 'please check it as soon as possible / urgently' is urgency, not a demand
            aimed = self.hits.within("grammar.you", s, e)
            if h.tag in ("tone.insult", "tone.frustration") and others.any_in(s, e) and not aimed:
                continue  # venting at a buyer or a competitor
            if h.tag in ("tone.insult", "tone.blame") and self.plan_of_action and self.hits.within("grammar.self", s, e) \
                    and not any(a.text.lower() in _YOU for a in aimed):
                continue  # self-criticism in a plan of action
            out.append(h)
        # Praise ('Brilliant system.', 'very useful 👍') is sarcasm in a complaint: next to a reported bad
        # answer, another hostile cue or shouting. Sincere praise in a calm draft is courtesy.
        praise = [h for h in self.hits.get("tone.sarcasm_praise") if self.own(h.start)]
        if praise and (out or self.shouting or any(self.own(h.start) for h in self.hits.get("escalation.trigger"))
                       or self.reports_wrong_answer):
            out = sorted(out + praise, key=lambda h: (h.start, -h.end))
        return out

    @cached_property
    def caps_runs(self) -> list[tuple[int, int]]:
        """Runs of words in capitals: two or more (one of 3+ letters: 'CA, TX' are state codes), or one
        emphasis word ('NOT'). IDs, acronyms, codes and quoted names are not counted."""
        ctx = self.ctx
        doc = ctx.document.doc
        text = self.text
        acronyms = {h.start for h in self.hits.get("allow.acronym")}
        emphasis = {h.start for h in self.hits.get("tone.emphasis_word")}
        skip = Spans([(i.start, i.end) for i in ctx.identifiers] + [(h.start, h.end) for h in self.hits.get("id_placeholder")]
                     + list(self.quoted.spans)
                     + [(m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(text)])

        def is_code_part(idx: int, n: int) -> bool:
            before = text[idx - 1] if idx > 0 else " "
            after = text[idx + n] if idx + n < len(text) else " "
            return before in "-_/#" or after in "-_/" or before.isdigit() or after.isdigit()

        # Token attributes as one array (no Token objects): only upper-case words are visited.
        from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_UPPER, LENGTH, LIKE_NUM

        if not len(doc):
            return []
        arr = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_UPPER, IS_PUNCT, LIKE_NUM])
        upper = ((arr[:, 2] == 1) & (arr[:, 3] == 1) & (arr[:, 1] >= 2)).nonzero()[0].tolist()
        if not upper:
            return []
        idx_of = arr[:, 0]
        len_of = arr[:, 1]
        shouted = [i for i in upper if int(idx_of[i]) not in acronyms
                   and not is_code_part(int(idx_of[i]), int(len_of[i])) and not skip.covers(int(idx_of[i]))]

        def bridge(i: int) -> bool:  # what may sit inside a run: ', - and acronyms and numbers
            idx = int(idx_of[i])
            return bool(arr[i, 4] and text[idx:idx + int(len_of[i])] in (",", "'", "’", "-")) or idx in acronyms \
                or bool(arr[i, 5])

        spans: list[tuple[int, int]] = []
        run: list[int] = []

        def flush():
            long_word = any(len_of[i] >= 3 for i in run)
            if (len(run) >= 2 and long_word) or (len(run) == 1 and int(idx_of[run[0]]) in emphasis):
                last = run[-1]
                spans.append((int(idx_of[run[0]]), int(idx_of[last] + len_of[last])))
            run.clear()

        for i in shouted:
            if run and not all(bridge(j) for j in range(run[-1] + 1, i)):
                flush()
            run.append(i)
        flush()
        return spans

    @cached_property
    def shouting(self) -> bool:
        """Sustained capitals: a run of three or more words outside headings (a shouted sentence)."""
        lay = self.layout
        return any(lay.kind_at(s) not in (L.HEADING, L.SUBJECT) and len(self.text[s:e].split()) >= _limit("shouting-words")
                   for s, e in self.caps_runs)

    @cached_property
    def hostile(self) -> bool:
        hits = self.hostile_hits
        strong = [h for h in hits if h.tag in ("tone.insult", "tone.threat", "tone.sarcasm", "tone.sarcasm_praise", "tone.blame")]
        if strong:
            return True
        # Demands and venting count when they come with more anger: shouting, '!!', or a second one.
        agitated = self.shouting or "!!" in self.text or "??" in self.text
        return len(hits) >= _limit("hostile-cues") or (bool(hits) and agitated)

    @cached_property
    def courtesy(self) -> list:
        """Courtesy markers that count: not inside sarcasm or an insulting sentence."""
        sarcasm = Spans([(h.start, h.end) for h in self.hits.get("tone.sarcasm")]
                        + [(h.start, h.end) for h in self.hostile_hits if h.tag == "tone.sarcasm_praise"])
        insults = Offsets(h.start for h in self.hostile_hits if h.tag in ("tone.insult", "tone.blame"))
        lay = self.layout
        out = []
        for tag in ("request.polite", "thanks", "courtesy", "signoff"):
            for h in self.hits.get(tag):
                if not self.own(h.start) or sarcasm.covers(h.start):
                    continue
                if tag == "signoff" and lay.kind_at(h.start) != L.SIGNOFF:
                    continue  # 'best' and 'cheers' count as a sign-off only on the sign-off line
                sent = self.index.at(h.start)
                if sent and insults.any_in(sent.start, sent.end):
                    continue
                out.append(h)
        return out

    @cached_property
    def polite(self) -> bool:
        return bool(self.courtesy) and not self.hostile

    # -- substance --------------------------------------------------------------------------------------
    @cached_property
    def content_words(self) -> int:
        """Words of the writer's own prose; Japanese and Chinese, written without spaces, count one word
        per two characters."""
        words = sum(s.token_count for s in self.prose)
        if CJK_CHAR.search(self.text):
            words += sum(len(CJK_CHAR.findall(s.text)) for s in self.prose) // 2
        return words

    @cached_property
    def noise(self) -> list[tuple[int, int, str]]:
        """Broken writing in the writer's own Latin-script prose: a space before punctuation (' ,'),
        runs of commas, '??' in the middle of a sentence, an object pronoun after a preposition used as
        a subject ('of we'). One of these is a typo; several in a short draft make it hard to follow."""
        if CJK_CHAR.search(self.text):
            return []  # Japanese and Chinese punctuation follows other conventions
        out = []
        for sent in self.prose:
            for m in _NOISE.finditer(sent.text):
                start = sent.start + m.start()
                if self.own(start):
                    out.append((start, sent.start + m.end(), m.lastgroup))
            out += [(h.start, h.end, "grammar") for h in self.hits.within("grammar.broken", sent.start, sent.end)
                    if self.own(h.start)]
        return sorted(out)

    @cached_property
    def garbled(self) -> bool:
        """Incoherent text (machine translation, OCR, hurried typing): at least three noise marks and one
        per 15 words or fewer. Spelling and grammar slips alone are not counted: second-language
        drafts that state their problem are clear enough."""
        marks = len(self.noise)
        return marks >= _limit("garbled-marks") and marks * _limit("garbled-words-per-mark") >= self.content_words

    @cached_property
    def content_free(self) -> bool:
        """Nothing to act on: no identifier, no problem words, a handful of words at most."""
        ids = [i for i in self.ctx.identifiers if i.kind not in ("date", "attachment")]
        return self.content_words < _limit("content-free-words") and not ids and not self.hits.any("issue")
