"""The match-pass optimisations are exact: lexeme flags for word-form predicates give the same matches,
in the same order, as spaCy's own predicates; fixed-word patterns expanded into phrases match alike; and
the regex literal prefilter never skips a match. (The bounded token matcher: tests/test_token_matcher.py.)"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))

import generate  # noqa: E402


@pytest.fixture(scope="module")
def texts() -> list[str]:
    corpus = [p.read_text(encoding="utf-8") for p in sorted((REPO_ROOT / "tests" / "corpus").glob("*.txt"))]
    tricky = [
        "PLEASE ESCALTE THIS İmmediately, ſent 12 units, KELVIN K shipment FBA15ABC1234!!",
        "Could you please reinstate my account? I want to speak to your supervisor. escalat3 supervsor",
        "1. First, remove the fake review.\n2) Secondly reactivate the listing.",
    ]
    return corpus + generate.generate(200, seed=3) + tricky


@pytest.fixture(scope="module")
def lexicons():
    from caselint.runner import compiled_lexicons

    return compiled_lexicons()


def test_ascii_folds_table_is_complete():
    from caselint.lexicon.compiled import _ASCII_FOLDS

    found = {chr(cp) for cp in range(0x80, 0x110000) if re.match(r"[a-z]", chr(cp), re.IGNORECASE)}
    assert found == set(_ASCII_FOLDS)


def test_flagged_matcher_equals_spacy_predicates(texts, lexicons):
    """Lexeme flags for word-form predicates (used for patterns left to spaCy's Matcher) change no match."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    from caselint.lexicon.compiled import _FlagTable
    from caselint.nlp import get_nlp

    nlp = get_nlp()
    entries = [e for e in lexicons.entries if e.patterns and not e.phrases]
    vocab = Vocab(lex_attr_getters=dict(nlp.vocab.lex_attr_getters))  # own flag table, not the pipeline's
    flags = _FlagTable.for_vocab(vocab)
    flags.reserve(entries)
    assert flags.flags, "the built-in patterns should get flags"
    plain, flagged = Matcher(vocab, validate=True), Matcher(vocab, validate=False)
    for entry in entries:
        plain.add(entry.id, [list(p) for p in entry.patterns])
        flagged.add(entry.id, [flags.rewrite(p) for p in entry.patterns])
    total = 0
    for doc in nlp.tokenizer.pipe(texts):
        doc = Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        expected = plain(doc)
        assert flagged(doc) == expected
        total += len(expected)
    assert total > 100


def test_expanded_phrases_match_like_the_patterns(texts, lexicons):
    """Fixed-word token patterns expanded into phrases give the same matches as the Matcher."""
    from spacy.matcher import Matcher

    from caselint.lexicon.compiled import _expand_to_phrases
    from caselint.nlp import get_nlp

    nlp = get_nlp()
    plain_expanded = Matcher(nlp.vocab, validate=True)
    expanded_keys = set()
    for entry in lexicons.entries:
        if entry.patterns and not entry.phrases and _expand_to_phrases(entry.patterns) is not None:
            key = f"caselint:{entry.id}"
            plain_expanded.add(key, [list(p) for p in entry.patterns])
            expanded_keys.add(nlp.vocab.strings[key])
    assert expanded_keys, "some fixed-word patterns should be expanded into phrases"
    total = 0
    for doc in nlp.pipe(texts):
        phrase = sorted(m for m in lexicons._phrase_matcher(doc) if m[0] in expanded_keys)
        assert phrase == sorted(plain_expanded(doc))
        total += len(phrase)
    assert total > 100


def test_regex_prefilter_never_skips_a_match(texts, lexicons):
    from caselint.lexicon.compiled import _fold_safe

    for pattern, _fast, entry, literals, ignorecase in lexicons._regexes:
        if literals is None:
            continue
        for text in texts:
            if pattern.search(text) is None:
                continue
            haystack = text if not ignorecase else (text.lower() if _fold_safe(text) else None)
            if haystack is not None:
                assert any(lit in haystack for lit in literals), (entry.id, literals, text[:80])


def test_lowercase_fast_path_finds_the_same_matches(texts, lexicons):
    """A lower-case-authored regex run on the lower-cased text == the IGNORECASE regex on the text."""
    checked = 0
    for pattern, fast, entry, _literals, _ignorecase in lexicons._regexes:
        if fast is None:
            continue
        for text in texts:
            lowered = text.lower()
            if len(lowered) != len(text):
                continue
            assert [m.span() for m in fast.finditer(lowered)] == [m.span() for m in pattern.finditer(text)], entry.id
            checked += 1
    assert checked > 100


def test_required_literals_examples():
    from caselint.lexicon.compiled import required_literals

    assert required_literals(re.compile(r"(?<![A-Za-z])asin[ \t]*:?(?P<value>\w+)", re.I)) == ("asin",)
    assert required_literals(re.compile(r"(?:sent|shipped)[ \t]+\d+", re.I)) == ("ent", "hipped")  # common prefix factored out
    assert required_literals(re.compile(r"FBA[A-Z0-9]{8}")) == ("FBA",)
    assert required_literals(re.compile(r"\d{3}-\d{7}")) == ("-",)
    assert required_literals(re.compile(r"[A-Z]{2,}")) is None
    assert required_literals(re.compile(r"(?:x)?")) is None  # can match empty
    assert required_literals(re.compile(r"(?i:abc)def")) == ("def",)  # inline flags are not trusted


def test_phrase_docs_tokenize_like_the_tokenizer(lexicons):
    """The fast path for plain-word phrases gives the same tokens as spaCy's tokenizer."""
    from caselint.lexicon.compiled import _phrase_docs
    from caselint.nlp import get_nlp

    nlp = get_nlp()
    phrases = [p for e in lexicons.entries for p in e.phrases] + ["cannot understand", "dont know", "gonna wait"]
    for phrase in phrases:
        fast = [t.lower_ for t in _phrase_docs(nlp, (phrase,))[0]]
        assert fast == [t.lower_ for t in nlp.make_doc(phrase)], phrase
