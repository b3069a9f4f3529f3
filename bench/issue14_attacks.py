"""Issue 14: run every reproduction of the issue and print the "now" column of its attack table.

    .venv/bin/python bench/issue14_attacks.py [FILTER ...]     # e.g. H1 W  (ids starting with these)

Each reproduction runs the way the issue ran it (the CLI in a subprocess, the language server over
stdio) in a scratch folder, with a hang guard; the table gives the exit code, the wall time and what
the user saw (the first error line, or a short verdict). Reproductions that need an unprivileged user
(root reads a chmod 000 file) run through ``setpriv`` as nobody when this runs as root. This is a
measurement, not a test: the regression tests are tests/reliability/test_issue14.py.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PY = sys.executable
CASELINT = [PY, "-m", "caselint"]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
FIXABLE = "THIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\n"
OK = "Hello,\n\nWhere is my shipment FBA15ABCDE12? Please reply by email.\n"
NONCONVERGING = "Please change the title to increase sales... I am losing $5,000 a day!! [add the ASIN here]\n"
ROWS: list[tuple[str, str, str]] = []


class Run:
    def __init__(self, proc, seconds, rss_kb=None):
        self.rc, self.out, self.err, self.seconds, self.rss_kb = proc.returncode, proc.stdout, proc.stderr, seconds, rss_kb

    @property
    def first_error(self) -> str:
        lines = [ln for ln in self.err.decode("utf-8", "replace").splitlines()
                 if ln.startswith("caselint: error") or "Traceback" in ln or "Error:" in ln]
        return lines[0] if lines else ""

    @property
    def traceback(self) -> bool:
        return b"Traceback" in self.err


def run(args, *, cwd, stdin=None, input=None, timeout=600, env=None, limit_as=None, limit_fsize=None, prefix=()):
    """The CLI in a subprocess; None when the hang guard (``timeout``) is hit. The peak RSS comes from
    GNU time when it is installed."""
    def preexec():
        if limit_as:
            resource.setrlimit(resource.RLIMIT_AS, (limit_as, limit_as))
        if limit_fsize:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_fsize, limit_fsize))

    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        timer = ["/usr/bin/time", "-o", rss.name, "-f", "%M"] if os.path.exists("/usr/bin/time") else []
        t0 = time.perf_counter()
        try:
            proc = subprocess.run([*timer, *prefix, *CASELINT, *args], cwd=cwd, stdin=stdin, input=input,
                                  capture_output=True, timeout=timeout, env={**os.environ, **(env or {})},
                                  preexec_fn=preexec)
        except subprocess.TimeoutExpired:
            return None
        seconds = time.perf_counter() - t0
        lines = [ln for ln in Path(rss.name).read_text().split() if ln.isdigit()]
    return Run(proc, seconds, int(lines[-1]) if lines else None)


def row(rid: str, what: str, now: str) -> None:
    ROWS.append((rid, what, now))
    print(f"| {rid} | {what} | {now} |", flush=True)


def verdict(r: Run | None, extra: str = "") -> str:
    if r is None:
        return "HANG (guard hit)"
    msg = r.first_error or "no error line"
    tb = "; TRACEBACK" if r.traceback else ""
    return f"exit {r.rc}, {r.seconds:.1f} s: {msg}{tb}{('; ' + extra) if extra else ''}"


def lexicon(folder: Path, body: str) -> None:
    (folder / "mine.toml").write_text("[meta]\nid = 'mine'\n[[entry]]\nid = 'mine-1'\ntag = 'id_placeholder'\n"
                                      + body + "\n", encoding="utf-8")
    (folder / "caselint.toml").write_text("extra-lexicons = ['mine.toml']\n")


def fresh(base: Path, name: str) -> Path:
    d = base / name
    d.mkdir()
    return d


# --- hangs and blow-ups ------------------------------------------------------------------------------


def hangs(base: Path) -> None:
    for lines in (1000, 8000, 76000):
        d = fresh(base, f"h1-{lines}")
        (d / "d.txt").write_text("Fix it NOW!!\n" * lines)
        r = run(["--format", "concise", "-q", "d.txt"], cwd=d)
        n = r.out.count(b"\n") if r else 0
        row("H1", f"'Fix it NOW!!' x {lines:,} lines, `caselint d.txt`", verdict(r, f"{n:,} findings"))
    d = fresh(base, "h2")
    (d / "d.txt").write_text("NOW!!!\n" * 100_000)
    r = run(["--format", "concise", "-q", "d.txt"], cwd=d)
    n = r.out.count(b"\n") if r else 0
    row("H2", "'NOW!!!' x 100,000 lines", verdict(r, f"{n:,} findings"))
    d = fresh(base, "h4")
    (d / "d.txt").write_text("This is useless" + "." * 40000 + "\n")
    r = run(["check", "--fix", "--unsafe-fixes", "d.txt"], cwd=d)
    row("H4", "'This is useless' + 40,000 dots, `check --fix --unsafe-fixes`", verdict(r))
    r = run(["rewrite", "d.txt"], cwd=d)
    row("H4", "same draft, `rewrite`", verdict(r))
    for rid, body, text, note in (
        ("H5", "regex = '''total of (?:\\d{1,3},?)+ units'''", "total of " + "1" * 40, "regex, 40 digits"),
        ("H6", "pattern = [{TEXT = {REGEX = '^(?:[A-Za-z0-9]{1,2})+-[0-9]+$'}}]", "a" * 60, "token REGEX, 60 letters"),
        ("H7", "regex = '''[а-яё]+ товара'''", "я" * 150_000, "'[а-яё]+ товара', 150k Cyrillic letters"),
        ("H8", "pattern = [{LOWER = 'fix'}, {OP = '*'}, {LOWER = 'now'}]", "fix now " * 3000, "token OP='*', 3,000 x 2 words (42 KB)"),
    ):
        d = fresh(base, rid.lower())
        lexicon(d, body)
        (d / "d.txt").write_text("Hello, " + text + "\n", encoding="utf-8")
        r = run(["--format", "concise", "-q", "d.txt"], cwd=d, limit_as=8 << 30)
        row(rid, f"user lexicon: {note}", verdict(r, f"max RSS {r.rss_kb // 1024} MB" if r and r.rss_kb else ""))
    d = fresh(base, "h5b")
    lexicon(d, "regex = '''total of (?:\\d{1,3},?)+ units'''")
    (d / "d.txt").write_text("Hello, total of " + "1" * 40 + "\n")
    t0 = time.perf_counter()
    proc = subprocess.run([PY, "-c", "import sys; from caselint import regex_safety; regex_safety._re2 = None; "
                           "from caselint.cli import main; sys.argv = ['caselint', '-q', 'd.txt']; main()"],
                          cwd=d, capture_output=True, timeout=600)
    row("H5", "same regex without google-re2 (the checker)", verdict(Run(proc, time.perf_counter() - t0)))
    for label, cmd in (("`check -`", []), ("`rewrite -`", ["rewrite"]), ("`check --fix -`", ["check", "--fix"])):
        t0 = time.perf_counter()
        feeder = subprocess.Popen(["sh", "-c", "yes 'Fix it NOW!! Where is my refund?' | head -c 2000000000"],
                                  stdout=subprocess.PIPE)
        r = run([*cmd, "-"], cwd=base, stdin=feeder.stdout)
        feeder.stdout.close()
        feeder.kill()
        feeder.wait()
        row("H9", f"2 GB piped into {label}", verdict(r, f"max RSS {r.rss_kb // 1024} MB" if r and r.rss_kb else ""))
        with open("/dev/zero", "rb") as zero:
            r = run([*cmd, "-"], cwd=base, stdin=zero, limit_as=1 << 30)
        row("H9", f"/dev/zero into {label} under a 1 GB memory limit", verdict(r))
    d = fresh(base, "h10")
    os.mkfifo(d / "fifo.txt")
    (d / "ok.txt").write_text(OK)
    r = run(["--format", "concise", "fifo.txt", "ok.txt"], cwd=d, timeout=60)
    row("H10", "a FIFO named on the command line (and a good draft)", verdict(r))
    d = fresh(base, "h11")
    lexicon(d, "regex = '('")
    for i in range(300):
        (d / f"d{i}.txt").write_text(f"Hello, where is my shipment {i}?\n")
    r = run(["--format", "concise", "."], cwd=d)
    n = r.err.count(b"caselint: error") if r else 0
    row("H11", "broken user lexicon, 300 drafts", verdict(r, f"{n} error lines"))


# --- writes ------------------------------------------------------------------------------------------


def writes(base: Path) -> None:
    d = fresh(base, "w1")
    (d / "draft.txt").write_text(NONCONVERGING)
    r = run(["check", "--fix", "--unsafe-fixes", "draft.txt"], cwd=d)
    copies = (d / "draft.txt").read_text().count("so that customers can find it")
    row("W1", "non-converging draft, `check --fix --unsafe-fixes`", verdict(r, f"{copies} copies in the file"))
    r = run(["rewrite", "draft.txt"], cwd=d)
    row("W1", "same draft, `rewrite`", verdict(r, f"{r.out.count(b'so that customers can find it')} copies printed"))
    d = fresh(base, "w2")
    (d / "m.md").write_text("<!-- caselint: disable-file=PL003 reason: customer quote -->\n"
                            "[caselint: disable-next-line=TN007 note to self]\nTHIS IS BAD. Where is my shipment FBA15ABCDE12?\n")
    r = run(["rewrite", "m.md"], cwd=d)
    leaked = [w for w in ("reason", "-->", "to self", "caselint") if w.encode() in r.out]
    row("W2", "markers with notes, `rewrite`", verdict(r, f"leaked: {leaked or 'nothing'}"))
    d = fresh(base, "w3")
    cr = b"Hello,\rTHIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\rThanks\r"
    (d / "cr.txt").write_bytes(cr)
    r1 = run(["rewrite", "cr.txt"], cwd=d)
    r2 = run(["check", "--fix", "--unsafe-fixes", "-"], cwd=d, input=cr)
    r3 = run(["check", "--fix", "--unsafe-fixes", "cr.txt"], cwd=d)
    lf = [name for name, data in (("rewrite stdout", r1.out), ("fix stdin", r2.out), ("fixed file", (d / "cr.txt").read_bytes()))
          if b"\n" in data]
    row("W3", "CR-only draft: `rewrite`, `check --fix -`, `check --fix FILE`",
        f"exit {r1.rc}/{r2.rc}/{r3.rc}, {r1.seconds + r2.seconds + r3.seconds:.1f} s: LF in {lf or 'none of them'}")
    d = fresh(base, "w4")
    (d / "ro.txt").write_text(FIXABLE)
    (d / "ro.txt").chmod(0o444)
    r = run(["check", "--fix", "ro.txt"], cwd=d)
    row("W4", "read-only (0444) file, `check --fix`",
        verdict(r, "file " + ("unchanged" if (d / "ro.txt").read_text() == FIXABLE else "OVERWRITTEN")))
    if os.geteuid() == 0:
        d = fresh(base, "w5")
        f = d / "d.txt"
        f.write_text(FIXABLE)
        os.chown(f, 12345, 23456)
        f.chmod(0o4755)
        try:
            os.setxattr(f, "user.note", b"kept")
            xattr = True
        except OSError:
            xattr = False
        r = run(["check", "--fix", "d.txt"], cwd=d)
        st = os.stat(f)
        kept = f"owner {st.st_uid}:{st.st_gid}, mode {oct(st.st_mode & 0o7777)}, " + (
            f"xattr {os.getxattr(f, 'user.note') if 'user.note' in os.listxattr(f) else 'DROPPED'}" if xattr else "no xattr support")
        row("W5", "file owned by 12345:23456, mode 4755, an xattr; `check --fix` as root",
            verdict(r, f"fixed: {f.read_text() != FIXABLE}; {kept}"))
    d = fresh(base, "w7")
    (d / "d.txt").write_text(FIXABLE)
    os.link(d / "d.txt", d / "twin.txt")
    r = run(["check", "--fix", "d.txt"], cwd=d)
    row("W7", "file with a hard link, `check --fix`",
        verdict(r, "link kept" if os.stat(d / "d.txt").st_ino == os.stat(d / "twin.txt").st_ino else "LINK SPLIT"))
    d = fresh(base, "w8")
    (d / "outside.txt").write_text(FIXABLE)
    (d / "tree").mkdir()
    (d / "tree" / "link.txt").symlink_to(d / "outside.txt")
    r = run(["check", "--fix", "tree"], cwd=d)
    row("W8", "`check --fix tree/` holding a symlink to a file outside it",
        verdict(r, "outside file " + ("unchanged" if (d / "outside.txt").read_text() == FIXABLE else "WRITTEN")))


# --- tracebacks --------------------------------------------------------------------------------------


def tracebacks(base: Path) -> None:
    d = fresh(base, "t1")
    (d / "caselint.toml").write_text("select = " + "[" * 500 + "]" * 500 + "\n")
    (d / "d.txt").write_text(OK)
    row("T1", "config TOML nested 500 deep", verdict(run(["d.txt"], cwd=d)))
    for rid, body, note in (
        ("T2", "x = " + "[" * 500 + "]" * 500, "lexicon TOML nested 500 deep"),
        ("T3", "regex = '" + "(" * 5000 + "x" + ")" * 5000 + "'", "lexicon regex with 5,000 nested groups"),
        ("T4", "regex = 'x{4294967295}'", "lexicon regex x{4294967295}"),
    ):
        d = fresh(base, rid.lower())
        lexicon(d, body)
        (d / "d.txt").write_text(OK)
        row(rid, note, verdict(run(["d.txt"], cwd=d)))
    if NOBODY:
        d = Path(tempfile.mkdtemp(prefix="caselint-t5-"))
        d.chmod(0o755)
        (d / "d.txt").write_text(FIXABLE)
        os.chown(d / "d.txt", 65534, 65534)
        d.chmod(0o555)  # root-owned, read-only for nobody
        r = run(["rewrite", "--in-place", "d.txt"], cwd=d, prefix=NOBODY)
        row("T5", "`rewrite --in-place` in a read-only folder (as nobody)", verdict(r))
        d.chmod(0o755)
        shutil.rmtree(d)
    d = fresh(base, "t6")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(d)], capture_output=True).returncode == 0
    if mounted:
        try:
            (d / "d.txt").write_text(FIXABLE * 10)
            (d / "fill").write_bytes(b"x" * (64 * 1024))
        except OSError:
            pass
        r = run(["rewrite", "--in-place", "d.txt"], cwd=d)
        row("T6", "`rewrite --in-place` on a full disk (64 KB tmpfs, filled)", verdict(r))
        subprocess.run(["umount", str(d)], capture_output=True)
    else:
        row("T6", "`rewrite --in-place` on a full disk", "not measured: cannot mount a small tmpfs here")
    d = fresh(base, "t7")
    (d / "d.txt").write_text(FIXABLE * 50)
    r = run(["rewrite", "--in-place", "d.txt"], cwd=d, limit_fsize=100)
    row("T7", "`rewrite --in-place` under `ulimit -f` (100 bytes)", verdict(r))
    d = fresh(base, "t8")
    (d / "d.txt").write_text("Hello, where is my shipment 😀?\n")
    r = run(["d.txt"], cwd=d, env={"PYTHONIOENCODING": "cp1252"})
    row("T8", "text format, emoji, PYTHONIOENCODING=cp1252",
        verdict(r, "escaped" if r and b"\\U0001f600" in r.out else "not escaped"))


# --- other files still checked ------------------------------------------------------------------------


def others(base: Path) -> None:
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        row("O1-O2", "unreadable paths", "not measured: root without setpriv")
        return
    d = Path(tempfile.mkdtemp(prefix="caselint-o-"))
    try:
        d.chmod(0o755)
        (d / "locked.txt").write_text(OK)
        (d / "locked.txt").chmod(0)
        (d / "ok.txt").write_text(OK)
        r = run(["--format", "concise", "locked.txt", "ok.txt"], cwd=d, prefix=NOBODY)
        row("O1", "unreadable file named on the command line, plus a good one",
            verdict(r, f"ok.txt reported: {b'ok.txt:' in r.out}"))
        (d / "tree" / "sub").mkdir(parents=True)
        (d / "tree" / "ok.txt").write_text(OK)
        (d / "tree" / "sub" / "a.txt").write_text(OK)
        (d / "tree" / "sub").chmod(0)
        r = run(["--format", "concise", "tree"], cwd=d, prefix=NOBODY)
        summary = [ln for ln in r.err.decode().splitlines() if "checked" in ln]
        row("O2", "unreadable subfolder inside a named folder", verdict(r, summary[0] if summary else ""))
    finally:
        for p in (d / "tree" / "sub",):
            if p.exists():
                p.chmod(0o755)
        shutil.rmtree(d)
    d = fresh(base, "o3")
    for name in "abc":
        (d / f"{name}.txt").write_text(OK)
    code = ("import os, caselint.api as a; it = a.iter_drafts_for(['.']); next(it); os.unlink('b.txt'); "
            "print([(x.path, getattr(x, 'message', 'read')) for x in it])")
    t0 = time.perf_counter()
    proc = subprocess.run([PY, "-c", code], cwd=d, capture_output=True, timeout=120)
    row("O3", "file deleted mid-run (after its folder was listed; API walk)",
        f"{time.perf_counter() - t0:.1f} s: {proc.stdout.decode().strip()}")


# --- language server -----------------------------------------------------------------------------------


def language_server(base: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.reliability.lsp_client import Client

    def started(folder):
        c = Client(folder)
        c.initialize(folder.as_uri())
        return c

    @contextmanager
    def session(folder, uri, text):
        """A server with ``text`` open and its first diagnostics in, closed afterwards."""
        c = started(folder)
        try:
            c.open(uri, text)
            c.diagnostics(uri)
            yield c
        finally:
            c.close()

    d = fresh(base, "lsp")
    uri = (d / "d.txt").as_uri()
    draft = "Hello,\nTHIS IS RIDICULOUS!!! Where is my shipment FBA15ABCDE12?\nThanks\n"
    c = started(d)
    try:
        t0 = time.perf_counter()
        c.open(uri, "Fix it NOW!!\n" * 60_000)
        n = len(c.diagnostics(uri, version=1, timeout=600)["params"]["diagnostics"])
        row("L0", "open 60,000 'Fix it NOW!!' lines", f"{time.perf_counter() - t0:.1f} s to {n:,} diagnostics")
    except TimeoutError:
        row("L0", "open 60,000 'Fix it NOW!!' lines", "no diagnostics in 600 s")
    finally:
        c.close()
    with session(d, uri, draft) as c:
        t0 = time.perf_counter()
        c.proc.stdin.write(f"Content-Length: {1 << 40}\r\n\r\n".encode()
                           + b'{"jsonrpc": "2.0", "id": 777, "method": "textDocument/hover", "params": {}}')
        c.proc.stdin.flush()
        reply = c.response(777, timeout=120)
        row("L1", "Content-Length: 2^40", f"{time.perf_counter() - t0:.1f} s: error reply "
            f"{reply.get('error', {}).get('message', '')[:70]!r}; server alive: {c.proc.poll() is None}")
    with session(d, uri, draft) as c:
        t0 = time.perf_counter()
        answered = 0
        for pos in ({"line": -1, "character": 0}, {"line": 2 ** 40, "character": 2 ** 40}, {"line": 10_000, "character": 3}):
            rid = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
            answered += "result" in (m := c.response(rid, timeout=60)) or "error" in m
        rid = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {
            "start": {"line": -3, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}})
        answered += bool(c.response(rid, timeout=60))
        row("L2", "hover / codeAction with out-of-range positions", f"{time.perf_counter() - t0:.1f} s: {answered}/4 answered")
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]})
        shown = c.wait_for(lambda m: m.get("method") == "window/showMessage", timeout=60)
        row("L3", "incremental edit at a negative position",
            f"{time.perf_counter() - t0:.1f} s: showMessage {shown['params']['message'][:80]!r}")
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": draft * 900}]})
        c.diagnostics(uri, version=3, timeout=200)
        t0 = time.perf_counter()
        for version in range(4, 1004):
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]})
        c.diagnostics(uri, version=1003, timeout=600)
        row("L4", "1,000 quick changes to a 60 KB document", f"{time.perf_counter() - t0:.1f} s to the last version's diagnostics")
    c = started(d)
    c.notify("exit")
    row("L5", "`exit` without `shutdown`", f"exit code {c.proc.wait(timeout=60)}")
    c.close()


# --- messages ------------------------------------------------------------------------------------------


def messages(base: Path) -> None:
    d = fresh(base, "m")
    (d / "u16.txt").write_bytes("Hello, where is my shipment?\n".encode("utf-16-le"))
    (d / "loop1").symlink_to(d / "loop2")
    (d / "loop2").symlink_to(d / "loop1")
    (d / "ok.txt").write_text(OK)
    for rid, args, note in (("M1", ["u16.txt"], "UTF-16 draft (no BOM)"), ("M2", ["/dev/zero"], "/dev/zero as a draft"),
                            ("M3", ["loop1"], "symlink loop"), ("M4", ["--config", "/dev/zero", "ok.txt"], "--config /dev/zero")):
        row(rid, note, verdict(run(args, cwd=d, timeout=60)))
    d = fresh(base, "m5")
    (d / "caselint.toml").write_bytes(b"\xef\xbb\xbfselect = ['TN']\n")
    (d / "d.txt").write_text("You people are useless!!\n")
    r = run(["--format", "concise", "d.txt"], cwd=d)
    row("M5", "config with a UTF-8 BOM", verdict(r, "read (TN findings only)" if r and b"TN" in r.out and b"ID0" not in r.out else ""))
    d = fresh(base, "m6")
    (d / "d.txt").write_text("Hello \x1b[2J\x1b]0;pwned\x07 where is my shipment?!!\n")
    r = run(["d.txt"], cwd=d)
    row("M6", "terminal escape sequences in a draft, text format",
        verdict(r, "ESC in output" if b"\x1b" in r.out else "no ESC in output"))
    for text in ("[scoring.categories]\ntone = nan\n", "[rule-options.CL001]\nmax-words = -1\n"):
        d = fresh(base, f"m7-{len(ROWS)}")
        (d / "caselint.toml").write_text(text)
        (d / "d.txt").write_text(OK)
        row("M7", text.strip().replace("\n", " "), verdict(run(["d.txt"], cwd=d)))


GROUPS = {"H": hangs, "W": writes, "T": tracebacks, "O": others, "L": language_server, "M": messages}


def main(filters: list[str]) -> None:
    base = Path(tempfile.mkdtemp(prefix="caselint-attacks-"))
    try:
        print("| id | reproduction | now |\n|---|---|---|", flush=True)
        for key, group in GROUPS.items():
            if not filters or any(f.startswith(key) for f in filters):
                group(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
