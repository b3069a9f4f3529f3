"""A progress bar on stderr for big batches (tqdm), shown only where a person is watching.

Shown when stderr is a terminal, ``--quiet`` is off and the run has more than ``PROGRESS_MIN_DRAFTS``
drafts. It is drawn on stderr only, so it never reaches stdout (where the machine formats go); when
stdout is the same terminal, the bar steps aside while a report is written and is redrawn after it.
The bar is cleared when the run ends.
"""

from __future__ import annotations

import os
from contextlib import contextmanager, nullcontext

PROGRESS_MIN_DRAFTS = 300  # "a few hundred": smaller runs finish before a bar would help


class NoProgress:
    def advance(self) -> None:
        pass

    def writing(self):
        return nullcontext()

    def close(self) -> None:
        pass


class Progress(NoProgress):
    def __init__(self, total: int, err, stdout_is_terminal: bool):
        from tqdm import tqdm

        self._tqdm = tqdm
        self._err = err
        self._shared = stdout_is_terminal
        sized = _columns(err) > 0  # a terminal that reports no size (some emulators, CI ptys) gets 80 columns
        self.bar = tqdm(total=total, file=err, unit="draft", desc="caselint", leave=False, dynamic_ncols=sized,
                        ncols=None if sized else 80, mininterval=0.2)

    def advance(self) -> None:
        self.bar.update(1)

    @contextmanager
    def writing(self):
        if not self._shared:
            yield
            return
        with self._tqdm.external_write_mode(file=self._err):
            yield

    def close(self) -> None:
        self.bar.close()


def progress_for(paths, *, quiet: bool, err, out, count) -> NoProgress:
    """A bar when a person watches a big batch; ``count(limit)`` counts the drafts (stopping at limit)."""
    if quiet or not _is_terminal(err) or "-" in paths and len(paths) == 1:
        return NoProgress()
    if count(PROGRESS_MIN_DRAFTS + 1) <= PROGRESS_MIN_DRAFTS:
        return NoProgress()
    return Progress(count(None), err, _is_terminal(out))


def _columns(stream) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 0


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


__all__ = ["NoProgress", "Progress", "progress_for", "PROGRESS_MIN_DRAFTS"]
