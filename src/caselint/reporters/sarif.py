"""SARIF 2.1.0 for code-scanning uploads. Needs the whole run, so results are collected."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from caselint import __version__
from caselint.model import Severity
from caselint.reporters.base import Reporter

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())  # a relative URI reference: spaces and '#' must be escaped


class SarifReporter(Reporter):
    def start(self) -> None:
        self._results: list[dict] = []
        self._notifications: list[dict] = []

    def report(self, report) -> None:
        super().report(report)
        for f in report.findings:
            result = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(report.path)},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                                "charOffset": f.span.start,
                                "charLength": f.span.end - f.span.start,
                            },
                        }
                    }
                ],
                "properties": {"category": f.category, "score": report.score.value},
            }
            if f.fix is not None:
                result["fixes"] = [
                    {
                        "description": {"text": f.fix.title},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": _uri(report.path)},
                                "replacements": [
                                    {
                                        "deletedRegion": {"charOffset": e.span.start, "charLength": e.span.end - e.span.start},
                                        "insertedContent": {"text": e.replacement},
                                    }
                                    for e in f.fix.edits
                                ],
                            }
                        ],
                    }
                ]
            self._results.append(result)

    def error(self, error) -> None:
        super().error(error)
        self._notifications.append(
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(error.path)}}}],
            }
        )

    def skipped(self, item) -> None:
        super().skipped(item)
        self._notifications.append(
            {
                "level": "note",
                "message": {"text": f"skipped: {item.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(item.path)}}}],
            }
        )

    def finish(self, quiet: bool = False) -> None:
        from caselint.rules.registry import all_rules

        rules = [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "help": {"text": r.explanation, "markdown": r.explanation},
                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                "properties": {"category": r.category},
            }
            for r in all_rules()
        ]
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "caselint",
                            "version": __version__,
                            "informationUri": "https://github.com/caselint/caselint",
                            "rules": rules,
                        }
                    },
                    # Columns and offsets count characters (code points), not UTF-16 units.
                    "columnKind": "unicodeCodePoints",
                    "results": self._results,
                    "invocations": [
                        {"executionSuccessful": not any(n["level"] == "error" for n in self._notifications), "toolExecutionNotifications": self._notifications}
                    ],
                }
            ],
        }
        self.out.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")
