"""Safe writes: atomic replace, permissions, BOM and line endings, untouched when unchanged, no overwrite
of a file that changed on disk, no half-written file after a crash."""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from caselint import writing
from caselint.inputs import decode
from caselint.writing import detect_newline
from caselint.writing import FileChangedError, Snapshot, atomic_write, encode, write_text

OLD_NS = 1_000_000_000_000_000_000  # a fixed mtime, so "unchanged" is an equality check, not a timing one


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".caselint-tmp")]


def test_atomic_write_replaces_content_and_keeps_permissions(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    assert atomic_write(str(path), b"new\n", expected=Snapshot.take(str(path))) is True
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_unchanged_file_is_not_touched(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(b"same\r\n")
    os.utime(path, ns=(OLD_NS, OLD_NS))
    inode = path.stat().st_ino
    assert write_text(str(path), "same\r\n", bom=False) is False
    assert write_text(str(path), "same\r\n", bom=False, expected=Snapshot.take(str(path))) is False
    assert path.stat().st_mtime_ns == OLD_NS and path.stat().st_ino == inode


def test_changed_on_disk_is_not_overwritten(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(b"version 1\n")
    snap = Snapshot.take(str(path))
    path.write_bytes(b"version 2, saved by the editor\n")
    with pytest.raises(FileChangedError):
        write_text(str(path), "fixed version 1\n", bom=False, expected=snap)
    assert path.read_bytes() == b"version 2, saved by the editor\n"
    assert _leftovers(tmp_path) == []


def test_same_size_same_mtime_change_is_still_detected(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes(b"aaaa\n")
    os.utime(path, ns=(OLD_NS, OLD_NS))
    snap = Snapshot.take(str(path))
    path.write_bytes(b"bbbb\n")
    os.utime(path, ns=(OLD_NS, OLD_NS))
    with pytest.raises(FileChangedError):
        write_text(str(path), "cccc\n", bom=False, expected=snap)
    assert path.read_bytes() == b"bbbb\n"


def test_crash_before_replace_leaves_old_file(tmp_path, monkeypatch):
    path = tmp_path / "d.txt"
    path.write_bytes(b"old content\n")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(writing.os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(str(path), b"new content\n")
    assert path.read_bytes() == b"old content\n"
    assert _leftovers(tmp_path) == []


def test_write_through_symlink_keeps_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"x\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert write_text(str(link), "y\n", bom=False) is True
    assert link.is_symlink() and real.read_bytes() == b"y\n"


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab é\t", max_size=8), min_size=1, max_size=6), st.booleans(), st.booleans())
def test_bom_and_line_endings_round_trip(lines, bom, crlf):
    nl = "\r\n" if crlf else "\n"
    raw = (b"\xef\xbb\xbf" if bom else b"") + nl.join(lines).encode() + nl.encode()
    if not raw.replace(b"\xef\xbb\xbf", b"").strip():
        return
    text, had_bom = decode("x", raw, 10_000)
    assert had_bom == bom
    assert encode(text, bom=had_bom) == raw  # keep as read
    assert encode(text, bom=had_bom, newline=detect_newline(text)) == raw  # normalise to the file's own


def test_encode_converts_new_lines_to_file_style():
    assert encode("a\nb\r\nc\n", bom=False, newline="\r\n") == b"a\r\nb\r\nc\r\n"
    assert encode("a\r\nb\n", bom=True, newline="\n") == b"\xef\xbb\xbfa\nb\n"
