"""Output formats: the same drafts give the same findings at the same positions in every format.

Every rule runs here (no --select): whatever the catalogue reports, the five formats must agree on it.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
from collections import Counter
from urllib.parse import unquote

import pytest

from caselint import __version__
from caselint.model import CATEGORIES
from caselint.reporters import FORMATS
from caselint.rules.registry import all_rules

DRAFTS = {
    "crlf.txt": "Hello,\r\nWhere is my [ASIN]???\r\nNO REPLY AGAIN!!!\r\n",
    "unicode.txt": "\tこんにちは 😀 please check [order ID] !!!\nThanks\n",
    "my draft.md": "<!-- caselint: disable=PL003 -->\nShipment FBAXXXXXXX lost units.\n\nPlease help!!!\n",
    "lone-cr.txt": "Hi\rWhere is [SKU]???\rBye",
}
BOM_DRAFT = ("bom.txt", "\ufeffHello!!! Please check [ASIN].\n")
CORPUS = ("003-guidance-title-less-effective.txt", "007-where-is-my-inventory-rant.txt",
          "017-template-detail-page-placeholders.txt")

# The issue's JSON shape, plus the three documented issue-type details (see the schema).
FILE_KEYS = {"path", "score", "categories", "issue_type", "findings", "issue_type_confidence", "kind", "followup"}
FINDING_KEYS = {"code", "name", "category", "severity", "message", "line", "column", "end_line", "end_column",
                "start", "end", "suggestion", "fix"}
FIX_KEYS = {"title", "applicability", "edits"}
EDIT_KEYS = {"start", "end", "replacement"}
ERROR_KEYS = {"path", "message"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, repo_root):
    root = tmp_path_factory.mktemp("formats")
    paths = []
    for name, text in DRAFTS.items():
        (root / name).write_bytes(text.encode("utf-8"))
        paths.append(name)
    (root / BOM_DRAFT[0]).write_bytes(BOM_DRAFT[1].encode("utf-8"))
    paths.append(BOM_DRAFT[0])
    corpus = root / "corpus"
    corpus.mkdir()
    for name in CORPUS:
        source = repo_root / "tests" / "corpus" / name
        (corpus / name).write_bytes(source.read_bytes())
        paths.append(f"corpus/{name}")
    return root, paths


@pytest.fixture(scope="module")
def outputs(workspace, run_cli):
    root, paths = workspace
    results = {}
    for fmt in FORMATS:
        result = run_cli("--format", fmt, *paths, cwd=root)
        assert result.exit_code == 1, (fmt, result.output)  # the drafts have warnings / errors
        results[fmt] = result
    return results


@pytest.fixture(scope="module")
def report(outputs):
    return json.loads(outputs["json"].stdout)


def texts(workspace):
    root, paths = workspace
    return {p: (root / p).read_bytes().decode("utf-8-sig") for p in paths}


# --- parsers: each returns [(path, line, column, code, severity, end_line, end_column)] -------------------

SEVERITY = {"error": "error", "warning": "warning", "info": "info", "note": "info", "notice": "info"}


def parse_json(stdout):
    data = json.loads(stdout)
    return [(f["path"], x["line"], x["column"], x["code"], x["severity"], x["end_line"], x["end_column"])
            for f in data["files"] for x in f["findings"]]


CONCISE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2}\d{3}) (?P<msg>\S.*)$")


def parse_concise(stdout):
    out = []
    for line in stdout.splitlines():
        m = CONCISE_RE.match(line)
        assert m, f"not a concise line: {line!r}"
        out.append((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return out


TEXT_HEADER = re.compile(r"^(?P<path>\S.*?)  score (?P<score>\d+)/100  issue type: ")
TEXT_FINDING = re.compile(r"^  (?P<line>\d+):(?P<col>\d+)  (?P<sev>error|warning|info)\s+(?P<code>[A-Z]{2}\d{3})  \S")


def parse_text(stdout):
    out, path = [], None
    for line in stdout.splitlines():
        header = TEXT_HEADER.match(line)
        if header:
            path = header["path"]
            continue
        m = TEXT_FINDING.match(line)
        if m:
            assert path is not None
            out.append((path, int(m["line"]), int(m["col"]), m["code"], m["sev"]))
    return out


GITHUB_RE = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<msg>.*)$")


def _unescape(value):
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse_github(stdout):
    out = []
    for line in stdout.splitlines():
        m = GITHUB_RE.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        props = {k: _unescape(v) for k, v in props.items()}
        code = props["title"].split()[0]
        out.append((props["file"], int(props["line"]), int(props["col"]), code, SEVERITY[m["level"]],
                    int(props["endLine"]), int(props["endColumn"])))
    return out


def parse_sarif(stdout):
    data = json.loads(stdout)
    out = []
    for r in data["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        region = loc["region"]
        out.append((unquote(loc["artifactLocation"]["uri"]), region["startLine"], region["startColumn"], r["ruleId"],
                    SEVERITY[r["level"]], region["endLine"], region["endColumn"]))
    return out


HTML_SECTION = re.compile(r'<section class="draft [^"]*" id="d\d+"[^>]*>\n<header>.*?<h2><a href="#d\d+">(?P<path>[^<]*)</a></h2>')
HTML_FINDING = re.compile(r'<span class="sev">(?P<sev>\w+)</span> <code>(?P<code>[A-Z]{2}\d{3})</code> '
                          r'<span class="name">[^<]*</span> <span class="pos">(?P<line>\d+):(?P<col>\d+)</span>')


def parse_html(stdout):
    from html import unescape

    out = []
    for chunk in stdout.split("<section class=\"draft ")[1:]:
        m = HTML_SECTION.match("<section class=\"draft " + chunk)
        assert m, chunk[:300]
        path = unescape(m["path"])
        out += [(path, int(f["line"]), int(f["col"]), f["code"], f["sev"]) for f in HTML_FINDING.finditer(chunk)]
    return out


# --- the formats agree ------------------------------------------------------------------------------------


def test_there_is_something_to_compare(report):
    findings = [x for f in report["files"] for x in f["findings"]]
    assert len(findings) >= 10
    assert {"ID008", "TN008"} <= {x["code"] for x in findings}


def test_same_findings_same_positions_in_every_format(outputs):
    full = Counter(parse_json(outputs["json"].stdout))
    assert Counter(parse_sarif(outputs["sarif"].stdout)) == full
    assert Counter(parse_github(outputs["github"].stdout)) == full
    short = Counter(x[:5] for x in full.elements())
    assert Counter(parse_text(outputs["text"].stdout)) == short
    assert Counter(parse_html(outputs["html"].stdout)) == short
    assert Counter(parse_concise(outputs["concise"].stdout)) == Counter(x[:4] for x in full.elements())


def test_files_in_the_order_given(outputs, workspace, report):
    _, paths = workspace
    assert [f["path"] for f in report["files"]] == paths
    concise_paths = list(dict.fromkeys(p for p, *_ in parse_concise(outputs["concise"].stdout)))
    assert concise_paths == [p for p in paths if p in concise_paths]
    text_paths = [m["path"] for m in map(TEXT_HEADER.match, outputs["text"].stdout.splitlines()) if m]
    assert text_paths == paths


def test_positions_match_offsets(report, workspace, line_col):
    by_path = texts(workspace)
    for f in report["files"]:
        text = by_path[f["path"]]
        for x in f["findings"]:
            assert 0 <= x["start"] <= x["end"] <= len(text), x
            assert (x["line"], x["column"]) == line_col(text, x["start"]), (f["path"], x)
            assert (x["end_line"], x["end_column"]) == line_col(text, x["end"]), (f["path"], x)


def test_mechanical_findings_point_at_their_text(report, workspace, line_col):
    """ID008 covers the placeholder, TN008 the run of '!!!' / '???', in every tricky draft."""
    by_path = texts(workspace)
    for name in (*DRAFTS, BOM_DRAFT[0]):
        text = by_path[name]
        findings = next(f for f in report["files"] if f["path"] == name)["findings"]
        spans = {(x["code"], text[x["start"]:x["end"]]) for x in findings}
        for m in re.finditer(r"[!?]{2,}", text):
            assert ("TN008", m.group()) in spans, (name, m.group())
        for placeholder in re.findall(r"\[(?:ASIN|order ID|SKU)\]", text):
            assert ("ID008", placeholder) in spans, (name, placeholder)


def test_bom_is_not_counted(report):
    bom = next(f for f in report["files"] if f["path"] == BOM_DRAFT[0])
    tn008 = [x for x in bom["findings"] if x["code"] == "TN008"]
    assert [(x["line"], x["column"], x["start"]) for x in tn008] == [(1, 6, 5)]


# --- JSON -------------------------------------------------------------------------------------------------


def test_json_keys(outputs, run_cli, workspace):
    root, paths = workspace
    result = run_cli("--format", "json", paths[0], "missing.txt", cwd=root)
    data = json.loads(result.stdout)
    assert result.exit_code == 2
    assert set(data) == {"version", "files", "errors"}
    assert data["version"] == __version__
    assert data["errors"] and all(set(e) == ERROR_KEYS for e in data["errors"])
    assert data["errors"][0]["path"] == "missing.txt"
    full = json.loads(outputs["json"].stdout)
    fixes = 0
    for f in full["files"]:
        assert set(f) == FILE_KEYS
        assert set(f["categories"]) == set(CATEGORIES)
        for x in f["findings"]:
            assert set(x) == FINDING_KEYS
            if x["fix"] is not None:
                fixes += 1
                assert set(x["fix"]) == FIX_KEYS
                assert all(set(e) == EDIT_KEYS for e in x["fix"]["edits"])
    assert fixes, "some finding should carry a fix"


def test_json_findings_sorted_and_rules_known(report):
    names = {r.code: r for r in all_rules()}
    for f in report["files"]:
        keys = [(x["start"], x["end"], x["code"]) for x in f["findings"]]
        assert keys == sorted(keys)
        for x in f["findings"]:
            rule = names[x["code"]]
            assert (x["name"], x["category"]) == (rule.name, rule.category)


# A tiny JSON Schema validator: the subset docs/caselint-report.schema.json uses, nothing silently ignored.
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs"}
_KEYWORDS = {"type", "required", "properties", "additionalProperties", "items", "enum", "minimum", "maximum",
             "pattern", "$ref", "oneOf"}
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name]) and not (name != "boolean" and isinstance(value, bool))


def validate(value, schema, root, where="$"):
    """Return a list of problems (empty when valid)."""
    unknown = set(schema) - _KEYWORDS - _ANNOTATIONS
    assert not unknown, f"schema keyword(s) the test validator does not support: {unknown}"
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        return validate(value, root["$defs"][ref.rsplit("/", 1)[1]], root, where)
    problems = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            return [f"{where}: expected {'/'.join(types)}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not validate(value, s, root, where)]
        if len(matching) != 1:
            problems.append(f"{where}: matches {len(matching)} of oneOf")
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{where}: {value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        problems.append(f"{where}: {value} > {schema['maximum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        problems.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                problems.append(f"{where}: missing {key!r}")
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                problems += validate(item, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: unexpected key {key!r}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += validate(item, schema["items"], root, f"{where}[{i}]")
    return problems


@pytest.fixture(scope="module")
def schema(repo_root):
    return json.loads((repo_root / "docs" / "caselint-report.schema.json").read_text(encoding="utf-8"))


def test_json_output_matches_schema(report, schema, run_cli, workspace):
    assert validate(report, schema, schema) == []
    root, paths = workspace
    with_errors = json.loads(run_cli("--format", "json", "missing.txt", paths[0], cwd=root).stdout)
    assert with_errors["errors"]
    assert validate(with_errors, schema, schema) == []


def test_schema_names_the_issue_keys(schema):
    defs = schema["$defs"]
    assert set(schema["required"]) == {"version", "files", "errors"}
    assert set(defs["file"]["required"]) == FILE_KEYS == set(defs["file"]["properties"])
    assert set(defs["finding"]["required"]) == FINDING_KEYS == set(defs["finding"]["properties"])
    assert set(defs["fix"]["required"]) == FIX_KEYS
    assert set(defs["edit"]["required"]) == EDIT_KEYS
    assert set(defs["error"]["required"]) == ERROR_KEYS
    assert defs["finding"]["properties"]["category"]["enum"] == list(CATEGORIES)


def test_schema_validator_rejects_bad_reports(report, schema):
    """The validator is not vacuous: each kind of damage is caught."""
    import copy

    finding_file = next(f for f in report["files"] if f["findings"])

    def damaged(change):
        doc = copy.deepcopy({"version": report["version"], "files": [finding_file], "errors": []})
        change(doc)
        return validate(doc, schema, schema)

    assert damaged(lambda d: d["files"][0]["findings"][0].pop("line"))
    assert damaged(lambda d: d["files"][0]["findings"][0].update(extra=1))
    assert damaged(lambda d: d["files"][0]["findings"][0].update(column=0))
    assert damaged(lambda d: d["files"][0]["findings"][0].update(severity="fatal"))
    assert damaged(lambda d: d["files"][0].update(score="90"))
    assert damaged(lambda d: d["files"][0]["categories"].pop("tone"))
    assert damaged(lambda d: d["files"][0]["findings"][0].update(fix={"title": "x", "applicability": "safe"}))
    assert damaged(lambda d: d.update(errors=[{"path": "x"}]))
    assert not damaged(lambda d: None)


# --- SARIF ------------------------------------------------------------------------------------------------


def test_sarif_structure(outputs, report):
    data = json.loads(outputs["sarif"].stdout)
    assert data["version"] == "2.1.0"
    assert "sarif" in data["$schema"] and "2.1.0" in data["$schema"]
    assert len(data["runs"]) == 1
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "caselint" and driver["version"] == __version__
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == [r.code for r in all_rules()]
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["columnKind"] == "unicodeCodePoints"
    total = sum(len(f["findings"]) for f in report["files"])
    assert len(run["results"]) == total
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert region["charLength"] >= 0
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "my%20draft.md" in uris  # a relative URI reference, escaped


def test_sarif_reports_unreadable_files(run_cli, workspace):
    root, paths = workspace
    result = run_cli("--format", "sarif", "missing.txt", paths[0], cwd=root)
    assert result.exit_code == 2
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"


# --- concise / github / text ------------------------------------------------------------------------------


def test_concise_stdout_is_only_findings(run_cli, workspace, report):
    root, paths = workspace
    result = run_cli("--format", "concise", "--fail-under", "99", "missing.txt", *paths, cwd=root)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == sum(len(f["findings"]) for f in report["files"])
    assert all(CONCISE_RE.match(line) for line in lines)
    assert "missing.txt" in result.stderr
    assert "under --fail-under 99" in result.stderr
    assert "files checked" in result.stderr.splitlines()[-1]


def test_concise_messages_are_single_line(outputs):
    assert all("\r" not in line for line in outputs["concise"].stdout.split("\n"))


def test_github_stdout_is_only_commands(outputs):
    lines = outputs["github"].stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert "files checked" in outputs["github"].stderr


def test_text_has_scores_and_summary(outputs, report):
    out = outputs["text"].stdout
    assert "\x1b[" not in out
    for f in report["files"]:
        assert f"{f['path']}  score {f['score']}/100" in out
    assert re.search(r"^\d+ files checked; \d+ findings", out.splitlines()[-1])
    assert out.count("  categories: ") == len(report["files"])


def test_categories_are_one_list(schema):
    """model.CATEGORIES is the list; the schema, the scoring weights and the README follow it."""
    import tomllib

    from caselint.lexicon.loader import builtin_lexicon_dir

    cats = schema["$defs"]["file"]["properties"]["categories"]
    assert cats["required"] == list(CATEGORIES) == list(cats["properties"])
    assert schema["$defs"]["finding"]["properties"]["category"]["enum"] == list(CATEGORIES)
    weights = tomllib.loads((builtin_lexicon_dir() / "scoring.toml").read_text(encoding="utf-8"))["categories"]
    assert set(weights) == set(CATEGORIES)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    scoring = readme[readme.index("## Scoring"):]
    assert all(f"categories.{c}" in scoring for c in CATEGORIES)
    # The README's table of defaults says what scoring.toml says ('| `categories.a` / `categories.b` | 30 / 30 |').
    documented = {}
    for line in scoring.splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) >= 2 and cells[0].startswith("`categories."):
            names = [n.strip(" `").removeprefix("categories.") for n in cells[0].split("/")]
            documented.update(zip(names, (float(v) for v in cells[1].split("/")), strict=True))
    assert documented == {c: float(w) for c, w in weights.items()}
    # The sentence listing the categories lists them in model order.
    assert ", ".join(f"`{c}`" for c in CATEGORIES) in " ".join(scoring.split())


def test_text_excerpts_never_print_control_sequences(tmp_path):
    """A draft holding an ESC sequence must not reach the terminal raw (it could rewrite the screen)."""
    from caselint.api import lint_text
    from caselint.reporters.text import TextReporter
    import io

    text = "Hello,\nWHY IS NOBODY HELPING \x1b[2J\x1b]0;pwned\x07 ME!!!\n"
    out = io.StringIO()
    reporter = TextReporter(out, io.StringIO(), False)
    reporter.start()
    reporter.report(lint_text(text))
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed
    assert "WHY IS NOBODY HELPING ?[2J?]0;pwned? ME" in printed
