"""The links of the pages a build kept, remembered between builds: the strict build's crawl.

The reachability check (``buildcheck.unreachable``) reads every listing page of the
site, tens of megabytes, to find its links; after an edit almost all of them are
pages the build kept as they were. The render ledger (``newsarchive.site.incremental``)
gives each page's byte digest, so the links found in a page are kept under its path
and digest, and a page whose digest is unchanged is not read again. The rules:

- The ledger is believed only when this build wrote it (``LedgerStamp``: it is another
  file than at the start, written since), so its digests are those of the pages now
  in the folder; otherwise, and for any page it does not list, the page is read.
- The links kept are those of the bytes read: a page read is hashed, and kept under
  the digest of what was parsed, not the one the ledger gives.
- They are kept in Pelican's cache folder (``CACHE_PATH``), read when
  ``LOAD_CONTENT_CACHE`` and written when ``CACHE_CONTENT``, under the code's
  fingerprint, so a change to how links are found starts afresh; only this build's
  pages are kept, so the file does not grow.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.site import cachekey, incremental, memo
from newsarchive.site.buildcheck import bytes_links, read_links

CACHE_NAME = "strict_build-links.pickle"
FORMAT = 1

Known = dict[str, tuple[str, tuple[str, ...]]]  # page: (the digest of its bytes, its links)


@dataclass(frozen=True)
class LedgerStamp:
    """The render ledger as a build found it when it started, to tell a ledger it wrote."""

    started_ns: int
    file: tuple[int, int, int] | None  # (device, inode, mtime) at the start; None: none

    @classmethod
    def take(cls, output: Path) -> LedgerStamp:
        return cls(time.time_ns(), _identity(output))

    def digests(self, output: Path) -> dict[str, str]:
        """Each page's digest from the ledger when this build wrote it; else none."""
        now = _identity(output)
        if now is None or now == self.file or now[2] < self.started_ns:
            return {}
        return {page: digest for page, (_key, digest) in incremental.read_ledger(output).items()}


def _identity(output: Path) -> tuple[int, int, int] | None:
    try:
        stamp = (output / incremental.LEDGER).stat()
    except OSError:
        return None
    return stamp.st_dev, stamp.st_ino, stamp.st_mtime_ns


class KnownLinks:
    """A page's links (``buildcheck.Links``), from what is kept when its digest is known."""

    def __init__(self, output: Path, digests: Mapping[str, str], kept: Known) -> None:
        self.output = output
        self.digests = digests
        self.kept = kept
        self.now: Known = {}  # what the next build can keep: this build's pages
        self.read = 0

    def __call__(self, page: str) -> tuple[str, ...]:
        digest = self.digests.get(page)
        if digest is None:
            return read_links(self.output, page)
        known = self.kept.get(page)
        if known is not None and known[0] == digest:
            self.now[page] = known
            return known[1]
        self.read += 1
        try:
            data = (self.output / page).read_bytes()
        except OSError:
            return ()
        # One string per page file, whichever pages link to it: the kept file names each once.
        links = tuple(sys.intern(link) for link in bytes_links(page, data))
        self.now[page] = (incremental.digest_of(data), links)
        return links

    def changed(self) -> bool:
        return self.now != self.kept


def _cache(settings: Mapping[str, Any]) -> tuple[Path, str]:
    return Path(settings["CACHE_PATH"]) / CACHE_NAME, f"{FORMAT}:{cachekey.build_code(settings)}"


def known_links(settings: Mapping[str, Any], output: Path, stamp: LedgerStamp) -> KnownLinks:
    """The links of this build's pages, with those kept by the last build when allowed."""
    digests = stamp.digests(output)
    kept: Known = {}
    if digests and settings.get("LOAD_CONTENT_CACHE"):
        kept = memo.read_kept_map(*_cache(settings))
    return KnownLinks(output, digests, kept)


def keep_links(settings: Mapping[str, Any], links: KnownLinks) -> None:
    """Keep this build's links for the next, when caching and they changed."""
    if settings.get("CACHE_CONTENT") and links.now and links.changed():
        path, key = _cache(settings)
        with contextlib.suppress(OSError):  # not kept: the next build reads the pages again
            memo.keep(path, key, links.now)


__all__ = ["KnownLinks", "LedgerStamp", "keep_links", "known_links"]
