"""`caselint server`, driven as a subprocess by pygls's LanguageClient over real stdio.

Assertions lean on mechanical rules only (TN008 '!!!', ID008 '[ASIN]', TN007 ALL CAPS) so that
tuning the rest of the catalogue does not break them. Waits have a generous hang guard, never a
timing assertion.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from lsprotocol import types as t
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from caselint.config import settings_for
from caselint.fixes import fix_once
from caselint.lsp.positions import LineIndex
from caselint.model import Applicability, Edit, Finding, Fix, Severity, Span
from caselint.rules.registry import get_rule

from caselint.api import rewrite_text

HANG_GUARD = 120  # seconds; only so a broken server fails the test instead of hanging it

# An emoji (2 UTF-16 units, 4 UTF-8 bytes) and CJK (1 UTF-16 unit, 3 UTF-8 bytes each) before the findings.
DRAFT = (
    "Hello team 😀 我们的货 (ASIN [ASIN]) is missing!!! Please check.\n"
    "THIS IS WRONG AGAIN.\n"
    "Thank you,\nMei\n"
)


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in code units, computed independently of the server's code."""
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text)


def lsp_range(text: str, start: int, end: int, encoding: str = "utf-16") -> t.Range:
    def pos(offset: int) -> t.Position:
        before = text[:offset]
        line = before.count("\n")
        col = units(before[before.rfind("\n") + 1:], encoding)
        return t.Position(line=line, character=col)

    return t.Range(start=pos(start), end=pos(end))


def offset_of(text: str, pos: t.Position, encoding: str = "utf-16") -> int:
    """Client-side position -> str index (LF-only texts), for applying edits like an editor does."""
    lines = text.split("\n")
    base = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    for i in range(len(line) + 1):
        if units(line[:i], encoding) >= pos.character:
            return base + i
    return base + len(line)


def apply_edits(text: str, edit: t.WorkspaceEdit, uri: str, encoding: str = "utf-16") -> str:
    if edit.document_changes:
        edits = [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]
    else:
        edits = list((edit.changes or {}).get(uri, []))
    spans = [(offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text)
             for e in edits]
    for a, b, new in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:a] + new + text[b:]
    return text


class Session:
    """A LanguageClient connected to a fresh `caselint server` process."""

    def __init__(self) -> None:
        self.client = LanguageClient("caselint-tests", "1")
        self.diagnostics: asyncio.Queue[t.PublishDiagnosticsParams] = asyncio.Queue()
        self.messages: asyncio.Queue[t.ShowMessageParams] = asyncio.Queue()

        @self.client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: t.PublishDiagnosticsParams) -> None:
            self.diagnostics.put_nowait(params)

        @self.client.feature(t.WINDOW_SHOW_MESSAGE)
        def _show(params: t.ShowMessageParams) -> None:
            print("window/showMessage:", params.message)  # shown by pytest when a test fails
            self.messages.put_nowait(params)

        @self.client.feature(t.WINDOW_LOG_MESSAGE)
        def _log(params: t.LogMessageParams) -> None:
            pass

    async def start(self, cwd: Path, capabilities: t.ClientCapabilities) -> t.InitializeResult:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        await self.client.start_io(sys.executable, "-m", "caselint", "server", cwd=str(cwd), env=env)
        result = await asyncio.wait_for(
            self.client.initialize_async(
                t.InitializeParams(
                    process_id=os.getpid(),
                    root_uri=from_fs_path(str(cwd)),
                    capabilities=capabilities,
                )
            ),
            HANG_GUARD,
        )
        self.client.initialized(t.InitializedParams())
        return result

    async def diagnostics_for(self, uri: str, version: int | None) -> list[t.Diagnostic]:
        """The next diagnostics published for ``uri`` with ``version`` (earlier ones are skipped)."""
        while True:
            params = await asyncio.wait_for(self.diagnostics.get(), HANG_GUARD)
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)

    async def next_message(self) -> t.ShowMessageParams:
        return await asyncio.wait_for(self.messages.get(), HANG_GUARD)

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.client.text_document_did_open(
            t.DidOpenTextDocumentParams(
                text_document=t.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)
            )
        )

    async def stop(self) -> int | None:
        await asyncio.wait_for(self.client.shutdown_async(None), HANG_GUARD)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), HANG_GUARD)
        return self.client._server.returncode if self.client._server else None


