"""Per-draft analysis shared by all rules: hits, identifiers, issue type, follow-up/appeal, requests."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from caselint import identifiers as ids
from caselint.document import Document, Sentence
from caselint.lexicon.compiled import CompiledLexicons, Hit, Hits
from caselint.model import ISSUE_TYPES, IssueType
from caselint.policy import policy


@dataclass
class Context:
    document: Document
    hits: Hits
    lexicons: CompiledLexicons
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    language: str = "en"  # the draft's language (caselint.language.detect); lexicons holds its set

    @property
    def text(self) -> str:
        return self.document.text

    def option(self, rule, key: str):
        for k in (rule.code, rule.name):
            if k in self.options and key in self.options[k]:
                return self.options[k][key]
        return rule.options[key]

    @cached_property
    def identifiers(self) -> list[ids.Identifier]:
        return ids.extract(self.text, self.hits)

    def has_any_id(self, *kinds: str) -> bool:
        """Present at all, even malformed (a malformed ID is its own finding, not a missing one)."""
        return any(i.kind in kinds for i in self.identifiers)

    @cached_property
    def draft(self):
        """The draft as a whole: layout, kind, asks, follow-up, courtesy, hostility (caselint.analysis)."""
        from caselint.analysis import DraftAnalysis

        return DraftAnalysis(self)

    @property
    def appeal_structure(self) -> bool:
        return self.draft.appeal_structure

    @property
    def appeal(self) -> bool:
        return self.draft.appeal

    @property
    def followup(self) -> bool:
        return self.draft.followup

    @cached_property
    def issue_type(self) -> IssueType:
        rules = policy()  # evidence weights: lexicons/policy.toml [issue-type]
        scores: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[str]] = defaultdict(list)
        layout = self.draft.layout
        for hit in self.hits.get("issue"):
            kind = hit.tag.split(".", 1)[1]
            if kind not in ISSUE_TYPES:
                continue
            if self.text[hit.end:hit.end + 1] == ":" and layout.kind_at(hit.start) == "subject":
                continue  # the label of a 'Title:' line says nothing about the problem
            scores[kind] += hit.entry.weight
            if hit.text.lower() not in (e.lower() for e in evidence[kind]):
                evidence[kind].append(hit.text)
        for ident in self.identifiers:
            if ident.kind in rules.identifier_evidence:
                kind, weight = rules.identifier_evidence[ident.kind]
                scores[kind] += weight
                evidence[kind].append(f"{ident.kind} ID")
        if self.appeal:
            scores["account_health"] += rules.appeal_evidence  # an account-health matter whatever it is about
            evidence["account_health"].append("appeal")
        if not scores:
            return IssueType("other", 0.0, (), self.followup, self.appeal)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], ISSUE_TYPES.index(kv[0])))
        best, best_score = ranked[0]
        total = sum(scores.values())
        # Confident = the type dominates the evidence and there is enough of it (one stray keyword is not).
        share = best_score / total if total else 0.0
        confidence = round(share * min(1.0, best_score / rules.evidence_full), 2)
        return IssueType(best, confidence, tuple(evidence[best][:5]), self.followup, self.appeal)

    @property
    def requests(self) -> list[Sentence]:
        """Sentences that ask the associate to do something (caselint.analysis)."""
        return self.draft.asks

    def hits_in(self, tag: str, start: int, end: int) -> list[Hit]:
        """Hits of ``tag`` inside [start, end], by bisection (Hits.within)."""
        return self.hits.within(tag, start, end)

    def template(self, name: str, **values: str) -> str:
        text = self.lexicons.templates.get(name, "")
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text
