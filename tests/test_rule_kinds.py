"""The generic rule kinds (caselint.rules.kinds): rules that are declarations, and their validation."""

from __future__ import annotations

import re

import pytest

from caselint.model import Severity
from caselint.rules.base import Rule
from caselint.rules.kinds import FlagHits, InsertSentence
from caselint.rules.registry import all_rules


def _ctx(text):
    from caselint.api import resolve_settings
    from caselint.runner import lint_one_in_context

    return lint_one_in_context("d.txt", text, resolve_settings())[1]


class _Meta:
    name = "test-rule"
    category = "tone"
    severity = Severity.WARNING
    summary = "s"
    explanation = "e"
    bad = ("b",)
    good = ("g",)


def test_a_flag_hits_rule_is_a_declaration():
    class Insults(_Meta, FlagHits):
        code = "XX901"
        tag = "tone.insult"
        message = "{text!r} is an insult"
        template = "calm-firm"

    ctx = _ctx("This is ridiculous and absurd. Please check shipment FBA15ABC1234.")
    Insults.validate_metadata()
    found = list(Insults().check(ctx))
    assert [v.message for v in found] == ["'ridiculous' is an insult", "'absurd' is an insult"]
    assert found[0].suggestion == ctx.template("calm-firm") and found[0].suggestion
    assert ctx.text[found[0].start:found[0].end] == "ridiculous"

    class FirstOnly(Insults):
        limit = 1

    assert len(list(FirstOnly().check(ctx))) == 1

    class Replaced(Insults):
        fixable = "always"
        fix_title = "Replace {text!r}"

    Replaced.validate_metadata()
    first = next(iter(Replaced().check(ctx)))
    assert first.fix.title == "Replace 'ridiculous'"
    (edit,) = first.fix.edits
    assert (edit.span.start, edit.span.end, edit.replacement) == (first.start, first.end, first.suggestion)


def test_an_insert_sentence_rule_is_a_declaration():
    class AskForEmail(_Meta, InsertSentence):
        code = "XX902"
        insert_at = "closing"
        template = "email-request"
        message = "no e-mail asked ({ctx.issue_type.name})"
        fix_title = "Ask for e-mail"

        def missing(self, ctx):
            return not ctx.hits.any("channel.written")

    AskForEmail.validate_metadata()
    text = "Hello,\n\nShipment FBA15ABC1234 shows 0 units received. Please check it.\n\nBest regards,\nAnna\n"
    (found,) = AskForEmail().check(_ctx(text))
    assert found.message == "no e-mail asked (shipment)"
    assert found.suggestion == _ctx(text).template("email-request")
    (edit,) = found.fix.edits
    assert text[:edit.span.start].endswith("Please check it.\n\n")  # before the sign-off
    assert edit.replacement.startswith(found.suggestion)


@pytest.mark.parametrize(
    "kind, attrs, problem",
    [
        (FlagHits, {"message": "m"}, "needs a message and a tag"),
        (FlagHits, {"tag": "tone.insult"}, "needs a message and a tag"),
        (FlagHits, {"tag": "t", "message": "m", "fix_title": "f", "template": "x"}, "fixable = 'always'"),
        (InsertSentence, {"message": "m", "fix_title": "t", "template": "greeting"}, "place (or insert_at)"),
        (InsertSentence, {"message": "m", "fix_title": "t", "insert_at": "closing"}, "needs a template"),
        (InsertSentence, {"insert_at": "closing", "template": "x"}, "needs a message and a fix_title"),
    ],
)
def test_kinds_validate_their_declarations(kind, attrs, problem):
    rule = type("Broken", (_Meta, kind), {"code": "XX903", **attrs})
    with pytest.raises(TypeError, match=re.escape(problem)):
        rule.validate_metadata()


def test_most_rules_are_one_of_the_kinds():
    rules = all_rules()
    kinds = [r for r in rules if issubclass(r, (FlagHits, InsertSentence))]
    assert len(kinds) >= 30, [r.code for r in rules if r not in kinds]
    assert all(issubclass(r, Rule) for r in rules)
