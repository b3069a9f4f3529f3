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
    def take(cls, path: str, limit: int | None = None) -> "Snapshot":
        """The file's bytes (at most ``limit + 1`` of them: enough to see it grew over the limit), size
        and mtime. Opened without blocking: a file replaced by a FIFO or a device since it was read is
        a CaselintError, not a hang."""
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise CaselintError("no longer a regular file")
            raw = fh.read() if limit is None else fh.read(limit + 1)
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


class WriteRefused(FileChangedError):
    """The file is not written: writing it would not respect it (read-only, hard links, owner, ...), or
    the OS refused the write (full disk, file size limit). A FileChangedError, so that every caller
    that reports "not written" for a file and goes on with the others does so for this too."""


class WriteFailed(WriteRefused, OSError):
    """The OS refused the write (full disk, file size limit, read-only folder); the file is unchanged.
    Both a WriteRefused (one error line for that file) and an OSError (what the OS said)."""


def _check_writable(path: str, target: str, st: os.stat_result) -> None:
    """Refuse what the shell or the user would not expect a fixer to do to this file."""
    if os.path.islink(path):
        base = os.path.realpath(os.path.dirname(os.path.abspath(path)) or ".")
        if os.path.commonpath([base, target]) != base:
            raise WriteRefused(f"{path}: a symbolic link to a file outside its folder ({target}); not written "
                               "(fix the file itself)")
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(f"{path}: not a regular file; not written")
    if not os.access(target, os.W_OK) or not (st.st_mode & 0o222):
        raise WriteRefused(f"{path}: read-only file; not written (make it writable to fix it)")
    if st.st_nlink > 1:
        raise WriteRefused(f"{path}: has {st.st_nlink} hard links, which a rewrite would split; not written")


def _copy_owner_and_xattrs(path: str, target: str, tmp: str, st: os.stat_result) -> None:
    """Give the new file the original's owner, group and extended attributes, or refuse to replace it."""
    if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()) and hasattr(os, "chown"):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            raise WriteRefused(f"{path}: owned by another user or group, which the new file cannot keep; "
                               "not written") from None
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(target)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(tmp, name, os.getxattr(target, name))
            except OSError:
                raise WriteRefused(f"{path}: its extended attribute {name!r} cannot be kept; not written") from None


def atomic_write(path: str, data: bytes, *, expected: Snapshot | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically. Returns False (and writes nothing) when the bytes are
    already what is on disk. Raises FileChangedError when ``expected`` no longer matches the file, and
    WriteRefused for a read-only file, a file with hard links, one whose owner, group or extended
    attributes the new file cannot keep, or a symbolic link to a file outside the link's folder."""
    if expected is not None and expected.raw == data:
        if not unchanged_since(expected):
            raise FileChangedError(f"{path}: changed on disk since it was read; not overwritten")
        return False
    target = os.path.realpath(path)  # write through a symlink (inside its folder), keep the link
    folder = os.path.dirname(target) or "."
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        _check_writable(path, target, st)
    mode = stat.S_IMODE(st.st_mode) if st is not None else None
    try:
        return _replace(path, target, folder, data, st, mode, expected)
    except WriteRefused:
        raise
    except OSError as exc:
        raise WriteFailed(f"{path}: cannot write: {exc.strerror or exc}; not written (the file is unchanged)") from None


def _replace(path, target, folder, data, st, mode, expected) -> bool:
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".caselint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            _copy_owner_and_xattrs(path, target, tmp, st)  # before chmod: chown clears set-id bits
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


def _cr_only(raw: bytes | str) -> bool:
    if isinstance(raw, str):
        return "\r" in raw and "\n" not in raw
    return b"\r" in raw and b"\n" not in raw


def keep_cr_only(text: str, original: bytes | str | None) -> str:
    """``text`` with CR line endings when ``original`` (the draft as read: bytes or text) had CR-only
    line endings (old Mac files): a fix or rewrite that inserts LF or CRLF gets CR instead. Any other
    text is returned as it is. Used for every output of a draft: files, stdout and diffs."""
    if original is not None and _cr_only(original) and "\n" in text:
        return text.replace("\r\n", "\r").replace("\n", "\r")
    return text


def write_text(path: str, text: str, *, bom: bool, newline: str | None = None, expected: Snapshot | None = None) -> bool:
    """Write linted text back in the file's own format. Returns whether the file was written.
    A draft with CR-only line endings keeps them (a fix that inserts a line break inserts LF)."""
    original = expected.raw if expected is not None else None
    if original is None:
        try:
            with open(path, "rb") as fh:
                original = fh.read()
        except FileNotFoundError:
            original = None
    if newline is None:
        text = keep_cr_only(text, original)
    data = encode(text, bom=bom, newline=newline)
    if expected is None and original == data:
        return False
    return atomic_write(path, data, expected=expected)


__all__ = ["FileChangedError", "WriteFailed", "WriteRefused", "Snapshot", "atomic_write", "encode", "keep_cr_only",
           "write_text", "unchanged_since"]
