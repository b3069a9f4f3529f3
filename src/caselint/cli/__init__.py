"""Command line: `caselint [check] PATHS...`, `caselint rules`, `caselint rule CODE`, `caselint rewrite`,
`caselint server`. One module per command; every command works through :mod:`caselint.api`.

Start-up stays cheap: spaCy is imported only when a draft is actually linted, so `--version`,
`--help` and usage errors answer at once.
"""

from __future__ import annotations

import sys

import click

from caselint import __version__
from caselint.cli.check import check
from caselint.cli.common import fail
from caselint.cli.rewrite import rewrite_cmd
from caselint.cli.rules import rule_cmd, rules_cmd
from caselint.cli.server import server_cmd
from caselint.reporters import FORMATS


class DefaultGroup(click.Group):
    """`caselint draft.txt` means `caselint check draft.txt`; a file named like a subcommand needs `./`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


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


for _command in (check, rules_cmd, rule_cmd, server_cmd, rewrite_cmd):
    cli.add_command(_command)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets an escape
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    try:
        cli(prog_name="caselint")
    except KeyboardInterrupt:
        click.echo("caselint: interrupted", err=True)
        sys.exit(130)


__all__ = ["FORMATS", "cli", "fail", "main"]
