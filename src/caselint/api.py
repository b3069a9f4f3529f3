"""The Python API: the one door the CLI, the language server and the tests use.

* :func:`resolve_settings`: the settings that apply to a path (config discovery), CLI flags on top;
* :func:`lint_text` / :func:`lint_paths`: lint one draft given as a string / files, folders, stdin;
* :func:`fix_text`: apply fixes until nothing changes (``caselint check --fix``);
* :func:`rewrite_text`: the whole improved draft (``caselint rewrite``);
* :func:`clear_caches`: forget cached configs and compiled lexicons (after they changed on disk).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from caselint.config import Settings, settings_for
from caselint.errors import CaselintError
from caselint.inputs import Draft, iter_drafts
from caselint.model import FileError, Report

if TYPE_CHECKING:
    from caselint.fixes import FixResult
    from caselint.rewrite import RewriteResult


def resolve_settings(path: str | Path | None = None, config: str | None = None, **cli_overrides) -> Settings:
    """The settings for ``path`` (None or '-': the current directory), or from the ``config`` file when
    given, with CLI flags on top (``select``, ``ignore``, ``fail_under``, ``unsafe_fixes``; None = unset)."""
    return settings_for(path, config).with_cli(**cli_overrides)


def _resolved(settings: Settings | None, path: str, config: str | None, **cli_overrides) -> Settings:
    """Given settings (with CLI flags on top), else those for ``path`` when it names a real location."""
    if settings is not None:
        return settings.with_cli(**cli_overrides)
    lookup = path if path not in ("<string>", "-") and Path(path).parent.exists() else None
    return resolve_settings(lookup, config, **cli_overrides)


def lint_text(
    text: str,
    path: str = "<string>",
    *,
    settings: Settings | None = None,
    config: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Report:
    """Lint one draft given as a string. ``path`` is used for reporting and per-file-ignores only.

    Settings default to what applies to ``path`` (or the current directory): config discovery,
    then ``select``/``ignore`` on top. A broken lexicon raises :class:`caselint.errors.LexiconError`.
    """
    from caselint.runner import lint_one

    if not isinstance(text, str):
        raise TypeError("text must be a str")
    resolved = _resolved(settings, path, config, select=select, ignore=ignore)
    return with_marker_check(lint_one(path, text, resolved), resolved)


def with_marker_check(report: Report, settings: Settings) -> Report:
    """Add the findings about suppression markers that name unknown rules or silence nothing (SU001)."""
    from caselint.runner import lint_one
    from caselint.suppression import check_markers

    return check_markers(report, settings, lambda t: lint_one(report.path, t, settings))


def lint_paths(
    paths: Iterable[str],
    *,
    config: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_under: int | None = None,
    unsafe_fixes: bool | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int | None = 1,
    respect_gitignore: bool | None = None,
    force_exclude: bool | None = None,
) -> Iterator[Report | FileError]:
    """Lint files, directories and '-' (stdin), yielding one Report or FileError per file, in order.

    Results stream: memory does not grow with the number of files. ``jobs`` > 1 lints in that many
    worker processes (same results, same order); ``None`` or 0 chooses automatically (serial for
    small batches). ``respect_gitignore`` / ``force_exclude`` override the config keys of those names
    (None = as configured). A FileError with ``skipped`` set is an empty draft: nothing to lint.
    """
    from caselint.parallel import lint_items

    from collections import deque

    marked: deque = deque()  # per item in flight, in order: its settings when its text has markers

    def items():
        for item in iter_drafts_for(paths, config=config, select=select, ignore=ignore, fail_under=fail_under,
                                    unsafe_fixes=unsafe_fixes, stdin=stdin, stdin_filename=stdin_filename,
                                    respect_gitignore=respect_gitignore, force_exclude=force_exclude):
            if isinstance(item, FileError):
                marked.append(None)
                yield item
            else:
                marked.append(item.settings if "caselint" in item.text.lower() else None)
                yield (item.path, item.text, item.settings)

    for result in lint_items(items(), jobs):  # exactly one result per item, in order
        settings = marked.popleft()
        if settings is not None and isinstance(result, Report):
            result = with_marker_check(result, settings)
        yield result


def iter_drafts_for(
    paths: Iterable[str],
    *,
    config: str | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    **cli_overrides,
) -> Iterator[Draft | FileError]:
    """The drafts (text, BOM and resolved settings) that :func:`lint_paths` would lint, in order."""

    def settings_for_path(p):
        return resolve_settings(p, config, **cli_overrides)

    yield from iter_drafts(tuple(paths), settings_for_path, (lambda: stdin or b""), stdin_filename)


def count_drafts(
    paths: Iterable[str],
    *,
    config: str | None = None,
    limit: int | None = None,
    **cli_overrides,
) -> int:
    """How many drafts :func:`lint_paths` would read (walking folders, reading nothing); stops at ``limit``."""
    from caselint.inputs import count_paths

    def settings_for_path(p):
        return resolve_settings(p, config, **cli_overrides)

    return count_paths(tuple(paths), settings_for_path, limit)


def fix_text(
    text: str,
    path: str = "<string>",
    *,
    settings: Settings | None = None,
    config: str | None = None,
    unsafe: bool | None = None,
    max_rounds: int | None = None,
) -> "FixResult":
    """Lint ``text`` and apply its fixes until nothing changes. ``unsafe`` defaults to the settings' value.

    Raises :class:`caselint.errors.LexiconError` (a CaselintError) when the lexicons do not load.
    """
    from caselint.fixes import MAX_ROUNDS, fix_report
    from caselint.runner import lint_one

    resolved = _resolved(settings, path, config)
    use_unsafe = resolved.unsafe_fixes if unsafe is None else unsafe

    def lint(t: str) -> Report:
        return with_marker_check(lint_one(path, t, resolved), resolved)

    return fix_report(lint(text), lint, unsafe=use_unsafe, max_rounds=MAX_ROUNDS if max_rounds is None else max_rounds)


def rewrite_text(
    text: str,
    path: str = "<string>",
    *,
    settings: Settings | None = None,
    config: str | None = None,
) -> "RewriteResult":
    """The improved draft for ``text`` (a fixed point: rewriting it again changes nothing).

    Line endings follow the input (CRLF stays CRLF); missing facts become placeholders.
    """
    from caselint.rewrite import rewrite

    return rewrite(text, path, _resolved(settings, path, config))


def clear_caches(*, lexicons: bool = True) -> None:
    """Forget cached configs (and compiled lexicons unless ``lexicons=False``), so the next lint reads them again."""
    from caselint.config import clear_cache

    clear_cache()
    if lexicons:
        from caselint.runner import compiled_lexicons

        compiled_lexicons.cache_clear()


__all__ = [
    "CaselintError",
    "Draft",
    "FileError",
    "Report",
    "clear_caches",
    "count_drafts",
    "fix_text",
    "iter_drafts_for",
    "lint_paths",
    "lint_text",
    "resolve_settings",
    "rewrite_text",
]
