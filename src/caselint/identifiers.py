"""Recognise the identifiers sellers type (ASIN, UPC/EAN, order, shipment, case IDs, ...).

Patterns live in ``lexicons/en/identifiers.toml`` (tags ``id.<kind>``, ``id.labelled.<kind>``,
``id.placeholder``); this module adds what a regex cannot do: check digits, length checks on
labelled values, O/0 confusion and the "likely intended value".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caselint.lexicon.compiled import Hits

KINDS = (
    "asin",
    "isbn",
    "gtin",
    "shipment",
    "order",
    "case",
    "reference",  # a labelled complaint, notice, trademark or registration number (not a case ID)
    "fnsku",
    "sku",
    "tracking",
    "quantity",
    "date",
    "amount",
    "attachment",
)

# What a well-formed value of each labelled kind looks like (after removing spaces).
_SHAPES = {
    "asin": re.compile(r"^(?:B0[A-Z0-9]{8}|\d{9}[\dX])$"),
    "shipment": re.compile(r"^FBA[A-Z0-9]{8,10}$"),
    "order": re.compile(r"^\d{3}-\d{7}-\d{7}$"),
    "case": re.compile(r"^\d{8,12}$"),
    "fnsku": re.compile(r"^X00[A-Z0-9]{7}$"),
    "gtin": re.compile(r"^(?:\d{8}|\d{12}|\d{13}|\d{14})$"),
}
_EXPECTED = {
    "asin": "10 characters: B0 + 8 letters or digits (or an ISBN-10 for books)",
    "shipment": "FBA + 8-10 letters or digits",
    "order": "3-7-7 digits, e.g. 123-1234567-1234567",
    "case": "8-12 digits",
    "fnsku": "10 characters: X00 + 7 letters or digits",
    "gtin": "8, 12, 13 or 14 digits with a valid check digit",
}


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: str
    value: str
    start: int
    end: int
    valid: bool = True
    problem: str | None = None
    likely: str | None = None  # the value the writer probably meant, when we can tell


def gtin_check_digit_ok(digits: str) -> bool:
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def isbn10_ok(value: str) -> bool:
    value = value.upper()
    if not re.fullmatch(r"\d{9}[\dX]", value):
        return False
    total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(value))
    return total % 11 == 0


def _fix_o_zero(kind: str, value: str) -> str | None:
    """Try the usual letter/digit confusions (O/0, I/1, l/1) and return a value that fits the shape."""
    shape = _SHAPES.get(kind)
    if not shape:
        return None
    if kind == "order" or kind == "case" or kind == "gtin":
        candidate = value.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    elif kind in ("asin", "fnsku") and len(value) >= 3:
        # the prefix B0 / X00 must be a zero; elsewhere letters are legal
        prefix_len = 2 if kind == "asin" else 3
        candidate = value[:prefix_len].upper().replace("O", "0") + value[prefix_len:].upper()
    elif kind == "shipment":
        candidate = value.upper()
    else:
        return None
    if candidate != value.upper() and shape.match(candidate):
        return candidate
    return None


def _check_labelled(kind: str, value: str) -> tuple[bool, str | None, str | None]:
    normalized = value.strip().upper()
    shape = _SHAPES.get(kind)
    if shape is None or shape.match(normalized):
        if kind == "gtin" and not gtin_check_digit_ok(normalized):
            return False, "has a wrong check digit", None
        return True, None, None
    likely = _fix_o_zero(kind, normalized)
    if likely:
        return False, "mixes up letters and digits (O/0, I/1)", likely
    return False, f"is {len(normalized)} characters; expected {_EXPECTED[kind]}", None


def extract(text: str, hits: Hits) -> list[Identifier]:
    found: list[Identifier] = []
    # An example inside a placeholder ('[FBA shipment ID, e.g. FBA15ABC1234]') is not the seller's ID.
    covered: list[tuple[int, int]] = [(h.start, h.end) for h in hits.get("id_placeholder")]

    def overlaps(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in covered)

    # 1. Bare, well-formed IDs (regexes tagged id.<kind>).
    for hit in hits.get("id"):
        parts = hit.tag.split(".")
        if len(parts) != 2 or parts[1] not in KINDS:
            continue
        kind = parts[1]
        value = hit.value
        start = hit.start + hit.text.find(value) if value in hit.text else hit.start
        end = start + len(value)
        if overlaps(start, end):
            continue
        valid, problem = True, None
        if kind == "gtin":
            if not gtin_check_digit_ok(value):
                continue  # a bare number with a bad check digit is just a number
        if kind == "isbn" and not isbn10_ok(value):
            valid, problem = False, "has a wrong check digit (ISBN-10)"
        if kind in ("asin", "shipment", "fnsku") and value != value.upper():
            value = value.upper()
        found.append(Identifier(kind, value, start, end, valid, problem))
        covered.append((start, end))
    # 2. Labelled values ("ASIN: B08XYZ12") that did not match a well-formed pattern: malformed.
    for hit in hits.get("id_labelled"):
        kind = hit.tag.split(".")[-1]
        value = hit.value
        offset = hit.text.rfind(value)
        start = hit.start + (offset if offset >= 0 else 0)
        end = start + len(value)
        if overlaps(start, end):
            continue
        valid, problem, likely = _check_labelled(kind, value)
        found.append(Identifier(kind, value, start, end, valid, problem, likely))
        covered.append((start, end))
    found.sort(key=lambda i: i.start)
    return found


def placeholders(hits: Hits) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.text) for h in hits.get("id_placeholder")]
