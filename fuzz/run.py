"""Run every fuzz target for a share of a time budget; exit non-zero if any target found a crash.

    python fuzz/run.py [--total-time 60] [--targets lint,config,lexicon] [--keep]

The seed corpus in fuzz/corpus/<target>/ is read but never written: each target works on a copy in
a temporary directory (new inputs and crash artifacts land there). With --keep, that directory is
kept and printed, so a crash file can be replayed with
``python fuzz/fuzz_caselint.py --target <target> <crash-file>``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import os
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("lint", "config", "lexicon")
SHARE = {"lint": 0.5, "config": 0.25, "lexicon": 0.25}


def run_target(target: str, seconds: int, work: Path) -> tuple[int, int, str]:
    corpus = work / target
    shutil.copytree(HERE / "corpus" / target, corpus)
    artifacts = work / f"{target}-artifacts"
    artifacts.mkdir()
    cmd = [
        sys.executable, str(HERE / "fuzz_caselint.py"), "--target", target,
        f"-max_total_time={seconds}", "-timeout=20", "-rss_limit_mb=3072", "-max_len=8192",
        f"-artifact_prefix={artifacts}/", "-print_final_stats=1", f"-dict={HERE / (target + '.dict')}", str(corpus),
    ]
    # Hang guard for the whole process: start-up (spaCy) plus the budget plus slack.
    env = {**os.environ, "CASELINT_FUZZ_TMP": str(work)}  # the target's scratch files go under work/
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 180, env=env)
    execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", proc.stderr)
    return proc.returncode, int(execs.group(1)) if execs else -1, proc.stderr


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total-time", type=int, default=60)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    shares = sum(SHARE[t] for t in targets)
    work = Path(tempfile.mkdtemp(prefix="caselint-fuzz-run-"))
    failed = []
    try:
        for target in targets:
            seconds = max(1, int(args.total_time * SHARE[target] / shares))
            t0 = time.monotonic()
            code, execs, log = run_target(target, seconds, work)
            took = time.monotonic() - t0
            print(f"{target}: exit {code}, {execs} executions in {seconds} s of fuzzing ({took:.0f} s wall)")
            if code != 0:
                failed.append(target)
                crashes = sorted(p.name for p in (work / f"{target}-artifacts").iterdir())
                print(f"  crash files: {crashes}")
                print("\n".join("  " + line for line in log.splitlines()[-60:]))
    finally:
        if args.keep or failed:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
