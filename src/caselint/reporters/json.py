"""JSON (schema: docs/caselint-report.schema.json). Streams file objects as they are produced."""

from __future__ import annotations

import json

from caselint import __version__
from caselint.reporters.base import Reporter, finding_dict


def report_dict(report) -> dict:
    return {
        "path": report.path,
        "score": report.score.value,
        "categories": dict(report.score.categories),
        "issue_type": report.issue_type.name,
        # What the analysis decided, so users and tests can see why a rule fired (additive keys).
        "issue_type_confidence": report.issue_type.confidence,
        "kind": report.kind,
        "followup": report.issue_type.followup,
        "findings": [finding_dict(f) for f in report.findings],
    }


class JsonReporter(Reporter):
    def start(self) -> None:
        self.out.write('{"version": ' + json.dumps(__version__) + ', "files": [')
        self._first = True
        self._errors: list[dict] = []
        self._skipped: list[dict] = []

    def report(self, report) -> None:
        super().report(report)
        self.out.write(("\n  " if self._first else ",\n  ") + json.dumps(report_dict(report), ensure_ascii=False))
        self._first = False

    def error(self, error) -> None:
        super().error(error)
        self._errors.append({"path": error.path, "message": error.message})

    def skipped(self, item) -> None:
        super().skipped(item)
        self._skipped.append({"path": item.path, "reason": item.message})

    def finish(self, quiet: bool = False) -> None:
        # "skipped" (files with nothing to lint) is additive: present only when a file was skipped.
        tail = ', "skipped": ' + json.dumps(self._skipped, ensure_ascii=False) if self._skipped else ""
        self.out.write("\n], \"errors\": " + json.dumps(self._errors, ensure_ascii=False) + tail + "}\n")
