"""Turn CLI paths into drafts: directory walking, include/exclude, reading and decoding safely."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from caselint.config import Settings
from caselint.errors import CaselintError, EmptyDraftError
from caselint.model import FileError
from caselint.writing import BOM


@dataclass(frozen=True, slots=True)
class Draft:
    path: str
    text: str
    settings: Settings
    bom: bool = False


def decode(path: str, raw: bytes, max_size: int) -> tuple[str, bool]:
    """Bytes -> text, or an InputError-style message. Returns (text, had_bom)."""
    if len(raw) > max_size:
        raise CaselintError(
            f"draft is {len(raw):,} bytes, over the limit of {max_size:,} (max-draft-size); not linted"
        )
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


def read_draft(path: str, settings: Settings) -> Draft:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(settings.max_draft_size + 1)
    except FileNotFoundError:
        raise CaselintError("no such file") from None
    except IsADirectoryError:
        raise CaselintError("is a directory") from None
    except OSError as exc:
        raise CaselintError(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > settings.max_draft_size:
        size = os.path.getsize(path) if os.path.exists(path) else len(raw)
        raise CaselintError(
            f"draft is {size:,} bytes, over the limit of {settings.max_draft_size:,} (max-draft-size); not linted"
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
    rest of the run is still checked.
    """
    ignores = GitIgnores()
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
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
                if path.is_file():
                    yield path


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
                text, bom = decode(name, raw, settings.max_draft_size)
                yield Draft(name, text, settings, bom)
            except EmptyDraftError as exc:
                yield FileError(name, str(exc), skipped=True)
            except CaselintError as exc:
                yield FileError(name, str(exc))
            continue
        p = Path(arg)
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
        yield read_draft(path, settings)
    except EmptyDraftError as exc:
        yield FileError(path, str(exc), skipped=True)
    except CaselintError as exc:
        yield FileError(path, str(exc))


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
