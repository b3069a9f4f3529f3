"""Start-up stays cheap: --version, --help and usage errors never import spaCy; importing caselint
builds no pipeline; lexicons compile once per process. Behavioural checks (sys.modules), not timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys
from caselint.cli import cli
code = None
try:
    cli.main(args=json.loads(sys.argv[1]), prog_name="caselint", standalone_mode=True)
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in ("spacy", "thinc", "rapidfuzz", "numpy") if m in sys.modules)
print("PROBE " + json.dumps({"code": code, "heavy": heavy}))
"""


def _probe(args: list[str], tmp_path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    line = next(line for line in proc.stdout.splitlines() if line.startswith("PROBE "))
    return json.loads(line[len("PROBE "):])


@pytest.mark.parametrize(
    "args, code",
    [
        (["--version"], 0),
        (["--help"], 0),
        (["-h"], 0),
        (["check", "--help"], 0),
        (["rules", "--help"], 0),
        (["check"], 2),  # no paths
        (["check", "--format", "nope", "x.txt"], 2),
        (["check", "--no-such-option", "x.txt"], 2),
        (["check", "--jobs", "-3", "x.txt"], 2),
        (["check", "--fail-under", "101", "x.txt"], 2),
        (["rule"], 2),
        (["check", "--select", "NOPE999", "x.txt"], 2),  # unknown selector: validated before any lint
        (["rules"], 0),
        (["rule", "TN001"], 0),
    ],
)
def test_no_spacy_on_cheap_paths(args, code, tmp_path):
    result = _probe(args, tmp_path)
    assert result["code"] == code
    assert result["heavy"] == [], f"caselint {' '.join(args)} imported {result['heavy']}"


def test_import_builds_no_pipeline(tmp_path):
    code = (
        "import sys, caselint, caselint.api, caselint.runner, caselint.parallel, caselint.cli\n"
        "from caselint import nlp, runner\n"
        "print(int('spacy' in sys.modules), nlp.get_nlp.cache_info().currsize, "
        "runner.compiled_lexicons.cache_info().currsize)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0", "0", "0"]


def test_lexicons_compile_once_per_process(tmp_path):
    code = (
        "from caselint.lexicon import compiled\n"
        "n = 0\n"
        "orig = compiled.CompiledLexicons.__init__\n"
        "def counting(self, *a, **k):\n"
        "    global n\n"
        "    n += 1\n"
        "    orig(self, *a, **k)\n"
        "compiled.CompiledLexicons.__init__ = counting\n"
        "import caselint\n"
        "from caselint import nlp\n"
        "for i in range(3):\n"
        "    caselint.lint_text('Hello, please check shipment FBA15ABC1234. Thank you.')\n"
        "list(caselint.lint_paths([" + repr(str(REPO_ROOT / "tests" / "corpus")) + "]))\n"
        "print(n, nlp.get_nlp.cache_info().misses)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    # English once, Japanese once on top of it (tests/corpus has a draft quoting Japanese); one pipeline.
    assert proc.stdout.split() == ["2", "1"]
