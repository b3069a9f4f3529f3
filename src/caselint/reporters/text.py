"""Human output: grouped by file, the line with the span marked, the suggestion, the scores."""

from __future__ import annotations

import click

from caselint.document import line_starts
from caselint.model import CATEGORIES, Severity
from caselint.reporters.base import Reporter

_SEV_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MAX_EXCERPT = 100


# Control characters from a draft (an ESC sequence could recolour or rewrite the user's terminal) are
# shown as '?', one for one, so the columns of the span marker still line up.
_CONTROL = {cp: "?" for cp in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}


def _printable(text: str) -> str:
    return text.translate(_CONTROL)


def _score_color(score: int) -> str:
    return "green" if score >= 85 else "yellow" if score >= 60 else "red"


class TextReporter(Reporter):
    def _s(self, text: str, **style) -> str:
        return click.style(text, **style) if self.color else text

    def report(self, report) -> None:
        super().report(report)
        it = report.issue_type
        kind = f"{it.name} ({it.confidence:.2f}), {report.kind}" + (", follow-up" if it.followup and report.kind != "followup" else "")
        evidence = f" ({', '.join(it.evidence[:3])})" if it.evidence else ""
        w = self.out.write
        w(
            self._s(report.path, bold=True)
            + "  score "
            + self._s(f"{report.score.value}/100", fg=_score_color(report.score.value), bold=True)
            + f"  issue type: {kind}{evidence}\n"
        )
        starts = line_starts(report.text) if report.findings else ()
        for f in report.findings:
            sev = self._s(f"{f.severity.label:<7}", fg=_SEV_COLOR[f.severity])
            w(f"  {f.line}:{f.column}  {sev} {self._s(f.code, bold=True)}  {f.message}\n")
            line_start = starts[f.line - 1]
            line_end = starts[f.line] if f.line < len(starts) else len(report.text)
            line = _printable(report.text[line_start:line_end].rstrip("\r\n").replace("\t", " "))
            if line.strip():
                col = f.column - 1
                width = max(1, min(f.span.end, line_start + len(line)) - f.span.start) if f.span.end > f.span.start else 1
                offset = 0
                if len(line) > _MAX_EXCERPT:
                    offset = max(0, min(col - 20, len(line) - _MAX_EXCERPT))
                    line = line[offset : offset + _MAX_EXCERPT]
                marker = " " * (col - offset) + "^" * min(width, max(1, len(line) - (col - offset)))
                w(f"       | {line}\n")
                w(f"       | {self._s(marker, fg=_SEV_COLOR[f.severity])}\n")
            if f.suggestion:
                w(f"       = suggestion: {_printable(f.suggestion)}\n")
        cats = "  ".join(f"{c} {report.score.categories[c]}" for c in CATEGORIES)
        w(f"  categories: {cats}\n")
        if report.below_threshold:
            w(self._s(f"  score {report.score.value} is under {self.threshold_name} {report.fail_under}\n", fg="red"))
        w("\n")

    def finish(self, quiet: bool = False) -> None:
        if not quiet:
            self.out.write(self._s(self.summary.line(), bold=True) + "\n")
