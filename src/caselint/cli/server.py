"""`caselint server`: the language server over stdio (the server itself is :mod:`caselint.lsp`)."""

from __future__ import annotations

import click

from caselint.cli.common import fail


@click.command("server")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only transport).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="warning",
              show_default=True, help="Log to stderr at this level.")
def server_cmd(stdio, log_level):
    """Run the language server (LSP over stdio) for editors: see docs/editors.md."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        fail("`caselint server` needs pygls: install caselint with its [lsp] extra, e.g. "
             "pip install \"caselint[lsp] @ git+https://github.com/caselint/caselint\"")
    from caselint.lsp.server import start

    start(log_level)
