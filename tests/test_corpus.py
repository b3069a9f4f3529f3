"""The labelled development corpus (tests/corpus_dev, copied from the team's shared corpus; labels follow
JUDGEMENT.md), measured with the team's own scorer (tests/corpus_dev/score.py, the exact script used on
the hidden sets): per-concern F1, macro F1, Spearman(score, quality), and the score bands.

Floors sit a little under the figures measured when they were set, so a regression fails the suite.
`python tests/corpus_dev/score.py .venv/bin/caselint tests/corpus_dev/dev-a.jsonl tests/corpus_dev/dev-b.jsonl
--verbose` lists every false alarm and miss by id.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from caselint.api import lint_paths

HERE = Path(__file__).parent / "corpus_dev"
_spec = importlib.util.spec_from_file_location("corpus_score", HERE / "score.py")
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)

# Measured 0.94 / 0.86 (before the analysis layer: 0.72 / 0.66); per concern: identifiers 0.91,
# politeness 0.96, tone 0.96, framing 0.96, ownership 0.95, escalation 0.88, routing 0.94, channel 1.00,
# clarity 0.89. The floors leave a few drafts of room.
MIN_MACRO_F1 = 0.91
MIN_SPEARMAN = 0.83
MIN_F1 = {"identifiers": 0.86, "politeness": 0.92, "tone": 0.92, "framing": 0.91, "ownership": 0.90,
          "escalation": 0.82, "routing": 0.90, "channel": 0.95, "clarity": 0.84}


def lint_items(items: list[dict], folder: Path) -> dict:
    """Each item's text as a file, linted through the API; reports in the shape score.py reads."""
    paths = []
    for it in items:
        path = folder / f"{it['id']}.txt"
        path.write_bytes(it["text"].encode("utf-8"))
        paths.append(str(path))
    return {Path(r.path).stem: {"score": r.score.value, "issue_type": r.issue_type.name, "findings": [
        {"code": f.code, "category": f.category, "severity": f.severity.label} for f in r.findings]}
        for r in lint_paths(paths)}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(items: list[dict], reports: dict) -> tuple[float, float]:
    macro = scorer.macro_f1(scorer.table(items, reports))
    rho = scorer.spearman([reports[i["id"]]["score"] for i in items], [i["quality"] for i in items])
    return macro, rho


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    items = load(HERE / "dev-a.jsonl") + load(HERE / "dev-b.jsonl")
    return items, lint_items(items, tmp_path_factory.mktemp("drafts"))


def test_macro_f1_and_rank_correlation(english, capsys):
    items, reports = english
    rows = scorer.table(items, reports)
    macro, rho = measure(items, reports)
    with capsys.disabled():
        print(f"\ndev corpus: macro F1 {macro:.2f}, Spearman {rho:.2f}; " +
              ", ".join(f"{c} {r['f1']:.2f}" for c, r in rows.items()))
    assert macro >= MIN_MACRO_F1 and rho >= MIN_SPEARMAN


@pytest.mark.parametrize("concern", scorer.CONCERNS)
def test_concern_f1(english, concern):
    items, reports = english
    row = scorer.table(items, reports)[concern]
    assert row["f1"] >= MIN_F1[concern], (concern, row)


def test_score_bands(english):
    items, reports = english
    by_quality: dict[int, list[int]] = {}
    for it in items:
        by_quality.setdefault(it["quality"], []).append(reports[it["id"]]["score"])
    mean = {q: sum(v) / len(v) for q, v in sorted(by_quality.items())}
    assert list(mean.values()) == sorted(mean.values()), mean  # better grades score higher on average
    assert mean[5] >= 80, mean


# Japanese and Chinese (dev-cjk.jsonl), measured 0.91 / 0.89 (ja) and 0.95 / 0.92 (zh) after the CJK
# error-class round (traditional Chinese, CJK layout and sentences, wording variants of each concept);
# 0.76 / 0.84 and 0.72 / 0.75 before it; before the Japanese and Chinese wording was added: 0.16 / 0.34
# and 0.23 / 0.35. After the second CJK round (classes from blind4): 0.92 / 0.92 (ja), 0.97 / 0.94 (zh).
CJK_FLOORS = {"ja": (0.89, 0.89), "zh": (0.94, 0.91)}


@pytest.mark.parametrize("lang", sorted(CJK_FLOORS))
def test_japanese_and_chinese(lang, tmp_path, capsys):
    items = [it for it in load(HERE / "dev-cjk.jsonl") if it["lang"] == lang]
    macro, rho = measure(items, lint_items(items, tmp_path))
    with capsys.disabled():
        print(f"\n{lang}: macro F1 {macro:.2f}, Spearman {rho:.2f}")
    min_f1, min_rho = CJK_FLOORS[lang]
    assert macro >= min_f1 and rho >= min_rho, (macro, rho)


