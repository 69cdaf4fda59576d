"""How much of the output folder a host publishes, and whether it fits the host's limit.

GitHub Pages refuses a site over 1 GB, and says so only when the deploy step fails,
after the build. An archive grows by a few dozen articles a day, so a publishing build
measures what it publishes (``OUTPUT_GUARD_SIZE_LIMIT``, set in ``publish.conf.py``):
near the limit it warns, over it the build fails, each time naming the biggest parts of
the site and the settings that shrink them. A development build measures nothing.

Published means what actions/upload-pages-artifact (v4, which pages.yml uses) uploads:
every file but hidden ones, so the build's own records (the output guard's manifest,
the render ledger) never count. ``benchmarks`` measures its sizes by the same rule.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

WARN_SHARE = 0.9  # a build that publishes this share of the limit or more warns
SHOWN_PARTS = 4
# What shrinks a part of the site, by its top-level folder, when a setting can.
REMEDIES = {
    "data": "ARCHIVE_PAGES_DATA_FORMATS = ['csv'] publishes one format of the data files",
}


def is_published(relative: str) -> bool:
    """Whether a file of the output (its path from the output folder) is published: no
    part of its path is hidden."""
    return not any(part.startswith(".") for part in relative.split("/"))


@dataclass(frozen=True)
class SiteSize:
    """The published bytes, in all and by part of the site (its top-level entries; the
    year folders of the article pages as one part)."""

    published: int
    parts: dict[str, int]

    @classmethod
    def of(cls, folder: Path, files: Iterable[str]) -> SiteSize:
        """The size of ``files`` (paths from ``folder``, as the output guard lists them)."""
        parts: Counter[str] = Counter()
        for relative in files:
            if not is_published(relative):
                continue
            try:
                size = os.stat(os.path.join(folder, relative)).st_size
            except OSError:  # gone since it was listed: it is not published either
                continue
            parts[_part(relative)] += size
        return cls(sum(parts.values()), dict(parts))

    def biggest(self) -> list[tuple[str, int]]:
        return sorted(self.parts.items(), key=lambda item: (-item[1], item[0]))[:SHOWN_PARTS]


def _part(relative: str) -> str:
    top, slash, _rest = relative.partition("/")
    if not slash:
        return "top-level files"
    return "article pages" if top.isdigit() else f"{top}/"


def verdict(size: SiteSize, limit: int) -> tuple[str, str] | None:
    """("error" or "warning", the message) when the site is over ``limit`` or near it."""
    if size.published < WARN_SHARE * limit:
        return None
    biggest = size.biggest()
    parts = ", ".join(f"{name} {size_text(n)}" for name, n in biggest)
    remedies = [REMEDIES[n.rstrip("/")] for n, _size in biggest if n.rstrip("/") in REMEDIES]
    advice = f" To shrink it: {'; '.join(remedies)}." if remedies else ""
    if size.published > limit:
        level, state = "error", "over"
    else:
        level, state = "warning", "near"
    message = (
        f"the site publishes {size_text(size.published)}, {state} the limit of "
        f"{size_text(limit)} (OUTPUT_GUARD_SIZE_LIMIT; GitHub Pages refuses a site over "
        f"1 GB). Its biggest parts: {parts}.{advice}"
    )
    return level, message


def size_text(n: int) -> str:
    """Bytes in the unit that reads best: 1.84 GB, 212.7 MB, 35.2 KB (decimal units, as
    GitHub states its limit)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6)):
        if n >= scale:
            return f"{n / scale:,.{2 if unit == 'GB' else 1}f} {unit}"
    return f"{n / 1000:,.1f} KB"


__all__ = ["SiteSize", "is_published", "size_text", "verdict"]
