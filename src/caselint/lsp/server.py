"""`caselint server`: the Language Server Protocol over stdio (pygls 2.x).

One process serves every open draft, so the spaCy pipeline and the compiled lexicons (cached per
process in :mod:`caselint.runner`) load once. Each open document is linted synchronously on open,
change and save. Changes are debounced (DEBOUNCE): a burst of changes is linted once, for its last
version; a request (hover, code action) on a changed document lints it at once.

Design notes:

* Documents are kept here, not in pygls's workspace, with LSP line semantics (see
  :mod:`caselint.lsp.positions`); positions are converted in the negotiated position encoding.
* Settings come from :func:`caselint.config.settings_for` for the document's folder, as on the
  command line. The config cache is dropped on open, on save and when the client reports a changed
  ``*.toml`` (watched files), so config edits apply without restarting the server.
* A broken config or lexicon becomes one ``window/showMessage`` (per distinct message, not per
  keystroke) plus a log line, and the document gets no diagnostics. Any other exception is logged
  with its traceback; the server keeps serving.
* ``codeDescription.href`` is ``https://caselint.invalid/rules/CODE``: a stable placeholder (the
  ``.invalid`` TLD never resolves) until rule docs are hosted; the explanation itself is in the hover,
  and ``caselint rule CODE`` prints it.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path, uri_scheme

from caselint import __version__
from caselint.api import clear_caches, resolve_settings
from caselint.config import Settings
from caselint.errors import CaselintError
from caselint.lsp import fixing
from caselint.lsp.positions import UTF16, LineIndex, apply_change
from caselint.model import Applicability, Finding, Report, Severity

log = logging.getLogger("caselint.lsp")

SOURCE = "caselint"
FIX_ALL_KIND = "source.fixAll.caselint"
REWRITE_KIND = "source.rewrite.caselint"
RULE_URL = "https://caselint.invalid/rules/{code}"
CONFIG_GLOB = "**/*.toml"
DEBOUNCE = 0.1  # seconds without a change before a changed document is linted

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_APPLICABILITY_NOTE = {
    Applicability.SAFE: "",
    Applicability.UNSAFE: " [unsafe: check the wording]",
    Applicability.DISPLAY_ONLY: " [display only: fill in the placeholder]",
}


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: int | None
    path: str | None  # filesystem path for file: URIs
    # The last lint: the text and version it saw, its report (None when linting failed) and index.
    linted_text: str | None = None
    linted_version: int | None = None
    settings: Settings | None = None
    report: Report | None = None
    index: LineIndex | None = None
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    desynced: bool = False  # an edit could not be applied: wait for the whole text again

    @property
    def lint_path(self) -> str:
        return self.path or "<string>"

    @property
    def fresh(self) -> bool:
        return self.linted_text is self.text and self.linted_version == self.version


def _lint(text: str, path: str, settings: Settings) -> Report:
    """``api.lint_text`` with resolved settings (a broken lexicon raises a CaselintError).

    JSON lets a client send lone surrogates; the report (messages, fixes) is made for the text with
    each one replaced by U+FFFD, the same length, so every offset stays valid for the editor's text."""
    from caselint.api import lint_text
    from caselint.runner import without_surrogates

    return lint_text(without_surrogates(text), path, settings=settings)


