"""What the commands share: error exit, comma-separated options, selector validation, colour."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from caselint.exitcodes import ExitCode


def fail(message: str) -> NoReturn:
    click.echo(f"caselint: error: {message}", err=True)
    sys.exit(ExitCode.ERROR)


def split(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ("a", "b", "c")."""
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def validate_selectors(selectors: tuple[str, ...]) -> None:
    from caselint.errors import UsageError
    from caselint.rules.registry import validate_selector

    for sel in selectors:
        if not validate_selector(sel):
            raise UsageError(f"unknown rule code, prefix, name or category: {sel!r} (see `caselint rules`)")


def use_color(color: bool | None, stream) -> bool:
    """--color/--no-color win; else NO_COLOR (set and not empty: no colour, https://no-color.org), else
    FORCE_COLOR (set and not empty: colour even when not a terminal), else colour only on a terminal."""
    import os

    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def write_draft(text: str, bom: bool, original: str | None = None) -> None:
    """A whole draft to stdout, as bytes in its own format: UTF-8, with its BOM if it had one, and CR
    line endings if ``original`` (the draft as read) had only those, as a file written back keeps them."""
    from caselint.writing import encode, keep_cr_only

    sys.stdout.flush()
    sys.stdout.buffer.write(encode(keep_cr_only(text, original), bom=bom))
    sys.stdout.buffer.flush()


def draft_diff(path: str, before: str, after: str) -> str:
    """The unified diff of what writing ``after`` over the draft ``before`` would change (line endings
    as the file would get them: a CR-only draft keeps CR)."""
    from caselint.fixes import unified_diff
    from caselint.writing import keep_cr_only

    return unified_diff(path, before, keep_cr_only(after, before))
