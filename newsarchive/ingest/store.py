"""Writing ingested articles into content/ without ever losing what is there.

An article is known by its provenance (the input's SHA-256 and its part in a
digest), not by its file name, so a re-run finds it wherever it sits. A file
identical to what ingest would write is left alone; one that differs was
edited by hand (or by an earlier ingest rule) and is kept unless ``force``.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

_ORIGIN_SHA = re.compile(r"""^\s*(?:origin:.*?)?sha256:\s*['"]?([0-9a-f]{64})""", re.M)
_ORIGIN_PART = re.compile(r"""\bpart:\s*['"]?(\d+)""")
_FRONT_END = re.compile(r"^---\s*$", re.M)


class Outcome(Enum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    KEPT = "kept"  # differs from a fresh ingest: edited by hand, not overwritten
    UPDATED = "updated"  # overwritten with --force


@dataclass(frozen=True)
class Draft:
    """An article ready to write: where it goes and its whole file text."""

    slug: str
    folder: str  # the year, or "undated"
    sha256: str
    part: int | None
    text: str


@dataclass
class Store:
    dest: Path
    force: bool = False
    by_origin: dict[tuple[str, int | None], Path] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, dest: Path, force: bool = False) -> Store:
        """Index what dest holds; reads only the front matter of each file."""
        store = cls(dest=dest, force=force)
        if dest.is_dir():
            for path in sorted(dest.rglob("*.md")):
                store.slugs.add(path.stem)
                key = _origin_key(path)
                if key is not None:
                    store.by_origin.setdefault(key, path)
        return store

    def unique_slug(self, slug: str) -> str:
        """The slug, or slug-2, slug-3… when another article already has it."""
        candidate, n = slug, 1
        while candidate in self.slugs:
            n += 1
            candidate = f"{slug}-{n}"
        return candidate

    def existing(self, sha256: str, part: int | None) -> Path | None:
        return self.by_origin.get((sha256, part))

    def put(self, draft: Draft) -> tuple[Outcome, Path]:
        existing = self.existing(draft.sha256, draft.part)
        if existing is not None:
            if existing.read_text(encoding="utf-8") == draft.text:
                return Outcome.UNCHANGED, existing
            if not self.force:
                return Outcome.KEPT, existing
            _write_atomic(existing, draft.text)
            return Outcome.UPDATED, existing
        target = self.dest / draft.folder / f"{draft.slug}.md"
        if target.exists():  # a slug taken after unique_slug() was asked: never clobber
            raise FileExistsError(f"{target}: already exists")
        _write_atomic(target, draft.text)
        self.slugs.add(draft.slug)
        self.by_origin[(draft.sha256, draft.part)] = target
        return Outcome.IMPORTED, target


def _origin_key(path: Path) -> tuple[str, int | None] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    ends = list(_FRONT_END.finditer(text, 0, 20000))
    front = text[: ends[1].start()] if len(ends) >= 2 else text[:4000]
    origin_at = front.find("origin:")
    if origin_at < 0:
        return None
    origin = front[origin_at:]
    sha = _ORIGIN_SHA.search(origin)
    if sha is None:
        return None
    part = _ORIGIN_PART.search(origin)
    return sha.group(1), int(part.group(1)) if part else None


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file so an interrupted run never leaves half an article."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ingest-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
