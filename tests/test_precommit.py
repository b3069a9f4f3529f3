"""The pre-commit hook, run by the real `pre-commit` client against this checkout.

`pre-commit try-repo` clones this repository (with uncommitted changes, as pre-commit does) and
installs caselint and its dependencies from the package registry into a fresh environment, so each
run takes a while (about half a minute with a warm pip cache).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test here takes seconds (see README: the fast loop)

REPO_ROOT = Path(__file__).resolve().parents[1]
BAD = "Hello,\nPlease check [ASIN] for me!!!\n"
GOOD = "Hello,\nPlease check ASIN B08ABC1234 for me.\nThank you.\n"
CONCISE_LINE = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2}\d{3}) \S.*$", re.M)


def _pre_commit() -> str:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.is_file():
        return str(exe)
    found = shutil.which("pre-commit")
    assert found, "the pre-commit client is not installed (pip install -e '.[test]')"
    return found


@pytest.fixture(scope="module")
def drafts_repo(tmp_path_factory):
    """A git repository of drafts; its caselint.toml selects mechanical rules so the outcome is stable."""
    root = tmp_path_factory.mktemp("precommit")
    repo = root / "drafts"
    (repo / "cases").mkdir(parents=True)
    (repo / ".caselint.toml").write_text('select = ["ID008", "TN008"]\n', encoding="utf-8")
    (repo / "cases" / "bad.txt").write_text(BAD, encoding="utf-8")
    (repo / "cases" / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "notes.rst").write_text(BAD, encoding="utf-8")  # not a draft type: the hook skips it
    env = _env(root)
    git = ["git", "-c", "user.name=caselint tests", "-c", "user.email=tests@example.invalid",
           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "drafts"]):
        subprocess.run([*git, *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)
    return repo


def _env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(root / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    return env


def try_repo(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_pre_commit(), "try-repo", str(REPO_ROOT), "caselint", "--verbose", *args],
        cwd=repo, env=_env(repo.parent), capture_output=True, text=True, timeout=1800,
    )


def test_bad_draft_fails_with_concise_diagnostics(drafts_repo):
    proc = try_repo(drafts_repo, "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"^caselint\.+Failed$", proc.stdout, re.M), output
    findings = {(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in CONCISE_LINE.finditer(proc.stdout)}
    column = BAD.split("\n")[1].index("[ASIN]") + 1
    assert ("cases/bad.txt", 2, column, "ID008") in findings, output
    assert ("cases/bad.txt", 2, BAD.split("\n")[1].index("!!!") + 1, "TN008") in findings, output
    assert {path for path, *_ in findings} == {"cases/bad.txt"}, output  # good.md passes, notes.rst is skipped
    assert "Traceback" not in output


def test_good_draft_passes(drafts_repo):
    proc = try_repo(drafts_repo, "--files", "cases/good.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^caselint\.+Passed$", proc.stdout, re.M), output
    assert not CONCISE_LINE.search(proc.stdout), output
