"""Speed of this tree against an earlier commit, side by side in one run, on the same drafts.

    .venv/bin/python bench/compare_refs.py REF [-n 1000] [--repeat 5]

REF is a commit (e.g. the one before a change). Its ``src/`` and ``lexicons/`` are exported into a
temporary folder and both trees lint the same generated drafts (bench/generate.py) in alternating
runs of one process each (``python -m caselint check --format json``), so machine noise hits both
alike. Prints the median wall-clock and CPU time of each and the ratio (this tree / REF). A benchmark,
not a test: it never fails on the ratio.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402


def export(ref: str, dest: Path) -> Path:
    """``git archive REF src lexicons`` unpacked into ``dest``; returns the folder to put on PYTHONPATH."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src", "lexicons"], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    # A source checkout finds its lexicons next to src/ (lexicon.loader's fallback).
    return dest / "src"


def run_once(src: Path, paths: list[str]) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(src))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "caselint", "check", "--format", "json", *paths],
                          env=env, cwd=src.parent, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{src}: caselint exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ref_src = export(a.ref, tmp / "ref")
        paths = [str(p) for p in generate.write(tmp / "drafts", a.n)]
        trees = {"this tree": ROOT / "src", a.ref: ref_src}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        for _ in range(a.repeat):
            for name, src in trees.items():
                times[name].append(run_once(src, paths))
    print(f"{a.n} drafts, {a.repeat} alternating runs each (median wall / median CPU, seconds)")
    medians = {}
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        medians[name] = (wall, cpu)
        print(f"  {name:<12} {wall:7.2f} {cpu:7.2f}")
    (w1, c1), (w0, c0) = medians["this tree"], medians[a.ref]
    print(f"  ratio        {w1 / w0:7.2f} {c1 / c0:7.2f}   (this tree / {a.ref}; target <= 1.15)")


if __name__ == "__main__":
    main()
