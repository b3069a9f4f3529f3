"""Turn CLI paths into drafts: directory walking, include/exclude, reading and decoding safely."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from caselint.config import Settings
from caselint.errors import CaselintError
from caselint.model import FileError
from caselint.writing import BOM


@dataclass(frozen=True, slots=True)
class Draft:
    path: str
    text: str
    settings: Settings
    bom: bool = False


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_READ_CHUNK = 1 << 16


def decode(path: str, raw: bytes, max_size: int) -> tuple[str, bool]:
    """Bytes -> text, or an InputError-style message. Returns (text, had_bom)."""
    if len(raw) > max_size:
        raise CaselintError(
            f"draft is {len(raw):,} bytes, over the limit of {max_size:,} (max-draft-size); not linted"
        )
    if raw.startswith(_UTF16_BOMS) or _looks_utf16(raw):
        raise CaselintError("UTF-16 text; save the draft as UTF-8")
    if b"\x00" in raw[:8192]:
        raise CaselintError("binary file (contains NUL bytes); not a text draft")
    bom = raw.startswith(BOM)
    try:
        text = raw.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise CaselintError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the draft as UTF-8") from None
    if not text.strip():
        raise CaselintError("empty draft: nothing to lint")
    return text, bom


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: mostly text, with a NUL in every other byte."""
    head = raw[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return False
    for zeros, other in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            return True
    return False


def read_limited(stream, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream`` (enough to tell that it is over the limit): a 2 GB pipe
    or /dev/zero costs ``limit`` bytes of memory, not all of it."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


class Stdin:
    """Standard input, read when the draft's settings (and so its size limit) are known."""

    def __init__(self, stream):
        self.stream = stream
        self._raw: bytes | None = None

    def read(self, limit: int) -> bytes:
        if self._raw is None:
            self._raw = read_limited(self.stream, limit)
        return self._raw

    def __bool__(self) -> bool:
        return True


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links)"
    if exc.errno == errno.ENOENT:
        return "no such file (deleted, or a broken symbolic link)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: Permission denied"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def _open_nonblocking(path: str) -> int:
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def read_draft(path: str, settings: Settings) -> Draft:
    """Read one draft: only a regular file (opened without blocking, so a FIFO or a device is an error,
    not a hang), at most the size limit (read while reading, never all of a huge file)."""
    try:
        fd = _open_nonblocking(path)
    except OSError as exc:
        raise CaselintError(_os_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise CaselintError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise CaselintError(f"{_kind(st.st_mode)}, not a draft file; pipe it to '-' instead")
        if st.st_size > settings.max_draft_size:
            raise CaselintError(
                f"draft is {st.st_size:,} bytes, over the limit of {settings.max_draft_size:,} (max-draft-size); not linted"
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = read_limited(fh, settings.max_draft_size)
    except OSError as exc:
        raise CaselintError(_os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(raw) > settings.max_draft_size:  # grew while being read
        raise CaselintError(
            f"draft is over the limit of {settings.max_draft_size:,} bytes (max-draft-size); not linted"
        )
    text, bom = decode(path, raw, settings.max_draft_size)
    return Draft(path, text, settings, bom)


def walk(root: Path, settings_for: Callable[[Path], Settings]) -> Iterator[Path | FileError]:
    """Files under ``root`` matching include and not exclude, sorted, without following symlinked dirs.

    A folder whose config is broken is reported once (a FileError naming the folder) and skipped, so the
    rest of the run is still checked.
    """
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        base = Path(dirpath)
        try:
            settings = settings_for(base / "_")
        except CaselintError as exc:
            dirnames[:] = []
            yield FileError(str(base), str(exc))
            continue
        dirnames[:] = sorted(d for d in dirnames if not settings.is_excluded(base / d))
        for name in sorted(filenames):
            path = base / name
            if settings.is_included(path) and not settings.is_excluded(path):
                if path.is_file():
                    yield path


def iter_drafts(
    paths: tuple[str, ...],
    settings_for: Callable[[str | Path | None], Settings],
    stdin_text: Callable[[], bytes] | None = None,
    stdin_filename: str | None = None,
) -> Iterator[Draft | FileError]:
    """Yield drafts (or per-file errors) in the order given; directories are expanded lazily."""
    for arg in paths:
        if arg == "-":
            name = stdin_filename or "-"
            try:
                settings = settings_for(stdin_filename)
                raw = stdin_text() if stdin_text else b""
                if isinstance(raw, Stdin):
                    raw = raw.read(settings.max_draft_size)
                    if len(raw) > settings.max_draft_size:
                        raise CaselintError(f"stdin is over the limit of {settings.max_draft_size:,} bytes "
                                            "(max-draft-size); not linted")
                text, bom = decode(name, raw, settings.max_draft_size)
                yield Draft(name, text, settings, bom)
            except CaselintError as exc:
                yield FileError(name, str(exc))
            except OSError as exc:
                yield FileError(name, _os_reason(exc))
            except RecursionError:
                yield FileError(name, "config nested too deeply")
            continue
        p = Path(arg)
        try:
            os.stat(p)
        except OSError as exc:
            if exc.errno != errno.ENOENT or os.path.islink(p):
                yield FileError(arg, _os_reason(exc))
                continue
        if p.is_dir():
            for file in walk(p, settings_for):
                if isinstance(file, FileError):
                    yield file
                else:
                    yield from _one(str(file), settings_for)
        elif not p.exists():
            yield FileError(arg, "no such file or directory")
        else:
            yield from _one(arg, settings_for)


def _one(path: str, settings_for) -> Iterator[Draft | FileError]:
    try:
        draft = read_draft(path, settings_for(path))
    except CaselintError as exc:
        draft = FileError(path, str(exc))
    except RecursionError:  # tomllib on a config nested hundreds deep
        draft = FileError(path, "config nested too deeply; not linted")
    except OSError as exc:
        draft = FileError(path, _os_reason(exc))
    yield draft
