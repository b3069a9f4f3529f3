"""No catastrophic regexes: built-in patterns are linear on adversarial input; dangerous user
patterns are refused at load time with an error naming the file and the entry."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from caselint.errors import LexiconError
from caselint.model import FileError
from caselint.regex_safety import find_backtracking_risk

HERE = Path(__file__).resolve().parent
HANG_GUARD = 240  # seconds: a hang fails the test instead of freezing the suite; not a performance limit


@pytest.mark.slow
def test_every_builtin_regex_finishes_on_adversarial_100k_inputs():
    """tests/reliability/regex_attack.py builds prefix + pump*n + failing tail for every repeat of
    every pattern (lexicon regexes, token REGEXes, module-level patterns such as MARKER_RE) and
    exits 1 naming any pattern that took more than 2 s on one input (linear ones take ms)."""
    proc = subprocess.run(
        [sys.executable, str(HERE / "regex_attack.py"), "--size", "100000", "--budget", "2"],
        capture_output=True, text=True, timeout=HANG_GUARD,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "patterns" in proc.stdout


def test_attack_harness_catches_a_slow_pattern():
    """The harness itself works: it flags a cubic pattern (the old case-ID shape) in well under a minute."""
    code = textwrap.dedent(
        """
        import re, sys, time
        sys.path.insert(0, %r)
        import regex_attack
        p = re.compile(r"case[ \\t]*(?:id)?[ \\t]*:?[ \\t]*\\d{8}")
        worst = 0.0
        for _desc, text in regex_attack.attack_strings(p.pattern, 0, 400):
            t0 = time.perf_counter(); list(p.finditer(text)); worst = max(worst, time.perf_counter() - t0)
            if worst > 0.02:
                break
        print(worst)
        """ % str(HERE)
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode == 0, proc.stderr
    # Linear patterns take microseconds on 400 characters; this one takes far longer.
    assert float(proc.stdout) > 0.02


@pytest.mark.parametrize(
    "regex",
    [
        "(a+)+$",
        "(a*)*b",
        "(a|aa)*b",
        "(?:ab|a)*c",
        r"(\w+\s?)+$",
        r"(x)\1",
        r"(?P<q>['\"]).*(?P=q)",
        r"\s*\s*x",
        r"case[ \t]*(?:id)?[ \t]*:?[ \t]*\d+",
        r".*x.*y",
        r"\d+ units",
        r"[a-z]+@[a-z]+\.com",
    ],
)
def test_checker_rejects_dangerous_regexes(regex):
    assert find_backtracking_risk(regex)


@pytest.mark.parametrize(
    "regex",
    [
        r"(?<![A-Za-z0-9])FBA[A-Z0-9]{8,10}(?![A-Za-z0-9])",
        r"(?<!\d)\d+ units",
        r"\bcase[ \t]*+(?:id)?[ \t]*+:?[ \t]*+\d{8,12}",
        r"\d{3}-\d{7}-\d{7}",
        r"^\d+\.\d+$",
        r"\b\w+ing\b",
        r"please|kindly",
    ],
)
def test_checker_accepts_safe_regexes(regex):
    assert find_backtracking_risk(regex) is None


def _project(tmp_path: Path, entry: str) -> Path:
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "mine.toml").write_text(
        '[meta]\nid = "mine"\n\n[[entry]]\nid = "bad-one"\ntag = "custom.thing"\n' + entry + "\n", encoding="utf-8")
    (tmp_path / ".caselint.toml").write_text('extra-lexicons = ["lex/mine.toml"]\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Hello, my shipment FBA15ABCDEF is missing.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "entry, expected",
    [
        ("regex = '(a+)+$'", "backtrack"),
        ("regex = '(a|aa)*b'", "backtrack"),
        ("regex = '(x)\\1'", "backreferences"),
        ("regex = '(?P<a>x)(?P=a)'", "backreferences"),
        ("regex = '[ \\t]*(?:no)?[ \\t]*x'", "one after the other"),
        ("regex = '\\d+ units'", "quadratic"),
        ("pattern = [{TEXT = {REGEX = '(a+)+$'}}]", "REGEX may backtrack"),
        ("patterns = [[{LOWER = 'x'}], [{LOWER = {REGEX = '(\\w|\\d)*z'}}]]", "REGEX may backtrack"),
    ],
)
def test_user_lexicon_with_dangerous_regex_is_refused_naming_file_and_entry(tmp_path, entry, expected, monkeypatch):
    """Without RE2 (google-re2 not installed) every user regex must pass the checker; token REGEX
    always must (spaCy runs those on Python's re)."""
    from caselint import regex_safety
    from caselint.config import clear_cache

    monkeypatch.setattr(regex_safety, "_re2", None)
    __import__("caselint.api").api.clear_caches()

    project = _project(tmp_path, entry)
    clear_cache()
    try:
        results = list(__import__("caselint").lint_paths([str(project / "draft.txt")]))
    except LexiconError as exc:  # raised, or reported for the file: either way one clear message
        message = str(exc)
    else:
        assert len(results) == 1 and isinstance(results[0], FileError), results
        message = results[0].message
    assert str(project / "lex" / "mine.toml") in message
    assert "'bad-one'" in message
    assert expected in message


def test_cli_refuses_dangerous_user_regex_with_exit_2_and_no_traceback(tmp_path):
    project = _project(tmp_path, "regex = '(a+)+$'")
    proc = subprocess.run(
        [sys.executable, "-m", "caselint", "check", "draft.txt"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "mine.toml" in proc.stderr and "'bad-one'" in proc.stderr and "backtrack" in proc.stderr