class CaselintProtocol(LanguageServerProtocol):
    """pygls's protocol, except that open/change/close are handled by the server's own document store.

    pygls's built-in handlers would also keep a copy (split with ``str.splitlines``) and run as
    generators whose bookkeeping futures are never released; plain methods avoid both.
    """

    _server: "CaselintServer"

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self._server.did_open(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        self._server.did_change(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        self._server.did_close(params)

    def structure_message(self, data):
        """pygls's, except that a message whose params do not fit the protocol (a negative or
        out-of-range position) still gets an answer: an error reply for a request, and for a broken
        didChange a report and a document marked out of sync (never silently stale)."""
        try:
            return super().structure_message(data)
        except Exception as exc:  # JsonRpcInvalidParams / JsonRpcInternalError from pygls
            if not isinstance(data, dict):
                raise
            method = data.get("method")
            if "id" in data and method:
                from pygls.exceptions import JsonRpcInvalidParams

                error = exc if hasattr(exc, "to_response_error") else JsonRpcInvalidParams()
                self._send_response(data["id"], None, error.to_response_error())
            elif method == types.TEXT_DOCUMENT_DID_CHANGE:
                self._server.change_failed(data.get("params"))
            return _IGNORED

    exit_received = False

    def handle_message(self, message):
        if message is _IGNORED:
            return None
        if getattr(message, "method", None) == types.EXIT:
            self.exit_received = True
        return super().handle_message(message)


class _Ignored:
    jsonrpc = "ignored"


_IGNORED = _Ignored()


class CaselintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "caselint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=CaselintProtocol,
        )
        self.documents: dict[str, OpenDocument] = {}
        # Messages currently shown (message -> URIs it applies to): shown once, again only after it cleared.
        self._problems: dict[str, set[str]] = {}
        self._rule_docs: dict[str, str] = {}
        self._pending: dict[str, Any] = {}  # uri -> the scheduled (debounced) lint

    # -- capabilities and settings -------------------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            enc = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        return str(getattr(enc, "value", enc) or UTF16)

    def _client_cap(self, *names: str) -> Any:
        value: Any = self.protocol.client_capabilities
        for name in names:
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    def _settings(self, doc: OpenDocument) -> Settings:
        if doc.path is not None:
            return resolve_settings(doc.path)
        try:
            root = self.workspace.root_path
        except RuntimeError:
            root = None
        return resolve_settings(root)

    # -- problems shown to the user --------------------------------------------------------------

    def _problem(self, uri: str, message: str, kind: types.MessageType) -> None:
        if uri in self._problems.get(message, ()):
            return  # still the same problem: shown already
        self._clear_problem(uri)
        uris = self._problems.setdefault(message, set())
        first = not uris
        uris.add(uri)
        if first:
            log.warning("%s", message)
            self.window_log_message(types.LogMessageParams(type=kind, message=f"caselint: {message}"))
            self.window_show_message(types.ShowMessageParams(type=kind, message=f"caselint: {message}"))

    def _clear_problem(self, uri: str) -> None:
        for message in [m for m, uris in self._problems.items() if uri in uris]:
            self._problems[message].discard(uri)
            if not self._problems[message]:
                del self._problems[message]

    # -- linting ---------------------------------------------------------------------------------

    def lint(self, doc: OpenDocument) -> None:
        """Lint ``doc`` as it is now and remember the result; never raises."""
        text, version = doc.text, doc.version
        doc.linted_text, doc.linted_version = text, version
        doc.report, doc.index, doc.settings = None, None, None
        try:
            settings = self._settings(doc)
            doc.settings = settings
            if len(text) > settings.max_draft_size // 4 and len(text.encode("utf-8", "surrogatepass")) > settings.max_draft_size:
                self._problem(doc.uri, f"{doc.lint_path}: draft is over max-draft-size "
                              f"({settings.max_draft_size:,} bytes); not linted", types.MessageType.Warning)
            else:
                doc.report = _lint(text, doc.lint_path, settings)
                self._clear_problem(doc.uri)
        except CaselintError as exc:
            self._problem(doc.uri, str(exc), types.MessageType.Error)
        except Exception as exc:
            log.exception("linting %s failed", doc.uri)
            self._problem(doc.uri, f"internal error while linting {doc.lint_path}: {exc!r} "
                          "(see the language server log)", types.MessageType.Error)
        doc.index = LineIndex(text, self.encoding)

    def lint_and_publish(self, doc: OpenDocument) -> None:
        self.lint(doc)
        try:
            doc.diagnostics = self._diagnostics(doc)
        except Exception:
            log.exception("building diagnostics for %s failed", doc.uri)
            doc.diagnostics = []
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=doc.diagnostics, version=doc.version)
        )

    def _ensure_fresh(self, doc: OpenDocument) -> None:
        if doc.desynced:
            return
        if not doc.fresh or doc.index is None:
            self.lint_and_publish(doc)

    def _range(self, index: LineIndex, start: int, end: int) -> types.Range:
        sl, sc = index.position(start)
        el, ec = index.position(end)
        return types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec))

    def _diagnostic(self, index: LineIndex, finding: Finding) -> types.Diagnostic:
        message = finding.message
        if finding.suggestion:
            message += f"\nSuggestion: {finding.suggestion}"
        return types.Diagnostic(
            range=self._range(index, finding.span.start, finding.span.end),
            message=message,
            severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
            code=finding.code,
            code_description=types.CodeDescription(href=RULE_URL.format(code=finding.code)),
            source=SOURCE,
            data={"name": finding.name, "fixable": finding.fix is not None},
        )

    def _diagnostics(self, doc: OpenDocument) -> list[types.Diagnostic]:
        if doc.report is None or doc.index is None:
            return []
        return [self._diagnostic(doc.index, f) for f in doc.report.findings]

    # -- document synchronisation ----------------------------------------------------------------

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        path = None
        if uri_scheme(item.uri) == "file":
            try:
                path = to_fs_path(item.uri)
            except Exception:
                path = None
        doc = OpenDocument(uri=item.uri, text=item.text, version=item.version, path=path)
        self.documents[item.uri] = doc
        clear_caches(lexicons=False)  # a config edited since the last open applies now
        self.lint_and_publish(doc)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return
        text = doc.text
        if doc.desynced and not any(isinstance(c, types.TextDocumentContentChangeWholeDocument)
                                    for c in params.content_changes):
            doc.version = params.text_document.version
            return  # out of sync: only a whole text (or a save with text, or reopening) brings it back
        try:
            for change in params.content_changes:
                if isinstance(change, types.TextDocumentContentChangeWholeDocument):
                    doc.desynced = False
                if isinstance(change, types.TextDocumentContentChangePartial):
                    r = change.range
                    text = apply_change(text, (r.start.line, r.start.character), (r.end.line, r.end.character),
                                        change.text, self.encoding)
                else:
                    text = change.text
        except Exception:
            log.exception("cannot apply a change to %s", doc.uri)
        doc.text, doc.version = text, params.text_document.version
        self._schedule_lint(doc)

    def change_failed(self, params: Any) -> None:
        """A didChange that could not be read: the copy of the document can no longer be trusted. Say so,
        clear its diagnostics, and take it back from the next full-text change, save with text or open."""
        uri = None
        if isinstance(params, dict) and isinstance(params.get("textDocument"), dict):
            uri = params["textDocument"].get("uri")
        doc = self.documents.get(uri) if isinstance(uri, str) else None
        if doc is None:
            log.warning("an unreadable didChange (for %r) was dropped", uri)
            return
        doc.desynced = True
        log.error("an edit to %s could not be applied (invalid range); its copy is out of sync", uri)
        self._problem(uri, f"{doc.lint_path}: an edit could not be applied (invalid range); diagnostics are "
                      "paused until the document is saved or reopened", types.MessageType.Warning)
        doc.diagnostics = []
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _schedule_lint(self, doc: OpenDocument) -> None:
        """Lint after the changes stop for DEBOUNCE seconds (1,000 quick changes: one lint, not 1,000).
        Requests (hover, code actions) lint at once when the document changed since its last lint."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside the server's loop (tests): lint now
            self.lint_and_publish(doc)
            return
        pending = self._pending.pop(doc.uri, None)
        if pending is not None:
            pending.cancel()

        def run() -> None:
            self._pending.pop(doc.uri, None)
            if self.documents.get(doc.uri) is doc and not doc.fresh:
                self.lint_and_publish(doc)

        self._pending[doc.uri] = loop.call_later(DEBOUNCE, run)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return
        if params.text is not None:
            doc.text = params.text
            doc.desynced = False
        if doc.desynced:
            return
        clear_caches(lexicons=False)
        self.lint_and_publish(doc)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self.documents.pop(uri, None)
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._clear_problem(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def config_changed(self) -> None:
        """A config or lexicon file changed: reload both and re-lint every open draft."""
        clear_caches()
        for doc in list(self.documents.values()):
            self.lint_and_publish(doc)

    # -- hover -----------------------------------------------------------------------------------

    def _rule_markdown(self, code: str) -> str:
        if code not in self._rule_docs:
            from caselint.rules.registry import get_rule

            rule = get_rule(code)
            if rule is None:
                self._rule_docs[code] = ""
            else:
                self._rule_docs[code] = (
                    f"{rule.summary}.\n\n**Why it matters.** {rule.explanation}\n\n"
                    f"Bad: _{rule.bad[0]}_  \nGood: _{rule.good[0]}_"
                )
        return self._rule_docs[code]

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return None
        self._ensure_fresh(doc)
        if doc.report is None or doc.index is None:
            return None
        offset = doc.index.offset(params.position.line, params.position.character)
        hits = [
            f for f in doc.report.findings
            if f.span.start <= offset < f.span.end or f.span.start == f.span.end == offset
        ]
        if not hits:
            return None
        markdown = self._markdown_supported()
        parts = []
        for f in hits:
            head = f"**{f.code}** `{f.name}` ({f.severity.label}): {f.message}" if markdown else \
                f"{f.code} {f.name} ({f.severity.label}): {f.message}"
            body = self._rule_markdown(f.code)
            if f.fix is not None:
                body += f"\n\nFix: {f.fix.title}{_APPLICABILITY_NOTE[f.fix.applicability]}"
            parts.append(head + ("\n\n" + body if body else ""))
        value = "\n\n---\n\n".join(parts) if markdown else "\n\n".join(parts).replace("**", "").replace("_", "")
        start = min(f.span.start for f in hits)
        end = max(f.span.end for f in hits)
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText, value=value
            ),
            range=self._range(doc.index, start, end),
        )

    def _markdown_supported(self) -> bool:
        formats = self._client_cap("text_document", "hover", "content_format")
        return formats is None or types.MarkupKind.Markdown in formats

    # -- code actions ----------------------------------------------------------------------------

    def _workspace_edit(self, doc: OpenDocument, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self._client_cap("workspace", "workspace_edit", "document_changes"):
            return types.WorkspaceEdit(document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
                    edits=edits,
                )
            ])
        return types.WorkspaceEdit(changes={doc.uri: edits})

    def _replace_all(self, doc: OpenDocument, new_text: str) -> list[types.TextEdit]:
        """One edit covering only what changed between the document and ``new_text``."""
        old = doc.text
        index = doc.index if doc.index is not None and doc.index.text is old else LineIndex(old, self.encoding)
        limit = min(len(old), len(new_text))
        p = 0
        while p < limit and old[p] == new_text[p]:
            p += 1
        s = 0
        while s < limit - p and old[len(old) - 1 - s] == new_text[len(new_text) - 1 - s]:
            s += 1
        a, b = p, len(old) - s
        # Never split a CRLF: a position cannot point between '\r' and '\n'.
        if 0 < a < len(old) and old[a - 1] == "\r" and old[a] == "\n":
            a -= 1
        if 0 < b < len(old) and old[b - 1] == "\r" and old[b] == "\n":
            b += 1
        replacement = new_text[a: len(new_text) - (len(old) - b)]
        if a == b and not replacement:
            return []
        return [types.TextEdit(range=self._range(index, a, b), new_text=replacement)]

    def _quick_fix(self, doc: OpenDocument, finding: Finding, diagnostic: types.Diagnostic) -> types.CodeAction:
        assert finding.fix is not None and doc.index is not None
        fix = finding.fix
        edits = [
            types.TextEdit(range=self._range(doc.index, e.span.start, e.span.end), new_text=e.replacement)
            for e in fix.edits
        ]
        return types.CodeAction(
            title=f"caselint ({finding.code}): {fix.title}{_APPLICABILITY_NOTE[fix.applicability]}",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=self._workspace_edit(doc, edits),
            is_preferred=fix.applicability == Applicability.SAFE,
        )

    def _resolve_supported(self) -> bool:
        props = self._client_cap("text_document", "code_action", "resolve_support", "properties")
        return bool(props) and "edit" in props

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return None
        self._ensure_fresh(doc)
        if doc.report is None or doc.index is None:
            return []
        only = params.context.only if params.context else None

        def wanted(kind: str) -> bool:
            return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)

        actions: list[types.CodeAction] = []
        findings = doc.report.findings
        if wanted(types.CodeActionKind.QuickFix):
            r = params.range
            a = doc.index.offset(r.start.line, r.start.character)
            b = doc.index.offset(r.end.line, r.end.character)
            for finding, diagnostic in zip(findings, doc.diagnostics):
                s, e = finding.span.start, finding.span.end
                if finding.fix is not None and finding.fix.edits and s <= b and a <= e:
                    actions.append(self._quick_fix(doc, finding, diagnostic))
        floor = Applicability.UNSAFE if doc.settings is not None and doc.settings.unsafe_fixes else Applicability.SAFE
        if wanted(FIX_ALL_KIND) and any(f.fix is not None and f.fix.applicability >= floor for f in findings):
            title = "caselint: fix all safe problems" if floor == Applicability.SAFE else \
                "caselint: fix all problems (unsafe fixes enabled in config)"
            actions.append(self._source_action(doc, title, FIX_ALL_KIND, "fixAll"))
        if wanted(REWRITE_KIND):
            actions.append(self._source_action(doc, "caselint: rewrite draft", REWRITE_KIND, "rewrite"))
        return [a for a in actions if a is not None]

    def _source_action(self, doc: OpenDocument, title: str, kind: str, what: str) -> types.CodeAction | None:
        action = types.CodeAction(title=title, kind=kind, data={"uri": doc.uri, "action": what})
        if self._resolve_supported():
            return action  # the edit is computed by codeAction/resolve, only if the user picks it
        resolved = self.resolve_code_action(action)
        return resolved if resolved.edit is not None else None

    def resolve_code_action(self, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        doc = self.documents.get(data.get("uri", ""))
        if doc is None:
            return action
        self._ensure_fresh(doc)
        if doc.report is None or doc.settings is None:
            return action
        try:
            if data.get("action") == "fixAll":
                new_text, how = fixing.fix_all(doc.text, doc.lint_path, doc.settings, doc.report)
                log.info("fix all for %s by %s", doc.uri, how)
            elif data.get("action") == "rewrite":
                new_text = fixing.rewrite(doc.text, doc.lint_path, doc.settings)
            else:
                return action
        except Exception:
            log.exception("code action %s failed for %s", data.get("action"), doc.uri)
            return action
        if new_text is not None:
            action.edit = self._workspace_edit(doc, self._replace_all(doc, new_text))
        return action


def _register(server: CaselintServer) -> None:
    @server.feature(types.INITIALIZED)
    def initialized(ls: CaselintServer, params: types.InitializedParams) -> None:
        # Warm the spaCy pipeline and the built-in lexicons before the first draft arrives.
        try:
            _lint("Hello,\nplease check.\nThanks", "<warm-up>", Settings())
        except Exception:
            log.exception("warm-up failed")
        if ls._client_cap("workspace", "did_change_watched_files", "dynamic_registration"):
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=CONFIG_GLOB)]
            )
            ls.client_register_capability(types.RegistrationParams(registrations=[
                types.Registration(id="caselint-config-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   register_options=options)
            ]))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CaselintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.did_save(params)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CaselintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.config_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: CaselintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.config_changed()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CaselintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND, REWRITE_KIND],
            resolve_provider=True,
        ),
    )
    def code_action(ls: CaselintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return ls.code_actions(params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: CaselintServer, params: types.CodeAction) -> types.CodeAction:
        return ls.resolve_code_action(params)


def create_server() -> CaselintServer:
    server = CaselintServer()
    _register(server)
    return server


def start(log_level: str = "WARNING") -> None:
    """Serve over stdin/stdout until the client says exit (or closes the pipe)."""
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, log_level.upper(), logging.WARNING),
        format="caselint-lsp %(levelname)s %(name)s: %(message)s",
    )
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # stdout carries the protocol: anything else printed there (a stray print, a library warning)
    # would corrupt it, so from here on Python-level writes to stdout go to stderr.
    sys.stdout = sys.stderr
    server = create_server()
    server.start_io(BoundedReader(stdin), stdout)
    # The LSP spec: exit code 0 after shutdown then exit, 1 when exit comes without shutdown. (The end
    # of input, a client gone, is not an error of ours: 0.)
    protocol = server.protocol
    sys.exit(1 if getattr(protocol, "exit_received", False) and not getattr(protocol, "_shutdown", False) else 0)


MAX_MESSAGE_BYTES = 64 << 20  # a 1 MB draft is at most ~6 MB of JSON; a larger body is refused
MAX_HEADER_LINE = 8192
_MESSAGE_ID = re.compile(rb'"id"[ \t\r\n]{0,8}:[ \t\r\n]{0,8}(-?[0-9]{1,18}|"[^"\\]{0,200}")')


class BoundedReader:
    """stdin for pygls with bounded reads: a Content-Length larger than MAX_MESSAGE_BYTES (or than
    memory) is skipped in chunks instead of allocated; a request gets an error reply (its id is read
    from the start of the body), a notification is dropped with a log line. Header lines are bounded."""

    def __init__(self, raw):
        self.raw = raw
        self._skip = 0  # bytes of an oversized body still to discard (after its reply is sent)

    def _discard(self) -> None:
        while self._skip > 0:
            chunk = self.raw.read(min(self._skip, 1 << 20))
            if not chunk:
                self._skip = 0
                break
            self._skip -= len(chunk)

    def readline(self) -> bytes:
        self._discard()
        return self.raw.readline(MAX_HEADER_LINE)

    def read(self, n: int) -> bytes:
        self._discard()
        if n <= MAX_MESSAGE_BYTES:
            return self.raw.read(n)
        head = self._head(1 << 16)
        self._skip = max(0, n - len(head))  # discarded before the next read, so the reply goes out first
        log.error("a message of %d bytes is over the limit of %d; skipped", n, MAX_MESSAGE_BYTES)
        found = _MESSAGE_ID.search(head)
        if found and b'"method"' in head:  # a request: answered with an error (unknown method)
            return b'{"jsonrpc": "2.0", "id": %s, "method": "$/caselint/messageTooLarge"}' % found.group(1)
        return b'{"jsonrpc": "2.0", "method": "$/caselint/messageTooLarge"}'

    def _head(self, limit: int) -> bytes:
        """The start of an oversized body: what has arrived, until its id and method are seen (or
        ``limit`` bytes), so a request is answered at once, not when 64 KB more have come."""
        read = getattr(self.raw, "read1", self.raw.read)
        head = b""
        while len(head) < limit:
            chunk = read(limit - len(head))
            if not chunk:
                break
            head += chunk
            if b'"method"' in head and _MESSAGE_ID.search(head):
                break
        return head

    def __getattr__(self, name):
        return getattr(self.raw, name)
