"""In-draft suppression markers that never reach the associate.

Syntax (case-insensitive; codes may be codes, prefixes, rule names or categories, comma-separated;
no codes means every rule):

    caselint: disable-file=TN001,framing     whole draft
    caselint: disable=ID002                  the line the marker is on
    caselint: disable-next-line=PL001        the next line

A marker may be wrapped in an HTML comment (``<!-- caselint: disable=TN001 -->``, invisible in
rendered Markdown) or in square brackets (``[caselint: disable=TN001]``) in plain text. Markers are
blanked out before analysis, and ``caselint rewrite`` strips them, so they are never sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A code, prefix, name or category; it never ends with '-', so "<!--caselint: disable=TN008-->" keeps its "-->".
_CODE = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
MARKER_RE = re.compile(
    # Every run of blanks is possessive ('*+'): what follows one never starts with a blank, so no
    # match changes, and a long run of blanks cannot make the engine try every way to split it.
    r"(?:<!--[ \t]*+|\[[ \t]*+)?caselint:[ \t]*+(?P<kind>disable-file|disable-next-line|disable-line|disable)\b"
    rf"(?:[ \t]*+=?[ \t]*+(?P<codes>{_CODE}(?:[ \t]*+,[ \t]*+{_CODE})*))?"
    r"(?:[ \t]*+-->|[ \t]*+\])?",
    re.IGNORECASE,
)


_EOL = re.compile(r"[\r\n]")


@dataclass(frozen=True, slots=True)
class Marker:
    start: int
    end: int
    kind: str  # file, line, next-line
    selectors: tuple[str, ...]  # empty = all rules
    line: int  # 1-based line the marker applies to (0 for file)


def find_markers(text: str, line_of) -> list[Marker]:
    if "caselint" not in text.lower():
        return []
    out = []
    for m in MARKER_RE.finditer(text):
        kind = m.group("kind").lower()
        end = _comment_end(text, m)
        codes = tuple(c.strip() for c in (m.group("codes") or "").split(",") if c.strip())
        line = line_of(m.start())
        if kind == "disable-file":
            out.append(Marker(m.start(), end, "file", codes, 0))
        elif kind == "disable-next-line":
            out.append(Marker(m.start(), end, "next-line", codes, line + 1))
        else:
            out.append(Marker(m.start(), end, "line", codes, line))
    return out


def _comment_end(text: str, m: re.Match) -> int:
    """A marker wrapped in '<!-- ... -->' or '[ ... ]' may carry a note after its codes ('reason: a
    customer quote'); the note belongs to the marker, so it ends at the wrapper's close on that line."""
    opened = m.group(0)[:1]
    if opened not in "<[" or m.group(0).rstrip().endswith(("-->", "]")):
        return m.end()
    eol = _EOL.search(text, m.end())
    line_end = len(text) if eol is None else eol.start()
    close = "-->" if opened == "<" else "]"
    at = text.find(close, m.end(), line_end)
    return m.end() if at < 0 else at + len(close)


def blank_markers(text: str, markers: list[Marker]) -> str:
    """Same length (offsets stay valid), markers replaced by spaces so no rule sees them."""
    if not markers:
        return text
    chars = list(text)
    for m in markers:
        for i in range(m.start, m.end):
            if chars[i] not in "\r\n":  # line breaks stay: every line/column holds for the original
                chars[i] = " "
    return "".join(chars)


def strip_markers(text: str) -> str:
    """Remove markers; a line holding only a marker disappears with its line break."""
    if "caselint" not in text.lower():
        return text
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if not MARKER_RE.search(body):
            out.append(line)
            continue
        stripped = MARKER_RE.sub("", body)
        if stripped.strip():
            out.append(stripped.rstrip() + line[len(body):])
    return "".join(out)


def check_markers(report, settings, relint):
    """Report markers that name an unknown rule or silence nothing (rule SU001, info by default).

    ``relint(text)`` lints a text as the report's draft was linted; it is called (once) with the
    markers blanked, which gives the findings the markers silenced (the analysis text is the same, so
    the findings are too). Drafts without markers are returned as they are, at no cost.
    """
    from dataclasses import replace

    from caselint import scoring
    from caselint.document import line_starts
    from caselint.model import Finding, Span
    from caselint.rules.registry import get_rule, matches_selector, select_rules, validate_selector

    text = report.text
    if "caselint" not in text.lower():
        return report
    starts = line_starts(text)

    def line_col(offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    markers = find_markers(text, lambda off: line_col(off)[0])
    rule = get_rule("SU001")
    if not markers or rule is None:
        return report
    enabled = select_rules(settings.select, settings.ignore + settings.ignores_for(report.path))
    if rule not in enabled:
        return report

    # Markers that silence SU001 itself: one naming it silences it (its own report too); a bare marker
    # silences it elsewhere but never hides its own report.
    silencers = [m for m in markers if not m.selectors or any(matches_selector(rule, s) for s in set(m.selectors))]

    def silenced_here(reported: Marker, line: int) -> bool:
        return any(not (m is reported and not m.selectors) and (m.kind == "file" or m.line == line)
                   for m in silencers)

    unsilenced = None  # the findings the markers silenced, computed once when needed

    def would_fire(marker: Marker, selector: str | None) -> bool:
        nonlocal unsilenced
        if unsilenced is None:
            unsilenced = relint(blank_markers(text, markers)).findings
        for f in unsilenced:
            if marker.kind != "file" and f.line != marker.line:
                continue
            target = get_rule(f.code)
            if selector is None or (target is not None and matches_selector(target, selector)):
                return True
        return False

    findings = []
    severity = dict(settings.severity).get(rule.code, rule.severity)
    for marker in markers:
        line, column = line_col(marker.start)
        if silenced_here(marker, line):
            continue
        where = "in this draft" if marker.kind == "file" else "on this line"
        if not marker.selectors:
            if would_fire(marker, None):
                continue
            message, suggestion = f"unused suppression marker: no finding to silence {where}", "Remove the marker."
        else:
            unknown: list[str] = []
            unused: list[str] = []
            for selector in dict.fromkeys(marker.selectors):  # one report per marker, each code once (as ruff)
                if not validate_selector(selector):
                    unknown.append(selector)
                elif matches_selector(rule, selector):
                    continue  # silencing this very check is what such a marker is for
                elif not any(matches_selector(r, selector) for r in enabled):
                    continue  # the rule does not run here: not a sign that the marker is stale
                elif not would_fire(marker, selector):
                    unused.append(selector)
            if not unknown and not unused:
                continue
            parts = []
            if unknown:
                parts.append(f"unknown rule{'s' if len(unknown) > 1 else ''} {_listed(unknown)} in suppression marker")
            if unused:
                parts.append(f"{'unused suppression: ' if not unknown else ''}{_listed(unused)} "
                             f"silence{'s' if len(unused) == 1 else ''} nothing {where}")
            message = "; ".join(parts)
            tips = (["use a rule code, prefix, name or category (see `caselint rules`)"] if unknown else []) + \
                ([f"remove {_listed(unused)} from the marker"] if unused else [])
            suggestion = "; ".join(tips)
            suggestion = suggestion[0].upper() + suggestion[1:] + "."
        end_line, end_column = line_col(marker.end)
        findings.append(Finding(code=rule.code, name=rule.name, category=rule.category, severity=severity,
                                message=message, span=Span(marker.start, marker.end), line=line, column=column,
                                end_line=end_line, end_column=end_column, suggestion=suggestion))
    if not findings:
        return report
    merged = sorted((*report.findings, *findings), key=lambda f: (f.span.start, f.span.end, f.code))
    return replace(report, findings=tuple(merged), score=scoring.score(merged, settings.weights))


def _listed(codes: list[str], limit: int = 5) -> str:
    shown = ", ".join(repr(c) for c in codes[:limit])
    return shown + (f" and {len(codes) - limit} more" if len(codes) > limit else "")
