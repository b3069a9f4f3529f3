"""Lint drafts: one spaCy pass and one match pass per draft, then every enabled rule, then scoring."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from caselint import scoring, suppression
from caselint.config import Settings
from caselint.context import Context
from caselint.document import Document, line_starts
from caselint.errors import LexiconError
from caselint.lexicon.compiled import CompiledLexicons
from caselint.lexicon.loader import load_lexicons
from caselint.model import FileError, Finding, Report, Severity, Span
from caselint.nlp import get_nlp
from caselint.rules.base import Rule
from caselint.rules.registry import matches_selector, select_rules

BATCH_SIZE = 64


@lru_cache(maxsize=8)
def compiled_lexicons(extra: tuple[str, ...] = (), disabled: frozenset[str] = frozenset()) -> CompiledLexicons:
    """Lexicons compile once per process (per distinct extra/disabled set)."""
    return CompiledLexicons(get_nlp(), load_lexicons(extra, disabled))


@lru_cache(maxsize=64)
def _rule_instances(rule_classes: tuple[type[Rule], ...]) -> tuple[Rule, ...]:
    return tuple(cls() for cls in rule_classes)


def _rules_for(settings: Settings, path: str) -> tuple[Rule, ...]:
    ignore = settings.ignore + settings.ignores_for(path)
    return _rule_instances(tuple(select_rules(settings.select, ignore)))


def _suppressed(rule: Rule, line: int, markers: list[suppression.Marker]) -> bool:
    for marker in markers:
        if marker.kind != "file" and marker.line != line:
            continue
        if not marker.selectors or any(matches_selector(type(rule), s) for s in marker.selectors):
            return True
    return False


def _lint_one(path: str, text: str, doc, markers, settings: Settings, lexicons: CompiledLexicons) -> Report:
    return _lint_with_context(path, text, doc, markers, settings, lexicons)[0]


def _context(path: str, doc, settings: Settings, lexicons: CompiledLexicons) -> Context:
    """What every rule reads. Rules see one text: the analysis text the parse was made from (markers
    blanked, same length, so every offset holds for the original, which the report keeps)."""
    return Context(Document(path, doc.text, doc), lexicons.match(doc, doc.text), lexicons, settings.rule_options)


def _lint_with_context(path, text, doc, markers, settings: Settings, lexicons: CompiledLexicons) -> tuple[Report, Context]:
    ctx = _context(path, doc, settings, lexicons)
    document = ctx.document
    overrides = dict(settings.severity)
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for rule in _rules_for(settings, path):
        configured = overrides.get(rule.code)
        for v in rule.check(ctx):
            start = max(0, min(v.start, len(text)))
            end = max(start, min(v.end, len(text)))
            line, column = document.line_col(start)
            if markers and _suppressed(rule, line, markers):
                continue
            key = (rule.code, start, end, v.message)
            if key in seen:
                continue
            seen.add(key)
            end_line, end_column = document.line_col(end)
            findings.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    category=rule.category,
                    severity=configured or v.severity or rule.severity,
                    message=v.message,
                    span=Span(start, end),
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    suggestion=v.suggestion,
                    fix=v.fix,
                )
            )
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    report = Report(
        path=path,
        text=text,
        findings=tuple(findings),
        score=scoring.score(findings, settings.weights),
        issue_type=ctx.issue_type,
        fail_under=settings.fail_under,
        kind=ctx.draft.kind,
    )
    return report, ctx


def lint_many(items: Iterable[tuple[str, str, Settings] | FileError]) -> Iterator[Report | FileError]:
    """Lint (path, text, settings) triples in order, batching the spaCy pass; FileErrors pass through in place."""
    nlp = get_nlp()
    batch: list = []

    def flush() -> Iterator[Report | FileError]:
        texts = [b[4] for b in batch if not isinstance(b, FileError)]
        docs = iter(nlp.pipe(texts, batch_size=BATCH_SIZE))
        for entry in batch:
            if isinstance(entry, FileError):
                yield entry
                continue
            path, text, settings, markers, _ = entry
            lexicons = compiled_lexicons(settings.extra_lexicons, settings.disable_entries)
            yield _lint_one(path, text, next(docs), markers, settings, lexicons)
        batch.clear()

    for item in items:
        if isinstance(item, FileError):
            batch.append(item)
            continue
        path, text, settings = item
        # Compile lexicons before parsing so that a broken lexicon fails fast; it fails this file only
        # (the files under other configs are still checked).
        try:
            compiled_lexicons(settings.extra_lexicons, settings.disable_entries)
        except LexiconError as exc:
            batch.append(FileError(path, str(exc)))
            continue
        batch.append((path, text, settings, *_prepare(text)))
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    if batch:
        yield from flush()


def _prepare(text: str) -> tuple[list[suppression.Marker], str]:
    """The draft's suppression markers and the text spaCy parses: markers blanked, lone surrogates
    replaced (both keep every offset valid for the original text)."""
    starts = line_starts(text) if "caselint" in text.lower() else (0,)
    markers = suppression.find_markers(text, lambda off, s=starts: _line_of(s, off))
    return markers, fold_width(without_surrogates(suppression.blank_markers(text, markers)))


# Full-width ASCII (ＡＳＩＮ：Ｂ０９…, common in Japanese and Chinese drafts) and the ideographic space,
# folded one character for one, so IDs and labels match in either width and every offset holds.
_WIDTH = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


def fold_width(text: str) -> str:
    return text.translate(_WIDTH) if any("\uff01" <= ch <= "\uff5e" or ch == "\u3000" for ch in text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (possible in editor buffers) cannot be encoded; U+FFFD keeps every offset valid
    (the same length in code points and in UTF-16 units)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _line_of(starts: tuple[int, ...], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset)


def lint_one(path: str, text: str, settings: Settings) -> Report:
    """The single-draft path (what :func:`caselint.api.lint_text` runs); a broken lexicon raises."""
    report = next(iter(lint_many([(path, text, settings)])))
    if isinstance(report, FileError):  # a broken lexicon: the API raises what the CLI reports
        raise LexiconError(report.message)
    return report


def lint_one_in_context(path: str, text: str, settings: Settings) -> tuple[Report, Context]:
    """:func:`lint_one`, also returning the Context the rules read (the rewrite builds on its hits and
    sentences). One parse serves both."""
    lexicons = compiled_lexicons(settings.extra_lexicons, settings.disable_entries)
    markers, analysis_text = _prepare(text)
    doc = get_nlp()(analysis_text)
    report, ctx = _lint_with_context(path, text, doc, markers, settings, lexicons)
    # The rewrite copies words out of the text it reads, so it reads the original (a lone surrogate or a
    # marker's text stays the writer's); the hits and the parse are the rules' own.
    return report, Context(Document(path, text, doc), ctx.hits, lexicons, settings.rule_options)


__all__ = ["lint_many", "lint_one", "lint_one_in_context", "compiled_lexicons", "without_surrogates", "Severity"]
