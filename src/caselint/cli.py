"""Command line: `caselint [check] PATHS...`, `caselint rules`, `caselint rule CODE`.

Start-up stays cheap: spaCy is imported only when a draft is actually linted, so `--version`,
`--help` and usage errors answer at once.
"""

from __future__ import annotations

import sys

import click

from caselint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "concise", "json", "sarif", "github")


class DefaultGroup(click.Group):
    """`caselint draft.txt` means `caselint check draft.txt`; a file named like a subcommand needs `./`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def fail(message: str) -> "NoReturn":  # type: ignore[name-defined]
    click.echo(f"caselint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="caselint", message="%(prog)s %(version)s")
def cli():
    """caselint: lint case messages to Amazon Seller Support before you send them.

    \b
    caselint draft.txt            lint a draft (same as `caselint check draft.txt`)
    caselint drafts/              lint every *.txt / *.md under a folder
    caselint - < draft.txt        lint stdin
    caselint rules                list every rule
    caselint rule ID001           explain one rule

    Exit codes: 0 clean, 1 findings (warning/error) or a score under --fail-under,
    2 usage, config, lexicon or input error.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
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
    select_t, ignore_t = _split(select), _split(ignore)
    try:
        _validate_selectors(select_t + ignore_t)
        if config_path:
            # An explicit config applies to every draft: report a broken one once, before any output.
            from caselint.config import settings_for

            settings_for(None, config_path)
        if fix or diff:
            from caselint.fix_command import run_fix

            sys.exit(run_fix(paths, output_format, select_t, ignore_t, fail_under, config_path, stdin_filename,
                             quiet, color, diff=diff, unsafe_fixes=unsafe_fixes))
        code = _run_check(paths, output_format, select_t, ignore_t, fail_under, config_path, stdin_filename,
                          quiet, color, jobs=jobs)
    except CaselintError as exc:
        fail(str(exc))
    sys.exit(code)


def _validate_selectors(selectors: tuple[str, ...]) -> None:
    from caselint.errors import UsageError
    from caselint.rules.registry import validate_selector

    for sel in selectors:
        if not validate_selector(sel):
            raise UsageError(f"unknown rule code, prefix, name or category: {sel!r} (see `caselint rules`)")


def _run_check(paths, output_format, select, ignore, fail_under, config_path, stdin_filename, quiet, color,
               jobs=None) -> int:
    from caselint.api import lint_paths
    from caselint.model import FileError
    from caselint.reporters import get_reporter

    out = sys.stdout  # click.get_text_stream is deprecated (removed in Click 9)
    err = sys.stderr
    use_color = color if color is not None else out.isatty()
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    reporter = get_reporter(output_format, out, err, use_color)
    reporter.start()
    status = EXIT_CLEAN
    for item in lint_paths(paths, config=config_path, select=select or None, ignore=ignore or None,
                           fail_under=fail_under, stdin=stdin, stdin_filename=stdin_filename, jobs=jobs):
        if isinstance(item, FileError):
            reporter.error(item)
            status = EXIT_ERROR
        else:
            reporter.report(item)
            if item.failing and status == EXIT_CLEAN:
                status = EXIT_FINDINGS
        out.flush()
    reporter.finish(quiet)
    return status


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(output_format):
    """List every rule: code, name, category, severity, fixable."""
    from caselint.rules.registry import all_rules

    rules = all_rules()
    if output_format == "json":
        import json

        click.echo(json.dumps([_rule_dict(r) for r in rules], indent=2))
        return
    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "FIXABLE", "SUMMARY")]
    rows += [(r.code, r.name, r.category, r.severity.label, r.fixable, r.summary) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])


def _rule_dict(r) -> dict:
    return {
        "code": r.code,
        "name": r.name,
        "category": r.category,
        "severity": r.severity.label,
        "fixable": r.fixable,
        "summary": r.summary,
        "explanation": r.explanation,
        "bad": list(r.bad),
        "good": list(r.good),
        "options": dict(r.options),
    }


@cli.command("rule")
@click.argument("code")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rule_cmd(code, output_format):
    """Explain one rule (by code or name), with bad and good examples."""
    from caselint.rules.registry import get_rule

    rule = get_rule(code)
    if rule is None:
        fail(f"unknown rule {code!r} (see `caselint rules`)")
    if output_format == "json":
        import json

        click.echo(json.dumps(_rule_dict(rule), indent=2))
        return
    click.echo(render_rule_markdown(rule))


def render_rule_markdown(rule) -> str:
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"Category: {rule.category} · default severity: {rule.severity.label} · fixable: {rule.fixable}",
        "",
        rule.summary + ".",
        "",
        "## Why it matters",
        "",
        rule.explanation,
        "",
        "## Bad",
        "",
        *[f"    {b}" for b in rule.bad],
        "",
        "## Good",
        "",
        *[f"    {g}" for g in rule.good],
    ]
    if rule.options:
        lines += ["", "## Options", ""]
        lines += [f"- `{k}` (default `{v}`), set under `[tool.caselint.rule-options.{rule.code}]`"
                  for k, v in rule.options.items()]
    return "\n".join(lines) + "\n"


@cli.command("server")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only transport).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="warning",
              show_default=True, help="Log to stderr at this level.")
def server_cmd(stdio, log_level):
    """Run the language server (LSP over stdio) for editors: see docs/editors.md."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        fail("`caselint server` needs pygls: pip install 'caselint[lsp]'")
    from caselint.lsp.server import start

    start(log_level)


from caselint.rewrite import rewrite_cmd  # noqa: E402  (registered here; the module imports no spaCy)

cli.add_command(rewrite_cmd)


def main() -> None:
    try:
        cli(prog_name="caselint")
    except KeyboardInterrupt:
        click.echo("caselint: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
