"""Check that performance work changed nothing: JSON output of a reference tree vs this tree.

    python bench/check_identical.py REF_SRC [PATHS...]

REF_SRC holds the pre-optimisation versions of the modules the performance work touched, laid out
like ``src/`` (e.g. ``REF_SRC/caselint/runner.py``). Those files are taken from REF_SRC; every other
module is copied from one snapshot of this tree, so concurrent rule/lexicon changes by others do not show
up as differences. Both runs use this tree's ``lexicons/``. Default PATHS: tests/corpus and 1000
generated drafts. Exit 1 on any difference, printing the first ones.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(src: Path, paths: list[str], extra: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    code = "import sys; from caselint.cli import main; sys.argv = ['caselint'] + sys.argv[1:]; main()"
    proc = subprocess.run([sys.executable, "-c", code, "check", "--format", "json", *extra, *paths],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode not in (0, 1, 2):
        sys.exit(f"{src}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("ref_src")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--jobs", default=None, help="also pass --jobs N to this tree's run")
    args = ap.parse_args()
    paths = args.paths
    if not paths:
        sys.path.insert(0, str(ROOT / "bench"))
        import generate

        gen = Path(tempfile.gettempdir()) / "caselint-bench" / "check-1000"
        generate.write(gen, 1000)
        paths = [str(ROOT / "tests" / "corpus"), str(gen)]
    with tempfile.TemporaryDirectory() as tmp:
        # One snapshot of this tree for both runs, so edits made meanwhile by others cannot differ.
        snap = Path(tmp) / "after" / "src"
        shutil.copytree(ROOT / "src", snap, ignore=shutil.ignore_patterns("__pycache__"))
        ref = Path(tmp) / "before" / "src"
        shutil.copytree(snap, ref)
        engine = [p.relative_to(args.ref_src).as_posix() for p in Path(args.ref_src).rglob("*.py")]
        for rel in engine:
            original = Path(args.ref_src) / rel
            target = ref / rel
            if original.exists():
                shutil.copy2(original, target)
            elif target.exists():
                target.unlink()
        lex = Path(tmp) / "lexicons"
        shutil.copytree(ROOT / "lexicons", lex)
        for side in ("before", "after"):
            (Path(tmp) / side / "lexicons").symlink_to(lex)
        before = run(ref, paths, [])
        after = run(snap, paths, ["--jobs", args.jobs] if args.jobs else [])
    if before == after:
        print(f"identical: {len(after['files'])} files, {len(after['errors'])} errors, "
              f"{sum(len(f['findings']) for f in after['files'])} findings")
        return 0
    shown = 0
    for b, a in zip(before["files"], after["files"]):
        if b != a and shown < 5:
            shown += 1
            print("DIFF", b["path"])
            print("  before:", json.dumps(b)[:1500])
            print("  after: ", json.dumps(a)[:1500])
    if len(before["files"]) != len(after["files"]) or before["errors"] != after["errors"]:
        print("file lists or errors differ")
    return 1


if __name__ == "__main__":
    sys.exit(main())
