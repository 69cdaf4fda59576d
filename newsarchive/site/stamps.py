"""Files' digests kept between builds while each file's ``stat`` says it is unchanged.

A build asks for the digest of every file it depends on: Pelican's content cache
stamps every article with a digest of its bytes (``CHECK_MODIFIED_METHOD = "md5"``:
file times mean nothing on a fresh checkout), and the render ledger checks every
kept page against the digest it was written with. Reading and hashing 20,000 files
for the one or two that changed took a third of a second for each. The rules, those
git's index follows:

- A digest is reused while the file's device, inode, size, modification time and
  change time are those it was hashed with. Any write to a file sets its change time,
  which no program can set back, so an edited file is hashed again; so is a file
  replaced by another (a checkout, a move), which is a new inode.
- A file that changed less than ``SETTLED_SECONDS`` before it was hashed is not kept:
  on a filesystem whose clock ticks coarsely, a second write within the same tick
  could leave every field as it was.
- What is kept is this build's files only (a deleted file's entry goes), in one file
  of the cache folder under a key (the digest's kind); another key reads nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from newsarchive.site import memo

SETTLED_SECONDS = 2.0

Signature = tuple[int, int, int, int, int]
D = TypeVar("D")


def signature(info: os.stat_result) -> Signature:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class KeptDigests:
    """The digests of one build's files, by name, and those kept from the build before
    at ``path`` (None: none kept) under ``key``; ``load`` False reads none (a rebuild)."""

    def __init__(self, path: Path | None, key: str, *, load: bool = True) -> None:
        self.path = path
        self.key = key
        read = path is not None and load
        self.kept = memo.read_kept_map(path, key) if read else memo.KeptMap()
        self.now: dict[str, tuple[Signature, object]] = {}

    def digest(self, name: str, info: os.stat_result, make: Callable[[], D]) -> D:
        """The digest of the file ``name``, whose ``stat`` is ``info``: the kept one while
        the file is unchanged, else ``make()`` (None: the file could not be read)."""
        sig = signature(info)
        kept = self.kept.get(name)
        if kept is not None and kept[0] == sig:
            self.now[name] = kept
            return kept[1]  # type: ignore[return-value]
        asked = time.time()
        value = make()
        settled = asked - max(info.st_mtime_ns, info.st_ctime_ns) / 1e9 >= SETTLED_SECONDS
        if value is not None and settled:
            self.now[name] = (sig, value)
        return value

    def save(self) -> None:
        """Keep this build's digests, when they differ from those read (and the cache
        folder is there)."""
        if self.path is None or not self.path.parent.is_dir():
            return
        if self.now.keys() != self.kept.keys() or any(
            self.kept[name] is not entry for name, entry in self.now.items()
        ):
            memo.keep(self.path, self.key, self.now, since=self.kept)


__all__ = ["SETTLED_SECONDS", "KeptDigests", "signature"]
