"""The invariants a rewrite and a safe fix must keep (issue 11), as plain functions.

Used by tests/test_rewrite_properties.py (every English draft of tests/corpus_dev) and runnable as a
script that prints how many drafts satisfy each invariant:

    python tests/rewrite_invariants.py tests/corpus_dev/dev-a.jsonl tests/corpus_dev/dev-b.jsonl

Facts are found with plain regular expressions, independently of caselint's own identifier code, so a
rewrite cannot pass by agreeing with a bug in it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from caselint.api import fix_text, lint_text, rewrite_text
from caselint.config import Settings
from caselint.model import Severity
from caselint.rewrite import title_line

S = Settings()

# Anything with a digit in it (IDs, amounts, dates, quantities, percentages), compared upper-cased
# (upper-casing an ID is allowed); URLs; quoted names.
_CODE = re.compile(r"[A-Za-z0-9]*\d[A-Za-z0-9]*")
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+|www\.[^\s<>()\[\]\"']+", re.I)
_QUOTED = re.compile(r'"[^"\n]{1,80}"|“[^”\n]{1,80}”')
_PLACEHOLDER = re.compile(r"\[[^\]\n]*\]")
_MARKER = re.compile(r"(?:<!--\s*|\[\s*)?caselint:[^\n]*", re.I)
_WORD = re.compile(r"\w+", re.U)
_GREETING = re.compile(r"^\s*(?:hello|hi|hey|dear|good (?:morning|afternoon|evening|day)|greetings|to whom)\b[^.?!\n]{0,60}[,!:]?\s*$", re.I)


def _url(u: str) -> str:
    return u.rstrip(".,;:!?")


def facts(text: str) -> dict[str, set[str]]:
    text = _MARKER.sub(" ", text)
    urls = {_url(u) for u in _URL.findall(text)}
    bare = _URL.sub(" ", _PLACEHOLDER.sub(" ", text))
    return {
        "codes": {c.upper() for c in _CODE.findall(bare)},
        "urls": urls,
        "quoted": {q for q in _QUOTED.findall(text) if not _MARKER.search(q)},
    }


def lost_facts(before: str, after: str) -> list[str]:
    a, b = facts(before), facts(after)
    out = [f"lost {k}: {sorted(a[k] - b[k])}" for k in a if a[k] - b[k]]
    new = (b["codes"] - a["codes"]) | (b["urls"] - a["urls"])
    if new:
        out.append(f"new: {sorted(new)}")
    return out


def lint_problems(text: str) -> list[str]:
    report = lint_text(text, settings=S)
    out = [f"{f.code} {f.severity.label} {f.message}" for f in report.findings
           if f.severity >= Severity.WARNING and f.code != "ID008"]
    if report.score.value < 85:
        out.append(f"score {report.score.value}")
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if p.strip()]


def _layout(text: str):
    from caselint.runner import lint_one_in_context

    _, ctx = lint_one_in_context("<string>", text, S)
    return ctx


def structure_problems(original: str, rewritten: str) -> list[str]:
    """Greeting first and alone, signature last, nothing glued, sentence starts capitalised, tidy spacing."""
    from caselint import layout as L

    out = []
    text = rewritten.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    ctx = _layout(text)
    lay = ctx.draft.layout
    # Subject / title lines may come first (they are not the message); then the greeting.
    content = [i for i, k in enumerate(lay.kinds) if k != L.BLANK]
    while len(content) > 1 and (lay.kinds[content[0]] in (L.SUBJECT, L.HEADING) or (
            content[0] == min(content) and title_line(lines[content[0]], lines[content[0] + 1] if content[0] + 1 < len(lines) else ""))):
        content.pop(0)
    if not content or not (lay.kinds[content[0]] == L.GREETING or _GREETING.match(lines[content[0]])):
        out.append("the first line is not a greeting: " + (lines[content[0]] if content else ""))
    elif content[0] + 1 < len(lines) and lines[content[0] + 1].strip():
        out.append("no blank line after the greeting")
    # The writer's signature block (name, store) and sign-off stay last.
    octx = _layout(_MARKER.sub("", original).replace("\r\n", "\n").replace("\r", "\n"))
    olay = octx.draft.layout
    sig = [olay.text[olay.starts[i]:olay.ends[i]].strip() for i, k in enumerate(olay.kinds) if k == L.SIGNATURE]
    tail = [ln.strip() for ln in lines if ln.strip()][-len(sig):] if sig else []
    if sig and tail != sig:
        out.append(f"the signature is not last: {sig!r} vs {tail!r}")
    if not any(k == L.SIGNOFF for k in lay.kinds) and not sig:
        out.append("no sign-off line")
    # Paragraphs of the original are not glued together.
    paras = [p for p in _paragraphs(_MARKER.sub("", original))]
    new_paras = [p.lower() for p in _paragraphs(text)]
    for a, b in zip(paras, paras[1:]):
        wa, wb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
        if len(wa) < 3 or len(wb) < 3:
            continue
        tail_a, head_b = " ".join(wa[-3:]), " ".join(wb[:3])
        for p in new_paras:
            words = " ".join(_WORD.findall(p))
            if tail_a in words and head_b in words and words.find(tail_a) < words.find(head_b) \
                    and not (tail_a in " ".join(_WORD.findall(b.lower())) or head_b in " ".join(_WORD.findall(a.lower()))):
                out.append(f"paragraphs glued: ...{tail_a!r} / {head_b!r}...")
                break
    if re.search(r"[^\s]  +[^\s]", text):
        out.append("doubled space")
    if re.search(r"[.!?][A-Z][a-z]", _URL.sub(" ", text)):
        out.append("sentences glued without a space")
    if re.search(r"[ \t]+\n", text):
        out.append("trailing blank on a line")
    # Sentence starts are capitalised (the writer's own prose; lists, quotes and IDs excepted).
    for sent in ctx.draft.prose:
        if lay.kind_at(sent.start) in (L.QUOTE, L.SIGNATURE, L.SIGNOFF):
            continue
        s = sent.text.lstrip(" \t\n-*•>\"'(")
        m = re.match(r"[^\W\d_][\w'’-]*", s)
        if not m or m.start() != 0:
            continue
        word = m.group(0)
        if word[0].islower() and not any(c.isupper() or c.isdigit() for c in word[1:]) and not _URL.match(s):
            out.append(f"sentence starts in lower case: {s[:40]!r}")
    return out


def safe_fix_problems(original: str, fixed: str) -> list[str]:
    """A safe fix never changes a word's letters, except the case of an identifier (a word with a digit)."""
    a, b = _WORD.findall(original), _WORD.findall(fixed)
    if len(a) != len(b):
        return [f"word count changed {len(a)} -> {len(b)}"]
    return [f"{x!r} -> {y!r}" for x, y in zip(a, b)
            if x != y and not (x.upper() == y.upper() and any(c.isdigit() for c in x))]


