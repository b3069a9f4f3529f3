"""Lexicon entry schema and its validation.

A lexicon file looks like::

    [meta]
    id = "tone"
    description = "Hostile wording"
    language = "ja"            # optional: only for drafts in this language (caselint.language);
                               # the built-ins take it from their folder (lexicons/ja/)

    [templates]                # optional: named suggestion texts used by rewrites
    calm-request = "Please ..."

    [[entry]]
    id = "ridiculous"          # unique across every loaded lexicon
    tag = "tone.insult"        # what rules ask for
    phrases = ["ridiculous", "absurd"]   # exactly one of phrase(s) / pattern(s) / regex
    suggest = "..."            # optional replacement text
    weight = 1.0               # optional strength (issue-type evidence, ...)
    note = "why it is listed"

Every error names the file and the entry so that a curator can find it at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from caselint.errors import LexiconError
from caselint import regex_safety

ENTRY_KEYS = frozenset(
    {
        "id",
        "tag",
        "phrase",
        "phrases",
        "pattern",
        "patterns",
        "regex",
        "case_sensitive",
        "suggest",
        "weight",
        "note",
    }
)
FILE_KEYS = frozenset({"meta", "templates", "entry"})
META_KEYS = frozenset({"id", "description", "version", "language"})
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
TAG_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")

# A blank spaCy pipeline cannot supply these, so a pattern using them would silently never match.
UNSUPPORTED_TOKEN_ATTRS = frozenset({"POS", "TAG", "DEP", "LEMMA", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID", "SENT_START"})


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    tag: str
    source: str  # file the entry came from, for error messages
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    regex: str | None = None
    case_sensitive: bool = False
    suggest: str | None = None
    weight: float = 1.0
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    id: str
    source: str
    description: str = ""
    entries: tuple[Entry, ...] = ()
    templates: dict[str, str] = field(default_factory=dict)
    language: str = "en"  # the drafts it applies to: "en" (the base) means every draft (caselint.language)


def _fail(source: str, where: str, message: str) -> LexiconError:
    return LexiconError(f"{source}: {where}: {message}")


def _string_list(source: str, where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, where, f"'{key}' must be a non-empty string or list of non-empty strings")
    return tuple(value)


def _validate_pattern(source: str, where: str, pattern: Any, trusted: bool = False) -> tuple[dict[str, Any], ...]:
    if not isinstance(pattern, list) or not pattern:
        raise _fail(source, where, "a token pattern must be a non-empty list of tables")
    for i, token in enumerate(pattern):
        if not isinstance(token, dict):
            raise _fail(source, where, f"token {i + 1} of the pattern must be a table ({{}} matches any token)")
        if not trusted:
            _check_op(source, where, i, token)
        for regex in _token_regexes(token):
            # spaCy runs these with Python's re on every token: the same rules as a 'regex' entry.
            _check_regex(source, where, regex, trusted, prefix=f"token {i + 1}: ", name="REGEX")
        for attr in token:
            if attr.upper() in UNSUPPORTED_TOKEN_ATTRS:
                raise _fail(
                    source,
                    where,
                    f"token attribute {attr!r} needs a trained pipeline; caselint runs a blank one "
                    "(use LOWER, TEXT, ORTH, IS_*, LIKE_*, SHAPE, LENGTH, REGEX, FUZZY)",
                )
    if not trusted:
        if len(pattern) > MAX_PATTERN_TOKENS:
            raise _fail(source, where, f"a token pattern has at most {MAX_PATTERN_TOKENS} tokens")
        spread = 1
        for token in pattern:
            low, high = _op_range(token.get("OP"))
            spread *= high - low + 1
        if spread > MAX_OP_SPREAD:
            raise _fail(source, where, f"the token counts ('OP') of one pattern allow {spread:,} combinations "
                                       f"(at most {MAX_OP_SPREAD}); use fewer or smaller ranges")
    return tuple(pattern)


# A user's token pattern is bounded: an unbounded OP ('*', '+') between two words matches every pair of
# them (3,000 of each in a 42 KB draft: millions of matches, 24 GB). Counts are ranges '{n,m}'.
MAX_OP_COUNT = 10
MAX_OP_SPREAD = 121
MAX_PATTERN_TOKENS = 32
_OP_RANGE = re.compile(r"\{(\d{1,2})?(,)?(\d{1,2})?\}")


def _op_range(op: Any) -> tuple[int, int]:
    """(least, most) tokens an OP value lets a pattern token match; for a validated OP."""
    if op in (None, "!"):
        return (1, 1) if op is None else (0, 0)
    if op == "?":
        return (0, 1)
    m = _OP_RANGE.fullmatch(op)
    low = int(m.group(1) or 0)
    high = int(m.group(3)) if m.group(3) else (low if not m.group(2) else MAX_OP_COUNT)
    return low, high


def _check_op(source: str, where: str, i: int, token: dict) -> None:
    ops = [k for k in token if isinstance(k, str) and k.upper() == "OP"]
    if not ops:
        return
    op = token[ops[0]]
    if ops[0] != "OP":
        raise _fail(source, where, f"token {i + 1}: write the operator key as 'OP'")
    bad = f"invalid token pattern: token {i + 1}: OP must be '!', '?', or a count '{{n}}' / '{{n,m}}' of at most {MAX_OP_COUNT}"
    if op in ("*", "+"):
        raise _fail(source, where, f"token {i + 1}: OP {op!r} is unbounded (every pair of words around it "
                                   f"matches); use a count such as '{{0,{MAX_OP_COUNT}}}' or '{{1,{MAX_OP_COUNT}}}'")
    if not isinstance(op, str):
        raise _fail(source, where, bad)
    if op in ("!", "?"):
        return
    m = _OP_RANGE.fullmatch(op)
    if not m or not (m.group(1) or m.group(3)):
        raise _fail(source, where, bad)
    if m.group(2) and not m.group(3):
        raise _fail(source, where, f"token {i + 1}: OP {op!r} is unbounded; give an upper count, at most {MAX_OP_COUNT}")
    low, high = _op_range(op)
    if high > MAX_OP_COUNT or low > high or high == 0:
        raise _fail(source, where, bad)


def _check_regex(source: str, where: str, regex: Any, trusted: bool, prefix: str = "", name: str = "regex") -> None:
    """A regex must be a non-empty string that compiles and (unless trusted) cannot backtrack badly.

    A built-in (trusted) regex is compiled only when its language is first used: a Japanese lexicon
    is not compiled for an English run. The test suite validates every built-in one as untrusted."""
    if not isinstance(regex, str) or not regex:
        quoted = f"'{name}'" if name == "regex" else name
        raise _fail(source, where, f"{prefix}{quoted} must be a non-empty string")
    if trusted:
        return
    try:
        re.compile(regex)
    except re.error as exc:
        raise _fail(source, where, f"{prefix}invalid {name}: {exc}") from None
    except RecursionError:
        raise _fail(source, where, f"{prefix}invalid {name}: nested too deeply") from None
    except (OverflowError, ValueError, MemoryError) as exc:
        raise _fail(source, where, f"{prefix}invalid {name}: {exc or type(exc).__name__}") from None
    if not trusted and name == "regex" and regex_safety.linear_engine(regex) is not None:
        return  # runs on RE2 (linear time whatever the input): no backtracking to fear
    problem = None if trusted else regex_safety.find_backtracking_risk(regex)
    if problem:
        raise _fail(source, where, f"{prefix}{name} may backtrack catastrophically: {problem}")


def _token_regexes(value: Any) -> list[Any]:
    """Every value of a REGEX key anywhere in a token table (``{TEXT = {REGEX = "..."}}``)."""
    found: list[Any] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and key.upper() == "REGEX":
                found.append(item)
            else:
                found.extend(_token_regexes(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_token_regexes(item))
    return found


def validate_entry(source: str, lexicon_id: str, index: int, raw: Any, trusted: bool = False) -> Entry:
    where = f"entry {index + 1}"
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be a table")
    entry_id = raw.get("id")
    if isinstance(entry_id, str):
        where = f"entry {entry_id!r}"
    unknown = sorted(set(raw) - ENTRY_KEYS)
    if unknown:
        raise _fail(source, where, f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(ENTRY_KEYS))})")
    if not isinstance(entry_id, str) or not ID_RE.match(entry_id):
        raise _fail(source, where, "'id' must be a lowercase string of letters, digits, '-', '_' or '.'")
    tag = raw.get("tag")
    if not isinstance(tag, str) or not TAG_RE.match(tag):
        raise _fail(source, where, "'tag' must be a dotted lowercase name such as 'tone.insult'")
    kinds = [k for k in ("phrase", "phrases", "pattern", "patterns", "regex") if k in raw]
    if len(kinds) != 1:
        raise _fail(source, where, "needs exactly one of 'phrase', 'phrases', 'pattern', 'patterns' or 'regex'")
    kind = kinds[0]
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    regex: str | None = None
    case_sensitive = raw.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise _fail(source, where, "'case_sensitive' must be true or false")
    if kind in ("phrase", "phrases"):
        phrases = _string_list(source, where, kind, raw[kind])
    elif kind == "pattern":
        patterns = (_validate_pattern(source, where, raw["pattern"], trusted),)
    elif kind == "patterns":
        value = raw["patterns"]
        if not isinstance(value, list) or not value:
            raise _fail(source, where, "'patterns' must be a non-empty list of token patterns")
        patterns = tuple(_validate_pattern(source, where, p, trusted) for p in value)
    else:
        regex = raw["regex"]
        _check_regex(source, where, regex, trusted)
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise _fail(source, where, "'weight' must be a number")
    for key in ("suggest", "note"):
        if key in raw and not isinstance(raw[key], str):
            raise _fail(source, where, f"'{key}' must be a string")
    return Entry(
        id=entry_id,
        tag=tag,
        source=source,
        phrases=phrases,
        patterns=patterns,
        regex=regex,
        case_sensitive=case_sensitive,
        suggest=raw.get("suggest"),
        weight=float(weight),
        note=raw.get("note"),
    )


def validate_lexicon(source: str, data: Any, trusted: bool = False, language: str | None = None) -> Lexicon:
    """Validate one lexicon file. ``trusted`` (the built-in lexicons only) skips the backtracking
    analysis of regexes, which is the costly part of loading: the test suite runs that analysis, and
    the attack harness, on every built-in pattern (tests/test_lexicons.py, tests/reliability)."""
    if not isinstance(data, dict):
        raise _fail(source, "file", "must be a TOML table")
    unknown = sorted(set(data) - FILE_KEYS)
    if unknown:
        raise _fail(source, "file", f"unknown top-level key {unknown[0]!r} (allowed: meta, templates, entry)")
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise _fail(source, "[meta]", "missing [meta] table with an 'id'")
    unknown = sorted(set(meta) - META_KEYS)
    if unknown:
        raise _fail(source, "[meta]", f"unknown key {unknown[0]!r}")
    lexicon_id = meta.get("id")
    if not isinstance(lexicon_id, str) or not ID_RE.match(lexicon_id):
        raise _fail(source, "[meta]", "'id' must be a lowercase identifier")
    from caselint.language import BASE, LANGUAGES

    declared = meta.get("language", language or BASE)
    if declared not in LANGUAGES:
        raise _fail(source, "[meta]", f"'language' must be one of {', '.join(LANGUAGES)}")
    if language is not None and declared != language:
        raise _fail(source, "[meta]", f"'language' is {declared!r} but the file is in the {language!r} folder")
    templates = data.get("templates", {})
    if not isinstance(templates, dict) or not all(isinstance(v, str) for v in templates.values()):
        raise _fail(source, "[templates]", "must map names to strings")
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raise _fail(source, "[[entry]]", "must be an array of tables")
    entries = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_entries):
        entry = validate_entry(source, lexicon_id, i, raw, trusted)
        if entry.id in seen:
            raise _fail(source, f"entry {entry.id!r}", "duplicate id")
        seen.add(entry.id)
        entries.append(entry)
    return Lexicon(
        id=lexicon_id,
        source=source,
        description=str(meta.get("description", "")),
        entries=tuple(entries),
        templates=dict(templates),
        language=declared,
    )
