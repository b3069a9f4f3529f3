"""caselint: a linter for case messages to Amazon Seller Support.

Importing caselint is cheap: spaCy is imported and the pipeline built on the first lint.
"""

__version__ = "0.1.0"


def lint_text(*args, **kwargs):
    from caselint.api import lint_text as _lint_text

    return _lint_text(*args, **kwargs)


def lint_paths(*args, **kwargs):
    from caselint.api import lint_paths as _lint_paths

    return _lint_paths(*args, **kwargs)


__all__ = ["__version__", "lint_text", "lint_paths"]
