"""The Python API used by the CLI, the language server and the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from caselint.config import Settings, settings_for
from caselint.errors import CaselintError
from caselint.inputs import Draft, iter_drafts
from caselint.model import FileError, Report


def _settings(settings: Settings | None, path: str | None, config: str | None, **cli) -> Settings:
    base = settings if settings is not None else settings_for(path, config)
    return base.with_cli(**cli)


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
    then ``select``/``ignore`` on top.
    """
    from caselint.runner import lint_one

    if not isinstance(text, str):
        raise TypeError("text must be a str")
    lookup = path if path not in ("<string>", "-") and Path(path).parent.exists() else None
    resolved = _settings(settings, lookup, config, select=select, ignore=ignore)
    return lint_one(path, text, resolved)


def lint_paths(
    paths: Iterable[str],
    *,
    config: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_under: int | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int | None = 1,
) -> Iterator[Report | FileError]:
    """Lint files, directories and '-' (stdin), yielding one Report or FileError per file, in order.

    Results stream: memory does not grow with the number of files. ``jobs`` > 1 lints in that many
    worker processes (same results, same order); ``None`` or 0 chooses automatically (serial for
    small batches).
    """
    from caselint.parallel import lint_items

    def settings_for_path(p):
        return _settings(None, p, config, select=select, ignore=ignore, fail_under=fail_under)

    def items():
        for item in iter_drafts(tuple(paths), settings_for_path, (lambda: stdin or b""), stdin_filename):
            yield item if isinstance(item, FileError) else (item.path, item.text, item.settings)

    yield from lint_items(items(), jobs)


__all__ = ["lint_text", "lint_paths", "Report", "FileError", "Draft", "CaselintError"]
