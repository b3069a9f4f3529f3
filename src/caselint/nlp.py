"""The spaCy pipelines: ``spacy.blank(<language>)`` + a newline-aware sentencizer, built once per process
and per pipeline language. Which pipeline a draft's language uses is caselint.language.PIPELINE (today
English's for every language)."""

from __future__ import annotations

from functools import lru_cache

# Drafts are bounded by the configurable max draft size long before this; it only lifts spaCy's own cap.
MAX_LENGTH = 20_000_000


def doc_text(doc) -> str:
    """The parsed text, kept by the sentencizer (``Doc.text`` rebuilds it from every token each time)."""
    text = doc.user_data.get("caselint.text")
    return doc.text if text is None else text


def _newline_sentences(doc):
    """Sellers often write facts as lines without final punctuation: a line break starts a sentence,
    unless it only wraps a long line (caselint.layout.soft_breaks).

    Works on arrays (token offsets, sentence starts) instead of visiting tokens from Python: line breaks
    are found in the text, mapped to the first following non-space token, and written back in one call.
    """
    text = doc.user_data.get("caselint.text")  # kept by the tokenizer: Doc.text joins every token again
    if text is None:
        text = doc.user_data["caselint.text"] = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    from bisect import bisect_right

    from spacy.attrs import IDX, IS_SPACE, SENT_START

    from caselint.layout import soft_breaks

    # A line break that only wraps a sentence (hard-wrapped e-mail) does not start a new one.
    soft = set()
    wraps = soft_breaks(text)
    for pos in wraps:
        soft.update((pos, pos + 1))
    doc.user_data["caselint.soft"] = wraps  # the lexicon matcher reads phrases across these wraps

    arr = doc.to_array([IDX, IS_SPACE, SENT_START])
    starts = arr[:, 0].tolist()
    spaces = arr[:, 1].tolist()
    doc.user_data["caselint.idx"] = starts  # reused by the lexicon matcher
    sent_starts = arr[:, 2].copy()
    n = len(starts)
    changed = False
    pos = text.find("\n")
    while pos != -1:
        if pos in soft:
            pos = text.find("\n", pos + 1)
            continue
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


# spaCy's tokenizer peels prefixes and suffixes off a whitespace-free chunk one at a time, copying the
# rest each time: quadratic in the chunk's length. 10,000 '!' or emoji in a row took 15-20 s, a 1 MB
# draft of them hours. Runs longer than this are tokenized in pieces of this length (no real word or
# URL is this long), which keeps the text and every offset exactly as they are.
MAX_CHUNK = 100


class _BoundedTokenizer:
    """spaCy's tokenizer, with whitespace-free runs over MAX_CHUNK characters cut into pieces first."""

    def __init__(self, tokenizer):
        import re

        self._tokenizer = tokenizer
        self._long_run = re.compile(r"\S{%d,}" % (MAX_CHUNK + 1))
        # Japanese and Chinese write sentences without spaces: '届いていません。確認してください。' is one
        # whitespace-free run, so the sentencizer never sees its full stops. A run is cut after a CJK
        # sentence end (。！？, '!' and '?' once full-width forms are folded) that text follows.
        from caselint.language import HAN, KANA

        self._cjk_stop = re.compile(f"[{KANA}{HAN}」』）)][。．！？!?]++(?=\\S)")

    def __getattr__(self, name):  # vocab, pipe, rules...: the wrapped tokenizer's
        return getattr(self._tokenizer, name)

    def __call__(self, text: str):
        doc = self._split(text)
        doc.user_data["caselint.text"] = text  # the same string Doc.text would rebuild token by token
        return doc

    def _split(self, text: str):
        stops = [m.end() for m in self._cjk_stop.finditer(text)] if not text.isascii() else []
        if not stops and self._long_run.search(text) is None:
            return self._tokenizer(text)
        from spacy.tokens import Doc

        cuts = list(stops)
        for m in self._long_run.finditer(text):
            cuts.extend(range(m.start() + MAX_CHUNK, m.end(), MAX_CHUNK))
        cuts = sorted(set(cuts))
        words: list[str] = []
        spaces: list[bool] = []
        start = 0
        for end in cuts + [len(text)]:
            for token in self._tokenizer(text[start:end]):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
            start = end
        return Doc(self._tokenizer.vocab, words=words, spaces=spaces)


def get_nlp(language: str = "en"):
    """The pipeline that parses drafts in ``language`` (one per distinct pipeline, built on first use)."""
    from caselint.language import pipeline

    return _blank(pipeline(language))


@lru_cache(maxsize=None)
def _blank(code: str):
    import spacy
    from spacy.language import Language

    if "caselint_newlines" not in Language.factories:
        Language.component("caselint_newlines", func=_newline_sentences)
    nlp = spacy.blank(code)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("caselint_newlines")
    nlp.max_length = MAX_LENGTH
    nlp.tokenizer = _BoundedTokenizer(nlp.tokenizer)
    return nlp


get_nlp.cache_info = _blank.cache_info  # type: ignore[attr-defined]
get_nlp.cache_clear = _blank.cache_clear  # type: ignore[attr-defined]