# Sets written blind (by writers who saw only JUDGEMENT.md and GUIDANCE.md, never caselint), in the
# styles of real sellers' posts and e-mails: (name, file, language, floor macro F1, floor Spearman).
# First run as written -> now:
#   blind2     80 en   0.77 / 0.77 -> 0.90 / 0.80 (after one round of general fixes; no longer blind)
#   blind3-en  70 en   0.78 / 0.72 -> 0.89 / 0.88 (after one round; no longer blind)
#   blind3-ja  20 ja   0.48 / 0.66 -> 0.94 / 0.91 (after the CJK error-class round; no longer blind)
#   blind3-zh  20 zh   0.48 / 0.36 -> 0.97 / 0.93 (idem)
#   blind4-ja  30 ja   0.52 / 0.68 -> 0.70 / 0.80 (measured blind after the CJK round: generalisation)
#                           -> 0.98 / 0.91 (after the second CJK error-class round; no longer blind)
#   blind4-zh  30 zh   0.70 / 0.43 -> 0.86 / 0.76 (idem)
#                           -> 0.97 / 0.84 (idem)
#   blind5-en  50 en   0.79 / 0.87 (blind) -> 0.89 / 0.87 (after fixing the one class it showed, unanswered and
#                           canned follow-ups; no longer blind)
#   blind5-ja  20 ja   0.63 / 0.83 (measured blind before the second CJK round merged)
#                           -> 0.64 / 0.87 (measured blind after it: generalisation)
#                           -> 0.98 / 0.92 (after the third CJK error-class round; no longer blind:
#                              read for that round, so it no longer measures generalisation)
#   blind5-zh  20 zh   0.60 / 0.75 -> 0.60 / 0.75 (idem)
#                           -> 1.00 / 0.93 (idem)
#   blind6-en  60 en   0.85 / 0.88 (blind, written after the issue-10 English work and aimed at real
#                           sellers' messy styles) -> 0.92 / 0.90 (after one round of class fixes; no longer blind)
#   blind6-ja  20 ja   0.70 / 0.89 (blind) -> 1.00 / 0.92 (after the fourth CJK round; no longer blind)
#   blind6-zh  20 zh   0.74 / 0.78 (blind) -> 0.98 / 0.83 (idem)
#   blind7-en  60 en   0.76 / 0.73 (blind, measured after the blind6 round: real sellers' styles, written by
#                           another writer) -> 0.91 / 0.80 (after two rounds of class fixes; no longer blind)
#   blind7-ja  20 ja   0.49 / 0.67 (blind) -> 0.85 / 0.74 (after the fifth CJK round; no longer blind)
#   blind7-zh  20 zh   0.70 / 0.67 (blind) -> 1.00 / 0.77 (idem)
#   blind8-en  50 en   0.87 / 0.89 (blind, measured once at the end of the blind7 round; its drafts not read)
#   blind8-ja  15 ja   0.60 / 0.63 (idem)
#   blind8-zh  15 zh   0.78 / 0.83 (idem)
# The next blind set measures generalisation again; these floors keep what was reached.
BLIND_SETS = [
    ("blind2", "corpus_blind2/blind2.jsonl", "en", 0.87, 0.78),
    ("blind3-en", "corpus_blind3/blind3-en.jsonl", "en", 0.86, 0.85),
    ("blind3-ja", "corpus_blind3/blind3-cjk.jsonl", "ja", 0.91, 0.88),
    ("blind3-zh", "corpus_blind3/blind3-cjk.jsonl", "zh", 0.94, 0.88),
    ("blind4-ja", "corpus_blind4/blind4-cjk.jsonl", "ja", 0.95, 0.88),
    ("blind4-zh", "corpus_blind4/blind4-cjk.jsonl", "zh", 0.94, 0.81),
    ("blind5-en", "corpus_blind5/blind5.jsonl", "en", 0.86, 0.84),
    ("blind5-ja", "corpus_blind5/blind5.jsonl", "ja", 0.95, 0.89),
    ("blind5-zh", "corpus_blind5/blind5.jsonl", "zh", 0.97, 0.90),
    ("blind6-en", "corpus_blind6/blind6.jsonl", "en", 0.89, 0.86),
    ("blind6-ja", "corpus_blind6/blind6.jsonl", "ja", 0.95, 0.88),
    ("blind6-zh", "corpus_blind6/blind6.jsonl", "zh", 0.94, 0.79),
    ("blind7-en", "corpus_blind7/blind7.jsonl", "en", 0.88, 0.76),
    ("blind7-ja", "corpus_blind7/blind7.jsonl", "ja", 0.80, 0.70),
    ("blind7-zh", "corpus_blind7/blind7.jsonl", "zh", 0.95, 0.73),
    ("blind8-en", "corpus_blind8/blind8.jsonl", "en", 0.84, 0.85),
    ("blind8-ja", "corpus_blind8/blind8.jsonl", "ja", 0.55, 0.58),
    ("blind8-zh", "corpus_blind8/blind8.jsonl", "zh", 0.72, 0.78),
]


@pytest.mark.parametrize("name, path, lang, min_f1, min_rho", BLIND_SETS, ids=[b[0] for b in BLIND_SETS])
def test_blind_corpus(name, path, lang, min_f1, min_rho, tmp_path, capsys):
    items = [it for it in load(Path(__file__).parent / path) if it.get("lang", "en") == lang]
    macro, rho = measure(items, lint_items(items, tmp_path))
    with capsys.disabled():
        print(f"\n{name}: macro F1 {macro:.2f}, Spearman {rho:.2f}")
    assert macro >= min_f1 and rho >= min_rho, (macro, rho)
