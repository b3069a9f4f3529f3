"""Lexicons: the built-in ones load and compile; every validation error names file and entry."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from caselint.errors import LexiconError
from caselint.lexicon.compiled import CompiledLexicons
from caselint.lexicon.loader import builtin_lexicon_dir, builtin_lexicons, load_lexicons, read_lexicon_file
from caselint.lexicon.schema import validate_lexicon
from caselint.nlp import get_nlp

HEADER = '[meta]\nid = "proj"\n\n'


def entry(body: str, entry_id: str = "my-entry") -> str:
    return f'{HEADER}[[entry]]\nid = "{entry_id}"\ntag = "tone.insult"\n{body}\n'


def lexicon_file(tmp_path, text, name="proj.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path, text, name="proj.toml") -> str:
    """Load (and compile) a project lexicon; return the error message."""
    path = lexicon_file(tmp_path, text, name)
    with pytest.raises(LexiconError) as info:
        lexicons = load_lexicons((str(path),))
        CompiledLexicons(get_nlp(), lexicons)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- built-in -----------------------------------------------------------------------------------------


def test_builtin_lexicons_load_and_compile(repo_root):
    lexicons = builtin_lexicons()
    shipped = sorted(p.relative_to(repo_root).as_posix() for p in (repo_root / "lexicons").glob("*/*.toml"))
    assert sorted(lx.source for lx in lexicons) == shipped
    ids = [e.id for lx in lexicons for e in lx.entries]
    assert len(ids) == len(set(ids))
    compiled = CompiledLexicons(get_nlp(), load_lexicons())
    assert len(compiled.entries) == len(ids)


def test_builtin_dir_holds_scoring(repo_root):
    directory = builtin_lexicon_dir()
    assert (directory / "scoring.toml").is_file()
    assert sorted(p.relative_to(directory).as_posix() for p in directory.glob("**/*.toml")) == sorted(
        p.relative_to(repo_root / "lexicons").as_posix() for p in (repo_root / "lexicons").glob("**/*.toml"))


def test_builtin_regexes_are_safe():
    from caselint.regex_safety import find_backtracking_risk

    for lx in builtin_lexicons():
        for e in lx.entries:
            if e.regex:
                assert find_backtracking_risk(e.regex) is None, (lx.source, e.id)


def test_builtin_lexicons_pass_the_full_untrusted_validation():
    """At run time the built-ins skip the (slow) backtracking analysis; here they get all of it,
    token-pattern REGEX values included, exactly as a user's lexicon would."""
    import tomllib

    from caselint.lexicon.schema import validate_lexicon

    for path in sorted(builtin_lexicon_dir().glob("*/*.toml")):
        validate_lexicon(path.name, tomllib.loads(path.read_text(encoding="utf-8")), trusted=False)


# --- validation errors name file and entry --------------------------------------------------------------


@pytest.mark.parametrize(
    "body, needles",
    [
        ('phrases = ["x"]\nsugest = "y"', ["unknown key 'sugest'"]),
        ('regex = "([a-z"', ["invalid regex"]),
        ("regex = '(a+)+$'", ["backtrack"]),
        ("regex = '(?:ab|a)*c$'", ["backtrack"]),
        ("regex = '(x)\\1'", ["backreferences"]),
        ('pattern = [{LOWR = "x"}]', ["invalid token pattern"]),
        ('pattern = [{LOWER = "x", OP = "+++"}]', ["invalid token pattern"]),
        ('pattern = [{POS = "NOUN"}]', ["'POS'", "trained pipeline"]),
        ('pattern = [{LEMMA = "be"}]', ["'LEMMA'", "trained pipeline"]),
        ('patterns = [[{lemma = "be"}]]', ["'lemma'", "trained pipeline"]),
        ('phrases = []', ["'phrases'"]),
        ('phrases = ["x"]\nregex = "x"', ["exactly one of"]),
        ('phrases = ["x"]\nweight = "high"', ["'weight'"]),
        ('phrases = ["x"]\ncase_sensitive = "yes"', ["'case_sensitive'"]),
    ],
)
def test_entry_errors_name_file_and_entry(tmp_path, body, needles):
    message = load_error(tmp_path, entry(body))
    assert message.startswith(str(tmp_path / "proj.toml") + ": entry 'my-entry': "), message
    for needle in needles:
        assert needle in message


