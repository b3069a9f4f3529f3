"""`--statistics` (ruff's): the number of findings per rule instead of the findings themselves.

Text: one line per rule that fired, ``COUNT<tab>CODE<tab>[*] name``, most frequent first, where ``[*]``
marks a rule whose findings `--fix` can fix (safe fixes) and ``[ ]`` one it cannot fix here; with
``--format json`` a JSON list of ``{"code", "name", "count", "fixable", "fixable_count"}``.
Not a format of its own: it is a summary mode of ``check``.
"""

from __future__ import annotations

import json

from caselint.model import Applicability
from caselint.reporters.base import Reporter


class StatisticsReporter(Reporter):
    def __init__(self, out, err, color: bool = False, as_json: bool = False):
        super().__init__(out, err, color)
        self.as_json = as_json
        self.counts: dict[str, list] = {}  # code -> [name, count, fixable count]

    def report(self, report) -> None:
        super().report(report)
        for f in report.findings:
            entry = self.counts.setdefault(f.code, [f.name, 0, 0])
            entry[1] += 1
            if f.fix is not None and f.fix.applicability >= Applicability.SAFE:
                entry[2] += 1
        if report.below_threshold:
            self.err.write(f"{report.path}: score {report.score.value} is under {self.threshold_name} "
                           f"{report.fail_under}\n")

    def rows(self) -> list[dict]:
        ordered = sorted(self.counts.items(), key=lambda kv: (-kv[1][1], kv[0]))
        return [{"code": code, "name": name, "count": count, "fixable": fixable > 0, "fixable_count": fixable}
                for code, (name, count, fixable) in ordered]

    def finish(self, quiet: bool = False) -> None:
        rows = self.rows()
        if self.as_json:
            self.out.write(json.dumps(rows, indent=2) + "\n")
        elif rows:
            count_width = max(len(str(r["count"])) for r in rows)
            any_fixable = any(r["fixable"] for r in rows)
            for r in rows:
                mark = ("[*] " if r["fixable"] else "[ ] ") if any_fixable else ""
                self.out.write(f"{r['count']:>{count_width}}\t{r['code']}\t{mark}{r['name']}\n")
        if not quiet:
            self.err.write(self.summary.line() + "\n")
