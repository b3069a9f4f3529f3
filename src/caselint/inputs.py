"""Turn CLI paths into drafts: directory walking, include/exclude, reading and decoding safely."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from caselint.config import Settings, file_kind
from caselint.errors import CaselintError, EmptyDraftError
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
        raise EmptyDraftError("empty draft: nothing to lint")
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


def read_stdin(stream, settings: Settings, name: str = "-") -> tuple[str, bool]:
    """A draft from standard input (a binary stream), read with the size limit applied while reading:
    an endless or huge pipe costs at most ``max-draft-size`` bytes. Returns (text, had_bom)."""
    raw = stream.read(settings.max_draft_size) if isinstance(stream, Stdin) else read_limited(
        stream, settings.max_draft_size)
    if len(raw) > settings.max_draft_size:
        raise CaselintError(f"stdin is over the limit of {settings.max_draft_size:,} bytes "
                            "(max-draft-size); not linted")
    return decode(name, raw, settings.max_draft_size)


def os_reason(exc: OSError) -> str:
    """What the OS said about a path, for a user: one short phrase."""
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
        raise CaselintError(os_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise CaselintError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise CaselintError(f"{file_kind(st.st_mode)}, not a draft file; pipe it to '-' instead")
        if st.st_size > settings.max_draft_size:
            raise CaselintError(
                f"draft is {st.st_size:,} bytes, over the limit of {settings.max_draft_size:,} (max-draft-size); not linted"
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = read_limited(fh, settings.max_draft_size)
    except OSError as exc:
        raise CaselintError(os_reason(exc)) from None
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

    Also skipped: the repository's own documents (README, CHANGELOG, LICENSE, ...; see
    ``skip-repository-documents``) and, with ``respect-gitignore`` (the default), whatever the
    ``.gitignore`` files of the walked folders and their parents up to the repository root (and
    ``.git/info/exclude``) ignore.

    A folder whose config is broken is reported once (a FileError naming the folder) and skipped, so the
    rest of the run is still checked. So is a folder that cannot be read (permissions) or that vanished
    during the walk, and a listed file that vanished before it was read: an error for that path, never
    a silent skip.
    """
    ignores = GitIgnores()
    unreadable: list[OSError] = []  # os.walk reports a folder it cannot list here, then goes on
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append, followlinks=False):
        yield from _folder_errors(unreadable, root)
        base = Path(dirpath)
        try:
            settings = settings_for(base / "_")
        except CaselintError as exc:
            dirnames[:] = []
            yield FileError(str(base), str(exc))
            continue
        gitignored = ignores.matcher(base) if settings.respect_gitignore else None
        dirnames[:] = sorted(
            d for d in dirnames
            if not settings.is_excluded(base / d) and not (gitignored and gitignored(base / d, True))
        )
        for name in sorted(filenames):
            path = base / name
            if (settings.is_included(path) and not settings.is_excluded(path)
                    and not settings.is_repository_document(path)
                    and not (gitignored and gitignored(path, False))):
                kind = _listed_kind(path)
                if kind is True:
                    yield path
                elif isinstance(kind, FileError):
                    yield kind
    yield from _folder_errors(unreadable, root)


def _folder_errors(errors: list[OSError], root: Path) -> Iterator[FileError]:
    """The folders os.walk could not list (unreadable, or deleted during the walk), as errors."""
    while errors:
        exc = errors.pop(0)
        where = exc.filename if exc.filename is not None else root
        if exc.errno == errno.ENOENT:
            yield FileError(str(where), "folder vanished while the run went on (deleted or moved)")
        elif exc.errno == errno.ENOTDIR:  # replaced by a file mid-walk
            yield FileError(str(where), "folder vanished while the run went on (replaced by a file)")
        else:
            yield FileError(str(where), os_reason(exc).replace("cannot read", "cannot read folder", 1))