def capabilities(encodings: list[str] | None = None, resolve: bool = False) -> t.ClientCapabilities:
    return t.ClientCapabilities(
        general=t.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=t.WorkspaceClientCapabilities(
            workspace_edit=t.WorkspaceEditClientCapabilities(document_changes=True)
        ),
        text_document=t.TextDocumentClientCapabilities(
            hover=t.HoverClientCapabilities(content_format=[t.MarkupKind.Markdown]),
            code_action=t.CodeActionClientCapabilities(
                resolve_support=t.ClientCodeActionResolveOptions(properties=["edit"]) if resolve else None
            ),
            publish_diagnostics=t.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
    )


def by_code(diagnostics: list[t.Diagnostic], code: str) -> list[t.Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def run(coro):
    return asyncio.run(coro)


# -- the whole editing session -------------------------------------------------------------------


def test_editing_session_utf16(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    uri = from_fs_path(str(draft))

    async def scenario() -> None:
        s = Session()
        init = await s.start(tmp_path, capabilities(resolve=True))
        caps = init.capabilities
        assert caps.position_encoding in (None, t.PositionEncodingKind.Utf16)
        assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
        assert caps.text_document_sync.open_close
        assert caps.text_document_sync.save
        assert "source.fixAll.caselint" in caps.code_action_provider.code_action_kinds
        assert caps.hover_provider

        # didOpen -> diagnostics for version 1, UTF-16 columns after the emoji and the CJK text.
        s.open(uri, DRAFT, 1)
        diags = await s.diagnostics_for(uri, 1)
        (bang,) = by_code(diags, "TN008")
        start = DRAFT.index("!!!")
        assert bang.range == lsp_range(DRAFT, start, start + 3)
        assert bang.range.start.character == DRAFT.index("!!!") + 1  # the emoji is two UTF-16 units
        assert bang.severity == t.DiagnosticSeverity.Information  # '!!!' in a calm draft is cosmetic
        assert bang.source == "caselint"
        assert bang.code_description.href == "https://caselint.invalid/rules/TN008"
        (placeholder,) = by_code(diags, "ID008")
        p = DRAFT.index("[ASIN]")
        assert placeholder.range == lsp_range(DRAFT, p, p + len("[ASIN]"))
        assert placeholder.severity == t.DiagnosticSeverity.Error
        caps_diags = by_code(diags, "TN007")
        assert caps_diags and all(d.range.start.line == 1 for d in caps_diags)

        # Hover over the finding: the rule's summary and explanation.
        hover = await asyncio.wait_for(
            s.client.text_document_hover_async(
                t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=bang.range.start)
            ),
            HANG_GUARD,
        )
        assert hover is not None and "TN008" in hover.contents.value
        assert get_rule("TN008").summary in hover.contents.value
        assert get_rule("TN008").explanation in hover.contents.value
        assert hover.range == bang.range
        nothing = await s.client.text_document_hover_async(
            t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=0, character=1))
        )
        assert nothing is None

        # Code actions at the '!!!': a quick fix carrying the finding's edit; apply it.
        actions = await asyncio.wait_for(
            s.client.text_document_code_action_async(
                t.CodeActionParams(
                    text_document=t.TextDocumentIdentifier(uri=uri),
                    range=bang.range,
                    context=t.CodeActionContext(diagnostics=[bang]),
                )
            ),
            HANG_GUARD,
        )
        quick = [a for a in actions if a.kind == t.CodeActionKind.QuickFix and "TN008" in a.title]
        assert len(quick) == 1
        assert quick[0].diagnostics[0].code == "TN008"
        edit = quick[0].edit
        assert edit.document_changes[0].text_document.version == 1
        text2 = apply_edits(DRAFT, edit, uri)
        assert "!!!" not in text2
        assert text2.startswith(DRAFT[:start]) and text2.endswith(DRAFT[start + 3:])

        # Send the edit back as an incremental change: fresh diagnostics for version 2.
        s.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[
                    t.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                    for e in edit.document_changes[0].edits
                ],
            )
        )
        diags = await s.diagnostics_for(uri, 2)
        assert not by_code(diags, "TN008")
        (placeholder,) = by_code(diags, "ID008")
        p = text2.index("[ASIN]")
        assert placeholder.range == lsp_range(text2, p, p + len("[ASIN]"))

        # A whole-document change (clients may send one even with incremental sync).
        text3 = text2 + "Where are they???\n"
        s.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=3),
                content_changes=[t.TextDocumentContentChangeWholeDocument(text=text3)],
            )
        )
        diags = await s.diagnostics_for(uri, 3)
        (qq,) = by_code(diags, "TN008")
        q = text3.index("???")
        assert qq.range == lsp_range(text3, q, q + 3)

        # "Fix all safe" as source.fixAll.caselint, its edit filled in by codeAction/resolve.
        actions = await s.client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)),
                context=t.CodeActionContext(diagnostics=[], only=[t.CodeActionKind.SourceFixAll]),
            )
        )
        assert [a.kind for a in actions] == ["source.fixAll.caselint"]
        resolved = await s.client.code_action_resolve_async(actions[0])
        fixed = apply_edits(text3, resolved.edit, uri)
        assert "???" not in fixed and "WRONG" in fixed  # sentence case is unsafe: "fix all safe" keeps the words
        assert "[ASIN]" in fixed  # display-only: never applied by "fix all"

        # "Rewrite draft": the `caselint rewrite` text.
        actions = await s.client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)),
                context=t.CodeActionContext(diagnostics=[], only=[t.CodeActionKind.Source]),
            )
        )
        kinds = sorted(a.kind for a in actions)
        assert kinds == ["source.fixAll.caselint", "source.rewrite.caselint"]
        action = next(a for a in actions if a.kind == "source.rewrite.caselint")
        resolved = await s.client.code_action_resolve_async(action)
        expected = rewrite_text(text3, str(draft), settings=settings_for(str(draft))).text
        assert apply_edits(text3, resolved.edit, uri) == expected

        # Save -> diagnostics again, for the current version; close -> cleared.
        s.client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=uri)))
        assert by_code(await s.diagnostics_for(uri, 3), "TN008")
        s.client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=uri)))
        assert await s.diagnostics_for(uri, None) == []

        assert await s.stop() == 0

    run(scenario())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
