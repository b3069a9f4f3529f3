"""Rule modules, one family per module. Importing this package registers every rule."""

from caselint.rules import (  # noqa: F401
    channel,
    clarity,
    framing,
    identifiers,
    markers,
    persistence,
    politeness,
    routing,
    spelling,
    tips,
    tone,
)
