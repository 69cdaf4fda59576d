"""The strict-build ledger: every content file in must be a page out, or a reported problem.

Pelican logs a file it cannot read and goes on, so an article can vanish from a
site whose build "succeeded". The plugin feeds this ledger; the ledger says
what went missing and why, one `path: reason` line each.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class IncompleteBuild(Exception):
    """Raised at the end of a build that left content out; Pelican's CLI exits with exitcode."""

    exitcode = 1


@dataclass
class Ledger:
    root: Path = field(default_factory=Path.cwd)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def note(self, path: str | os.PathLike[str] | None, reason: str) -> None:
        """Record why a file failed, or a build-wide error when there is no file."""
        reason = " ".join(reason.split())
        if path is None:
            if reason not in self.general:
                self.general.append(reason)
            return
        key = str(Path(path).resolve())
        bucket = self.reasons.setdefault(key, [])
        if reason not in bucket:
            bucket.append(reason)

    def expect(self, sources: Iterable[str], produced: Iterable[str], default: str) -> None:
        """Every source with no product is a problem; keep a logged reason when there is one."""
        done = {str(Path(p).resolve()) for p in produced}
        for source in sources:
            key = str(Path(source).resolve())
            if key not in done and key not in self.reasons:
                self.note(key, default)

    def lines(self) -> list[str]:
        out = [
            f"{self._show(path)}: {reason}"
            for path, rs in sorted(self.reasons.items())
            for reason in rs
        ]
        return out + [f"build: {reason}" for reason in self.general]

    def failed_files(self) -> int:
        return len(self.reasons)

    def _show(self, path: str) -> str:
        try:
            return os.path.relpath(path, self.root) if path.startswith(str(self.root)) else path
        except ValueError:
            return path

    def __bool__(self) -> bool:
        return bool(self.reasons or self.general)


_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"'#?]*)""", re.I)


def unreachable(output: Path, targets: Iterable[str], start: str = "index.html") -> list[str]:
    """The targets (output-relative page files) no chain of links from the home page reaches.

    Listing pages are followed; the targets themselves (the articles) are not
    parsed, so the crawl costs the listings, not the whole site.
    """
    wanted = {posixpath.normpath(t) for t in targets}
    seen: set[str] = set()
    queue = [start]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        if page in wanted:
            continue
        try:
            text = (output / page).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        base = posixpath.dirname(page)
        for href in _HREF.findall(text):
            if not href or "://" in href or href.startswith(("mailto:", "/")):
                continue
            target = posixpath.normpath(posixpath.join(base, href))
            if href.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html") if target != "." else "index.html"
            if target.endswith(".html") and not target.startswith("..") and target not in seen:
                queue.append(target)
    return sorted(wanted - seen)
