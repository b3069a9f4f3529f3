"""`caselint check --fix / --unsafe-fixes / --diff`: fix drafts in place, or show what would change.

* ``--fix`` applies the applicable fixes (safe; unsafe too with ``--unsafe-fixes`` or
  ``unsafe-fixes = true``), writes each changed file atomically in its own encoding, BOM and line
  endings, then reports the findings that remain, as ``check`` does. A draft read from ``-`` (stdin)
  is printed to stdout, fixed, and the report goes to stderr.
* ``--diff`` prints a unified diff of what ``--fix`` would change and writes nothing.

Exit codes: ``--fix`` exits 1 when it changed a file (so a pre-commit hook fails and the change can be
reviewed, like other fixers) or when findings remain that fail the draft; ``--diff`` exits 1 when there
is a diff. 2 for usage, config, input and write errors (a file changed on disk since it was read is
never overwritten: it is reported as an error).
"""

from __future__ import annotations

import sys

import click

from caselint.model import FileError, Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def run_fix(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color, *,
            diff: bool, unsafe_fixes: bool | None) -> int:
    from caselint.api import _settings
    from caselint.errors import CaselintError
    from caselint.fixes import fix_report, unified_diff
    from caselint.inputs import decode, iter_drafts
    from caselint.reporters import get_reporter
    from caselint.runner import lint_many
    from caselint.writing import FileChangedError, Snapshot, write_text

    out = sys.stdout
    err = sys.stderr
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    # Fixed stdin text owns stdout; the report then goes to stderr.
    report_stream = err if (stdin is not None and not diff) else out
    use_color = color if color is not None else report_stream.isatty()
    reporter = None if diff else get_reporter(output_format, report_stream, err, use_color)
    if reporter:
        reporter.start()

    def settings_for_path(p):
        return _settings(None, p, config_path, select=select or None, ignore=ignore or None,
                         fail_under=fail_under, unsafe_fixes=unsafe_fixes)

    status = EXIT_CLEAN
    changed_files = 0
    fixed_findings = 0

    def file_error(item: FileError) -> None:
        nonlocal status
        if reporter:
            reporter.error(item)
        else:
            err.write(f"caselint: error: {item.path}: {item.message}\n")
        status = EXIT_ERROR

    for draft in iter_drafts(tuple(paths), settings_for_path, (lambda: stdin or b""), stdin_filename):
        if isinstance(draft, FileError):
            file_error(draft)
            continue
        from_stdin = stdin is not None and draft.path == (stdin_filename or "-")
        snapshot = None
        if not from_stdin:
            try:
                snapshot = Snapshot.take(draft.path)
                same, _ = decode(draft.path, snapshot.raw, draft.settings.max_draft_size)
            except (OSError, CaselintError) as exc:
                file_error(FileError(draft.path, f"cannot re-read before fixing: {exc}"))
                continue
            if same != draft.text:
                file_error(FileError(draft.path, "changed on disk while it was being read; not fixed"))
                continue
        settings = draft.settings

        def lint(text: str, path=draft.path, settings=settings) -> Report:
            item = next(iter(lint_many([(path, text, settings)])))
            if isinstance(item, FileError):
                raise CaselintError(item.message)
            return item

        try:
            result = fix_report(lint(draft.text), lint, unsafe=settings.unsafe_fixes)
        except CaselintError as exc:
            file_error(FileError(draft.path, str(exc)))
            continue
        if not result.converged:
            err.write(f"caselint: warning: {draft.path}: {result.message}\n")
        if diff:
            patch = unified_diff(draft.path, draft.text, result.text)
            if patch:
                out.write(patch)
                out.flush()
                status = max(status, EXIT_FINDINGS)
            continue
        if from_stdin:
            data = (b"\xef\xbb\xbf" if draft.bom else b"") + result.text.encode("utf-8")
            out.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
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
            status = max(status, EXIT_FINDINGS)
        reporter.report(result.report)
        if result.report.failing:
            status = max(status, EXIT_FINDINGS)
        report_stream.flush()
    if reporter:
        reporter.finish(quiet)
        if not quiet:
            err.write(f"caselint: applied {fixed_findings} fix{'es' if fixed_findings != 1 else ''}; "
                      f"{changed_files} draft{'s' if changed_files != 1 else ''} changed\n")
    return status


__all__ = ["run_fix"]
