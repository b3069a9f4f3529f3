"""In-draft suppression markers (caselint.suppression): file, line and next-line scopes, selectors,
wrappers, and markers never being linted themselves."""

from __future__ import annotations

import pytest

from caselint import lint_text
from caselint.config import Settings
from caselint.suppression import find_markers, strip_markers

SELECT = ("ID008", "TN008")


def found(text: str, select=SELECT, settings: Settings | None = None) -> list[tuple[str, int]]:
    report = lint_text(text, "draft.txt", select=select, settings=settings)
    return sorted((f.code, f.line) for f in report.findings)


BASE = "Hello,\nWhere is [ASIN]!!!\nStill waiting!!!\n"


def test_baseline_without_markers():
    assert found(BASE) == [("ID008", 2), ("TN008", 2), ("TN008", 3)]


# --- scopes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("selector", ["TN008", "tn008", "TN", "repeated-punctuation", "tone"])
def test_disable_file(selector):
    text = f"caselint: disable-file={selector}\n" + BASE
    assert found(text) == [("ID008", 3)]


def test_disable_file_without_codes_silences_everything():
    assert found("caselint: disable-file\n" + BASE) == []


@pytest.mark.parametrize("selector", ["TN008", "TN", "repeated-punctuation", "tone"])
def test_disable_line(selector):
    text = f"Hello,\nWhere is [ASIN]!!! caselint: disable={selector}\nStill waiting!!!\n"
    assert found(text) == [("ID008", 2), ("TN008", 3)]


def test_disable_line_without_codes():
    text = "Hello,\nWhere is [ASIN]!!! caselint: disable\nStill waiting!!!\n"
    assert found(text) == [("TN008", 3)]


def test_disable_line_alias():
    text = "Hello,\nWhere is [ASIN]!!! caselint: disable-line=ID008\nStill waiting!!!\n"
    assert found(text) == [("TN008", 2), ("TN008", 3)]


@pytest.mark.parametrize("selector", ["TN008", "TN", "repeated-punctuation", "tone"])
def test_disable_next_line(selector):
    text = f"Hello,\ncaselint: disable-next-line={selector}\nWhere is [ASIN]!!!\nStill waiting!!!\n"
    assert found(text) == [("ID008", 3), ("TN008", 4)]


def test_disable_next_line_without_codes():
    text = "Hello,\ncaselint: disable-next-line\nWhere is [ASIN]!!!\nStill waiting!!!\n"
    assert found(text) == [("TN008", 4)]


def test_several_codes_and_spacing():
    text = "Hello,\nWhere is [ASIN]!!!   caselint:disable = ID008 , TN008\nStill waiting!!!\n"
    assert found(text) == [("TN008", 3)]


def test_case_insensitive():
    text = "Hello,\nWhere is [ASIN]!!! CASELINT: DISABLE=tn008\nStill waiting!!!\n"
    assert found(text) == [("ID008", 2), ("TN008", 3)]


def test_crlf_lines():
    text = "Hello,\r\ncaselint: disable-next-line=TN008\r\nWhere is [ASIN]!!!\r\nStill waiting!!!\r\n"
    assert found(text) == [("ID008", 3), ("TN008", 4)]


def test_suppressed_rule_does_not_count_in_the_score():
    # ('!!!' in a calm draft is cosmetic now, so an unfilled placeholder is the failing finding here)
    plain = lint_text("Hello,\nPlease check [ASIN].\n", "d.txt", select=["ID008"])
    silenced = lint_text("Hello,\nPlease check [ASIN]. [caselint: disable=ID008]\n", "d.txt", select=["ID008"])
    assert plain.score.value < 100
    assert silenced.findings == () and silenced.score.value == 100


