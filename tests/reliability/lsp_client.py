"""A minimal LSP client over stdio with raw Content-Length framing, for robustness tests."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time


class Client:
    def __init__(self, cwd, env=None):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "caselint", "server", "--stdio"], cwd=cwd, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.next_id = 1

    def _drain_stderr(self):
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):
            self.stderr += chunk

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers.get("content-length", "0")))
            try:
                self.messages.put(json.loads(body))
            except ValueError:
                self.messages.put({"unparsable": body.decode("utf-8", "replace")})

    def send_raw(self, body: bytes, length: int | None = None):
        header = f"Content-Length: {len(body) if length is None else length}\r\n\r\n".encode("ascii")
        self.proc.stdin.write(header + body)
        self.proc.stdin.flush()

    def send(self, message: dict):
        self.send_raw(json.dumps(message).encode("utf-8"))

    def notify(self, method: str, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params if params is not None else {}})

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}})

    def request(self, method: str, params=None) -> int:
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params if params is not None else {}})
        return rid

    def wait_for(self, predicate, timeout=60.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching message in {timeout} s; server stderr: {self.stderr[-3000:]!r}")
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if predicate(msg):
                return msg

    def response(self, rid: int, timeout=60.0) -> dict:
        return self.wait_for(lambda m: m.get("id") == rid and ("result" in m or "error" in m), timeout)

    def diagnostics(self, uri: str, version=None, timeout=60.0) -> dict:
        return self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            and (version is None or m["params"].get("version") == version), timeout)

    def initialize(self, root_uri: str) -> dict:
        rid = self.request("initialize", {"processId": os.getpid(), "rootUri": root_uri, "capabilities": {}})
        result = self.response(rid, timeout=120)
        self.notify("initialized")
        return result

    def shutdown(self, timeout=30.0) -> int:
        rid = self.request("shutdown")
        self.response(rid)
        self.notify("exit")
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.close()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