@pytest.mark.parametrize(
    "text, needles",
    [
        (HEADER + "[[entry]]\ntag = \"x\"\nphrases = [\"a\"]\n", ["entry 1", "'id'"]),
        (HEADER + '[[entry]]\nid = "Bad ID"\ntag = "x"\nphrases = ["a"]\n', ["'id'"]),
        (HEADER + '[[entry]]\nid = "e"\ntag = "Not.A.Tag!"\nphrases = ["a"]\n', ["entry 'e'", "'tag'"]),
        ('[meta]\nid = "proj"\nowner = "me"\n', ["[meta]", "'owner'"]),
        ('[meta]\ndescription = "no id"\n', ["[meta]", "'id'"]),
        ('[meta]\nid = "proj"\n[extra]\nx = 1\n', ["unknown top-level key 'extra'"]),
        ('[meta]\nid = "proj"\n[templates]\nx = 1\n', ["[templates]"]),
        ('[meta]\nid = "proj"\nthis is not toml\n', ["invalid TOML"]),
    ],
)
def test_file_errors_name_file(tmp_path, text, needles):
    message = load_error(tmp_path, text)
    assert message.startswith(str(tmp_path / "proj.toml") + ": "), message
    for needle in needles:
        assert needle in message


def test_invalid_utf8_lexicon(tmp_path):
    path = tmp_path / "proj.toml"
    path.write_bytes(b'[meta]\nid = "proj"\n# \xff\n')
    with pytest.raises(LexiconError, match="proj.toml: lexicon is not valid UTF-8"):
        read_lexicon_file(path)


def test_duplicate_id_within_a_file(tmp_path):
    text = entry('phrases = ["a"]', "twice") + '\n[[entry]]\nid = "twice"\ntag = "tone.insult"\nphrases = ["b"]\n'
    message = load_error(tmp_path, text)
    assert "entry 'twice'" in message and "duplicate id" in message
    assert str(tmp_path / "proj.toml") in message


def test_duplicate_id_across_builtin_and_extra(tmp_path):
    builtin = builtin_lexicons()[0]
    taken = builtin.entries[0].id
    message = load_error(tmp_path, entry('phrases = ["a"]', taken))
    assert f"entry {taken!r}" in message and "duplicate id" in message
    assert str(tmp_path / "proj.toml") in message and builtin.source in message


def test_duplicate_id_across_two_extra_files(tmp_path):
    first = lexicon_file(tmp_path, entry('phrases = ["a"]', "shared"), "one.toml")
    second = lexicon_file(tmp_path, entry('phrases = ["b"]', "shared").replace('id = "proj"', 'id = "proj2"'),
                          "two.toml")
    with pytest.raises(LexiconError) as info:
        load_lexicons((str(first), str(second)))
    assert str(second) in str(info.value) and str(first) in str(info.value)


def test_unknown_disable_entries_id():
    with pytest.raises(LexiconError, match="disable-entries: unknown lexicon entry id 'nope-nope'"):
        load_lexicons((), frozenset({"nope-nope"}))


def test_disable_entries_removes_builtin_entries():
    some = builtin_lexicons()[0].entries[0].id
    ids = {e.id for lx in load_lexicons((), frozenset({some})) for e in lx.entries}
    assert some not in ids and ids


def test_validate_lexicon_is_pure():
    """Validation needs no file: the schema check works on parsed data (what the loader does)."""
    lx = validate_lexicon("mem.toml", {"meta": {"id": "m"}, "entry": [{"id": "a", "tag": "t", "phrases": ["x"]}]})
    assert lx.entries[0].phrases == ("x",) and lx.entries[0].source == "mem.toml"
    with pytest.raises(LexiconError, match=r"^mem.toml: entry 'a': unknown key 'oops'"):
        validate_lexicon("mem.toml", {"meta": {"id": "m"}, "entry": [{"id": "a", "tag": "t", "oops": 1}]})


# --- project lexicons through config --------------------------------------------------------------------


PROJECT = """\
[meta]
id = "project"

[[entry]]
id = "project-placeholders"
tag = "id_placeholder"
phrases = ["tbd by ops", "fill me in"]

[[entry]]
id = "project-code"
tag = "id_placeholder"
pattern = [{LOWER = "ref"}, {LOWER = "no"}, {IS_DIGIT = true, LENGTH = 1}]
"""


def test_project_lexicon_adds_entries(run_cli, tmp_path):
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "project.toml").write_text(PROJECT, encoding="utf-8")
    (tmp_path / "caselint.toml").write_text('extra-lexicons = ["lex/project.toml"]\n', encoding="utf-8")
    text = "Hello,\nThe count is TBD by ops.\nOur Ref no 7 is here, ref no 42 too.\n"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    result = run_cli("--format", "json", "--select", "ID008", "d.txt", cwd=tmp_path)
    import json

    spans = [text[x["start"]:x["end"]] for x in json.loads(result.stdout)["files"][0]["findings"]]
    assert spans == ["TBD by ops", "Ref no 7"]
    # Without the config, neither phrase is a placeholder.
    (tmp_path / "caselint.toml").unlink()
    assert run_cli("--format", "concise", "--select", "ID008", "d.txt", cwd=tmp_path).stdout == ""


