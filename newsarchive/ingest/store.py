"""Writing ingested articles into content/ without ever losing what is there.

An article is known by what it holds, not by its file name, so a re-run finds
it wherever it sits:

* by its records (``origin`` records: the input's SHA-256 and its part in a
  digest, see ``newsarchive.content.provenance``): a record already listed is not
  written again. When it is the article's first record (the one the article
  was written from), the file is compared with what ingest writes now, origin
  aside: identical is left alone; different was edited by hand (or by an
  earlier ingest rule) and is kept unless ``force``.
* by its story key (``newsarchive.content.fingerprints``: the story's words): a new
  record of a story already imported — the same story filed under another
  topic or address — joins that article's ``origin.records`` and its section
  joins ``section``; the rest of the file, body and hand edits included, stays
  as it is.

Files are read with the real front-matter parser; a file that does not parse
is still counted as taken (its slug) and left alone, for ``invoke check`` to
report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from newsarchive.content import frontmatter, provenance
from newsarchive.content.fingerprints import story_key
from newsarchive.content.provenance import RecordKey


class Outcome(Enum):
    IMPORTED = "imported"
    MERGED = "merged"  # another record of a story already in content/: listed in its origin
    UNCHANGED = "unchanged"
    KEPT = "kept"  # differs from a fresh ingest: edited by hand, not overwritten
    UPDATED = "updated"  # overwritten with --force


@dataclass(frozen=True)
class Draft:
    """An article ready to write: its fields, body and where it goes.

    ``record`` is the one origin record it came from; ``story`` its story key.
    """

    slug: str
    folder: str  # the year, or "undated"
    meta: dict[str, Any]  # front matter without slug and origin
    body: str
    record: dict[str, Any]
    story: str | None

    @property
    def record_key(self) -> RecordKey:
        key = provenance.record_key(self.record)
        assert key is not None, "a draft's record has a sha256"
        return key

    def text(self, slug: str, origin: dict[str, Any], section: Any = None) -> str:
        """The file text with this slug and origin (and, for a merged story, its sections)."""
        meta = {"title": self.meta["title"], "date": self.meta["date"], "slug": slug}
        meta.update((k, v) for k, v in self.meta.items() if k not in meta)
        if section is not None:
            meta["section"] = section
        meta["origin"] = origin
        return frontmatter.dump(meta, self.body)


@dataclass
class Store:
    dest: Path
    force: bool = False
    by_record: dict[RecordKey, Path] = field(default_factory=dict)
    by_story: dict[str, Path] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    existing: list[Path] = field(default_factory=list)  # files there before this run
    known: dict[Path, tuple[str, list[Any]]] = field(default_factory=dict)  # slug, records
    folders: set[Path] = field(
        default_factory=set
    )  # made or seen: one mkdir per folder, not per file
    writes: _Writes = field(default_factory=lambda: _Writes())

    @classmethod
    def open(cls, dest: Path, force: bool = False) -> Store:
        """Index what dest holds by slug, record and story."""
        store = cls(dest=dest, force=force)
        if dest.is_dir():
            for path in sorted(dest.rglob("*.md")):
                store.slugs.add(path.stem)
                store.existing.append(path)
                doc = _parse(path)
                if doc is not None:
                    store._index(path, doc)
        return store

    def _index(self, path: Path, doc: frontmatter.Document) -> None:
        origin = _typed(doc.meta.get("origin"))
        slug = doc.meta.get("slug")
        self.known[path] = (
            slug if isinstance(slug, str) else path.stem,
            provenance.records(origin),
        )
        for key in provenance.record_keys(origin):
            self.by_record.setdefault(key, path)
        story = provenance.story(origin) or story_key(doc.body)
        if story:
            self.by_story.setdefault(story, path)

    def unique_slug(self, slug: str) -> str:
        """The slug, or slug-2, slug-3… when another article already has it."""
        candidate, n = slug, 1
        while candidate in self.slugs:
            n += 1
            candidate = f"{slug}-{n}"
        return candidate

    def find(self, record: RecordKey) -> Path | None:
        return self.by_record.get(record)

    def put(self, draft: Draft) -> tuple[Outcome, Path]:
        """Write, merge or leave alone one draft (rules in the module docstring)."""
        known = self.by_record.get(draft.record_key)
        if known is not None:
            return self._again(draft, known), known
        same_story = self.by_story.get(draft.story) if draft.story else None
        if same_story is not None and self._merge(draft, same_story):
            self.by_record[draft.record_key] = same_story
            return Outcome.MERGED, same_story
        slug = self.unique_slug(draft.slug)
        target = self.dest / draft.folder / f"{slug}.md"
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        if target.exists():  # a slug taken after unique_slug() was asked: never clobber
            raise FileExistsError(f"{target}: already exists")
        self.writes.write(target, draft.text(slug, provenance.merged(draft.story, [draft.record])))
        self.known[target] = (slug, [draft.record])
        self.slugs.add(slug)
        self.by_record[draft.record_key] = target
        if draft.story:
            self.by_story.setdefault(draft.story, target)
        return Outcome.IMPORTED, target

    def _again(self, draft: Draft, path: Path) -> Outcome:
        """A record already listed: compare (first record) or leave alone (a merged one)."""
        if path not in self.known:
            doc = _parse(path)
            if doc is None:
                return Outcome.KEPT
            self._index(path, doc)
        slug, records = self.known[path]
        keys = [provenance.record_key(r) for r in records]
        if not keys or keys[0] != draft.record_key:
            return Outcome.UNCHANGED  # a later record of the story: the article came from the first
        section = provenance.section_field(r["section"] for r in records if r.get("section"))
        wanted_origin = provenance.merged(draft.story, [draft.record, *records[1:]])
        fresh = draft.text(slug, wanted_origin, section)
        self.writes.wait(path)
        current = path.read_text(encoding="utf-8")
        if current == fresh or _without_origin(current) == _without_origin(fresh):
            return Outcome.UNCHANGED
        if not self.force:
            return Outcome.KEPT
        self.writes.write(path, fresh)
        return Outcome.UPDATED

    def _merge(self, draft: Draft, path: Path) -> bool:
        """List the draft's record in the article of the same story; False if it cannot be read."""
        self.writes.wait(path)
        doc = _parse(path)
        if doc is None:
            return False
        meta = dict(doc.meta)
        origin = _typed(meta.get("origin"))
        story = provenance.story(origin) or draft.story
        meta["origin"] = provenance.merged(story, [*provenance.records(origin), draft.record])
        names = provenance.sections(meta.get("section"))
        if draft.record.get("section"):
            names.append(draft.record["section"])
        section = provenance.section_field(names)
        if section is not None:
            meta = _with_section(meta, section)
        self.writes.write(path, frontmatter.dump(meta, doc.body))
        slug = meta.get("slug")
        self.known[path] = (slug if isinstance(slug, str) else path.stem, meta["origin"]["records"])
        return True

    def flush(self) -> None:
        """Wait until every file put so far is on disk (and raise what a write raised)."""
        self.writes.flush()

    def paths(self) -> Iterator[Path]:
        """Every article file this store knows, written now or before."""
        yield from dict.fromkeys([*self.existing, *self.by_record.values()])


