"""Change-to-diagnostics latency of `caselint server` (a benchmark, not a test).

    .venv/bin/python bench/lsp_latency.py [--changes 200] [--sync incremental|full] [--server CMD...]

Starts the server as a subprocess (``python -m caselint server`` by default), connects pygls's
LanguageClient over stdio, opens a 300-word draft and then sends ``--changes`` edits one at a time,
like typing: a character typed into the middle of the draft, then deleted again. Each latency is
from sending ``didChange`` to receiving ``publishDiagnostics`` for that version. The first open is
reported separately (the server warms spaCy and the lexicons up on ``initialized``, so it includes
that wait).
Prints p50 / p95 / max in milliseconds. Target: p95 under 25 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

# 300 words, a realistic follow-up with something for most rule families to find.
DRAFT = """Hello,

I am writing again about my shipment FBA15ABC1234 because the problem is still not solved and I am
really fed up. On May 3 the carrier delivered 120 units of my product (ASIN B08XYZ1234, FNSKU
X001ABC123) to the warehouse, and the tracking shows it was signed for. But the shipment page says
only 96 units were received, so 24 units are missing!!! I opened case 1234567890 two weeks ago and
the answer was a copy paste that did not even read my message.

I have attached the proof of delivery, the packing list and the box content file. Every box was
weighed and labelled, and the carrier confirms the same weight at pickup and at delivery. This is
NOT MY MISTAKE and I need the missing units found or reimbursed now. My sales are dropping every
day because the listing shows low stock and I am losing the Buy Box to other sellers.

Please check the shipment again and tell me exactly what happened to the 24 units. If they were
received in another warehouse, please move them to the correct inventory. If they are lost, please
reimburse them at the current price. I also want to know why the earlier case was closed without a
real answer, because I replied twice and nobody answered me.

Could you please take ownership of this case and escalate it to the team that can check the
receiving records? I have been selling on Amazon for five years and I always follow the rules, so I
hope you understand how important this is for a small business like mine. Several orders are
already late, which hurts the customer experience too.

Thank you for your time and your help with this problem. I look forward to your reply.

Best regards,
Lin
Kimberly Home Goods
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def main(args: argparse.Namespace) -> None:
    words = len(DRAFT.split())
    client = LanguageClient("caselint-bench", "1")
    arrived: dict[int | None, float] = {}
    waiters: dict[int, asyncio.Future] = {}

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: t.PublishDiagnosticsParams) -> None:
        arrived[params.version] = time.perf_counter()
        fut = waiters.pop(params.version, None)
        if fut is not None and not fut.done():
            fut.set_result(len(params.diagnostics))

    @client.feature(t.WINDOW_SHOW_MESSAGE)
    def on_message(params: t.ShowMessageParams) -> None:
        print("server says:", params.message, file=sys.stderr)

    @client.feature(t.WINDOW_LOG_MESSAGE)
    def on_log(params: t.LogMessageParams) -> None:
        pass

    loop = asyncio.get_running_loop()

    async def wait_for(version: int) -> int:
        fut = loop.create_future()
        waiters[version] = fut
        return await asyncio.wait_for(fut, 120)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(DRAFT, encoding="utf-8")
        uri = from_fs_path(str(path))
        t0 = time.perf_counter()
        await client.start_io(*args.server, cwd=tmp)
        await client.initialize_async(t.InitializeParams(process_id=os.getpid(), capabilities=t.ClientCapabilities(),
                                                         root_uri=from_fs_path(tmp)))
        client.initialized(t.InitializedParams())
        started = time.perf_counter() - t0

        sent = time.perf_counter()
        waiting = wait_for(1)
        client.text_document_did_open(t.DidOpenTextDocumentParams(
            text_document=t.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=DRAFT)))
        count = await waiting
        first_open = (time.perf_counter() - sent) * 1000

        # Type one character in the middle of line 10, then delete it, and so on.
        line, col = 10, 20
        text = DRAFT
        latencies: list[float] = []
        for i in range(args.changes):
            version = i + 2
            if i % 2 == 0:
                change_range = t.Range(start=t.Position(line=line, character=col), end=t.Position(line=line, character=col))
                new = "x"
            else:
                change_range = t.Range(start=t.Position(line=line, character=col),
                                       end=t.Position(line=line, character=col + 1))
                new = ""
            lines = text.split("\n")
            lines[line] = lines[line][:col] + new + lines[line][col + (0 if i % 2 == 0 else 1):]
            text = "\n".join(lines)
            if args.sync == "full":
                change: t.TextDocumentContentChangeEvent = t.TextDocumentContentChangeWholeDocument(text=text)
            else:
                change = t.TextDocumentContentChangePartial(range=change_range, text=new)
            waiting = wait_for(version)
            sent = time.perf_counter()
            client.text_document_did_change(t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change]))
            await waiting
            latencies.append((arrived[version] - sent) * 1000)

        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    print(f"draft: {words} words, {len(DRAFT)} characters, {count} diagnostics")
    print(f"server start + initialize: {started * 1000:.0f} ms; first open -> diagnostics: {first_open:.1f} ms")
    print(f"{args.changes} {args.sync} changes, change -> diagnostics (ms): "
          f"p50 {percentile(latencies, 0.50):.1f}  p95 {percentile(latencies, 0.95):.1f}  "
          f"max {max(latencies):.1f}  mean {statistics.fmean(latencies):.1f}")
    verdict = "OK" if percentile(latencies, 0.95) < 25 else "OVER TARGET"
    print(f"target p95 < 25 ms: {verdict}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--sync", choices=("incremental", "full"), default="incremental")
    parser.add_argument("--server", nargs="+", default=[sys.executable, "-m", "caselint", "server"],
                        help="command that starts the server (default: this Python, -m caselint server)")
    asyncio.run(main(parser.parse_args()))
