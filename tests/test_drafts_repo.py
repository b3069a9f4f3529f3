"""Defaults for a drafts repository: folder walks skip the repository's own documents and what
.gitignore ignores (`respect-gitignore`, `--no-respect-gitignore`), and `--force-exclude` (the
pre-commit hooks) applies the same skips to files named on the command line."""

from __future__ import annotations

import json
import subprocess

import pytest

BAD = "Hello,\nPlease check [ASIN] for me!!!\n"
DOCS = ["README.md", "readme.txt", "CHANGELOG.md", "Contributing.md", "LICENSE", "LICENSE.txt", "CODE_OF_CONDUCT.md",
        "SECURITY.md", "docs/Changes.md", "AUTHORS.txt", "NOTICE"]
DRAFTS = ["cases/a.txt", "cases/readme-about-listing.md", "licensed-product.txt", "top.md"]


def write(path, text=BAD):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def paths_of(result) -> list[str]:
    data = json.loads(result.stdout)
    return sorted(f["path"] for f in data["files"])


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "drafts"
    for name in DOCS + DRAFTS:
        write(root / name)
    write(root / "build" / "generated.txt")
    write(root / "cases" / "scratch.tmp.md")
    write(root / "cases" / "keep.tmp.md")
    write(root / "cases" / "deep" / "x.txt")
    write(root / ".gitignore", "build/\n*.tmp.md\n!keep.tmp.md\n")
    write(root / "cases" / ".gitignore", "deep/\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    return root


def lint_json(run_cli, cwd, *args):
    return run_cli("--format", "json", "--select", "ID008", *args, cwd=cwd)


EXPECTED = sorted(["cases/a.txt", "cases/readme-about-listing.md", "licensed-product.txt", "top.md",
                   "cases/keep.tmp.md"])


def test_walk_skips_repository_documents_and_gitignored_files(run_cli, repo):
    result = lint_json(run_cli, repo, ".")
    assert result.exit_code == 1, result.output
    assert paths_of(result) == EXPECTED


def test_walk_of_a_subfolder_reads_gitignore_files_up_to_the_repository_root(run_cli, repo):
    assert paths_of(lint_json(run_cli, repo, "cases")) == ["cases/a.txt", "cases/keep.tmp.md",
                                                           "cases/readme-about-listing.md"]
    assert paths_of(lint_json(run_cli, repo / "cases", ".")) == ["a.txt", "keep.tmp.md", "readme-about-listing.md"]


def test_no_respect_gitignore_flag_and_config_key(run_cli, repo):
    everything = EXPECTED + ["build/generated.txt", "cases/deep/x.txt", "cases/scratch.tmp.md"]
    assert paths_of(lint_json(run_cli, repo, "--no-respect-gitignore", ".")) == sorted(everything)
    write(repo / "caselint.toml", "respect-gitignore = false\n")
    assert paths_of(lint_json(run_cli, repo, ".")) == sorted(everything)
    assert paths_of(lint_json(run_cli, repo, "--respect-gitignore", ".")) == EXPECTED  # the flag wins


def test_skip_repository_documents_can_be_switched_off(run_cli, repo):
    write(repo / "caselint.toml", "skip-repository-documents = false\n")
    found = paths_of(lint_json(run_cli, repo, "."))
    assert set(DOCS) - {"LICENSE", "NOTICE"} <= set(found)  # files without .txt/.md are not drafts anyway
    assert "LICENSE" not in found


def test_named_files_are_linted_unless_force_exclude(run_cli, repo):
    named = lint_json(run_cli, repo, "README.md", "cases/a.txt")
    assert paths_of(named) == ["README.md", "cases/a.txt"]
    forced = lint_json(run_cli, repo, "--force-exclude", "README.md", "CHANGELOG.md", "cases/a.txt")
    assert paths_of(forced) == ["cases/a.txt"]
    write(repo / "caselint.toml", 'force-exclude = true\nexclude = ["top.md"]\n')
    assert paths_of(lint_json(run_cli, repo, "README.md", "top.md", "cases/a.txt")) == ["cases/a.txt"]
    only_docs = run_cli("--format", "concise", "README.md", cwd=repo)
    assert only_docs.exit_code == 0 and only_docs.stdout == ""


@pytest.mark.parametrize("key", ["respect-gitignore", "force-exclude", "skip-repository-documents"])
def test_boolean_keys_are_validated(run_cli, repo, key):
    write(repo / "caselint.toml", f'{key} = "yes"\n')
    result = run_cli("cases/a.txt", cwd=repo)
    assert result.exit_code == 2
    assert f"'{key}' must be true or false" in result.stderr


def test_gitignore_outside_a_repository_still_applies_to_the_walked_folders(run_cli, tmp_path):
    write(tmp_path / "plain" / "a.txt")
    write(tmp_path / "plain" / "sub" / "ignored.txt")
    write(tmp_path / "plain" / ".gitignore", "sub/ignored.txt\n")
    assert paths_of(lint_json(run_cli, tmp_path / "plain", ".")) == ["a.txt"]