# --- wrappers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- caselint: disable-next-line=TN008 -->",
        "<!--caselint: disable-next-line=TN008-->",
        "[caselint: disable-next-line=TN008]",
        "[ caselint: disable-next-line = TN008 ]",
    ],
)
def test_wrappers(marker):
    text = f"Hello,\n{marker}\nWhere is [ASIN]!!!\nStill waiting!!!\n"
    assert found(text) == [("ID008", 3), ("TN008", 4)]
    (m,) = find_markers(text, lambda offset: text.count("\n", 0, offset) + 1)
    assert text[m.start:m.end] == marker  # the whole wrapper belongs to the marker
    assert (m.kind, m.selectors, m.line) == ("next-line", ("TN008",), 3)


def test_inline_wrapped_marker_keeps_positions():
    text = "Hello,\nWhere <!-- caselint: disable=ID008 --> is [ASIN]!!!\n"
    report = lint_text(text, "d.txt", select=SELECT)
    (tn008,) = report.findings
    assert tn008.code == "TN008"
    assert text[tn008.span.start:tn008.span.end] == "!!!"
    assert (tn008.line, tn008.column) == (2, text.split("\n")[1].index("!!!") + 1)


# --- markers are not linted ------------------------------------------------------------------------------


def test_markers_are_not_themselves_linted(tmp_path):
    """A project lexicon that flags the word 'caselint': it fires in prose but never inside a marker."""
    lexicon = tmp_path / "words.toml"
    lexicon.write_text(
        '[meta]\nid = "words"\n[[entry]]\nid = "word-caselint"\ntag = "id_placeholder"\nphrases = ["caselint"]\n'
        '[[entry]]\nid = "word-disable"\ntag = "id_placeholder"\nphrases = ["disable", "disable-file"]\n',
        encoding="utf-8",
    )
    settings = Settings(extra_lexicons=(str(lexicon),), select=("ID008",))
    text = (
        "<!-- caselint: disable-file=TN008 -->\n"
        "Hello, I checked this draft with caselint.\n"
        "[caselint: disable-next-line=TN001]\n"
        "Where is it!!! caselint: disable=TN007\n"
    )
    report = lint_text(text, "d.txt", settings=settings)
    spans = [(f.line, text[f.span.start:f.span.end]) for f in report.findings]
    assert spans == [(2, "caselint")]


# --- markers are stripped before sending ----------------------------------------------------------------


def test_strip_markers():
    text = (
        "<!-- caselint: disable-file=TN008 -->\n"
        "Hello,\n"
        "Where is it!!! [caselint: disable=TN008]\n"
        "caselint: disable-next-line\n"
        "Thank you.\r\n"
    )
    assert strip_markers(text) == "Hello,\nWhere is it!!!\nThank you.\r\n"
    assert strip_markers("No markers here.\n") == "No markers here.\n"


def test_find_markers_kinds_and_lines():
    text = "caselint: disable-file=framing\nA caselint: disable=ID001,PL\n[caselint: disable-next-line]\nB\n"
    markers = find_markers(text, lambda offset: text.count("\n", 0, offset) + 1)
    assert [(m.kind, m.selectors, m.line) for m in markers] == [
        ("file", ("framing",), 0),
        ("line", ("ID001", "PL"), 2),
        ("next-line", (), 4),
    ]


def test_rules_never_see_markers():
    """Rules read the marker-blanked text: '!' in '<!--', capitals and IDs inside markers never fire."""
    text = ("Hello,\n<!-- caselint: disable=PL003 -->\n<!-- caselint: disable=PL004 NOTE SHOUTING HERE -->\n"
            "<!-- caselint: disable-next-line=CL001 ASIN B0BADBAD -->\n"
            "Please check shipment FBA15ABC1234 and reply by email. Thank you.\n")
    report = lint_text(text, "d.txt")
    codes = {f.code for f in report.findings}
    assert not codes & {"TN007", "TN008", "ID007", "ID002"}, report.findings
    # the same words outside a marker do fire
    loud = lint_text(text.replace("<!-- caselint: disable=PL004 NOTE SHOUTING HERE -->", "WHY IS NOBODY HELPING!!!"), "d.txt")
    assert {"TN007", "TN008"} <= {f.code for f in loud.findings}
