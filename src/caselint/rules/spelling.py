"""Misspelled key terms (rapidfuzz over the words that matter): 'escalte', 'costumer experience'."""

from __future__ import annotations

from functools import lru_cache

from caselint.context import Context
from caselint.model import Applicability, Edit, Fix, Severity, Span
from caselint.rules.base import Rule, Violation
from caselint.rules.registry import register


@lru_cache(maxsize=8)
def _terms(lexicons) -> tuple[dict[str, str], tuple[str, ...]]:
    """(known misspelling -> correction) and the list of key terms for fuzzy matching."""
    exact: dict[str, str] = {}
    terms: list[str] = []
    for entry in lexicons.entries_with_tag("spelling"):
        if entry.tag == "spelling.term":
            terms.extend(p.lower() for p in entry.phrases)
        elif entry.tag == "spelling.known" and entry.suggest:
            for p in entry.phrases:
                exact[p.lower()] = entry.suggest
    return exact, tuple(sorted(set(terms)))


@lru_cache(maxsize=65536)
def _closest(word: str, terms: tuple[str, ...], cutoff: float) -> str | None:
    """The closest key term (rapidfuzz ratio >= cutoff); memoised, as the same words recur in every draft."""
    from rapidfuzz import fuzz, process

    match = process.extractOne(word, terms, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if match is None else match[0]


@register
class MisspelledKeyTerm(Rule):
    code = "CL008"
    name = "misspelled-key-term"
    category = "clarity"
    severity = Severity.INFO  # the key terms are still recognised (fuzzy patterns); the typo is cosmetic
    fixable = "always"
    rewrite_mode = "fix"
    summary = "A key word misspelled ('escalte', 'costumer experience', 'ownershp')"
    explanation = (
        "The words that make a case work (customer experience, ownership, escalate, reimbursement, shipment) "
        "must be spelled right, or the magic words lose their effect. Fuzzy matching (rapidfuzz) finds close "
        "misspellings of the lexicon's key terms; `min-score` sets how close."
    )
    bad = ("Please escalte this, it affects the costumer experience.",)
    good = ("Please escalate this, it affects the customer experience.",)
    options = {"min-score": 88.0}

    def check(self, ctx: Context):
        exact, terms = _terms(ctx.lexicons)
        if not terms and not exact:
            return
        term_set = set(terms)
        cutoff = float(ctx.option(self, "min-score"))
        allowed = {h.start for h in ctx.hits.get("spelling.allow")}
        for idx, text in _long_words(ctx):
            if idx in allowed:
                continue
            low = text.lower()
            if low in term_set:
                continue
            correction = exact.get(low)
            if correction is None:
                correction = _closest(low, terms, cutoff)
                if correction is None:
                    continue
                if abs(len(correction) - len(low)) > 2 or correction[0] != low[0]:
                    continue
                # An inflection of a key term ('reimbursed' / 'reimburse') is a real word, not a typo.
                if correction.startswith(low) or low.startswith(correction):
                    continue
            if text[:1].isupper():
                correction = correction[:1].upper() + correction[1:]
            start, end = idx, idx + len(text)
            yield Violation(start, end, f"'{text}' looks like a typo for '{correction}'", suggestion=correction,
                            fix=Fix(f"Replace with '{correction}'", (Edit(Span(start, end), correction),),
                                    Applicability.UNSAFE))


def _long_words(ctx: Context) -> list[tuple[int, str]]:
    """(offset, text) of every alphabetic token of six or more characters, from the token arrays."""
    doc = ctx.document.doc
    if not len(doc):
        return []
    from spacy.attrs import IDX, IS_ALPHA, LENGTH

    arr = doc.to_array([IDX, IS_ALPHA, LENGTH])
    rows = arr[(arr[:, 1] == 1) & (arr[:, 2] >= 6)].tolist()
    text = ctx.text
    return [(idx, text[idx:idx + length]) for idx, _, length in rows]
