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
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="Use this config file instead of discovering one.")
@click.option("--stdin-filename", default=None, metavar="NAME", help="Name (and config location) for '-' input.")
@click.option("-q", "--quiet", is_flag=True, help="Findings only: no summary line, no progress bar.")
@click.option("--color/--no-color", default=None,
              help="Colour output (default: only on a terminal; NO_COLOR / FORCE_COLOR are honoured).")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes in place (stdin: print the fixed draft); exit 1 only when findings remain.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", "unsafe_fixes", default=None,
              help="With --fix/--diff, also apply unsafe fixes (rewording); config: unsafe-fixes.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when there are findings or a score under the minimum (2 still means an error).")
@click.option("--exit-non-zero-on-fix", is_flag=True,
              help="With --fix, exit 1 when a file was changed, even if nothing is left to report.")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings (text, or JSON with --format json).")
@click.option("--respect-gitignore/--no-respect-gitignore", "respect_gitignore", default=None,
              help="Skip files that .gitignore ignores when walking folders (default; config: respect-gitignore).")
@click.option("--force-exclude/--no-force-exclude", "force_exclude", default=None,
              help="Apply exclude and the repository-document skip to files named on the command line too "
                   "(the pre-commit hooks use it; config: force-exclude).")
@click.option("-j", "--jobs", type=click.IntRange(0), default=None, metavar="N",
              help="Worker processes (default or 0: automatic, 1 under 200 drafts, else up to 4, one per CPU).")
def check(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color,
          fix, unsafe_fixes, diff, exit_zero=False, exit_non_zero_on_fix=False, statistics=False,
          respect_gitignore=None, force_exclude=None, jobs=None):
    """Lint drafts: files, folders (recursing into *.txt, *.md) and '-' for stdin."""
    from caselint.errors import CaselintError

    if not paths:
        raise click.UsageError("no drafts given: pass files, folders or '-' for stdin")
    if statistics and (fix or diff):
        raise click.UsageError("--statistics cannot be combined with --fix or --diff")
    select_t, ignore_t = split(select), split(ignore)
    walk = {"respect_gitignore": respect_gitignore, "force_exclude": force_exclude}
    try:
        validate_selectors(select_t + ignore_t)
        if config_path:
            # An explicit config applies to every draft: report a broken one once, before any output.
            from caselint.api import resolve_settings

            resolve_settings(None, config_path)
        if fix or diff:
            from caselint.cli.fix import run_fix

            code = run_fix(paths, output_format, select_t, ignore_t, fail_under, config_path, stdin_filename,
                           quiet, color, diff=diff, unsafe_fixes=unsafe_fixes,
                           exit_non_zero_on_fix=exit_non_zero_on_fix, **walk)
        else:
            code = _run_check(paths, output_format, select_t, ignore_t, fail_under, config_path, stdin_filename,
                              quiet, color, jobs=jobs, statistics=statistics, **walk)
    except CaselintError as exc:
        fail(str(exc))
    if exit_zero and code == ExitCode.FINDINGS:
        code = ExitCode.CLEAN  # like ruff's --exit-zero: findings never fail; errors (2) still do
    sys.exit(code)


def _run_check(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color,
               jobs=None, statistics=False, respect_gitignore=None, force_exclude=None) -> ExitCode:
    from caselint.api import count_drafts, lint_paths
    from caselint.cli.progress import progress_for
    from caselint.model import FileError
    from caselint.reporters import get_reporter

    out = sys.stdout  # click.get_text_stream is deprecated (removed in Click 9)
    err = sys.stderr
    from caselint.inputs import Stdin

    stdin = Stdin(sys.stdin.buffer) if "-" in paths else None  # read with the size limit applied
    walk = {"respect_gitignore": respect_gitignore, "force_exclude": force_exclude}
    if statistics:
        from caselint.reporters.statistics import StatisticsReporter

        reporter = StatisticsReporter(out, err, use_color(color, out), as_json=output_format == "json")
    else:
        reporter = get_reporter(output_format, out, err, use_color(color, out))
    reporter.threshold_name = "--fail-under" if fail_under is not None else "fail-under"
    progress = progress_for(paths, quiet=quiet, err=err, out=out,
                            count=lambda limit: count_drafts(paths, config=config_path, limit=limit, **walk))
    reporter.start()
    status = ExitCode.CLEAN
    try:
        for item in lint_paths(paths, config=config_path, select=select or None, ignore=ignore or None,
                               fail_under=fail_under, stdin=stdin, stdin_filename=stdin_filename, jobs=jobs, **walk):
            with progress.writing():
                if isinstance(item, FileError) and item.skipped:
                    reporter.skipped(item)  # nothing to lint: a note, never a failure
                elif isinstance(item, FileError):
                    reporter.error(item)
                    status = ExitCode.ERROR
                else:
                    reporter.report(item)
                    if item.failing and status == ExitCode.CLEAN:
                        status = ExitCode.FINDINGS
                out.flush()
            progress.advance()
    finally:
        progress.close()
    reporter.finish(quiet)
    return status
