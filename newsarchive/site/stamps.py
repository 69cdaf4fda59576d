"""A file's digest kept between builds while its ``lstat`` says the file is unchanged.

Pelican's content cache stamps every article with a digest of its bytes
(``CHECK_MODIFIED_METHOD = "md5"``: file times mean nothing on a fresh checkout), so
each build opened and hashed every file again, a third of a second at 20,000
articles for the one or two that changed. The rules, those git's index follows:

- A digest is reused while the file's device, inode, size, modification time and
  change time are those it was hashed with. Any write to a file sets its change time,
  which no program can set back, so an edited file is hashed again; so is a file
  replaced by another (a checkout, a move), which is a new inode.
- A file that changed less than ``RACY_SECONDS`` before it was hashed is not kept: on
  a filesystem whose clock ticks coarsely, a second write within the same tick could
  leave every field as it was.
- What is kept is this build's files only (a deleted article's entry goes), in one
  file of the cache folder under the digest's method; another method reads nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsarchive.site import memo

FILE = "file-stamps.pickle"
RACY_SECONDS = 2.0

Signature = tuple[int, int, int, int, int]


def signature(info: os.stat_result) -> Signature:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class StampMemo:
    """The digests of one build's files, and those kept from the build before."""

    def __init__(self, folder: Path, method: str, *, load: bool = True) -> None:
        self.path = folder / FILE
        self.method = method
        self.kept = memo.read_kept_map(self.path, method) if load else memo.KeptMap()
        self.now: dict[str, tuple[Signature, Any]] = {}

    def stamp(self, path: str, info: os.stat_result, make: Callable[[], Any]) -> Any:
        """The digest of the regular file at ``path``, whose ``lstat`` is ``info``:
        the kept one while the file is unchanged, else ``make()``."""
        sig = signature(info)
        kept = self.kept.get(path)
        if kept is not None and kept[0] == sig:
            self.now[path] = kept
            return kept[1]
        asked = time.time()
        value = make()
        if asked - max(info.st_mtime_ns, info.st_ctime_ns) / 1e9 >= RACY_SECONDS:
            self.now[path] = (sig, value)
        return value

    def keep(self) -> None:
        """Write this build's digests, when they differ from those read."""
        if self.now.keys() != self.kept.keys() or any(
            self.kept[path] is not entry for path, entry in self.now.items()
        ):
            memo.keep(self.path, self.method, self.now, since=self.kept)


__all__ = ["FILE", "RACY_SECONDS", "StampMemo", "signature"]
