"""One self-contained HTML page for a whole run (``--format html``): open it in a browser.

The page needs nothing from the network: CSS, the charts (SVG) and the small sorting script are inline,
and a Content-Security-Policy forbids every outside request. It shows a summary (drafts, average
score, how the scores spread over the five quality bands, findings per concern), then each draft with
its score, its category scores and its text, every finding's span highlighted and numbered, and the
message and suggestion beside it. The drafts can be sorted by score. Everything taken from a draft or
a path is escaped, so a draft containing ``<script>`` stays text.

The summary comes first, so the page is written when the run ends; each draft is rendered to its
HTML as it arrives (the reports themselves are not kept).
"""

from __future__ import annotations

from collections import Counter
from html import escape

from caselint import __version__
from caselint.model import CATEGORIES, Severity
from caselint.reporters.base import Reporter

TITLE = "caselint report"
# The score bands of the README ("Scoring"): they follow the reader's 1-5 quality grade.
BANDS = ((0, 29), (30, 49), (50, 69), (70, 84), (85, 100))
_BAND_COLORS = ("#c0392b", "#e67e22", "#d4ac0d", "#7cb342", "#2e7d32")
_SEV_COLORS = {Severity.ERROR: "#c0392b", Severity.WARNING: "#e67e22", Severity.INFO: "#2980b9"}


def _e(value) -> str:
    return escape(str(value), quote=True)


def band_of(score: int) -> int:
    for i, (low, high) in enumerate(BANDS):
        if low <= score <= high:
            return i
    return 0