def test_negotiated_position_encoding(tmp_path: Path, encoding: str) -> None:
    uri = from_fs_path(str(tmp_path / "draft.txt"))

    async def scenario() -> None:
        s = Session()
        init = await s.start(tmp_path, capabilities([encoding, "utf-16"], resolve=False))
        assert init.capabilities.position_encoding == encoding
        s.open(uri, DRAFT)
        diags = await s.diagnostics_for(uri, 1)
        (bang,) = by_code(diags, "TN008")
        start = DRAFT.index("!!!")
        assert bang.range == lsp_range(DRAFT, start, start + 3, encoding)

        # Without resolve support the fix-all edit comes with the action; applying it in this
        # encoding gives the same text as in UTF-16.
        actions = await s.client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                range=bang.range,
                context=t.CodeActionContext(diagnostics=[bang]),
            )
        )
        fix_all = [a for a in actions if a.kind == "source.fixAll.caselint"]
        assert len(fix_all) == 1 and fix_all[0].edit is not None
        fixed = apply_edits(DRAFT, fix_all[0].edit, uri, encoding)
        assert "!!!" not in fixed and "WRONG" in fixed and fixed.startswith("Hello team 😀 我们的货")

        # An incremental change with a range in this encoding lands where it should.
        s.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[t.TextDocumentContentChangePartial(range=bang.range, text=".")],
            )
        )
        diags = await s.diagnostics_for(uri, 2)
        assert not by_code(diags, "TN008")
        text2 = DRAFT.replace("!!!", ".")
        (placeholder,) = by_code(diags, "ID008")
        p = text2.index("[ASIN]")
        assert placeholder.range == lsp_range(text2, p, p + 6, encoding)
        assert await s.stop() == 0

    run(scenario())


def test_broken_config_and_lexicon_are_messages_not_crashes(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".caselint.toml").write_text("select = [\n", encoding="utf-8")
    badlex = tmp_path / "badlex"
    badlex.mkdir()
    (badlex / ".caselint.toml").write_text('extra-lexicons = ["mine.toml"]\n', encoding="utf-8")
    (badlex / "mine.toml").write_text("[meta\n", encoding="utf-8")
    good = tmp_path / "good"
    good.mkdir()
    draft = "Where is my money!!!\n"
    broken_uri = from_fs_path(str(broken / "draft.txt"))
    badlex_uri = from_fs_path(str(badlex / "draft.txt"))
    good_uri = from_fs_path(str(good / "draft.txt"))

    async def scenario() -> None:
        s = Session()
        await s.start(tmp_path, capabilities())

        s.open(broken_uri, draft)
        message = await s.next_message()
        assert message.type == t.MessageType.Error
        assert ".caselint.toml" in message.message and "invalid TOML" in message.message
        assert await s.diagnostics_for(broken_uri, 1) == []

        # The same problem again (typing) is not shown again; the server keeps answering.
        s.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=broken_uri, version=2),
                content_changes=[t.TextDocumentContentChangeWholeDocument(text=draft + "More!!!\n")],
            )
        )
        assert await s.diagnostics_for(broken_uri, 2) == []
        hover = await s.client.text_document_hover_async(
            t.HoverParams(text_document=t.TextDocumentIdentifier(uri=broken_uri), position=t.Position(line=0, character=18))
        )
        assert hover is None

        s.open(badlex_uri, draft)
        message = await s.next_message()
        assert "mine.toml" in message.message
        assert await s.diagnostics_for(badlex_uri, 1) == []
        assert s.messages.empty()  # the broken config was shown once, not once per change

        s.open(good_uri, draft)
        assert by_code(await s.diagnostics_for(good_uri, 1), "TN008")

        # Repair the config and save: the draft is linted again with it.
        (broken / ".caselint.toml").write_text('ignore = ["TN007"]\n', encoding="utf-8")
        s.client.text_document_did_save(
            t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=broken_uri))
        )
        assert len(by_code(await s.diagnostics_for(broken_uri, 2), "TN008")) == 2
        assert await s.stop() == 0

    run(scenario())


