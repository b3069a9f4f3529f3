"""`caselint check PATHS...` (also `caselint PATHS...`): lint drafts and report in the chosen format."""

from __future__ import annotations

import sys

import click

from caselint.cli.common import fail, split, use_color, validate_selectors
from caselint.exitcodes import ExitCode
from caselint.reporters import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: an error for that path
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, code prefixes, names or categories (comma-separated; replaces config).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated; added to config).")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None, metavar="SCORE",
              help="Exit 1 when a draft scores under SCORE.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this config file instead of discovering one.")
@click.option("--stdin-filename", default=None, metavar="NAME", help="Name (and config location) for '-' input.")
@click.option("-q", "--quiet", is_flag=True, help="Findings only: no summary line.")
@click.option("--color/--no-color", default=None, help="Colour output (default: only on a terminal).")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes in place (stdin: print the fixed draft); exit 1 when a file changed.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", "unsafe_fixes", default=None,
              help="With --fix/--diff, also apply unsafe fixes (rewording); config: unsafe-fixes.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing.")
@click.option("-j", "--jobs", type=click.IntRange(0), default=None, metavar="N",
              help="Worker processes (default or 0: automatic, 1 under 200 drafts, else up to 4, one per CPU).")
def check(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color,
          fix, unsafe_fixes, diff, jobs=None):
    """Lint drafts: files, folders (recursing into *.txt, *.md) and '-' for stdin."""
    from caselint.errors import CaselintError

    if not paths:
        raise click.UsageError("no drafts given: pass files, folders or '-' for stdin")
    select_t, ignore_t = split(select), split(ignore)
    try:
        validate_selectors(select_t + ignore_t)
        if config_path:
            # An explicit config applies to every draft: report a broken one once, before any output.
            from caselint.api import resolve_settings

            resolve_settings(None, config_path)
        if fix or diff:
            from caselint.cli.fix import run_fix

            sys.exit(run_fix(paths, output_format, select_t, ignore_t, fail_under, config_path, stdin_filename,
                             quiet, color, diff=diff, unsafe_fixes=unsafe_fixes))
        code = _run_check(paths, output_format, select_t, ignore_t, fail_under, config_path, stdin_filename,
                          quiet, color, jobs=jobs)
    except CaselintError as exc:
        fail(str(exc))
    sys.exit(code)


def _run_check(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color,
               jobs=None) -> ExitCode:
    from caselint.api import lint_paths
    from caselint.model import FileError
    from caselint.reporters import get_reporter

    out = sys.stdout  # click.get_text_stream is deprecated (removed in Click 9)
    err = sys.stderr
    from caselint.inputs import Stdin

    stdin = Stdin(sys.stdin.buffer) if "-" in paths else None  # read with the size limit applied
    reporter = get_reporter(output_format, out, err, use_color(color, out))
    reporter.start()
    status = ExitCode.CLEAN
    for item in lint_paths(paths, config=config_path, select=select or None, ignore=ignore or None,
                           fail_under=fail_under, stdin=stdin, stdin_filename=stdin_filename, jobs=jobs):
        if isinstance(item, FileError):
            reporter.error(item)
            status = ExitCode.ERROR
        else:
            reporter.report(item)
            if item.failing and status == ExitCode.CLEAN:
                status = ExitCode.FINDINGS
        out.flush()
    reporter.finish(quiet)
    return status
