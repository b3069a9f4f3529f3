"""Reporter lifecycle and the run summary every format shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from caselint.model import FileError, Report, Severity


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    findings: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    failing_files: int = 0
    below_threshold: int = 0
    score_total: int = 0
    skipped: int = 0
    # How the minimum score is named in messages: the flag when it came from the command line, the
    # config key (`fail-under`) when it came from a config file.
    threshold_name: str = "--fail-under"

    def add(self, report: Report) -> None:
        self.files += 1
        self.score_total += report.score.value
        for f in report.findings:
            self.findings[f.severity] += 1
        if report.failing:
            self.failing_files += 1
        if report.below_threshold:
            self.below_threshold += 1

    def line(self) -> str:
        n = sum(self.findings.values())
        parts = [f"{self.files} file{'s' if self.files != 1 else ''} checked"]
        detail = ", ".join(
            f"{self.findings[s]} {s.label}{'s' if self.findings[s] != 1 else ''}"
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if self.findings[s]
        )
        parts.append(f"{n} finding{'s' if n != 1 else ''}" + (f" ({detail})" if detail else ""))
        if self.files:
            parts.append(f"average score {round(self.score_total / self.files)}")
        if self.below_threshold:
            parts.append(f"{self.below_threshold} under {self.threshold_name}")
        if self.skipped:
            parts.append(f"{self.skipped} empty file{'s' if self.skipped != 1 else ''} skipped")
        if self.errors:
            parts.append(f"{self.errors} file{'s' if self.errors != 1 else ''} could not be checked")
        return "; ".join(parts)


class Reporter:
    def __init__(self, out, err, color: bool = False):
        self.out = out
        self.err = err
        self.color = color
        self.summary = Summary()

    @property
    def threshold_name(self) -> str:
        return self.summary.threshold_name

    @threshold_name.setter
    def threshold_name(self, value: str) -> None:
        self.summary.threshold_name = value

    def start(self) -> None:
        pass

    def report(self, report: Report) -> None:
        self.summary.add(report)

    def error(self, error: FileError) -> None:
        self.summary.errors += 1
        self.err.write(f"caselint: error: {error.path}: {error.message}\n")

    def skipped(self, item: FileError) -> None:
        """A file with nothing to lint (empty or whitespace only): one note on stderr, not an error."""
        self.summary.skipped += 1
        self.err.write(f"caselint: skipped {item.path}: {item.message}\n")

    def finish(self, quiet: bool = False) -> None:
        pass


def finding_dict(f) -> dict:
    return {
        "code": f.code,
        "name": f.name,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.span.start,
        "end": f.span.end,
        "suggestion": f.suggestion,
        "fix": None
        if f.fix is None
        else {
            "title": f.fix.title,
            "applicability": f.fix.applicability.label,
            "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in f.fix.edits],
        },
    }
