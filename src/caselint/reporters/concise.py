"""`path:line:col: CODE message`, one line per finding, nothing else on stdout (flake8's format)."""

from caselint.reporters.base import Reporter


class ConciseReporter(Reporter):
    def report(self, report) -> None:
        super().report(report)
        for f in report.findings:
            message = " ".join(f.message.split())
            self.out.write(f"{report.path}:{f.line}:{f.column}: {f.code} {message}\n")
        if report.below_threshold:
            self.err.write(f"{report.path}: score {report.score.value} is under {self.threshold_name} {report.fail_under}\n")

    def finish(self, quiet: bool = False) -> None:
        if not quiet:
            self.err.write(self.summary.line() + "\n")
