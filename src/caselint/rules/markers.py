"""Suppression markers that do nothing (ruff's RUF100 `unused-noqa`): the marker check itself lives in
:mod:`caselint.suppression` (it needs the findings a marker silenced, which no rule sees), and reports
under this rule's code so it can be selected, ignored and given a severity like any other rule."""

from __future__ import annotations

from caselint.model import Severity
from caselint.rules.base import Rule
from caselint.rules.registry import register


@register
class UnusedSuppression(Rule):
    code = "SU001"
    name = "unused-suppression"
    category = "clarity"
    severity = Severity.INFO
    summary = "A suppression marker names an unknown rule, or silences nothing"
    explanation = (
        "A `caselint: disable...` marker should say which rules it silences, and each of them should "
        "have fired there. A misspelt code (`disable=TN0008`) silences nothing while looking as if it "
        "did; a marker left behind after the draft was fixed hides the next real problem on that line. "
        "Like ruff's unused `noqa` report, this finding names the unknown or unused code so the marker "
        "can be corrected or removed. It is advice (`info`) and never changes the score unless you give "
        "it another severity; a marker that names a rule which is not enabled in this run is not "
        "reported as unused. Silence this rule itself with `disable-file=SU001`."
    )
    bad = (
        "Hello, <!-- caselint: disable=TN0008 --> this is urgent!!!",
        "[caselint: disable] Please check ASIN B08ABC1234. Thank you.",
    )
    good = ("Hello, <!-- caselint: disable=TN008 --> this is urgent!!!",)

    def check(self, ctx):
        return ()  # reported by caselint.suppression.check_markers, after the rules ran
