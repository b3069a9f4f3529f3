"""Output formats. Each reporter streams: start(), then report()/error() per file in input order, then finish()."""

from __future__ import annotations

FORMATS = ("text", "concise", "json", "sarif", "github")


def get_reporter(name: str, out, err, color: bool):
    if name == "text":
        from caselint.reporters.text import TextReporter as cls
    elif name == "concise":
        from caselint.reporters.concise import ConciseReporter as cls
    elif name == "json":
        from caselint.reporters.json import JsonReporter as cls
    elif name == "sarif":
        from caselint.reporters.sarif import SarifReporter as cls
    elif name == "github":
        from caselint.reporters.github import GithubReporter as cls
    else:
        raise ValueError(f"unknown format {name!r}")
    return cls(out, err, color)
