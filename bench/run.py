"""caselint speed benchmark: side by side, in one run, on the same generated drafts.

    .venv/bin/python bench/run.py [--repeat 3] [--repeat-large 1] [--skip-large] [--skip-proselint]

Measures (whole processes, each run several times: median, min, max of wall-clock time; CPU time of
the process tree alongside, as the machines are shared):

- caselint on 1000 drafts (one invocation) vs proselint 0.16 vs the bare spaCy floor
  (``import spacy; spacy.blank("en")``, ``nlp.pipe`` over the same texts);
- caselint on one draft vs the floor alone (``import spacy; spacy.blank("en")``);
- ``caselint --version`` and ``caselint --help``;
- in-process throughput of ``lint_paths`` and ``lint_text`` (drafts/s, one process);
- peak RSS for 1000 and 10,000 drafts (whole process tree, from wait4), and ``--jobs 2`` vs
  ``--jobs 1`` on 10,000 drafts.

proselint is installed from PyPI into bench/.venv-proselint on first use. This is a benchmark, not a
test: it prints a table with the ratios against the speed targets and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402

PY = sys.executable
_SCRIPT = Path(PY).with_name("caselint")
CASELINT = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "caselint"]
PROSELINT_VENV = BENCH / ".venv-proselint"
PROSELINT_SPEC = "proselint>=0.16,<0.17"
DATA = Path(tempfile.gettempdir()) / "caselint-bench"

FLOOR_PIPE = (
    "import sys, spacy\n"
    "from pathlib import Path\n"
    "nlp = spacy.blank('en')\n"
    "texts = [p.read_text(encoding='utf-8') for p in sorted(Path(sys.argv[1]).rglob('*.txt'))]\n"
    "for doc in nlp.pipe(texts, batch_size=64):\n"
    "    pass\n"
)
FLOOR_ALONE = "import spacy; spacy.blank('en')"

IN_PROCESS = r"""
import json, sys, time
from pathlib import Path
import caselint
from caselint.api import lint_paths, lint_text
from caselint.config import settings_for
root = Path(sys.argv[1])
paths = sorted(str(p) for p in root.glob("*.txt"))
texts = [Path(p).read_text(encoding="utf-8") for p in paths]
settings = settings_for(paths[0])
lint_text(texts[0], settings=settings)          # warm: pipeline built, lexicons compiled
best_paths = best_text = float("inf")
for _ in range(int(sys.argv[2])):
    t = time.perf_counter(); n = sum(1 for _ in lint_paths([str(root)], jobs=1)); best_paths = min(best_paths, time.perf_counter() - t)
    t = time.perf_counter()
    for text in texts:
        lint_text(text, settings=settings)
    best_text = min(best_text, time.perf_counter() - t)
