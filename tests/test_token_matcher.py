"""The bounded token matcher finds exactly the matches spaCy's Matcher finds, and takes only the patterns
it can express (the rest stay on spaCy's Matcher)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from spacy.attrs import ORTH, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc

from caselint.lexicon.compiled import CompiledLexicons, _expand_to_phrases
from caselint.lexicon.loader import load_lexicons
from caselint.lexicon.token_matcher import BoundedTokenMatcher, supports
from caselint.nlp import get_nlp

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))

import generate  # noqa: E402


def run(matcher: BoundedTokenMatcher, doc) -> list[tuple[int, int, int]]:
    arr = doc.to_array([ORTH, SENT_START]).tolist() if len(doc) else []
    return matcher([o for o, _ in arr], [s == 1 for _, s in arr])


def corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO_ROOT / "tests" / "corpus").glob("*.txt"))]
    for path in sorted((REPO_ROOT / "tests").glob("corpus*/*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts + generate.generate(150, seed=11)


@pytest.mark.parametrize("pattern, ok", [
    ([{"LOWER": "a"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": {"IN": ["b", "c"]}}], True),
    ([{"TEXT": {"REGEX": "^[A-Z]"}, "IS_SENT_START": True, "OP": "?"}, {"LIKE_NUM": True}], True),
    ([{"LOWER": {"FUZZY2": "escalate"}}], True),
    ([{"LOWER": "a", "OP": "{2}"}], True),
    ([{"LOWER": "a", "OP": "+"}], False),
    ([{"LOWER": "a"}, {"OP": "*"}], False),
    ([{"LOWER": "a", "OP": "!"}], False),
    ([{"LOWER": "a", "OP": "{2,}"}], False),
    ([{"LOWER": {"NOT_IN": ["a"]}}], False),
    ([{"LENGTH": 1}], False),
    ([{"POS": "VERB"}], False),
    ([{"LOWER": "a", "OP": "{0}"}], False),  # can never match anything
    ([], False),
])
def test_supports(pattern, ok):
    assert supports(pattern) is ok


def test_builtin_patterns_all_take_the_bounded_matcher():
    """No built-in token pattern is left to spaCy's (much slower) Matcher."""
    lexicons = CompiledLexicons(get_nlp(), load_lexicons())
    assert len(lexicons._token_matcher) > 20
    assert len(lexicons._matcher) == 0


def test_other_user_patterns_fall_back_to_spacy(tmp_path):
    path = tmp_path / "proj.toml"
    path.write_text('[meta]\nid = "proj"\n\n[[entry]]\nid = "please-not-now"\ntag = "tone.insult"\n'
                    'pattern = [{LOWER = "please"}, {LOWER = {NOT_IN = ["now"]}, LENGTH = 4}]\n', encoding="utf-8")
    nlp = get_nlp()
    lexicons = CompiledLexicons(nlp, load_lexicons((str(path),)))
    assert len(lexicons._matcher) == 1
    text = "Fix it please now, please soon, please then."
    hits = lexicons.match(nlp(text), text).get("tone.insult")
    assert sorted(h.text for h in hits if h.entry.id == "please-not-now") == ["please soon", "please then"]


def test_same_matches_as_spacy_on_the_corpora():
    nlp = get_nlp()
    entries = [e for e in CompiledLexicons(nlp, load_lexicons()).entries
               if e.patterns and not e.phrases and _expand_to_phrases(e.patterns) is None]
    spacy_matcher = Matcher(nlp.vocab, validate=True)
    ours = BoundedTokenMatcher(nlp.vocab)
    for entry in entries:
        spacy_matcher.add(entry.id, [list(p) for p in entry.patterns])
        ours.add(nlp.vocab.strings[entry.id], entry.patterns)
    total = 0
    for doc in nlp.pipe(corpus_texts()):
        expected = sorted(spacy_matcher(doc))
        assert sorted(run(ours, doc)) == expected, doc.text[:80]
        total += len(expected)
    assert total > 1000


WORDS = ["a", "B", "c", "A", ".", "7", "b", "Cc", "seven"]
OPS = [None, None, None, "?", "{0,2}", "{1,3}", "{2}", "{,2}", "{0}"]


def random_spec(rng: random.Random) -> dict:
    spec: dict = {}
    roll = rng.random()
    if roll < 0.35:
        spec["LOWER"] = rng.choice(["a", "b", "c", "cc"])
    elif roll < 0.55:
        spec["LOWER"] = {"IN": rng.sample(["a", "b", "c", "cc", "."], 2)}
    elif roll < 0.65:
        spec["IS_ALPHA"] = rng.random() < 0.7
    elif roll < 0.7:
        spec["IS_PUNCT"] = True
    elif roll < 0.75:
        spec["TEXT"] = {"REGEX": rng.choice(["^[A-Z]", "c$", r"\d"])}
    elif roll < 0.8:
        spec["LIKE_NUM"] = True
    elif roll < 0.83:
        spec["LOWER"] = {"FUZZY1": "seven"}
    if rng.random() < 0.2:
        spec["IS_SENT_START"] = rng.random() < 0.7
    op = rng.choice(OPS)
    if op:
        spec["OP"] = op
    return spec


@pytest.mark.parametrize("seed", range(3))
def test_same_matches_as_spacy_on_random_patterns(seed):
    """Optional, repeated and sentence-start specs, anywhere in a pattern, at either end of a doc."""
    rng = random.Random(seed)
    vocab = get_nlp().vocab
    compared = matches = 0
    for _ in range(1500):
        patterns = [[random_spec(rng) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 2))]
        if not all(supports(p) for p in patterns):
            continue
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 10))]
        starts = [rng.random() < 0.3 for _ in words]
        doc = Doc(vocab, words=words, sent_starts=starts) if words else Doc(vocab, words=[])
        spacy_matcher = Matcher(vocab)
        spacy_matcher.add("K", patterns)
        ours = BoundedTokenMatcher(vocab)
        ours.add(vocab.strings["K"], patterns)
        expected = sorted(spacy_matcher(doc))
        assert sorted(run(ours, doc)) == expected, (words, starts, patterns)
        compared += 1
        matches += len(expected)
    assert compared > 1000 and matches > 1000
