"""`caselint rewrite FILE|-`: print (or write back) the whole improved draft; the engine is
:mod:`caselint.rewrite`, reached through :func:`caselint.api.rewrite_text`."""

from __future__ import annotations

import sys

import click

from caselint.cli.common import draft_diff, fail, write_draft
from caselint.exitcodes import ExitCode


def rewrite_command(source: str, in_place: bool, config_path: str | None, diff: bool = False) -> ExitCode:
    from caselint.api import resolve_settings, rewrite_text
    from caselint.errors import CaselintError
    from caselint.fixes import MAX_ROUNDS
    from caselint.inputs import decode, read_draft, read_stdin
    from caselint.writing import FileChangedError, write_text

    err = sys.stderr
    if diff and in_place:
        raise click.UsageError("--diff shows the change without writing: it cannot be combined with --in-place")
    if source == "-":
        if in_place:
            raise click.UsageError("--in-place needs a file, not '-'")
        settings = resolve_settings(None, config_path)
        text, bom = _named("-", read_stdin, sys.stdin.buffer, settings)  # the size limit applies while reading
        result = rewrite_text(text, "-", settings=settings)
        _converged_or_fail("-", result)
        if diff:
            _print_diff("-", text, result.text)
        else:
            write_draft(result.text, bom, text)
    else:
        settings = resolve_settings(source, config_path)
        draft = _named(source, read_draft, source, settings)
        snapshot = _named(source, _snapshot, source, settings.max_draft_size) if in_place else None
        if snapshot is not None and _named(source, decode, source, snapshot.raw, settings.max_draft_size)[0] != draft.text:
            raise CaselintError(f"{source}: changed on disk while it was being read; not rewritten")
        result = rewrite_text(draft.text, source, settings=settings)
        _converged_or_fail(source, result)
        if in_place:
            try:
                written = write_text(source, result.text, bom=draft.bom, expected=snapshot)
            except FileChangedError as exc:
                raise CaselintError(str(exc)) from None
            err.write(f"caselint: {source}: {'rewritten' if written else 'unchanged'} "
                      f"(score {result.before.score.value} -> {result.after.score.value})\n")
        elif diff:
            _print_diff(source, draft.text, result.text)
        else:
            write_draft(result.text, draft.bom, draft.text)
    if not result.converged:
        err.write(f"caselint: warning: {source}: the rewrite did not settle after {MAX_ROUNDS} rounds; "
                  "printed the last version, please report this\n")
    todo = [f for f in result.after.findings if f.fails]
    if todo:
        err.write(f"caselint: score {result.before.score.value} -> {result.after.score.value}; "
                  f"fill in before sending: " + "; ".join(f"{f.code} line {f.line}" for f in todo) + "\n")
    return ExitCode.FINDINGS if diff and result.changed else ExitCode.CLEAN


def _snapshot(path: str, limit: int):
    """The file as it is now (to refuse writing over a change); an OS error is a CaselintError."""
    from caselint.errors import CaselintError
    from caselint.inputs import os_reason
    from caselint.writing import Snapshot

    try:
        return Snapshot.take(path, limit)
    except OSError as exc:
        raise CaselintError(f"cannot re-read before writing: {os_reason(exc)}; not rewritten") from None
    except CaselintError as exc:
        raise CaselintError(f"cannot re-read before writing: {exc}; not rewritten") from None


def _named(source: str, read, *args):
    """``read(*args)``, with a read error naming the draft, as `caselint check` does."""
    from caselint.errors import CaselintError

    try:
        return read(*args)
    except CaselintError as exc:
        raise CaselintError(f"{source}: {exc}") from None


def _print_diff(path: str, before: str, after: str) -> None:
    sys.stdout.write(draft_diff(path, before, after))
    sys.stdout.flush()


@click.command("rewrite")
@click.argument("source", metavar="FILE|-")
@click.option("--in-place", is_flag=True, help="Write the rewrite back to FILE (atomic; keeps BOM and line endings).")
@click.option("--diff", is_flag=True, help="Show the rewrite as a unified diff; writes nothing (exit 1 when it changes the draft).")
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="Use this config file instead of discovering one.")
def rewrite_cmd(source, in_place, config_path, diff):
    """Print the whole improved draft (greeting, facts first, customer framing, polite closing).

    Missing facts become [placeholders] to fill in; nothing is invented. Rewriting a rewrite changes
    nothing. The score before and after, and what is left to fill in, go to stderr.
    """
    from caselint.errors import CaselintError

    try:
        sys.exit(rewrite_command(source, in_place, config_path, diff))
    except CaselintError as exc:
        fail(str(exc))


def _converged_or_fail(source: str, result) -> None:
    """A rewrite that did not reach a fixed point is neither printed nor written (issue 14)."""
    if not result.converged:
        from caselint.errors import CaselintError

        rules = ", ".join(sorted({f.code for f in result.after.findings if f.fix is not None and f.fix.edits}))
        raise CaselintError(f"{source}: the rewrite did not converge after {result.rounds} rounds "
                            f"(rules: {rules or 'none'}); nothing written, please report this")
