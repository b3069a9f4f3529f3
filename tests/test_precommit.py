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
    (repo / "README.md").write_text(BAD, encoding="utf-8")  # the repository's own document: skipped
    (repo / "cases" / "placeholder.md").write_text("", encoding="utf-8")  # empty: skipped, not an error
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


def test_readme_and_empty_placeholder_pass(drafts_repo):
    proc = try_repo(drafts_repo, "--files", "README.md", "cases/placeholder.md", "cases/good.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^caselint\.+Passed$", proc.stdout, re.M), output
    assert not CONCISE_LINE.search(proc.stdout), output
    assert "caselint: error" not in output


def test_good_draft_passes(drafts_repo):
    proc = try_repo(drafts_repo, "--files", "cases/good.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^caselint\.+Passed$", proc.stdout, re.M), output
    assert not CONCISE_LINE.search(proc.stdout), output


# --- the README's snippet, as written, in a real drafts repository --------------------------------------


def _readme_snippet() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def caselint_release(tmp_path_factory):
    """This checkout (with uncommitted changes, as try-repo does) as a git repository tagged like the
    release the README points at, so the snippet's `rev:` is used exactly as written."""
    import tomllib

    root = tmp_path_factory.mktemp("release") / "caselint"
    files = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=REPO_ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = REPO_ROOT / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    env = _env(root.parent)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "release"], ["tag", f"v{version}"]):
        subprocess.run([*GIT, *args], cwd=root, env=env, check=True, capture_output=True, timeout=120)
    return root, version


GIT = ["git", "-c", "user.name=caselint tests", "-c", "user.email=tests@example.invalid",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def test_readme_snippet_lets_placeholders_and_readme_through_and_blocks_a_bad_draft(tmp_path, caselint_release):
    release, version = caselint_release
    snippet = _readme_snippet()
    assert "repo: https://github.com/caselint/caselint\n" in snippet, snippet
    assert f"rev: v{version}" in snippet, "the README must point at the tag of the current version"
    repo = tmp_path / "team-drafts"
    (repo / "cases").mkdir(parents=True)
    env = _env(tmp_path)
    subprocess.run([*GIT, "init", "-q"], cwd=repo, env=env, check=True, capture_output=True)
    # The snippet exactly as written; only the repository URL points at the local copy of this checkout.
    (repo / ".pre-commit-config.yaml").write_text(
        snippet.replace("https://github.com/caselint/caselint", str(release)), encoding="utf-8")
    (repo / ".caselint.toml").write_text('select = ["ID008", "TN008"]\n', encoding="utf-8")
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    subprocess.run([_pre_commit(), "install"], cwd=repo, env=env, check=True, capture_output=True, timeout=120)

    def commit(*files: str, message: str) -> subprocess.CompletedProcess:
        subprocess.run([*GIT, "add", *files], cwd=repo, env=env, check=True, capture_output=True)
        return subprocess.run([*GIT, "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=1800)

    (repo / "README.md").write_text("# Team drafts\n\nOur case messages to Seller Support.\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("# Changes\n\n- first drafts!!!\n", encoding="utf-8")
    (repo / "cases" / "placeholder.md").write_text("", encoding="utf-8")
    (repo / "cases" / "todo.txt").write_text("  \n\n", encoding="utf-8")
    first = commit("-A", message="scaffold")
    assert first.returncode == 0, first.stdout + first.stderr
    assert re.search(r"^caselint\.+Passed$", first.stdout + first.stderr, re.M), first.stdout + first.stderr

    (repo / "cases" / "good.md").write_text(GOOD, encoding="utf-8")
    assert commit("cases/good.md", message="good draft").returncode == 0

    (repo / "cases" / "bad.txt").write_text(BAD, encoding="utf-8")
    blocked = commit("cases/bad.txt", message="bad draft")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"cases/bad\.txt:2:\d+: ID008 ", output), output
    assert "Traceback" not in output