class HtmlReporter(Reporter):
    def start(self) -> None:
        self._sections: list[str] = []
        self._bands = [0] * len(BANDS)
        self._concerns: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
        self._errors: list[tuple[str, str]] = []
        self._skipped: list[tuple[str, str]] = []

    def report(self, report) -> None:
        super().report(report)
        self._bands[band_of(report.score.value)] += 1
        for f in report.findings:
            self._concerns.setdefault(f.category, Counter())[f.severity] += 1
        self._sections.append(render_draft(report, len(self._sections) + 1, self.threshold_name))

    def error(self, error) -> None:
        super().error(error)
        self._errors.append((error.path, error.message))

    def skipped(self, item) -> None:
        super().skipped(item)
        self._skipped.append((item.path, item.message))

    def finish(self, quiet: bool = False) -> None:
        s = self.summary
        average = round(s.score_total / s.files) if s.files else None
        total = sum(s.findings.values())
        parts = [
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            # Nothing may come from the network: no scripts, styles, fonts or images from elsewhere.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            f"<meta name=\"generator\" content=\"caselint {_e(__version__)}\">\n",
            f"<title>{TITLE}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            f"<header class=\"top\"><h1>{TITLE}</h1></header>\n<main>\n",
            "<section class=\"summary\" aria-label=\"Summary\">\n<div class=\"stats\">",
            _stat("drafts", s.files, "drafts"),
            _stat("average score", "&ndash;" if average is None else average, "average",
                  None if average is None else band_of(average)),
            _stat("findings", total, "findings"),
            _stat("failing drafts", s.failing_files, "failing"),
        ]
        if s.errors:
            parts.append(_stat("could not be checked", s.errors, "errors"))
        if s.skipped:
            parts.append(_stat("empty, skipped", s.skipped, "skipped"))
        parts.append("</div>\n<div class=\"charts\">")
        parts.append(f"<figure><figcaption>Score distribution</figcaption>{self._band_chart()}</figure>")
        legend = "".join(f"<span><i style=\"background:{_SEV_COLORS[sev]}\"></i>{sev.label}</span>"
                         for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO))
        parts.append(f"<figure><figcaption>Findings per concern <span class=\"legend\">{legend}</span></figcaption>"
                     f"{self._concern_chart()}</figure>")
        parts.append("</div>\n")
        if self._errors or self._skipped:
            parts.append("<ul class=\"problems\">")
            parts += [f"<li class=\"error\">{_e(p)}: {_e(m)}</li>" for p, m in self._errors]
            parts += [f"<li class=\"skip\">{_e(p)}: skipped, {_e(m)}</li>" for p, m in self._skipped]
            parts.append("</ul>\n")
        parts.append("</section>\n")
        parts.append(
            "<div class=\"toolbar\"><label for=\"sort\">Sort drafts by</label> <select id=\"sort\">"
            "<option value=\"input\">input order</option><option value=\"asc\">score, lowest first</option>"
            "<option value=\"desc\">score, highest first</option></select></div>\n"
        )
        parts.append("<div id=\"drafts\">\n")
        self.out.write("".join(parts))
        for section in self._sections:
            self.out.write(section)
        self.out.write(
            f"</div>\n</main>\n<footer>caselint {_e(__version__)} &middot; {s.files} draft"
            f"{'s' if s.files != 1 else ''}</footer>\n<script>{_JS}</script>\n</body>\n</html>\n"
        )
        if not quiet:
            self.err.write(s.line() + "\n")

    def _band_chart(self) -> str:
        width, height, gap, top, bottom = 320, 170, 12, 18, 34
        biggest = max(self._bands) or 1
        bar = (width - gap * (len(BANDS) + 1)) / len(BANDS)
        out = [f"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" "
               f"aria-label=\"Drafts per score band\" xmlns=\"http://www.w3.org/2000/svg\">"]
        for i, ((low, high), count) in enumerate(zip(BANDS, self._bands)):
            h = (height - top - bottom) * count / biggest
            x = gap + i * (bar + gap)
            y = height - bottom - h
            out.append(f"<rect x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{bar:.1f}\" height=\"{h:.1f}\" "
                       f"fill=\"{_BAND_COLORS[i]}\"><title>{low}-{high}: {count}</title></rect>")
            out.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{y - 4:.1f}\" class=\"n\">{count}</text>")
            out.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{height - bottom + 16}\" class=\"l\">{low}-{high}</text>")
        out.append("</svg>")
        return "".join(out)

    def _concern_chart(self) -> str:
        rows = list(self._concerns.items())
        width, row_h, label_w = 320, 17, 86
        height = row_h * len(rows) + 8
        biggest = max((sum(c.values()) for _, c in rows), default=0) or 1
        out = [f"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" "
               f"aria-label=\"Findings per concern\" xmlns=\"http://www.w3.org/2000/svg\">"]
        for i, (category, counts) in enumerate(rows):
            y = 4 + i * row_h
            out.append(f"<text x=\"{label_w - 6}\" y=\"{y + 12}\" class=\"c\">{_e(category)}</text>")
            x = float(label_w)
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
                n = counts.get(severity, 0)
                if not n:
                    continue
                w = (width - label_w - 34) * n / biggest
                out.append(f"<rect x=\"{x:.1f}\" y=\"{y + 2}\" width=\"{w:.1f}\" height=\"{row_h - 5}\" "
                           f"fill=\"{_SEV_COLORS[severity]}\"><title>{_e(category)}: {n} {severity.label}"
                           f"</title></rect>")
                x += w
            out.append(f"<text x=\"{x + 4:.1f}\" y=\"{y + 12}\" class=\"n2\">{sum(counts.values())}</text>")
        out.append("</svg>")
        return "".join(out)


def _stat(label: str, value, cls: str, band: int | None = None) -> str:
    style = f" style=\"color:{_BAND_COLORS[band]}\"" if band is not None else ""
    return f"<div class=\"stat {cls}\"><span class=\"v\"{style}>{value}</span><span class=\"k\">{_e(label)}</span></div>"


def highlighted(text: str, findings, prefix: str) -> str:
    """The draft's text, escaped, with every finding's span in a <mark> and its number where it starts
    (an empty span, something missing, is a numbered caret at the place it belongs)."""
    n = len(text)
    cuts = {0, n}
    for f in findings:
        cuts.add(min(max(f.span.start, 0), n))
        cuts.add(min(max(f.span.end, 0), n))
    points = sorted(cuts)
    starts: dict[int, list[int]] = {}
    for number, f in enumerate(findings, 1):
        starts.setdefault(min(max(f.span.start, 0), n), []).append(number)
    out: list[str] = []
    for a, b in zip(points, points[1:] + [None]):
        for number in starts.get(a, ()):
            f = findings[number - 1]
            empty = " empty" if f.span.end <= f.span.start else ""
            out.append(f"<a class=\"ref sev-{f.severity.label}{empty}\" href=\"#{prefix}-f{number}\" "
                       f"id=\"{prefix}-m{number}\" title=\"{_e(f.code)}: {_e(f.message)}\">{number}</a>")
        if b is None or b <= a:
            continue
        covering = [f for f in findings if f.span.start <= a and f.span.end >= b and f.span.end > f.span.start]
        chunk = _e(text[a:b])
        if covering:
            top = max(covering, key=lambda f: f.severity)
            codes = " ".join(sorted({f.code for f in covering}))
            out.append(f"<mark class=\"sev-{top.severity.label}\" title=\"{_e(codes)}\">{chunk}</mark>")
        else:
            out.append(chunk)
    return "".join(out)


