"""The one spaCy pipeline: ``spacy.blank("en")`` + a newline-aware sentencizer, built once per process."""

from __future__ import annotations

from functools import lru_cache

# Drafts are bounded by the configurable max draft size long before this; it only lifts spaCy's own cap.
MAX_LENGTH = 20_000_000


def _newline_sentences(doc):
    """Sellers often write facts as lines without final punctuation: a line break starts a sentence."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def get_nlp():
    import spacy
    from spacy.language import Language

    if "caselint_newlines" not in Language.factories:
        Language.component("caselint_newlines", func=_newline_sentences)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("caselint_newlines")
    nlp.max_length = MAX_LENGTH
    return nlp
