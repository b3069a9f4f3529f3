"""The one spaCy pipeline: ``spacy.blank("en")`` + a newline-aware sentencizer, built once per process."""

from __future__ import annotations

from functools import lru_cache

# Drafts are bounded by the configurable max draft size long before this; it only lifts spaCy's own cap.
MAX_LENGTH = 20_000_000


def _newline_sentences(doc):
    """Sellers often write facts as lines without final punctuation: a line break starts a sentence.

    Works on arrays (token offsets, sentence starts) instead of visiting tokens from Python: line breaks
    are found in the text, mapped to the first following non-space token, and written back in one call.
    """
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    from bisect import bisect_right

    from spacy.attrs import IDX, IS_SPACE, SENT_START

    arr = doc.to_array([IDX, IS_SPACE, SENT_START])
    starts = arr[:, 0].tolist()
    spaces = arr[:, 1].tolist()
    doc.user_data["caselint.idx"] = starts  # reused by the lexicon matcher
    sent_starts = arr[:, 2].copy()
    n = len(starts)
    changed = False
    pos = text.find("\n")
    while pos != -1:
        j = bisect_right(starts, pos)  # first token starting after the line break
        while j < n and spaces[j]:
            j += 1
        if 0 < j < n and sent_starts[j] != 1:
            sent_starts[j] = 1
            changed = True
        pos = text.find("\n", pos + 1)
    if changed:
        doc.from_array([SENT_START], sent_starts.reshape(-1, 1))
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
