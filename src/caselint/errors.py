"""Exceptions that become one-line user errors (exit code 2) instead of tracebacks."""


class CaselintError(Exception):
    """Base class: the message is shown to the user as is."""


class ConfigError(CaselintError):
    pass


class LexiconError(CaselintError):
    pass


class InputError(CaselintError):
    pass


class UsageError(CaselintError):
    pass


class EmptyDraftError(InputError):
    """An empty or whitespace-only draft: skipped (reported as a note), not an error."""
