"""Turn CLI paths into drafts: directory walking, include/exclude, reading and decoding safely."""

from __future__ import annotations

import os
from dataclasses import dataclass
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
            yield from _one(arg, settings_for)


def _one(path: str, settings_for) -> Iterator[Draft | FileError]:
    try:
        yield read_draft(path, settings_for(path))
    except EmptyDraftError as exc:
        yield FileError(path, str(exc), skipped=True)
    except CaselintError as exc:
        yield FileError(path, str(exc))
