"""Config and lexicons are data only: nothing in them runs, paths resolve against the config
file, and every malformed value is one clear error naming file, key and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

import caselint
from caselint.config import read_config_file
from caselint.errors import ConfigError, LexiconError
from caselint.lexicon.loader import read_lexicon_file
from caselint.model import FileError, Report

DRAFT = "Hello,\n\nMy shipment FBA15ABCDEF is missing 3 units. This is ridiculous!!!\n\nThanks,\nSam\n"


# (config text, words the message must contain besides the file name)
MALFORMED_CONFIG = [
    ("select = 5", ["select"]),
    ("select = [1, 2]", ["select"]),
    ('select = ["NOPE999"]', ["select", "NOPE999"]),
    ('ignore = ["tone", "???"]', ["ignore", "???"]),
    ("fail-under = 101", ["fail-under"]),
    ("fail-under = -1", ["fail-under"]),
    ("fail-under = true", ["fail-under"]),
    ('fail-under = "50"', ["fail-under"]),
    ("fail-under = nan", ["fail-under"]),
    ("max-draft-size = 0", ["max-draft-size"]),
    ("max-draft-size = -5", ["max-draft-size"]),
    ("max-draft-size = 1.5", ["max-draft-size"]),
    ("max-draft-size = inf", ["max-draft-size"]),
    ('max-draft-size = "1MB"', ["max-draft-size"]),
    ("unsafe-fixes = 1", ["unsafe-fixes"]),
    ('per-file-ignores = ["x"]', ["per-file-ignores"]),
    ('per-file-ignores = {"*.txt" = 5}', ["per-file-ignores", "*.txt"]),
    ('per-file-ignores = {"*.txt" = ["ZZ999"]}', ["per-file-ignores", "ZZ999"]),
    ('severity = {TN001 = "fatal"}', ["severity", "TN001", "fatal"]),
    ('severity = {XX999 = "error"}', ["severity", "XX999"]),
    ("severity = 3", ["severity"]),
    ('[rule-options.XX999]\nmax-words = 3', ["rule-options", "XX999"]),
    ('[rule-options.CL001]\nmax-words = "many"', ["rule-options", "CL001", "max-words"]),
    ('[rule-options.CL001]\nnope = 3', ["rule-options", "CL001", "nope"]),
    ("rule-options = 3", ["rule-options"]),
    ("extra-lexicons = 3", ["extra-lexicons"]),
    ("disable-entries = [1]", ["disable-entries"]),
    ("include = {a = 1}", ["include"]),
    ("exclude = [true]", ["exclude"]),
    ("scoring = 3", ["scoring"]),
    ("[scoring]\nnope = 1", ["scoring.nope"]),
    ("[scoring.caps]\nCL009 = -1", ["scoring.caps.CL009"]),
    ("[scoring.caps]\nCL009 = 1e308", ["scoring.caps.CL009"]),
    ("[scoring.caps]\nCL009 = inf", ["scoring.caps.CL009"]),
    ("[scoring.caps]\nXX = 3", ["scoring.caps.XX"]),
    ("[scoring.caps]\nCL009 = nan", ["scoring.caps.CL009"]),
    ("[scoring.categories]\ntone = -2.5", ["scoring.categories.tone"]),
    ("[scoring.categories]\ntone = nan", ["scoring.categories.tone"]),
    ("[scoring.severity]\nwarning = inf", ["scoring.severity", "warning"]),
    ("[scoring.severity]\nfatal = 1", ["scoring.severity", "fatal"]),
    ("[scoring.categories]\ntone = nan", ["scoring.categories", "tone"]),
    ("[scoring.categories]\nmood = 1", ["scoring.categories", "mood"]),
    ("nonsense = 1", ["nonsense"]),
    ("fail_under = 3", ["fail_under", "fail-under"]),
    ("select = [", ["invalid TOML"]),
    ("\x00", ["invalid TOML"]),
]


@pytest.mark.parametrize("text, words", MALFORMED_CONFIG, ids=[c[0][:40] for c in MALFORMED_CONFIG])
def test_malformed_config_value_is_one_clear_error(tmp_path, text, words):
    path = tmp_path / ".caselint.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_config_file(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message, message
    assert "\n" not in message.strip()


@pytest.mark.parametrize("text, words", MALFORMED_CONFIG[:12], ids=[c[0][:40] for c in MALFORMED_CONFIG[:12]])
def test_malformed_config_in_pyproject_names_the_table(tmp_path, text, words):
    path = tmp_path / "pyproject.toml"
    body = text if not text.startswith("[") else text.replace("[", "[tool.caselint.", 1)
    path.write_text("[tool.caselint]\n" + body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_config_file(path)
    assert str(path) in str(info.value)


def test_invalid_utf8_config_is_a_clear_error(tmp_path):
    path = tmp_path / ".caselint.toml"
    path.write_bytes(b'select = ["\xff"]\n')
    with pytest.raises(ConfigError, match="UTF-8"):
        read_config_file(path)


def _lexicon(body: str) -> str:
    return '[meta]\nid = "mine"\n\n[[entry]]\nid = "entry-x"\ntag = "custom.x"\n' + body + "\n"


MALFORMED_LEXICON = [
    (_lexicon('phrases = []'), "phrases"),
    (_lexicon('phrases = [""]'), "phrases"),
    (_lexicon('phrases = [1]'), "phrases"),
    (_lexicon('phrases = ["a"]\nregex = "a"'), "exactly one of"),
    (_lexicon(''), "exactly one of"),
    (_lexicon('regex = ""'), "regex"),
    (_lexicon('regex = 5'), "regex"),
    (_lexicon('regex = "([a-"'), "invalid regex"),
    (_lexicon('pattern = []'), "pattern"),
    (_lexicon('pattern = [1]'), "token 1"),
    (_lexicon('pattern = [{POS = "NOUN"}]'), "POS"),
    (_lexicon('pattern = [{TEXT = {REGEX = "(x"}}]'), "invalid REGEX"),
    (_lexicon('pattern = [{TEXT = {REGEX = 3}}]'), "REGEX"),
    (_lexicon('patterns = 3'), "patterns"),
    (_lexicon('phrases = ["a"]\nweight = "heavy"'), "weight"),
    (_lexicon('phrases = ["a"]\ncase_sensitive = "yes"'), "case_sensitive"),
    (_lexicon('phrases = ["a"]\nsuggest = 3'), "suggest"),
    (_lexicon('phrases = ["a"]\nexec = "rm -rf /"'), "exec"),
    ('[meta]\nid = "mine"\n\n[[entry]]\nid = "Bad ID"\ntag = "x"\nphrases = ["a"]\n', "'id'"),
    ('[meta]\nid = "mine"\n\n[[entry]]\nid = "ok"\ntag = "Not A Tag"\nphrases = ["a"]\n', "tag"),
    ('[meta]\nid = "mine"\n[[entry]]\nid = "d"\ntag = "x"\nphrases = ["a"]\n[[entry]]\nid = "d"\ntag = "x"\nphrases = ["b"]\n',
     "duplicate"),
    ('[meta]\ndescription = "no id"\n', "[meta]"),
    ('entry = 3\n[meta]\nid = "m"\n', "[[entry]]"),
    ('[meta]\nid = "m"\n[templates]\nx = 1\n', "[templates]"),
    ('python = "import os"\n[meta]\nid = "m"\n', "python"),
]


@pytest.mark.parametrize("text, word", MALFORMED_LEXICON, ids=range(len(MALFORMED_LEXICON)))
def test_malformed_lexicon_is_one_clear_error_naming_file_and_entry(tmp_path, text, word):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_lexicon_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert word in message, message
    if "entry-x" in text:
        assert "'entry-x'" in message, message


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "missing.toml", "."])
def test_extra_lexicon_that_is_not_a_regular_file_is_refused_not_read(tmp_path, target):
    """A FIFO would block and /dev/zero would exhaust memory: both are refused before reading."""
    import os

    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
    (tmp_path / ".caselint.toml").write_text(f'extra-lexicons = ["{target}"]\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    try:
        results = list(caselint.lint_paths([str(tmp_path / "draft.txt")]))
    except LexiconError as exc:
        message = str(exc)
    else:
        assert len(results) == 1 and isinstance(results[0], FileError)
        message = results[0].message
    assert "cannot read lexicon" in message


def test_nothing_in_config_or_lexicon_is_executed(tmp_path, monkeypatch):
    canary = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {canary}')"
    (tmp_path / "lex.toml").write_text(
        '[meta]\nid = "mine"\ndescription = "{payload}"\n\n[templates]\nt = "{{payload}} $(touch {canary}) `touch {canary}`"\n'
        '\n[[entry]]\nid = "p"\ntag = "custom.p"\nphrases = ["{payload}"]\nsuggest = "t"\nnote = "${{touch {canary}}}"\n'
        .replace("{payload}", payload.replace('"', "'")).replace("{canary}", str(canary)),
        encoding="utf-8",
    )
    (tmp_path / ".caselint.toml").write_text(
        f'extra-lexicons = ["lex.toml"]\ninclude = ["$(touch {canary})", "*.txt"]\n'
        f'exclude = ["`touch {canary}`"]\n[per-file-ignores]\n"{payload.replace(chr(34), chr(39))}" = ["tone"]\n',
        encoding="utf-8",
    )
    (tmp_path / "draft.txt").write_text(DRAFT + payload + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    results = list(caselint.lint_paths([str(tmp_path)]))
    assert results and all(isinstance(r, Report) for r in results), results
    assert not canary.exists()


def test_paths_in_config_resolve_relative_to_the_config_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "lexicons").mkdir(parents=True)
    (project / "drafts").mkdir()
    (project / "lexicons" / "mine.toml").write_text(
        '[meta]\nid = "mine"\n\n[[entry]]\nid = "zebra-word"\ntag = "tone.insult"\nphrases = ["zebrafication"]\n',
        encoding="utf-8",
    )
    (project / ".caselint.toml").write_text(
        'extra-lexicons = ["lexicons/mine.toml"]\n[per-file-ignores]\n"drafts/quiet.txt" = ["tone"]\n',
        encoding="utf-8")
    (project / "drafts" / "loud.txt").write_text("Hello, this is zebrafication.\n", encoding="utf-8")
    (project / "drafts" / "quiet.txt").write_text("Hello, this is zebrafication.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "lexicons").mkdir()  # a decoy next to the working directory: must not be used
    monkeypatch.chdir(elsewhere)
    loud, quiet = list(caselint.lint_paths([str(project / "drafts" / "loud.txt"), str(project / "drafts" / "quiet.txt")]))
    assert isinstance(loud, Report) and isinstance(quiet, Report), (loud, quiet)
    assert any("zebrafication" in loud.text[f.span.start:f.span.end] for f in loud.findings)
    assert not any(f.category == "tone" for f in quiet.findings)
