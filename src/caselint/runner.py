"""Lint drafts: one spaCy pass and one match pass per draft, then every enabled rule, then scoring."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterable, Iterator

from caselint import language as lang
from caselint import scoring, suppression
from caselint.config import Settings
from caselint.context import Context
from caselint.document import Document, line_starts
from caselint.errors import CaselintError, LexiconError
from caselint.lexicon.compiled import CompiledLexicons
from caselint.lexicon.loader import load_lexicons
from caselint.model import FileError, Finding, Report, Severity, Span
from caselint.nlp import doc_text, get_nlp
from caselint.rules.base import Rule
from caselint.rules.registry import matches_selector, select_rules

BATCH_SIZE = 64
DEFAULT_TIME_BUDGET = 120.0  # seconds per draft; the largest drafts allowed (1 MB) lint in well under a minute


_LEXICON_ERRORS: dict[tuple, LexiconError] = {}


def compiled_lexicons(extra: tuple[str, ...] = (), disabled: frozenset[str] = frozenset(),
                      language: str = lang.BASE) -> CompiledLexicons:
    """The lexicons a draft in ``language`` is checked with (caselint.language.lexicon_languages).
    They compile once per process (per language and distinct extra/disabled set); a broken lexicon is
    read once too: its error is remembered and raised again for every draft that uses it."""
    key = (extra, disabled, language)
    failed = _LEXICON_ERRORS.get(key)
    if failed is not None:
        raise LexiconError(str(failed))
    try:
        return _compiled_lexicons(extra, disabled, language)
    except LexiconError as exc:
        if len(_LEXICON_ERRORS) < 64:
            _LEXICON_ERRORS[key] = exc
        raise


@lru_cache(maxsize=24)
def _compiled_lexicons(extra: tuple[str, ...], disabled: frozenset[str], language: str) -> CompiledLexicons:
    lexicons = load_lexicons(extra, disabled)
    if language == lang.BASE:
        return CompiledLexicons(get_nlp(language), tuple(lx for lx in lexicons if lx.language == language))
    if lang.pipeline(language) == lang.pipeline(lang.BASE):
        # Same pipeline: compile this language's own lexicons on top of the base set (shared, compiled once).
        own = tuple(lx for lx in lexicons if lx.language == language)
        return CompiledLexicons(get_nlp(language), own, base=_compiled_lexicons(extra, disabled, lang.BASE))
    wanted = lang.lexicon_languages(language)
    return CompiledLexicons(get_nlp(language), tuple(lx for lx in lexicons if lx.language in wanted))


def _clear_lexicon_cache() -> None:
    _LEXICON_ERRORS.clear()
    _compiled_lexicons.cache_clear()


compiled_lexicons.cache_clear = _clear_lexicon_cache  # type: ignore[attr-defined]  (api.clear_caches)
compiled_lexicons.cache_info = _compiled_lexicons.cache_info  # type: ignore[attr-defined]


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


def _lint_one(path: str, text: str, doc, markers, settings: Settings, lexicons: CompiledLexicons,
              deadline: float | None = None, language: str = lang.BASE) -> Report:
    return _lint_with_context(path, text, doc, markers, settings, lexicons, deadline, language)[0]


def _context(path: str, doc, settings: Settings, lexicons: CompiledLexicons, language: str = lang.BASE) -> Context:
    """What every rule reads. Rules see one text: the analysis text the parse was made from (markers
    blanked, same length, so every offset holds for the original, which the report keeps)."""
    text = doc_text(doc)
    return Context(Document(path, text, doc), lexicons.match(doc, text), lexicons, settings.rule_options,
                   language)


def _lint_with_context(path, text, doc, markers, settings: Settings, lexicons: CompiledLexicons,
                       deadline: float | None = None, language: str = lang.BASE) -> tuple[Report, Context]:
    ctx = _context(path, doc, settings, lexicons, language)
    document = ctx.document
    overrides = dict(settings.severity)
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for rule in _rules_for(settings, path):
        if deadline is not None and time.monotonic() > deadline:  # where no alarm can interrupt
            raise DraftTimeout(_budget_message(time_budget()))
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
    """Lint (path, text, settings) triples in order, batching the spaCy pass (one batch per pipeline,
    caselint.language); FileErrors pass through in place."""
    batch: list = []

    def flush() -> Iterator[Report | FileError]:
        texts: dict[str, list[str]] = {}
        for b in batch:
            if not isinstance(b, FileError):
                texts.setdefault(lang.pipeline(b[5]), []).append(b[4])
        docs = {pipe: _Docs(get_nlp(pipe), group) for pipe, group in texts.items()}
        for entry in batch:
            if isinstance(entry, FileError):
                yield entry
                continue
            path, text, settings, markers, analysis_text, language = entry
            yield _lint_guarded(path, text, analysis_text, docs[lang.pipeline(language)], markers, settings, language)
        batch.clear()

    for item in items:
        if isinstance(item, FileError):
            batch.append(item)
            continue
        path, text, settings = item
        try:
            markers, analysis_text = _prepare(text)
            language = lang.detect(analysis_text)
        except Exception as exc:  # noqa: BLE001 - one draft's failure is that draft's error
            batch.append(FileError(path, _internal_error(exc)))
            continue
        # Compile lexicons before parsing so that a broken lexicon fails fast; it fails this file only
        # (the files under other configs are still checked).
        try:
            compiled_lexicons(settings.extra_lexicons, settings.disable_entries, language)
        except LexiconError as exc:
            batch.append(FileError(path, str(exc)))
            continue
        batch.append((path, text, settings, markers, analysis_text, language))
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    if batch:
        yield from flush()


class DraftTimeout(CaselintError):
    """A draft took longer than the per-draft time budget."""


def time_budget() -> float:
    """Seconds one draft may take to lint (lexicon matching and rules) before it becomes an error for that draft
    instead of a hang: ``CASELINT_TIME_BUDGET`` (0 = no budget), default :data:`DEFAULT_TIME_BUDGET`."""
    raw = os.environ.get("CASELINT_TIME_BUDGET", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_TIME_BUDGET
    except ValueError:
        value = DEFAULT_TIME_BUDGET
    return value if value > 0 and value == value and value != float("inf") else 0.0


def _budget_message(seconds: float) -> str:
    return (f"linting took longer than the time budget of {seconds:g} s (CASELINT_TIME_BUDGET); not linted. "
            f"Split the draft, or report it as a bug")


@contextmanager
def _alarm(seconds: float):
    """Raise DraftTimeout in this (main) thread after ``seconds``; a no-op elsewhere (no SIGALRM on
    Windows, none outside the main thread: the run then checks the budget between rules)."""
    usable = (seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise DraftTimeout(_budget_message(seconds))

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread of the main interpreter
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _internal_error(exc: BaseException) -> str:
    """A one-line message for an unexpected exception in one draft's lint: its type and where it was
    raised in caselint (never its text, which may quote the draft)."""
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "caselint" in filename:
            where = f" at {os.path.basename(filename)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"internal error while linting ({type(exc).__name__}{where}); not linted. Please report it as a bug"


class _Docs:
    """The batch's parses, in order (nlp.pipe parses a whole batch at the first draft, so the parse is
    outside the time budget: it is linear, spaCy's tokenizer works in bounded pieces). If the batch
    parse fails, the drafts are parsed one by one, so a failure is the failing draft's own."""

    def __init__(self, nlp, texts: list[str]):
        self.nlp = nlp
        self.it = iter(nlp.pipe(texts, batch_size=BATCH_SIZE))
        self.broken = False

    def parse(self, text: str):
        if not self.broken:
            try:
                doc = next(self.it)
                if doc_text(doc) == text:
                    return doc
            except Exception:  # noqa: BLE001 - parsed again alone below, where the error is this draft's
                pass
            self.broken = True
        return self.nlp(text)


