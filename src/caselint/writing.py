"""Write drafts back safely: atomic, same encoding, BOM and line endings, never over a newer file.

* The new content goes to a temporary file in the same folder, is flushed and fsynced, gets the
  original file's permission bits, and replaces the original with ``os.replace`` (atomic on POSIX
  and Windows): a crash leaves either the old or the new file, never a half-written one.
* Text is encoded as UTF-8 with the BOM the file had; line endings are kept as they are (fixes insert
  the draft's own), or converted to the file's own (LF or CRLF) when a whole new text is written.
* A file whose content would not change is not touched (its mtime stays the same).
* Before replacing, the file on disk is compared with what was read (size, mtime and bytes); if
  another program changed it meanwhile, nothing is written and :class:`FileChangedError` is raised.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass

from caselint.errors import CaselintError

BOM = b"\xef\xbb\xbf"


class FileChangedError(CaselintError):
    """The file changed on disk after it was read; it was not overwritten."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file looked like when it was read."""

    path: str
    raw: bytes
    size: int
    mtime_ns: int

    @classmethod
    def take(cls, path: str) -> "Snapshot":
        with open(path, "rb") as fh:
            raw = fh.read()
            st = os.fstat(fh.fileno())
        return cls(path, raw, st.st_size, st.st_mtime_ns)


def detect_newline(text: str) -> str:
    """The draft's own line ending: CRLF when at least half of its line breaks are CRLF, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"


def encode(text: str, *, bom: bool, newline: str | None = None) -> bytes:
    """Text (as linted: BOM removed) -> bytes in the file's format.

    ``newline=None`` keeps the text's line endings as they are (fixes already insert the draft's own);
    ``"\r\n"`` converts every line ending to CRLF, ``"\n"`` to LF.
    """
    if newline == "\n":
        text = text.replace("\r\n", "\n")
    elif newline == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    return BOM + data if bom else data


def unchanged_since(snapshot: Snapshot) -> bool:
    try:
        st = os.stat(snapshot.path)
    except OSError:
        return False
    if st.st_size != snapshot.size or st.st_mtime_ns != snapshot.mtime_ns:
        return False
    with open(snapshot.path, "rb") as fh:
        return fh.read() == snapshot.raw


def atomic_write(path: str, data: bytes, *, expected: Snapshot | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically. Returns False (and writes nothing) when the bytes are
    already what is on disk. Raises FileChangedError when ``expected`` no longer matches the file."""
    if expected is not None and expected.raw == data:
        if not unchanged_since(expected):
            raise FileChangedError(f"{path}: changed on disk since it was read; not overwritten")
        return False
    target = os.path.realpath(path)  # write through a symlink, keep the link
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".caselint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if expected is not None and not unchanged_since(expected):
            raise FileChangedError(f"{path}: changed on disk since it was read; not overwritten")
        os.replace(tmp, target)
        tmp = None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _fsync_dir(folder)
    return True


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text(path: str, text: str, *, bom: bool, newline: str | None = None, expected: Snapshot | None = None) -> bool:
    """Write linted text back in the file's own format. Returns whether the file was written."""
    data = encode(text, bom=bom, newline=newline)
    if expected is None:
        try:
            with open(path, "rb") as fh:
                if fh.read() == data:
                    return False
        except FileNotFoundError:
            pass
    return atomic_write(path, data, expected=expected)


__all__ = ["FileChangedError", "Snapshot", "atomic_write", "encode", "write_text", "unchanged_since"]
