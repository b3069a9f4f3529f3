"""The one table of rules. Codes are never reused; a retired code stays listed in RETIRED."""

from __future__ import annotations

from typing import Iterable

from caselint.model import CATEGORIES
from caselint.rules.base import Rule

_RULES: dict[str, type[Rule]] = {}
# Retired codes and the code that replaced them (None when dropped); never hand these out again.
RETIRED: dict[str, str | None] = {}


def register(cls: type[Rule]) -> type[Rule]:
    cls.validate_metadata()
    if cls.code in _RULES or cls.code in RETIRED:
        raise TypeError(f"rule code {cls.code} is already used")
    if any(r.name == cls.name for r in _RULES.values()):
        raise TypeError(f"rule name {cls.name} is already used")
    _RULES[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    import caselint.rules  # noqa: F401  (imports every rule module, filling the table)

    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(code_or_name: str) -> type[Rule] | None:
    all_rules()
    key = code_or_name.strip()
    if key.upper() in _RULES:
        return _RULES[key.upper()]
    for rule in _RULES.values():
        if rule.name == key.lower():
            return rule
    redirect = RETIRED.get(key.upper())
    return _RULES.get(redirect) if redirect else None


def matches_selector(rule: type[Rule], selector: str) -> bool:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel.lower() in CATEGORIES:
        return rule.category == sel.lower()
    if sel.lower() == rule.name:
        return True
    return rule.code.startswith(sel.upper()) and sel[:1].isalpha()


def validate_selector(selector: str) -> bool:
    return any(matches_selector(r, selector) for r in all_rules())


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> list[type[Rule]]:
    select = list(select) or ["ALL"]
    ignore = list(ignore)
    return [
        r
        for r in all_rules()
        if any(matches_selector(r, s) for s in select) and not any(matches_selector(r, s) for s in ignore)
    ]
