"""Output formats. Each reporter streams: start(), then report()/error() per file in input order, then finish().

``REPORTERS`` is the one list of formats: the CLI's ``--format`` choices and the tests read it.
"""

from __future__ import annotations

from importlib import import_module

# format name -> (module, class); modules are imported only when their format is used.
REPORTERS = {
    "text": ("caselint.reporters.text", "TextReporter"),
    "concise": ("caselint.reporters.concise", "ConciseReporter"),
    "json": ("caselint.reporters.json", "JsonReporter"),
    "sarif": ("caselint.reporters.sarif", "SarifReporter"),
    "github": ("caselint.reporters.github", "GithubReporter"),
    "html": ("caselint.reporters.html", "HtmlReporter"),
}
FORMATS = tuple(REPORTERS)


def get_reporter(name: str, out, err, color: bool):
    try:
        module, cls = REPORTERS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None
    return getattr(import_module(module), cls)(out, err, color)
