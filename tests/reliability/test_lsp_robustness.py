"""The language server survives malformed JSON-RPC, unknown methods, huge documents and rapid
changes, and keeps answering (raw Content-Length framing over stdio)."""

from __future__ import annotations

import json

import pytest

from .lsp_client import Client

pytest.importorskip("pygls")

DRAFT = "Hello,\n\nMy shipment FBA15ABCDEF is missing 3 units. This is ridiculous!!!\n\nThanks,\nSam\n"


def _still_answers(lsp_client, uri):
    rid = lsp_client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 50}})
    reply = lsp_client.response(rid)
    assert "result" in reply or "error" in reply


def test_malformed_messages_and_unknown_methods(lsp_client, tmp_path):
    uri = (tmp_path / "draft.txt").as_uri()
    lsp_client.open(uri, DRAFT)
    assert lsp_client.diagnostics(uri)["params"]["diagnostics"]
    # Not JSON, JSON that is not JSON-RPC, wrong types, invalid UTF-8.
    for body in (b"{not json", b"[]", b"42", b'"x"', b"{}", b'{"jsonrpc": "2.0"}', b"\xff\xfe\x00garbage",
                 b'{"jsonrpc": "2.0", "id": 99, "method": 5}',
                 b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 3}}',
                 b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": null}',
                 b'{"jsonrpc": "2.0", "id": 100, "method": "textDocument/hover", "params": {"position": "x"}}'):
        lsp_client.send_raw(body)
    # Unknown request -> an error response (MethodNotFound), not silence or a crash.
    rid = lsp_client.request("caselint/noSuchMethod", {"x": 1})
    reply = lsp_client.response(rid)
    assert "error" in reply and reply["error"]["code"] == -32601
    lsp_client.notify("$/noSuchNotification", {"x": 1})
    lsp_client.notify("textDocument/didChange", {"textDocument": {"uri": "file:///never/opened.txt", "version": 2},
                                             "contentChanges": [{"text": "x"}]})
    lsp_client.notify("textDocument/didClose", {"textDocument": {"uri": "file:///never/opened.txt"}})
    _still_answers(lsp_client, uri)
    # Edits keep producing diagnostics for the right version.
    lsp_client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": DRAFT + "STUPID!!!\n"}]})
    assert lsp_client.diagnostics(uri, version=2)["params"]["diagnostics"]
    assert lsp_client.shutdown() == 0


def test_huge_documents_and_hostile_text(lsp_client, tmp_path):
    uri = (tmp_path / "huge.txt").as_uri()
    lsp_client.open(uri, "ridiculous " * 200_000)  # 2.2 MB: over the default max draft size
    other = (tmp_path / "odd.txt").as_uri()
    lsp_client.open(other, "\x00\u202e\ud83d\ude00 case" + " " * 50_000 + "x\r\n\r" + "a" * 100_000)
    lsp_client.diagnostics(other, timeout=120)
    _still_answers(lsp_client, other)
    assert lsp_client.shutdown() == 0


@pytest.mark.slow
def test_rapid_changes_get_diagnostics_for_the_last_version(lsp_client, tmp_path):
    uri = (tmp_path / "fast.txt").as_uri()
    lsp_client.open(uri, DRAFT)
    text = DRAFT
    for version in range(2, 202):
        text += "!" if version % 2 else " ridiculous"
        lsp_client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text}]})
    last = lsp_client.diagnostics(uri, version=201, timeout=120)
    assert last["params"]["diagnostics"]
    _still_answers(lsp_client, uri)
    assert lsp_client.shutdown() == 0


def test_wrong_content_length_then_eof_ends_cleanly(tmp_path):
    c = Client(tmp_path)
    try:
        c.initialize(tmp_path.as_uri())
        c.send_raw(b'{"jsonrpc": "2.0", "method": "initialized", "params": {}}', length=5)  # too short
        c.proc.stdin.write(b"Content-Length: banana\r\n\r\n")
        c.proc.stdin.flush()
        c.proc.stdin.close()  # the client died: the server must exit, not spin or hang
        assert c.proc.wait(timeout=60) == 0  # (pygls logs the unparsable frame to stderr and goes on)
    finally:
        c.close()
