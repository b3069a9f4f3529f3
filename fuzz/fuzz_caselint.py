"""Coverage-guided fuzz targets for caselint (atheris / libFuzzer).

Targets (``--target``):

* ``lint``: bytes -> ``inputs.decode`` (a draft file's bytes) and ``lint_text`` on the text, every
  report invariant checked (spans, line/column, scores, fix edits), then the fixes applied, markers
  stripped and, for short drafts, the rewrite;
* ``config``: bytes as a config file (``.caselint.toml``, or ``pyproject.toml`` when it mentions
  ``[tool``) -> ``config.read_config_file``; valid settings then lint a small draft and answer
  include/exclude/per-file-ignores questions;
* ``lexicon``: bytes as a lexicon TOML -> ``lexicon.schema.validate_lexicon``; a valid lexicon is
  compiled and matched against a draft and the fuzzed text itself.

Expected errors (``CaselintError`` and subclasses, ``tomllib.TOMLDecodeError`` before caselint
sees the data) are not crashes; any other exception, a failed invariant, a hang (``-timeout``) or
running out of memory (``-rss_limit_mb``) is.

Usage (any libFuzzer flag after the target)::

    python fuzz/fuzz_caselint.py --target lint -max_total_time=60 /tmp/work-corpus fuzz/corpus/lint
    python fuzz/run.py --total-time 60      # every target, seed corpus copied to a temp dir

Reproduce a crash: ``python fuzz/fuzz_caselint.py --target lint crash-<sha1>``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import atexit
import shutil
import tomllib
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]

with atheris.instrument_imports(include=["caselint"]):
    import pkgutil
    import importlib

    import caselint

    for _info in pkgutil.walk_packages(caselint.__path__, "caselint."):
        if _info.name.endswith("__main__") or ".lsp" in _info.name:
            continue
        try:
            importlib.import_module(_info.name)
        except ImportError:
            pass

from caselint import suppression  # noqa: E402
from caselint.api import lint_text  # noqa: E402
from caselint.config import Settings, read_config_file  # noqa: E402
from caselint.errors import CaselintError  # noqa: E402
from caselint.inputs import decode  # noqa: E402
from caselint.lexicon.compiled import CompiledLexicons  # noqa: E402
from caselint.lexicon.schema import validate_lexicon  # noqa: E402
from caselint.model import CATEGORIES  # noqa: E402
from caselint.nlp import get_nlp  # noqa: E402
from caselint.runner import lint_one  # noqa: E402

SETTINGS = Settings()
SAMPLE = (
    "Hello,\n\nMy shipment FBA15ABCDEF is missing 3 units (ASIN B0ABCDEFGH, order 123-1234567-1234567).\n"
    "This is RIDICULOUS!!! Fix it now. caselint: disable-line=TN001\nThanks,\nSam\n"
)
_BREAK = re.compile(r"\r\n|\r|\n")
# Under fuzz/run.py's work folder (removed after the run) when it says where; else removed at exit.
_TMP = Path(tempfile.mkdtemp(prefix="caselint-fuzz-", dir=os.environ.get("CASELINT_FUZZ_TMP") or None))
atexit.register(shutil.rmtree, _TMP, True)


class InvariantError(AssertionError):
    pass


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise InvariantError(what)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, offset):
        if m.end() <= offset:
            line, start = line + 1, m.end()
    return line, offset - start + 1


def check_report(text: str, report) -> None:
    n = len(text)
    _require(report.text == text, "report text differs from the input")
    _require(0 <= report.score.value <= 100, f"score {report.score.value}")
    _require(set(report.score.categories) == set(CATEGORIES), "categories")
    for value in report.score.categories.values():
        _require(0 <= value <= 100, f"category score {value}")
    for f in report.findings:
        _require(0 <= f.span.start <= f.span.end <= n, f"{f.code} span {f.span} out of 0..{n}")
        _require((f.line, f.column) == _line_col(text, f.span.start), f"{f.code} line/column")
        _require((f.end_line, f.end_column) == _line_col(text, f.span.end), f"{f.code} end line/column")
        if f.fix is not None:
            edits = sorted(f.fix.edits, key=lambda e: (e.span.start, e.span.end))
            for e in edits:
                _require(0 <= e.span.start <= e.span.end <= n, f"{f.code} edit {e.span} out of 0..{n}")
            for a, b in zip(edits, edits[1:]):
                _require(a.span.end <= b.span.start, f"{f.code} overlapping edits {a.span} {b.span}")


def fuzz_lint(data: bytes) -> None:
    try:
        decode("fuzz.txt", data, 1_000_000)
    except CaselintError:
        pass
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    if mode == 0:
        text = fdp.ConsumeUnicode(len(data))  # any code points, lone surrogates included
    else:
        text = fdp.ConsumeBytes(fdp.remaining_bytes()).decode("utf-8", "replace")
    report = lint_text(text, "fuzz.txt", settings=SETTINGS)
    check_report(text, report)
    suppression.strip_markers(text)
    try:
        from caselint.fixes import apply_fixes, fixes_in, select_fixes
    except ImportError:
        return
    chosen = select_fixes(fixes_in(report.findings, mode == 2), len(text))
    apply_fixes(text, chosen)
    if mode == 3 and len(text) < 1500:
        from caselint.api import rewrite_text

        rewrite_text(text, "fuzz.txt", settings=SETTINGS)


def fuzz_config(data: bytes) -> None:
    # Straight to caselint's reader: whatever tomllib raises (RecursionError on deep nesting included)
    # must come out as a ConfigError, so nothing is filtered out here.
    name = "pyproject.toml" if b"[tool" in data else ".caselint.toml"
    path = _TMP / name
    path.write_bytes(data)
    try:
        settings = read_config_file(path)
    except CaselintError:
        return
    if settings is None:
        return
    for probe in ("draft.txt", "sub/dir/draft.md", ".git/x.txt", "-"):
        settings.is_included(_TMP / probe)
        settings.is_excluded(_TMP / probe)
        settings.ignores_for(str(_TMP / probe))
    try:
        report = lint_one(str(_TMP / "draft.txt"), SAMPLE, settings)
    except CaselintError:
        return
    check_report(SAMPLE, report)


def fuzz_lexicon(data: bytes) -> None:
    # Through caselint's own reader (not a tomllib pre-check that swallowed RecursionError).
    from caselint.lexicon.loader import read_lexicon_file

    path = _TMP / "fuzz.toml"
    path.write_bytes(data)
    try:
        lexicon = read_lexicon_file(path)
        compiled = CompiledLexicons(get_nlp(), (lexicon,))
    except CaselintError:
        return
    text = data.decode("utf-8", "replace")
    nlp = get_nlp()
    for sample in (SAMPLE, text[:4000]):
        compiled.match(nlp(sample), sample)


TARGETS = {"lint": fuzz_lint, "config": fuzz_config, "lexicon": fuzz_lexicon}


def main() -> None:
    argv = list(sys.argv)
    target = "lint"
    if "--target" in argv:
        i = argv.index("--target")
        target = argv[i + 1]
        del argv[i:i + 2]
    if target not in TARGETS:
        sys.exit(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")
    get_nlp()
    lint_text("warm up", settings=SETTINGS)  # build the pipeline and lexicons before fuzzing
    atheris.Setup(argv, TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
