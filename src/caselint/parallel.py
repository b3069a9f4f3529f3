"""``--jobs``: lint large batches in a pool of worker processes, streaming results in input order.

Drafts are read (and their settings resolved) in the main process, in input order, then sent in
chunks to the workers; each worker builds the spaCy pipeline and compiles the lexicons once (pool
initializer) and lints whole chunks through :func:`caselint.runner.lint_many`, exactly as a serial
run does, so results are identical. Only a bounded number of chunks is in flight, and results are
yielded chunk by chunk in input order, so memory does not grow with the number of files. FileErrors
travel inside their chunk and come out in place.
"""

from __future__ import annotations

import os
from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from caselint.model import FileError, Report

AUTO_MIN_FILES = 200  # below this, a pool costs more (start-up, a pipeline per worker) than it saves
AUTO_MAX_JOBS = 4
CHUNK_SIZE = 16
IN_FLIGHT_PER_JOB = 2


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - macOS / Windows
        return os.cpu_count() or 1


def auto_jobs() -> int:
    return max(1, min(cpu_count(), AUTO_MAX_JOBS))


def lint_items(items: Iterable, jobs: int | None) -> Iterator[Report | FileError]:
    """Lint ``(path, text, settings)`` triples / FileErrors like ``lint_many``, with ``jobs`` processes.

    ``jobs=None`` (or 0) chooses automatically: serial for fewer than AUTO_MIN_FILES drafts, else
    min(CPU count, AUTO_MAX_JOBS). ``jobs=1`` is the plain serial path.
    """
    from caselint.runner import lint_many

    it = iter(items)
    if jobs is None or jobs <= 0:
        head = list(islice(it, AUTO_MIN_FILES))
        if len(head) < AUTO_MIN_FILES:
            yield from lint_many(head)
            return
        jobs = auto_jobs()
        it = _chain(head, it)
    if jobs <= 1:
        yield from lint_many(it)
        return
    yield from _pool_lint(it, jobs)


def _chain(head: list, rest: Iterator) -> Iterator:
    # Hand items over one by one so the buffered head is released as it is consumed.
    head.reverse()
    while head:
        yield head.pop()
    yield from rest


def _chunks(items: Iterator, size: int) -> Iterator[tuple[list, list]]:
    """Chunks as (settings table, items): each distinct Settings object is pickled once per chunk."""
    while True:
        batch = list(islice(items, size))
        if not batch:
            return
        table: list = []
        index: dict[int, int] = {}
        packed = []
        for item in batch:
            if isinstance(item, FileError):
                packed.append(item)
                continue
            path, text, settings = item
            key = id(settings)
            if key not in index:
                index[key] = len(table)
                table.append(settings)
            packed.append((path, text, index[key]))
        yield table, packed


def _pool_lint(items: Iterator, jobs: int) -> Iterator[Report | FileError]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork: workers start at once and inherit the imported modules; spawn/forkserver elsewhere.
    forking = "fork" in methods
    context = multiprocessing.get_context("fork" if forking else None)
    if forking:
        _build_pipeline()  # once, here: forked workers inherit it instead of each building their own
    pending: deque = deque()
    limit = jobs * IN_FLIGHT_PER_JOB
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker)
    try:
        for chunk in _chunks(items, CHUNK_SIZE):
            pending.append(executor.submit(_lint_chunk, chunk))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _init_worker() -> None:
    """Build the pipeline and the default lexicons once per worker (inherited when forked)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled (once) by the main process
    _build_pipeline()


def _build_pipeline() -> None:
    from caselint.errors import CaselintError
    from caselint.nlp import get_nlp
    from caselint.runner import compiled_lexicons

    get_nlp()
    try:
        compiled_lexicons()
    except CaselintError:
        pass  # reported for the first draft that uses them, exactly as in a serial run


def _lint_chunk(chunk: tuple[list, list]) -> list[Report | FileError]:
    from caselint.runner import lint_many

    table, packed = chunk
    items = [p if isinstance(p, FileError) else (p[0], p[1], table[p[2]]) for p in packed]
    return list(lint_many(items))


__all__ = ["lint_items", "auto_jobs", "cpu_count", "AUTO_MIN_FILES"]
