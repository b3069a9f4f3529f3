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


def write_draft(text: str, bom: bool) -> None:
    """A whole draft to stdout, as bytes in its own encoding (UTF-8, with its BOM if it had one)."""
    from caselint.writing import encode

    sys.stdout.flush()
    sys.stdout.buffer.write(encode(text, bom=bom))
    sys.stdout.buffer.flush()
