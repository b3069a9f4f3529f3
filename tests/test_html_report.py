"""`--format html`: one self-contained page, checked with an HTML parser and in a real headless browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from caselint.reporters import FORMATS

HOSTILE = "Hello,\n<script>alert('x')</script> & <b>bold</b> \"quoted\" [ASIN] please!!!\n"
EXAMPLES = ("examples/less-effective.txt", "examples/angry-vague.txt", "examples/model.txt")


class Page(HTMLParser):
    """Elements as (tag, attrs, text inside), scripts and styles kept apart, the structure checked."""

    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.scripts: list[str] = []
        self.title = ""
        self.errors: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(el)
        if tag not in self.VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": ""})

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1]["tag"] != tag:
            self.errors.append(f"unbalanced </{tag}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data
        if self.stack and self.stack[-1]["tag"] == "script":
            self.scripts.append(data)
        if len(self.stack) > 1 and self.stack[-1]["tag"] == "title" and self.stack[-2]["tag"] == "head":
            self.title += data

    def find(self, tag, cls=None):
        return [e for e in self.elements if e["tag"] == tag
                and (cls is None or cls in e["attrs"].get("class", "").split())]


def html_of(run_cli, *args, cwd):
    result = run_cli("--format", "html", *args, cwd=cwd)
    assert result.stdout.startswith("<!DOCTYPE html>"), result.stdout[:200]
    return result


def test_html_is_a_registered_format():
    assert "html" in FORMATS


def test_structure_of_the_report_of_the_examples(run_cli, repo_root):
    result = html_of(run_cli, *EXAMPLES, cwd=repo_root)
    assert result.exit_code == 1  # the exit code is the same as in every format
    page = Page(result.stdout)
    assert page.errors == [] and page.stack == []
    assert page.title == "caselint report"
    stats = {e["attrs"]["class"].split()[1]: e["text"] for e in page.find("div", "stat")}
    reports = json.loads(run_cli("--format", "json", *EXAMPLES, cwd=repo_root).stdout)["files"]
    scores = [f["score"] for f in reports]
    assert stats["drafts"].startswith("3")
    assert stats["average"].startswith(str(round(sum(scores) / 3)))
    assert stats["findings"].startswith(str(sum(len(f["findings"]) for f in reports)))
    assert len(page.find("svg", "chart")) == 2  # score distribution and findings per concern
    bars = [e for e in page.elements if e["tag"] == "rect"]
    assert any("0-29" in e["text"] for e in bars)
    sections = page.find("section", "draft")
    assert [int(s["attrs"]["data-score"]) for s in sections] == scores
    for section, data in zip(sections, reports):
        assert data["path"] in section["text"]
        for category in data["categories"]:
            assert category in section["text"]
    # every finding: a numbered mark where its span starts, and its message and suggestion beside the text
    refs = page.find("a", "ref")
    items = [e for e in page.elements if e["tag"] == "li" and e["attrs"].get("id", "").count("-f") == 1]
    assert len(refs) == len(items) == sum(len(f["findings"]) for f in reports)
    messages = [f["message"] for data in reports for f in data["findings"]]
    assert [m in item["text"] for m, item in zip(messages, items)] == [True] * len(messages)
    suggestions = [f["suggestion"] for data in reports for f in data["findings"]]
    for suggestion, item in zip(suggestions, items):
        assert suggestion is None or suggestion in item["text"]
    assert page.find("mark")  # spans highlighted
    assert page.find("select") and "dataset.score" in page.scripts[0]  # sortable by score


def test_highlighted_text_is_the_draft_and_marks_cover_the_spans(run_cli, repo_root):
    result = html_of(run_cli, "examples/angry-vague.txt", cwd=repo_root)
    page = Page(result.stdout)
    (pre,) = page.find("pre", "text")
    text = (repo_root / "examples/angry-vague.txt").read_text(encoding="utf-8")
    refs = "".join(e["text"] for e in page.find("a", "ref"))
    assert re.sub(r"\d+", "", pre["text"]) == re.sub(r"\d+", "", text)  # the text, plus the finding numbers
    data = json.loads(run_cli("--format", "json", "examples/angry-vague.txt", cwd=repo_root).stdout)
    marked = "".join(e["text"] for e in page.find("mark"))
    for f in data["files"][0]["findings"]:
        if f["end"] > f["start"]:
            assert text[f["start"]:f["end"]].replace("\n", "") in marked.replace("\n", "")
    assert refs


def test_everything_is_escaped(run_cli, tmp_path):
    name = "<img src=x onerror=alert(1)>.txt"
    (tmp_path / name).write_text(HOSTILE, encoding="utf-8")
    result = html_of(run_cli, name, cwd=tmp_path)
    html = result.stdout
    assert "<script>alert" not in html and "<b>bold</b>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    page = Page(html)
    assert page.errors == []
    assert len(page.find("script")) == 1  # only the page's own sorting script
    assert not page.find("b") and not page.find("img")
    (pre,) = page.find("pre", "text")
    assert "<script>alert('x')</script> & <b>bold</b>" in pre["text"]  # shown as text
    assert name in page.find("h2")[0]["text"]


def test_self_contained_no_network(run_cli, repo_root):
    html = html_of(run_cli, *EXAMPLES, cwd=repo_root).stdout
    page = Page(html)
    for el in page.elements:
        for attr in ("src", "href"):
            value = el["attrs"].get(attr)
            assert value is None or value.startswith("#"), (el["tag"], attr, value)
    assert not page.find("link")
    assert "http-equiv" in html and "default-src 'none'" in html
    assert not re.search(r"url\(|@import|//cdn|https?://(?!www\.w3\.org/2000/svg)", html)


def test_errors_skipped_and_no_drafts(run_cli, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = html_of(run_cli, "missing.txt", "empty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    page = Page(result.stdout)
    assert page.errors == []
    problems = "".join(e["text"] for e in page.find("ul", "problems"))
    assert "missing.txt" in problems and "empty.txt" in problems
    assert page.find("section", "draft") == []
    assert "caselint: error: missing.txt" in result.stderr  # stderr as in every format


def test_fail_under_is_shown(run_cli, repo_root):
    page = Page(html_of(run_cli, "--fail-under", "90", "examples/less-effective.txt", cwd=repo_root).stdout)
    assert "is under --fail-under 90" in page.find("p", "under")[0]["text"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("no headless browser: install Debian's chromium (`apt-get install -y chromium`; .ci/run does)")


def _browser(args: list[str], profile: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    command = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", *args]
    env = {**os.environ, "HOME": str(profile)}
    return subprocess.run(command, capture_output=True, timeout=timeout, env=env)


def _png_pixels(path: Path) -> tuple[int, int, list[tuple]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) with the standard library only."""
    import struct
    import zlib

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    pixels = [tuple(row[x:x + 3]) for row in rows[::4] for x in range(0, stride, channels * 4)]
    return width, height, pixels


