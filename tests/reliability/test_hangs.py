"""Regression tests for hangs found by this suite: whole drafts (100k characters) built to hit the
slow paths that were fixed, linted and rewritten in a subprocess under a hang guard.

Fixed: spaCy's tokenizer was quadratic on whitespace-free runs of punctuation or emoji (10k '!'
took 15 s; now pieces of nlp.MAX_CHUNK), the labelled-ID regexes were cubic on runs of blanks
(`case` + spaces: [ \\t]* three times in a row), `quantity`/`amount-currency` quadratic on
'1,1,1,...', `placeholder-x` on '#####...', suppression.MARKER_RE and reframe's clause regexes on
runs of blanks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

HANG_GUARD = 300  # seconds for everything; each draft takes about a second or less

DRAFTS = {
    "bangs": "!" * 100_000,
    "emoji": "😀" * 100_000,
    "emoji-zwj": "👨\u200d👩\u200d👧" * 20_000,
    "mixed-punct": "?!.,;:" * 16_000,
    "case-blanks": "Hello, my case" + " \t" * 50_000 + "x",
    "isbn-blanks": "ISBN" + " " * 100_000 + "x",
    "order-blanks": "order id" + " " * 100_000 + "x",
    "number-commas": "1," * 50_000 + "-",
    "hashes": "#" * 100_000 + "a",
    "marker-blanks": "caselint: disable=" + " " * 100_000 + "x",
    "marker-codes": "caselint: disable=" + "A," * 50_000 + "-",
    "framing-blanks": "We are losing sales so" + " " * 100_000 + "x. Please help.",
    "long-word": "a" * 100_000,
    "crlf-storm": "\r\n\r" * 33_000,
}

SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    import caselint
    from caselint.config import Settings
    from caselint.api import rewrite_text
    drafts = json.loads(sys.stdin.read())
    settings = Settings()
    caselint.lint_text("warm up", settings=settings)
    timings = {}
    for name, text in drafts.items():
        t0 = time.perf_counter()
        report = caselint.lint_text(text, settings=settings)
        assert all(0 <= f.span.start <= f.span.end <= len(text) for f in report.findings)
        if name in ("framing-blanks", "case-blanks", "marker-blanks", "bangs"):
            rewrite_text(text, settings=settings)
        timings[name] = round(time.perf_counter() - t0, 2)
    print(json.dumps(timings))
    """
)


@pytest.mark.slow
def test_adversarial_drafts_finish():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps(DRAFTS), capture_output=True,
                          text=True, timeout=HANG_GUARD)
    assert proc.returncode == 0, proc.stderr[-3000:]
    timings = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(timings) == set(DRAFTS)
    print(timings)
