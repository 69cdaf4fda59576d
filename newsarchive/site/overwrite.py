"""Output files written over in place.

A build writes most of its files where the last build wrote them. Opened with truncation
(``open(path, "w")``), a file gives all its blocks back and takes new ones; on a file
system that discards freed blocks (ext4 mounted with ``discard``, as on the machine the
benchmarks ran on) that cost about 0.18 ms a file: writing again the 4,936 files of the
KCNA stories' search index, as an added article makes it do, took 0.9 s that way and
0.08 s written over in place and then cut to their length (``os.ftruncate``). A reader
sees a file being written either way; a file left half written by a build that failed
is written again by the next one, which compares bytes (``write_if_changed``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Container
from pathlib import Path


def write_over(path: Path, data: bytes) -> None:
    """Make ``path`` hold ``data``: written over in place when it exists, else created."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds those bytes; whether it wrote."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_over(path, data)
    return True


def remove_others(folder: Path, names: Container[str]) -> None:
    """Remove every entry of ``folder`` but ``names``: a folder whose writer keeps it
    between builds (``incremental.SELF_MANAGED``) loses what an earlier build wrote there."""
    for entry in os.scandir(folder):
        if entry.name in names:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


__all__ = ["remove_others", "write_if_changed", "write_over"]