def _listed_kind(path: Path) -> bool | FileError:
    """True for a regular file (or a symlink to one) to read; False for what a walk skips quietly
    (FIFOs, devices, sockets, broken symlinks); a FileError for a file that vanished after the folder
    was listed, or whose details cannot be read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        if os.path.lexists(path):
            return False  # a broken symbolic link: not a draft
        return FileError(str(path), "no such file: it vanished while the run went on (deleted or moved)")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return False  # a symbolic link loop inside a folder: not a draft (named ones are errors)
        return FileError(str(path), os_reason(exc))


class GitIgnores:
    """``.gitignore`` matching for folder walks, with the well-kept ``pathspec`` library (git's own
    wildmatch rules: negation, anchoring, directory-only patterns, ``**``).

    Each folder's rules are those of its own ``.gitignore`` on top of its parent's, up to the repository
    root (the folder holding ``.git``), whose ``.git/info/exclude`` also counts. The deepest file with a
    matching pattern decides, as in git. Outside a repository only the walked folders' files count.
    """

    def __init__(self) -> None:
        self._chains: dict[Path, tuple] = {}

    def matcher(self, folder: Path) -> Callable[[Path, bool], bool] | None:
        chain = self._chain(Path(os.path.abspath(folder)))
        if not chain:
            return None

        def ignored(path: Path, is_dir: bool) -> bool:
            full = os.path.abspath(path)
            for base, spec in reversed(chain):  # the deepest .gitignore with a matching pattern decides
                rel = os.path.relpath(full, base).replace(os.sep, "/")
                result = spec.check_file(rel + "/" if is_dir else rel)
                if result.include is not None:
                    return bool(result.include)
            return False

        return ignored

    def _chain(self, folder: Path) -> tuple:
        if folder in self._chains:
            return self._chains[folder]
        if (folder / ".git").exists():  # the repository root: nothing above it counts
            parent: tuple = ()
            exclude = _read_spec(folder / ".git" / "info" / "exclude")
            if exclude is not None:
                parent = ((str(folder), exclude),)
        elif folder.parent in self._chains:  # os.walk goes top-down: a walked folder's parent is known
            parent = self._chains[folder.parent]
        elif folder.parent != folder and _inside_repository(folder.parent):
            parent = self._chain(folder.parent)
        else:
            parent = ()
        own = _read_spec(folder / ".gitignore")
        chain = parent + ((str(folder), own),) if own is not None else parent
        self._chains[folder] = chain
        return chain


@lru_cache(maxsize=1024)
def _inside_repository(folder: Path) -> bool:
    return any((p / ".git").exists() for p in (folder, *folder.parents))


def _read_spec(path: Path):
    import pathspec

    try:
        if not path.is_file():
            return None
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # pathspec rejects a malformed line: ignore the file rather than crash the walk
        return None


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
                    text, bom = read_stdin(raw, settings, name)
                else:
                    text, bom = decode(name, raw, settings.max_draft_size)
                yield Draft(name, text, settings, bom)
            except EmptyDraftError as exc:
                yield FileError(name, str(exc), skipped=True)
            except CaselintError as exc:
                yield FileError(name, str(exc))
            except OSError as exc:
                yield FileError(name, os_reason(exc))
            except RecursionError:
                yield FileError(name, "config nested too deeply")
            continue
        p = Path(arg)
        try:
            os.stat(p)
        except OSError as exc:
            if exc.errno != errno.ENOENT or os.path.islink(p):
                yield FileError(arg, os_reason(exc))
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
            yield from _one(arg, settings_for, named=True)


def _one(path: str, settings_for, named: bool = False) -> Iterator[Draft | FileError]:
    try:
        settings = settings_for(path)
        # A file named on the command line is linted whatever it is called, unless --force-exclude
        # (the pre-commit hooks) asks for exclude and the repository-document skip to apply to it too.
        if named and settings.force_exclude and (
            settings.is_excluded(Path(path)) or settings.is_repository_document(Path(path))
        ):
            return
        draft = read_draft(path, settings)
    except EmptyDraftError as exc:
        draft = FileError(path, str(exc), skipped=True)
    except CaselintError as exc:
        draft = FileError(path, str(exc))
    except RecursionError:  # tomllib on a config nested hundreds deep
        draft = FileError(path, "config nested too deeply; not linted")
    except OSError as exc:
        draft = FileError(path, os_reason(exc))
    yield draft


def count_paths(paths: tuple[str, ...], settings_for: Callable[[str | Path | None], Settings],
                limit: int | None = None) -> int:
    """The number of drafts :func:`iter_drafts` would read (a walk, no reading), up to ``limit``."""
    count = 0
    for arg in paths:
        p = Path(arg)
        if arg != "-" and p.is_dir():
            for file in walk(p, settings_for):
                count += not isinstance(file, FileError)
                if limit is not None and count >= limit:
                    return count
        else:
            count += 1
        if limit is not None and count >= limit:
            return count
    return count