def test_broken_project_lexicon_via_cli(run_cli, tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "bad.toml").write_text(entry("regex = '(a+)+$'"), encoding="utf-8")
    (proj / "caselint.toml").write_text('extra-lexicons = ["bad.toml"]\n', encoding="utf-8")
    (proj / "d.txt").write_text("Hello [ASIN]\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Hello [ASIN]\n", encoding="utf-8")
    result = run_cli("--format", "concise", "--select", "ID008", "proj/d.txt", "ok.txt", cwd=tmp_path)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("caselint: error:")]
    assert len(errors) == 1
    assert "proj/d.txt" in errors[0] and "bad.toml" in errors[0] and "entry 'my-entry'" in errors[0]
    assert result.stdout.startswith("ok.txt:1:7: ID008 ")  # the other file is still checked
    assert "Traceback" not in result.output


# --- installed package ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_lexicons_come_from_the_installed_wheel(repo_root, tmp_path):
    """Build the wheel, unpack it, and lint from elsewhere: lexicons are read through importlib.resources."""
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(wheels), str(repo_root)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("caselint-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    shipped = sorted(n.removeprefix("caselint/lexicons/") for n in names
                     if n.startswith("caselint/lexicons/") and n.endswith(".toml"))
    assert shipped == sorted(p.relative_to(repo_root / "lexicons").as_posix() for p in (repo_root / "lexicons").glob("**/*.toml"))
    assert any(n.startswith("caselint/lexicons/ja/") for n in names)
    _check_wheel_packaging(repo_root, names, site)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "d.txt").write_text("Hello,\nPlease check [ASIN]!!!\n", encoding="utf-8")
    probe = (
        "import caselint, pathlib\n"
        "from caselint.lexicon.loader import builtin_lexicon_dir\n"
        "from importlib import resources\n"
        "print(pathlib.Path(caselint.__file__).resolve())\n"
        "print(builtin_lexicon_dir().resolve())\n"
        "print((resources.files('caselint') / 'lexicons' / 'en' / 'tone.toml').is_file())\n"
        "r = caselint.lint_text(open('d.txt').read(), 'd.txt', select=['ID008', 'TN008'])\n"
        "print(sorted(f.code for f in r.findings))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    proc = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    module, lexicon_dir, is_file, found = proc.stdout.splitlines()
    assert module.startswith(str(site.resolve()))
    assert lexicon_dir == str((site / "caselint" / "lexicons").resolve())
    assert is_file == "True"
    assert found == "['ID008', 'TN008']"


def _check_wheel_packaging(repo_root, names, site):
    """The license file and the project metadata are in the wheel; developer-only modules are not."""
    import email

    assert not [n for n in names if "/_dev/" in n or n.startswith(("tools/", "tests/", "bench/"))], names
    assert [n for n in names if n.startswith("caselint/")] and all(
        n.startswith(("caselint/", "caselint-")) for n in names), names
    (dist_info,) = {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
    license_path = site / dist_info / "licenses" / "LICENSE"
    assert license_path.read_text(encoding="utf-8") == (repo_root / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in license_path.read_text(encoding="utf-8")
    meta = email.message_from_string((site / dist_info / "METADATA").read_text(encoding="utf-8"))
    assert meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers and len(classifiers) >= 8
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Homepage", "Repository", "Issues", "Documentation"} <= set(urls)
    assert all(u.startswith("https://") for u in urls.values())
    assert "linter" in meta["Keywords"].split(",")
    requires = " ".join(meta.get_all("Requires-Dist"))
    assert "pathspec" in requires and "tqdm" in requires


@pytest.mark.parametrize("text, found", [
    # A hard-wrapped e-mail: the line break only wraps the sentence, so the phrase still matches.
    ("We sent the invoices on Monday and we are still waiting. I look forward to\nyour reply by e-mail.", True),
    ("We sent the invoices on Monday and we are still waiting. I look forward to\r\nyour reply by e-mail.", True),
    ("We sent the invoices on Monday and we are still waiting. I look forward to  \n  your reply.", True),
    # A paragraph break separates two thoughts: no phrase across it.
    ("We sent the invoices on Monday and we are still waiting. I look forward to\n\nyour reply.", False),
])
def test_phrases_match_across_wrapped_lines_only(text, found):
    from caselint import runner

    doc = get_nlp()(text)
    hits = [h for h in runner.compiled_lexicons().match(doc, text).get("request.polite") if "look" in h.text]
    assert bool(hits) == found
    for h in hits:  # offsets are the draft's own
        assert text[h.start:h.end] == h.text and h.text.startswith("look forward to") and h.text.endswith("your")
