"""Lexicons: TOML data files of phrases, token patterns and regexes that rules look up by tag."""

from caselint.lexicon.schema import Entry, Lexicon
from caselint.lexicon.loader import builtin_lexicon_dir, load_lexicons
from caselint.lexicon.compiled import CompiledLexicons, Hit, compile_lexicons

__all__ = [
    "Entry",
    "Lexicon",
    "Hit",
    "CompiledLexicons",
    "builtin_lexicon_dir",
    "load_lexicons",
    "compile_lexicons",
]