def _lint_guarded(path, text, analysis_text, docs: _Docs, markers, settings, language: str) -> Report | FileError:
    """One draft under the time budget; any exception becomes a FileError for this draft only."""
    try:
        doc = docs.parse(analysis_text)
        lexicons = compiled_lexicons(settings.extra_lexicons, settings.disable_entries, language)
        budget = time_budget()
        deadline = time.monotonic() + budget if budget else None
        with _alarm(budget):
            return _lint_one(path, text, doc, markers, settings, lexicons, deadline=deadline, language=language)
    except CaselintError as exc:  # DraftTimeout, LexiconError
        return FileError(path, str(exc))
    except MemoryError:
        return FileError(path, "out of memory while linting; not linted")
    except Exception as exc:  # noqa: BLE001 - one draft's failure is that draft's error, never a traceback
        return FileError(path, _internal_error(exc))


def _prepare(text: str) -> tuple[list[suppression.Marker], str]:
    """The draft's suppression markers and the text spaCy parses: markers blanked, lone surrogates
    replaced (both keep every offset valid for the original text)."""
    starts = line_starts(text) if "caselint" in text.lower() else (0,)
    markers = suppression.find_markers(text, lambda off, s=starts: _line_of(s, off))
    # Traditional Chinese is folded to simplified for the Chinese lexicons (caselint.language.fold).
    return markers, lang.fold(fold_width(without_surrogates(suppression.blank_markers(text, markers))))


# Full-width ASCII (ＡＳＩＮ：Ｂ０９…, common in Japanese and Chinese drafts) and the ideographic space,
# folded one character for one, so IDs and labels match in either width and every offset holds.
_WIDTH = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def fold_width(text: str) -> str:
    return text.translate(_WIDTH) if _WIDE.search(text) else text


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
    markers, analysis_text = _prepare(text)
    # a broken lexicon raises here
    compiled_lexicons(settings.extra_lexicons, settings.disable_entries, lang.detect(analysis_text))
    report = next(iter(lint_many([(path, text, settings)])))
    if isinstance(report, FileError):  # over the time budget, or a crash: the API raises what the CLI reports
        raise CaselintError(report.message)
    return report


def lint_one_in_context(path: str, text: str, settings: Settings) -> tuple[Report, Context]:
    """:func:`lint_one`, also returning the Context the rules read (the rewrite builds on its hits and
    sentences). One parse serves both."""
    markers, analysis_text = _prepare(text)
    language = lang.detect(analysis_text)
    lexicons = compiled_lexicons(settings.extra_lexicons, settings.disable_entries, language)
    doc = get_nlp(language)(analysis_text)
    report, ctx = _lint_with_context(path, text, doc, markers, settings, lexicons, language=language)
    # The rewrite copies words out of the text it reads, so it reads the original (a lone surrogate or a
    # marker's text stays the writer's); the hits and the parse are the rules' own.
    return report, Context(Document(path, text, doc), ctx.hits, lexicons, settings.rule_options, language)


__all__ = ["lint_many", "lint_one", "lint_one_in_context", "compiled_lexicons", "without_surrogates", "Severity"]