def _with_section(meta: dict[str, Any], section: Any) -> dict[str, Any]:
    """meta with ``section`` set, in its usual place (before kind) when it was not there."""
    if "section" in meta:
        return {**meta, "section": section}
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key in ("kind", "lang", "summary", "captions", "entities", "tags", "origin"):
            out.setdefault("section", section)
        out[key] = value
    out.setdefault("section", section)
    return out


def _parse(path: Path) -> frontmatter.Document | None:
    try:
        return frontmatter.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None


def _typed(origin: Any) -> Any:
    """An origin as read (every scalar text) with its parts as numbers, as the schema says."""
    if not isinstance(origin, dict):
        return origin
    from newsarchive.content.schema import coerce

    return coerce({"origin": origin})["origin"]


def _without_origin(text: str) -> tuple[dict[str, Any], str] | str:
    """A file's fields but its origin, and its body: what a hand edit changes."""
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError:
        return text
    return {k: v for k, v in doc.meta.items() if k != "origin"}, doc.body


class _Writes:
    """Article files written by a few threads while the run goes on.

    Creating a file waits for the disk (0.1 to 1 ms each, measured on a shared
    VM), which one thread would pay 20,000 times in a row; decisions (slugs,
    merges) stay in the caller, in order, and a file is read or written again
    only once its pending write is done.
    """

    THREADS = 4

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[Path, Future[None]] = {}

    def write(self, path: Path, text: str) -> None:
        self.wait(path)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.THREADS, thread_name_prefix="ingest-write")
        self._pending[path] = self._pool.submit(_write_atomic, path, text)
        if len(self._pending) > 4 * self.THREADS * 64:
            self.flush()  # keep the texts waiting in memory bounded

    def wait(self, path: Path) -> None:
        future = self._pending.pop(path, None)
        if future is not None:
            future.result()

    def flush(self) -> None:
        pending, self._pending = self._pending, {}
        for future in pending.values():
            future.result()


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file so an interrupted run never leaves half an article."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ingest-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
