"""Rewrites a seller would send (issue 11): pinned fixed text per rule, the invariants on chosen
drafts, and (slow) the same invariants on every English draft of the dev corpus.

The invariants are in tests/rewrite_invariants.py (facts found with plain regexes, independently of
caselint's identifier code). Drafts that do not yet satisfy one are listed, with the reason, in
tests/rewrite/open_gaps.toml: a regression fails, and so does a listed draft that now passes (the list
can only shrink).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from caselint.api import fix_text, lint_text, rewrite_text
from caselint.cli import cli
from caselint.config import Settings

from rewrite_invariants import check_draft, lost_facts, safe_fix_problems, structure_problems

HERE = Path(__file__).parent
S = Settings()
FIX_CASES = tomllib.loads((HERE / "rewrite" / "fix_cases.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", FIX_CASES, ids=lambda c: f"{c['code']}-{'unsafe' if c['unsafe'] else 'safe'}")
def test_rule_fix_gives_the_expected_text(case):
    result = fix_text(case["before"], settings=Settings(select=(case["code"],)), unsafe=case["unsafe"])
    assert result.text == case["after"]
    assert result.converged
    assert fix_text(result.text, settings=Settings(select=(case["code"],)), unsafe=case["unsafe"]).text == result.text
    if not case["unsafe"]:
        assert safe_fix_problems(case["before"], result.text) == []


ANGRY = ("FIX IT TODAY or I will take legal action!!! my listing B08ABC1234 is STILL suppressed after 3 weeks "
         "and nobody at amazon seems to care.\n\nThanking you,\nRajesh\n")
FOLLOWUP = ("Hi,\n\nthis is my third message about case 12093318874. Shipment FBA15ABC1234 still shows 0 of 120 units "
            "received and your last reply just told me to wait.\n\nThanks,\nMei\n")
APPEAL = ("Dear Seller Performance team,\n\nOur account was deactivated on 4 March for a late shipment rate of 7.8%. "
          "The root cause was one packer for 526 orders. Corrective action: we hired two packers on 26 February. "
          "Preventive measure: a daily 3 pm report. Please reinstate our account.\n\nBest regards,\nGreg Tolliver\n"
          "Tolliver Outdoor Supply\n")


@pytest.mark.parametrize("text", [ANGRY, FOLLOWUP, APPEAL], ids=["angry", "followup", "appeal"])
def test_chosen_drafts_keep_every_invariant(text):
    problems = check_draft(text)
    assert {k: v for k, v in problems.items() if v} == {}


def test_angry_request_is_kept_and_made_polite():
    out = rewrite_text(ANGRY, settings=S).text
    assert out.startswith("Hello,\n\nPlease fix it today.")
    assert "legal" not in out and "!!" not in out and "STILL" not in out
    assert out.endswith("Thanking you,\nRajesh\n")  # the writer's sign-off and name stay last
    assert "Best regards" not in out
    assert out.index("Please reply by email") < out.index("Thanking you")
    assert "B08ABC1234" in out and "3 weeks" in out


def test_followup_gets_ownership_in_the_writers_person_before_thanks():
    out = rewrite_text(FOLLOWUP, settings=S).text
    assert out.startswith("Hi,\n\nThis is my third message")
    assert "help me find the best solution" in out and "help us" not in out
    assert "\n\nThanks,\nMei\n" in out and "\n\n\n" not in out


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_kept(newline):
    out = rewrite_text(FOLLOWUP.replace("\n", newline), settings=S).text
    other = {"\r\n", "\r", "\n"} - {newline}
    assert out.replace(newline, "") == out.replace(newline, "").replace("\r", "").replace("\n", "")
    assert newline in out and not any(o in out.replace(newline, "") for o in other)


def test_markers_are_honoured_and_never_reach_the_rewrite():
    text = "<!-- caselint: disable-file=PL003 reason: our template adds it -->\nShipment FBA15ABC1234 shows 0 of 120 units. Please check it.\n"
    out = rewrite_text(text, settings=S).text
    assert "caselint" not in out and "reason" not in out and "-->" not in out
    assert not out.startswith("Hello")  # PL003 is disabled for this draft, as `check` honours it
    assert "PL003" not in {f.code for f in lint_text(text, settings=S).findings}


def test_lone_surrogate_does_not_crash():
    result = rewrite_text("Shipment FBA15ABC1234 shows 0 units \ud800 received. Please check.", settings=S)
    assert "FBA15ABC1234" in result.text


def test_sales_argument_is_removed_not_kept_beside_the_customer_view():
    out = rewrite_text("Please help me change the title of ASIN B08ABC1234 to increase sales.", settings=S).text
    assert "sales" not in out and "customers" in out and "B08ABC1234" in out


def test_rewrite_diff_shows_the_change_and_writes_nothing(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(ANGRY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["rewrite", "--diff", str(draft)])
    assert result.exit_code == 1
    assert "-FIX IT TODAY" in result.output and "+Please fix it today." in result.output
    assert draft.read_text(encoding="utf-8") == ANGRY
    clean = rewrite_text(ANGRY, settings=S).text
    draft.write_text(clean, encoding="utf-8")
    again = CliRunner().invoke(cli, ["rewrite", "--diff", str(draft)])
    assert again.exit_code == 0 and again.output == ""


def test_invariant_checks_can_fail():
    # The checks themselves catch what they are meant to catch.
    assert lost_facts("Order 112-1234567-1234567, 12 units.", "Order 112-1234567-1234567, 13 units.")
    assert structure_problems("Hi,\n\nA b c d.\n\nE f g h.", "A b c d. E f g h.\n")
    assert safe_fix_problems("Check ASAP.", "Check asap.")
    assert not safe_fix_problems("asin b08abc1234!!!", "asin B08ABC1234.")


# --- every English draft of the dev corpus (slow) -------------------------------------------------

CORPUS = [HERE / "corpus_dev" / "dev-a.jsonl", HERE / "corpus_dev" / "dev-b.jsonl"]
GAPS = tomllib.loads((HERE / "rewrite" / "open_gaps.toml").read_text(encoding="utf-8"))


def _drafts():
    from rewrite_invariants import load

    return load(CORPUS)


@pytest.mark.slow
def test_every_dev_draft_keeps_the_invariants():
    failing: dict[str, set[str]] = {}
    details = []
    for d in _drafts():
        for name, problems in check_draft(d["text"]).items():
            if problems:
                failing.setdefault(name, set()).add(d["id"])
                if d["id"] not in GAPS.get(name, {}):
                    details.append(f"{d['id']} {name}: {problems[:3]}")
    assert details == [], "new failures:\n" + "\n".join(details)
    fixed = {name: sorted(set(ids) - failing.get(name, set())) for name, ids in GAPS.items()}
    assert not any(fixed.values()), f"now passing: remove them from tests/rewrite/open_gaps.toml: {fixed}"


# --- general capabilities (drafts written for these tests, not taken from the corpus) ---------------


def test_long_sentence_is_split_at_clause_boundaries_keeping_its_facts():
    long = ("We sent shipment FBA15ABC1234 with 240 units on 3 May and the carrier delivered it on 7 May, but the "
            "shipment page still shows 0 units received after two weeks; we checked the labels twice and they match "
            "the packing list because our warehouse team scans every carton before it leaves the building.")
    text = f"Hello,\n\n{long} Please check it in.\n\nThank you,\nAna\n"
    out = rewrite_text(text, settings=S).text
    assert "CL001" not in {f.code for f in lint_text(out, settings=S).findings if f.severity.label != "info"}
    assert lost_facts(text, out) == []
    assert "; " not in out and out.count(". ") > text.count(". ")
    assert check_draft(text)["idempotent"] == []


@pytest.mark.parametrize("ask, topic", [
    ("Please remove the fake review on ASIN B07XYZ9876 posted on 2 June.", "RT003"),
    ("Could you give us the Buy Box back for ASIN B07XYZ9876?", "RT002"),
    ("Please remove the negative feedback on order 114-2233445-6677889.", "RT004"),
])
def test_request_seller_support_cannot_grant_becomes_a_question_it_can_answer(ask, topic):
    text = f"Hello,\n\nWe sell kitchen scales. {ask}\n\nThank you,\nLi\n"
    assert topic in {f.code for f in lint_text(text, settings=S).findings}
    out = rewrite_text(text, settings=S).text
    assert topic not in {f.code for f in lint_text(out, settings=S).findings}
    assert "which team handles this" in out and "Seller Support cannot" in out
    assert lost_facts(text, out) == []


def test_sales_argument_goes_and_its_figures_stay_as_data():
    text = ("Hello,\n\nThe title of ASIN B07XYZ9876 shows the wrong size. We are losing $3,000 a month in sales because of it. "
            "Please correct the title to 500 ml.\n\nThank you,\nLi\n")
    out = rewrite_text(text, settings=S).text
    assert "FR001" not in {f.code for f in lint_text(out, settings=S).findings}
    # The argument goes; the figure stays as a data line with its unit and what it measures,
    # which is a fact, not a reason (JUDGEMENT.md: 'Sales Rank: 1,203' in data is not framing).
    assert "Lost sales: $3,000 a month." in out and "sales because" not in out.lower()
    assert lost_facts(text, out) == []


# --- random drafts with the shape of a case message (hypothesis) -----------------------------------

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st  # noqa: E402

_GREETINGS = ["Hello,", "Hi team,", "Dear Seller Support,", ""]
_SENTENCES = [
    "Shipment {ship} shows {n} units received but we sent {m}.",
    "ASIN {asin} was removed on {date} and we do not know why.",
    "this is my second message about case {case} and nobody answered",
    "Please check order {order} ASAP!!!",
    "FIX IT TODAY or I will take legal action",
    "We are losing ${m} a month in sales because the title of {asin} is wrong.",
    "Please remove the fake review on {asin}.",
    "The carrier delivered it on {date}; the tracking number is {track}, and the box was sealed, and the label "
    "matched the packing list, but the page still shows nothing received after several weeks of waiting for it.",
    "i  think the problem is the label.",
]
_SIGNOFFS = ["Thanks,\nMei", "Best regards,\nOmar\nOmar Home Goods", ""]


@st.composite
def case_drafts(draw) -> str:
    fill = dict(ship="FBA15" + draw(st.from_regex(r"[A-Z0-9]{7}", fullmatch=True)),
                asin="B0" + draw(st.from_regex(r"[A-Z0-9]{8}", fullmatch=True)),
                n=str(draw(st.integers(0, 500))), m=str(draw(st.integers(1, 9000))),
                date=draw(st.sampled_from(["3 May", "2024-06-01", "June 2"])),
                case=str(draw(st.integers(10**10, 10**11 - 1))),
                order=f"{draw(st.integers(100, 999))}-{draw(st.integers(10**6, 10**7 - 1))}-{draw(st.integers(10**6, 10**7 - 1))}",
                track="1Z" + draw(st.from_regex(r"[A-Z0-9]{16}", fullmatch=True)))
    body = [s.format(**fill) for s in draw(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=5))]
    paragraphs = [" ".join(body[:2])] + ([" ".join(body[2:])] if body[2:] else [])
    parts = [draw(st.sampled_from(_GREETINGS))] + paragraphs + [draw(st.sampled_from(_SIGNOFFS))]
    return "\n\n".join(p for p in parts if p) + "\n"


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_drafts())
def test_random_case_drafts_keep_facts_shape_and_fixed_point(text):
    problems = check_draft(text)
    assert problems["facts"] == []
    assert problems["idempotent"] == []
    assert problems["safe_fix"] == []
    assert [p for p in problems["structure"] if "glued" in p or "doubled" in p or "trailing" in p] == []
