"""Generated and hand-written docs stay in step with the code."""

from __future__ import annotations

import re

import importlib.util
from pathlib import Path

from caselint.config import KEYS
from caselint.rules.registry import all_rules


def _load_gen_docs():
    """tools/gen_docs.py, a developer tool outside the package (the wheel does not ship it)."""
    path = Path(__file__).resolve().parents[1] / "tools" / "gen_docs.py"
    spec = importlib.util.spec_from_file_location("gen_docs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_docs = _load_gen_docs()


def test_rules_md_is_up_to_date(repo_root):
    path = repo_root / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == gen_docs.render(), (
        "docs/rules.md is out of date: run `python tools/gen_docs.py`"
    )


def test_gen_docs_check_mode(repo_root, tmp_path):
    target = tmp_path / "rules.md"
    assert gen_docs.main(["--check", "--output", str(target)]) == 1  # missing file is out of date
    assert gen_docs.main(["--output", str(target)]) == 0
    assert gen_docs.main(["--check", "--output", str(target)]) == 0
    target.write_text(target.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert gen_docs.main(["--check", "--output", str(target)]) == 1


def test_rules_md_covers_every_rule():
    text = gen_docs.render()
    for r in all_rules():
        assert f"\n### {r.code} {r.name}\n" in text
        assert f"](#{r.code.lower()}-{r.name})" in text
        assert r.explanation.strip() in text
        for example in r.bad + r.good:
            assert f"```text\n{example}\n```" in text
        for key in r.options:
            assert f"\n{key} = " in text


def test_readme_starts_with_the_two_commands(repo_root):
    lines = (repo_root / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# caselint"
    commands = [line.strip() for line in lines[:12] if line.startswith("    ")]
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/caselint examples/less-effective.txt",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest",
    ]
    ci = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_documents_every_config_key_and_links(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    for key in KEYS:
        pattern = rf"^(?:{re.escape(key)} = |\[tool\.caselint\.{re.escape(key)}[\].])"
        assert re.search(pattern, readme, re.M), f"README: no example for config key {key!r}"
    for link in re.findall(r"\]\(((?:docs|examples)/[^)#]+)", readme):
        assert (repo_root / link).exists(), link
    assert "docs/caselint-report.schema.json" in readme
    assert "docs/rules.md" in readme
