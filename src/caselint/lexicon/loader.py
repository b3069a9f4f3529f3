"""Find and read lexicon files: the built-in ones shipped in the wheel, then a project's own."""

from __future__ import annotations

import os
import stat
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from caselint.errors import LexiconError
from caselint.lexicon.schema import Lexicon, validate_lexicon


def builtin_lexicon_dir() -> Path:
    """The installed wheel carries ``caselint/lexicons``; a source checkout has ``lexicons/`` at the top."""
    packaged = resources.files("caselint") / "lexicons"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "lexicons"


MAX_LEXICON_SIZE = 10_000_000  # bytes; the built-in lexicons together are under 100 KB


def read_lexicon_file(path: Path, display: str | None = None, trusted: bool = False,
                      language: str | None = None) -> Lexicon:
    source = display or str(path)
    try:
        # Only regular files, and only so much: '/dev/zero' or a FIFO would exhaust memory or block.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise LexiconError(f"{source}: cannot read lexicon: not a regular file")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_LEXICON_SIZE + 1)
    except OSError as exc:
        raise LexiconError(f"{source}: cannot read lexicon: {exc.strerror or exc}") from None
    if len(raw) > MAX_LEXICON_SIZE:
        raise LexiconError(f"{source}: lexicon is over {MAX_LEXICON_SIZE:,} bytes; not loaded")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LexiconError(f"{source}: lexicon is UTF-16; save it as UTF-8")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a UTF-8 byte order mark is allowed
    except UnicodeDecodeError:
        raise LexiconError(f"{source}: lexicon is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{source}: invalid TOML: {exc}") from None
    except RecursionError:
        raise LexiconError(f"{source}: invalid TOML: arrays or tables nested too deeply") from None
    try:
        return validate_lexicon(source, data, trusted, language)
    except RecursionError:
        raise LexiconError(f"{source}: a value is nested too deeply") from None


@lru_cache(maxsize=1)
def builtin_lexicons() -> tuple[Lexicon, ...]:
    """Every built-in lexicon: ``lexicons/<language>/*.toml``, the base language first (caselint.language).
    The files at the top level (scoring.toml, policy.toml) are policy, not lexicons."""
    from caselint.language import LANGUAGES

    directory = builtin_lexicon_dir()
    files = sorted((p for p in directory.glob("*/*.toml") if p.parent.name in LANGUAGES),
                   key=lambda p: (LANGUAGES.index(p.parent.name), p.name))
    if not files:
        raise LexiconError(f"{directory}: no built-in lexicons found (broken installation)")
    return tuple(read_lexicon_file(p, f"lexicons/{p.parent.name}/{p.name}", trusted=True, language=p.parent.name)
                 for p in files)


def load_lexicons(extra: tuple[str, ...] = (), disabled: frozenset[str] = frozenset()) -> tuple[Lexicon, ...]:
    """Built-in lexicons plus ``extra`` files, minus disabled entry ids; ids must be unique overall."""
    lexicons = list(builtin_lexicons())
    lexicons.extend(read_lexicon_file(Path(p)) for p in extra)
    seen: dict[str, str] = {}
    for lexicon in lexicons:
        for entry in lexicon.entries:
            if entry.id in seen:
                raise LexiconError(
                    f"{entry.source}: entry {entry.id!r}: duplicate id (already defined in {seen[entry.id]}); "
                    "disable the built-in entry with 'disable-entries' and use a new id"
                )
            seen[entry.id] = entry.source
    unknown = sorted(disabled - set(seen))
    if unknown:
        raise LexiconError(f"disable-entries: unknown lexicon entry id {unknown[0]!r}")
    if disabled:
        lexicons = [
            Lexicon(
                id=lx.id,
                source=lx.source,
                description=lx.description,
                entries=tuple(e for e in lx.entries if e.id not in disabled),
                templates=lx.templates,
                language=lx.language,
            )
            for lx in lexicons
        ]
    return tuple(lexicons)
