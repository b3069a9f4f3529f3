"""GitHub Actions workflow commands: ::warning file=...,line=...,col=...,title=CODE::message."""

from caselint.model import Severity
from caselint.reporters.base import Reporter

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def report(self, report) -> None:
        super().report(report)
        for f in report.findings:
            props = (
                f"file={_escape_prop(report.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_escape_prop(f.code + ' ' + f.name)}"
            )
            self.out.write(f"::{_LEVEL[f.severity]} {props}::{_escape_data(f.message)}\n")
        if report.below_threshold:
            self.out.write(
                f"::error file={_escape_prop(report.path)},title=fail-under::"
                f"score {report.score.value} is under {self.threshold_name} {report.fail_under}\n"
            )

    def error(self, error) -> None:
        super().error(error)
        self.out.write(f"::error file={_escape_prop(error.path)},title=caselint::{_escape_data(error.message)}\n")

    def finish(self, quiet: bool = False) -> None:
        if not quiet:
            self.err.write(self.summary.line() + "\n")
