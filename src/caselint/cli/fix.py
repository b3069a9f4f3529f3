"""`caselint check --fix / --unsafe-fixes / --diff`: fix drafts in place, or show what would change.

* ``--fix`` applies the applicable fixes (safe; unsafe too with ``--unsafe-fixes`` or
  ``unsafe-fixes = true``), writes each changed file atomically in its own encoding, BOM and line
  endings, then reports the findings that remain, as ``check`` does. A draft read from ``-`` (stdin)
  is printed to stdout, fixed, and the report goes to stderr.
* ``--diff`` prints a unified diff of what ``--fix`` would change and writes nothing.

Exit codes (ruff's): ``--fix`` exits 0 when everything was fixed and 1 when findings remain that fail
a draft; with ``--exit-non-zero-on-fix`` it also exits 1 when it changed a file (so a pre-commit hook
fails and the change can be reviewed); ``--diff`` exits 1 when there is a diff. 2 for usage, config, input and write errors (a file changed on disk since it was read is
never overwritten: it is reported as an error).
"""

from __future__ import annotations

import sys

from caselint.cli.common import draft_diff, use_color, write_draft
from caselint.exitcodes import ExitCode
from caselint.model import FileError


def run_fix(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color, *,
            diff: bool, unsafe_fixes: bool | None, exit_non_zero_on_fix: bool = False,
            respect_gitignore: bool | None = None, force_exclude: bool | None = None) -> ExitCode:
    from caselint.api import fix_text, iter_drafts_for
    from caselint.errors import CaselintError
    from caselint.inputs import Stdin, decode, os_reason
    from caselint.reporters import get_reporter
    from caselint.writing import FileChangedError, Snapshot, write_text

    out = sys.stdout
    err = sys.stderr
    stdin = Stdin(sys.stdin.buffer) if "-" in paths else None  # read with the size limit applied
    # Fixed stdin text owns stdout; the report then goes to stderr.
    report_stream = err if (stdin is not None and not diff) else out
    reporter = None if diff else get_reporter(output_format, report_stream, err, use_color(color, report_stream))
    if reporter:
        reporter.threshold_name = "--fail-under" if fail_under is not None else "fail-under"
        reporter.start()

    status = ExitCode.CLEAN
    changed_files = 0
    fixed_findings = 0

    def file_error(item: FileError) -> None:
        nonlocal status
        if reporter:
            reporter.error(item)
        else:
            err.write(f"caselint: error: {item.path}: {item.message}\n")
        status = ExitCode.ERROR

    drafts = iter_drafts_for(paths, config=config_path, stdin=stdin, stdin_filename=stdin_filename,
                             select=select or None, ignore=ignore or None, fail_under=fail_under,
                             unsafe_fixes=unsafe_fixes, respect_gitignore=respect_gitignore,
                             force_exclude=force_exclude)
    for draft in drafts:
        if isinstance(draft, FileError) and draft.skipped:
            if reporter:
                reporter.skipped(draft)
            else:
                err.write(f"caselint: skipped {draft.path}: {draft.message}\n")
            continue
        if isinstance(draft, FileError):
            file_error(draft)
            continue
        from_stdin = stdin is not None and draft.path == (stdin_filename or "-")
        snapshot = None
        if not from_stdin:
            try:
                snapshot = Snapshot.take(draft.path, draft.settings.max_draft_size)
                same, _ = decode(draft.path, snapshot.raw, draft.settings.max_draft_size)
            except OSError as exc:  # deleted or made unreadable since it was read
                file_error(FileError(draft.path, f"cannot re-read before fixing: {os_reason(exc)}; not fixed"))
                continue
            except CaselintError as exc:
                file_error(FileError(draft.path, f"cannot re-read before fixing: {exc}; not fixed"))
                continue
            if same != draft.text:
                file_error(FileError(draft.path, "changed on disk while it was being read; not fixed"))
                continue
        try:
            result = fix_text(draft.text, draft.path, settings=draft.settings)
        except CaselintError as exc:
            file_error(FileError(draft.path, str(exc)))
            continue
        if not result.converged:  # never write (or print) what did not reach a fixed point
            rules = ", ".join(sorted({f.code for f in result.report.findings if f.fix is not None and f.fix.edits}))
            if not diff:
                file_error(FileError(draft.path, f"{result.message.split(';')[0]} (rules: {rules or 'none'}); not written"))
                continue
            err.write(f"caselint: warning: {draft.path}: {result.message}\n")
        if diff:
            patch = draft_diff(draft.path, draft.text, result.text)
            if patch:
                out.write(patch)
                out.flush()
                status = max(status, ExitCode.FINDINGS)
            continue
        if from_stdin:
            write_draft(result.text, draft.bom, draft.text)
        elif result.changed:
            try:
                write_text(draft.path, result.text, bom=draft.bom, expected=snapshot)
            except FileChangedError as exc:
                file_error(FileError(draft.path, str(exc).split(": ", 1)[-1]))
                continue
            except OSError as exc:
                file_error(FileError(draft.path, f"cannot write: {exc.strerror or exc}"))
                continue
        if result.changed:
            changed_files += 1
            fixed_findings += len(result.applied)
            if exit_non_zero_on_fix:
                status = max(status, ExitCode.FINDINGS)
        reporter.report(result.report)
        if result.report.failing:
            status = max(status, ExitCode.FINDINGS)
        report_stream.flush()
    if reporter:
        reporter.finish(quiet)
        if not quiet:
            err.write(f"caselint: applied {fixed_findings} fix{'es' if fixed_findings != 1 else ''}; "
                      f"{changed_files} draft{'s' if changed_files != 1 else ''} changed\n")
    return status


__all__ = ["run_fix"]