def check_draft(text: str) -> dict[str, list[str]]:
    """Every invariant for one draft: name -> problems (empty when it holds)."""
    result = rewrite_text(text, settings=S)
    out = result.text
    again = rewrite_text(out, settings=S).text
    safe = fix_text(text, settings=S, unsafe=False)
    return {
        "relint": lint_problems(out),
        "facts": lost_facts(text, out),
        "structure": structure_problems(text, out),
        "idempotent": [] if again == out else ["rewrite(rewrite(x)) != rewrite(x)"],
        "safe_fix": safe_fix_problems(text, safe.text) + ([] if fix_text(safe.text, settings=S, unsafe=False).text == safe.text
                                                           else ["fix(fix(x)) != fix(x)"]),
    }


def load(paths) -> list[dict]:
    drafts = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                if d.get("lang", "en") == "en":
                    drafts.append(d)
    return drafts


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    drafts = load(paths)
    names = ("relint", "facts", "structure", "idempotent", "safe_fix")
    ok = dict.fromkeys(names, 0)
    all_ok = 0
    for d in drafts:
        res = check_draft(d["text"])
        for n in names:
            ok[n] += not res[n]
        all_ok += not any(res.values())
        if verbose and any(res.values()):
            print(d["id"], {k: v for k, v in res.items() if v})
    print(" ".join(f"{n}={ok[n]}/{len(drafts)}" for n in names), f"all={all_ok}/{len(drafts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