@pytest.mark.slow
def test_renders_in_a_headless_browser(run_cli, repo_root, tmp_path):
    """Chromium loads the report of the example drafts with no network: the title is right, the script ran,
    and the screenshot is a rendered page (many colours, mostly not background)."""
    report = tmp_path / "report.html"
    report.write_text(html_of(run_cli, *EXAMPLES, cwd=repo_root).stdout, encoding="utf-8")
    dom = _browser(["--virtual-time-budget=3000", "--dump-dom", report.as_uri()], tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    text = dom.stdout.decode()
    assert "<title>caselint report</title>" in text
    assert 'data-sortable="yes"' in text  # the inline script ran
    assert text.count('class="draft ') == 3
    shot = tmp_path / "report.png"
    proc = _browser(["--hide-scrollbars", "--window-size=1280,1400", f"--screenshot={shot}", report.as_uri()],
                    tmp_path / "profile-shot")
    assert proc.returncode == 0 and shot.is_file(), proc.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = _png_pixels(shot)
    assert (width, height) == (1280, 1400)
    colours = set(pixels)
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    background = max(colours, key=pixels.count)
    assert sum(p != background for p in pixels) / len(pixels) > 0.2
    dark_header = [p for p in pixels[: 1280 // 4 * 8] if sum(p) < 200]  # the dark title bar at the top
    assert dark_header, "the page header did not render"