@pytest.mark.slow
def test_any_text_is_survivable(tmp_path: Path) -> None:
    """Separators Python treats as line breaks but LSP does not, lone CRs, NULs, a lone surrogate, empty."""
    uri = from_fs_path(str(tmp_path / "odd.txt"))
    odd = "Intro\u2028still line 0\x0c\x0b\x85 \x00\rSecond line\r\nA\ud800B!!! [ASIN]\n"

    async def scenario() -> None:
        s = Session()
        await s.start(tmp_path, capabilities())
        s.open(uri, odd)
        diags = await s.diagnostics_for(uri, 1)
        (bang,) = by_code(diags, "TN008")
        assert bang.range.start == t.Position(line=2, character=3)

        # Edit on LSP line 2 (Python's splitlines would call it line 6).
        s.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[t.TextDocumentContentChangePartial(range=bang.range, text="?")],
            )
        )
        diags = await s.diagnostics_for(uri, 2)
        assert not by_code(diags, "TN008")
        (placeholder,) = by_code(diags, "ID008")
        assert placeholder.range.start == t.Position(line=2, character=5)

        for version, text in enumerate(["", "\r\r\n\n", "😀" * 5000, "!!!" * 3000, "[" * 2000 + "ASIN"], start=3):
            s.client.text_document_did_change(
                t.DidChangeTextDocumentParams(
                    text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
            await s.diagnostics_for(uri, version)
        # A change whose range is far outside the document is clamped, not fatal.
        s.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=20),
                content_changes=[t.TextDocumentContentChangePartial(
                    range=t.Range(start=t.Position(line=99, character=5), end=t.Position(line=120, character=0)),
                    text=" Why!!!",
                )],
            )
        )
        assert by_code(await s.diagnostics_for(uri, 20), "TN008")

        # A buffer never saved (no file behind it) uses the workspace root's config.
        s.open("untitled:Untitled-1", "Why!!!")
        assert by_code(await s.diagnostics_for("untitled:Untitled-1", 1), "TN008")
        assert await s.stop() == 0

    run(scenario())


# -- pure helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_line_index_round_trips(encoding: str) -> None:
    text = "a😀b\r\nc\u2028d我\re\n\n"
    index = LineIndex(text, encoding)
    assert index.starts == [0, 5, 10, 12, 13]
    for offset in range(len(text) + 1):
        line, col = index.position(offset)
        if text[offset - 1: offset + 1] != "\r\n":  # never a position between CR and LF
            assert index.offset(line, col) == offset
            assert col == units(text[index.starts[line]:offset], encoding)
    assert index.offset(1, 999) == 9 and index.offset(99, 0) == len(text)


def _finding(start: int, end: int, replacement: str, applicability: Applicability) -> Finding:
    fix = Fix("fix", (Edit(Span(start, end), replacement),), applicability)
    return Finding("TN008", "x", "tone", Severity.WARNING, "m", Span(start, end), 1, 1, 1, 1, fix=fix)


def test_fallback_safe_fix_pass_skips_overlaps_and_unsafe() -> None:
    text = "AAA bbb!!! ccc"
    findings = (
        _finding(0, 3, "aaa", Applicability.SAFE),
        _finding(1, 2, "X", Applicability.SAFE),  # overlaps the first: skipped
        _finding(7, 10, ".", Applicability.SAFE),
        _finding(11, 14, "CCC", Applicability.UNSAFE),
        _finding(14, 14, " [x]", Applicability.DISPLAY_ONLY),
    )
    assert fix_once(text, findings) == "aaa bbb. ccc"
    assert fix_once(text, findings, unsafe=True) == "aaa bbb. CCC"