def render_draft(report, index: int, threshold_name: str = "--fail-under") -> str:
    prefix = f"d{index}"
    score = report.score.value
    band = band_of(score)
    findings = list(report.findings)
    it = report.issue_type
    meta = f"issue type: {it.name} ({it.confidence:.2f}) &middot; {_e(report.kind)}"
    if it.followup and report.kind != "followup":
        meta += " &middot; follow-up"
    counts = Counter(f.severity for f in findings)
    tally = ", ".join(f"{counts[s]} {s.label}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s])
    parts = [
        f"<section class=\"draft band-{band}\" id=\"{prefix}\" data-index=\"{index}\" data-score=\"{score}\">\n",
        f"<header><span class=\"score\" style=\"background:{_BAND_COLORS[band]}\" title=\"score\">{score}</span>"
        f"<h2><a href=\"#{prefix}\">{_e(report.path)}</a></h2>"
        f"<span class=\"meta\">{meta} &middot; {len(findings)} finding{'s' if len(findings) != 1 else ''}"
        f"{' (' + tally + ')' if tally else ''}</span></header>\n",
    ]
    if report.below_threshold:
        parts.append(f"<p class=\"under\">score {score} is under {_e(threshold_name)} {report.fail_under}</p>\n")
    parts.append("<ul class=\"cats\">")
    for category in CATEGORIES:
        value = report.score.categories.get(category, 100)
        parts.append(f"<li title=\"{_e(category)} {value}\"><span class=\"cn\">{_e(category)}</span>"
                     f"<span class=\"cb\"><span style=\"width:{value}%;background:{_BAND_COLORS[band_of(value)]}\">"
                     f"</span></span><span class=\"cv\">{value}</span></li>")
    parts.append("</ul>\n<div class=\"body\">\n")
    parts.append(f"<pre class=\"text\">{highlighted(report.text, findings, prefix)}</pre>\n")
    if findings:
        parts.append("<ol class=\"findings\">")
        for number, f in enumerate(findings, 1):
            parts.append(
                f"<li id=\"{prefix}-f{number}\" class=\"sev-{f.severity.label}\">"
                f"<a class=\"num\" href=\"#{prefix}-m{number}\">{number}</a> "
                f"<span class=\"sev\">{f.severity.label}</span> <code>{_e(f.code)}</code> "
                f"<span class=\"name\">{_e(f.name)}</span> <span class=\"pos\">{f.line}:{f.column}</span>"
                f"<div class=\"msg\">{_e(f.message)}</div>"
            )
            if f.suggestion:
                parts.append(f"<div class=\"sugg\"><span>suggestion:</span> {_e(f.suggestion)}</div>")
            parts.append("</li>")
        parts.append("</ol>\n")
    else:
        parts.append("<p class=\"clean\">No findings.</p>\n")
    parts.append("</div>\n</section>\n")
    return "".join(parts)


_CSS = """
:root{--fg:#1d2330;--muted:#5f6b7a;--line:#dde2e8;--bg:#f6f7f9;--card:#fff}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#232f3e;color:#fff;padding:14px 24px}
header.top h1{margin:0;font-size:20px;font-weight:600}
main{max-width:1200px;margin:0 auto;padding:16px 24px}
.summary{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px;margin-bottom:16px}
.stats{display:flex;flex-wrap:wrap;gap:28px;margin-bottom:12px}
.stat .v{display:block;font-size:28px;font-weight:700}
.stat .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0;flex:1 1 320px;max-width:480px}
figcaption{font-weight:600;margin-bottom:4px}
.legend{font-weight:400;font-size:12px;color:var(--muted);margin-left:8px}
.legend span{margin-right:10px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
svg.chart{width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:#333}
svg text.n,svg text.l{text-anchor:middle}
svg text.c{text-anchor:end}
.problems{margin:10px 0 0;padding-left:18px;color:var(--muted)}
.problems .error{color:#c0392b}
.toolbar{margin:8px 0 12px}
.draft{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--line);border-radius:8px;
 padding:12px 16px;margin-bottom:14px}
.draft.band-0{border-left-color:#c0392b}.draft.band-1{border-left-color:#e67e22}.draft.band-2{border-left-color:#d4ac0d}
.draft.band-3{border-left-color:#7cb342}.draft.band-4{border-left-color:#2e7d32}
.draft header{display:flex;flex-wrap:wrap;align-items:center;gap:10px}
.draft h2{margin:0;font-size:16px;word-break:break-all}
.draft h2 a{color:inherit;text-decoration:none}
.score{color:#fff;font-weight:700;border-radius:6px;padding:2px 9px;font-size:16px}
.meta{color:var(--muted);font-size:12px}
.under{color:#c0392b;margin:6px 0 0}
.cats{list-style:none;display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:3px 16px;
 padding:0;margin:10px 0}
.cats li{display:flex;align-items:center;gap:6px;font-size:12px}
.cats .cn{width:72px;color:var(--muted)}
.cats .cb{flex:1;height:7px;background:#eceff3;border-radius:4px;overflow:hidden}
.cats .cb span{display:block;height:100%}
.cats .cv{width:26px;text-align:right;font-variant-numeric:tabular-nums}
.body{display:grid;grid-template-columns:minmax(0,1.25fr) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:800px){.body{grid-template-columns:1fr}}
pre.text{white-space:pre-wrap;word-wrap:break-word;font:13px/1.55 ui-monospace,Menlo,Consolas,monospace;
 background:#fbfbfc;border:1px solid var(--line);border-radius:6px;padding:10px;margin:0}
mark{border-radius:2px;padding:0 1px}
mark.sev-error{background:#f8c9c4;box-shadow:inset 0 -2px #c0392b}
mark.sev-warning{background:#fde3c4;box-shadow:inset 0 -2px #e67e22}
mark.sev-info{background:#d6e9f8;box-shadow:inset 0 -2px #2980b9}
a.ref{font:10px system-ui,sans-serif;vertical-align:super;color:#fff;border-radius:7px;padding:0 4px;
 margin:0 1px;text-decoration:none}
a.ref.sev-error{background:#c0392b}a.ref.sev-warning{background:#e67e22}a.ref.sev-info{background:#2980b9}
a.ref.empty::before{content:"\\2038"}
ol.findings{list-style:none;margin:0;padding:0}
ol.findings li{border-left:3px solid var(--line);padding:3px 8px;margin-bottom:7px}
ol.findings li.sev-error{border-left-color:#c0392b}ol.findings li.sev-warning{border-left-color:#e67e22}
ol.findings li.sev-info{border-left-color:#2980b9}
ol.findings li:target{background:#fff8e1}
.num{font-weight:700;color:inherit}
.sev{font-size:11px;text-transform:uppercase;color:var(--muted)}
.pos,.name{color:var(--muted);font-size:12px}
.msg{margin-top:1px}
.sugg{color:#2e5e2e;font-size:13px;margin-top:2px}
.sugg span{color:var(--muted)}
.clean{color:#2e7d32;margin:0}
footer{color:var(--muted);text-align:center;padding:16px;font-size:12px}
"""

_JS = """
(function(){
  var box=document.getElementById('drafts'), sel=document.getElementById('sort');
  if(!box||!sel){return;}
  sel.addEventListener('change',function(){
    var items=Array.prototype.slice.call(box.children), how=sel.value;
    items.sort(function(a,b){
      var ia=+a.dataset.index, ib=+b.dataset.index, sa=+a.dataset.score, sb=+b.dataset.score;
      if(how==='asc'){return sa-sb||ia-ib;}
      if(how==='desc'){return sb-sa||ia-ib;}
      return ia-ib;
    });
    items.forEach(function(el){box.appendChild(el);});
  });
  document.documentElement.setAttribute('data-sortable','yes');
})();
"""
