"""Output files written over in place hold exactly the new bytes, whatever they held."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.site.overwrite import write_if_changed, write_over


def test_a_file_written_over_holds_only_the_new_bytes(tmp_path: Path) -> None:
    path = tmp_path / "heads" / "ki.json"
    path.parent.mkdir()
    write_over(path, "조선 — Kim Jong Un met Moon Jae-in".encode())
    assert path.read_text("utf-8") == "조선 — Kim Jong Un met Moon Jae-in"
    inode = path.stat().st_ino
    write_over(path, b"short")  # shorter: the old tail is cut
    assert path.read_bytes() == b"short"
    longer = b"x" * 300_000  # longer than one write may take
    write_over(path, longer)
    assert path.read_bytes() == longer
    write_over(path, b"")
    assert path.read_bytes() == b""
    assert path.stat().st_ino == inode  # the same file, written over


def test_a_file_holding_the_bytes_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    assert write_if_changed(path, b"{}")
    os.utime(path, (1, 1))
    assert not write_if_changed(path, b"{}")
    assert path.stat().st_mtime == 1
    assert write_if_changed(path, b'{"n": 1}') and path.read_bytes() == b'{"n": 1}'