print(json.dumps({"lint_paths": n / best_paths, "lint_text": len(texts) / best_text}))
"""


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def fmt(self) -> str:
        return f"{self.median:7.3f}s  ({min(self.wall):.3f}-{max(self.wall):.3f})  cpu {statistics.median(self.cpu):6.2f}s"


def measure(cmd: list[str], repeat: int, cwd: Path = ROOT, env: dict | None = None) -> Sample:
    sample = Sample()
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode not in (0, 1):
            sys.exit(f"failed ({proc.returncode}): {shlex.join(cmd)}\n{err[-2000:]}")
        sample.wall.append(wall)
        sample.cpu.append(usage.ru_utime + usage.ru_stime)
        sample.rss_kb.append(usage.ru_maxrss)  # the peak of the largest process in the tree (Linux)
    return sample


def ensure_proselint() -> list[str] | None:
    exe = PROSELINT_VENV / "bin" / "proselint"
    if not exe.exists():
        print(f"installing {PROSELINT_SPEC} into {PROSELINT_VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
        pip = [str(PROSELINT_VENV / "bin" / "python"), "-m", "pip", "install", "-q", PROSELINT_SPEC]
        if subprocess.run(pip).returncode != 0:
            print("proselint could not be installed; skipping it", file=sys.stderr)
            return None
    return [str(exe), "-o", "compact", "check"]


def drafts(n: int) -> Path:
    out = DATA / f"d{n}"
    generate.write(out, n)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="caselint speed benchmark")
    ap.add_argument("--repeat", type=int, default=5, help="runs per short measurement (median, min, max)")
    ap.add_argument("--repeat-large", type=int, default=1, help="runs per 10,000-draft measurement")
    ap.add_argument("--skip-large", action="store_true", help="skip the 10,000-draft measurements")
    ap.add_argument("--skip-proselint", action="store_true")
    args = ap.parse_args()
    r = args.repeat
    d1000, d1 = drafts(1000), DATA / "d1000" / "draft-00001.txt"
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    one_file = [str(d1)]

    rows: list[tuple[str, str, str]] = []
    res: dict[str, Sample] = {}

    def run(name: str, cmd: list[str], repeat: int = r) -> Sample:
        print(f"  {name} ...", file=sys.stderr, flush=True)
        res[name] = measure(cmd, repeat, env=env)
        return res[name]

    print(f"caselint benchmark: {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()}",
          file=sys.stderr)
    # Interleave the contenders so that load from other users hits them alike.
    proselint = None if args.skip_proselint else ensure_proselint()
    for _ in range(r):
        measure([PY, "-c", FLOOR_ALONE], 1, env=env)  # warm the page cache once per round
        for name, cmd in [
            ("caselint 1000", CASELINT + ["check", "--jobs", "1", "--format", "json", str(d1000)]),
            ("floor 1000", [PY, "-c", FLOOR_PIPE, str(d1000)]),
            *([("proselint 1000", proselint + [str(d1000)])] if proselint else []),
            ("caselint 1", CASELINT + ["check", "--format", "json"] + one_file),
            ("floor alone", [PY, "-c", FLOOR_ALONE]),
            ("caselint --version", CASELINT + ["--version"]),
            ("caselint --help", CASELINT + ["--help"]),
        ]:
            s = measure(cmd, 1, env=env)
            into = res.setdefault(name, Sample())
            into.wall += s.wall
            into.cpu += s.cpu
            into.rss_kb += s.rss_kb
            print(f"  {name}: {s.wall[0]:.3f}s", file=sys.stderr, flush=True)

    print("  in-process throughput ...", file=sys.stderr, flush=True)
    proc = subprocess.run([PY, "-c", IN_PROCESS, str(d1000), str(max(1, r // 2))], capture_output=True,
                          text=True, env=env, check=True)
    import json

    tput = json.loads(proc.stdout.strip().splitlines()[-1])

    if not args.skip_large:
        d10k = drafts(10000)
        run("caselint 10000 --jobs 1", CASELINT + ["check", "--jobs", "1", "--format", "json", str(d10k)],
            args.repeat_large)
        run("caselint 10000 --jobs 2", CASELINT + ["check", "--jobs", "2", "--format", "json", str(d10k)],
            args.repeat_large)

    def ratio(a: str, b: str) -> float:
        return res[a].median / res[b].median

    def check(value: float, target: str) -> str:
        op, limit = target.split(" ", 1)
        ok = value <= float(limit) if op == "<=" else value >= float(limit)
        return "met" if ok else "MISSED"

    lines = ["| measurement | median (min-max), CPU | ratio / value | target | |", "|---|---|---|---|---|"]
    for name in res:
        lines.append(f"| {name} | {res[name].fmt()} | | | |")
    table = []
    if "proselint 1000" in res:
        v = ratio("caselint 1000", "proselint 1000")
        table.append(("caselint / proselint, 1000 drafts", f"{v:.2f} x", "<= 0.30", check(v, "<= 0.30")))
    v = ratio("caselint 1000", "floor 1000")
    table.append(("caselint / spaCy floor, 1000 drafts", f"{v:.2f} x", "<= 1.5", check(v, "<= 1.5")))
    v = ratio("caselint 1", "floor alone")
    table.append(("caselint one draft / floor alone", f"{v:.2f} x", "<= 1.2", check(v, "<= 1.2")))
    for flag in ("--version", "--help"):
        v = ratio(f"caselint {flag}", "floor alone")
        table.append((f"caselint {flag} / floor alone", f"{v:.2f} x", "<= 0.35", check(v, "<= 0.35")))
    for api in ("lint_paths", "lint_text"):
        table.append((f"in-process {api}", f"{tput[api]:,.0f} drafts/s", ">= 3000", check(tput[api], ">= 3000")))
    if not args.skip_large:
        v = ratio("caselint 10000 --jobs 1", "caselint 10000 --jobs 2")
        table.append(("--jobs 2 speed-up, 10,000 drafts", f"{v:.2f} x", ">= 1.6", check(v, ">= 1.6")))
        rss = res["caselint 10000 --jobs 1"].rss_kb[0] / 1024
        table.append(("peak RSS, 10,000 drafts (--jobs 1)", f"{rss:.0f} MB", "<= 200", check(rss, "<= 200")))
        rss1k = statistics.median(res["caselint 1000"].rss_kb) / 1024
        table.append(("peak RSS, 1000 drafts (--jobs 1)", f"{rss1k:.0f} MB", "(no growth)", ""))
        rss2 = res["caselint 10000 --jobs 2"].rss_kb[0] / 1024
        table.append(("peak RSS per process, 10,000 drafts (--jobs 2)", f"{rss2:.0f} MB", "", ""))
    lines += ["", "| ratio | measured | target | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in table]
    print("\n".join(lines))
    print(f"\n(load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} CPUs; Python {platform.python_version()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
