"""Article bodies on disk while a build runs: metadata in memory, a body read when asked for.

Every article's body held in memory for the whole build was the largest part of the
build's memory (hundreds of megabytes at 20,000 articles), and every forked worker
(``workers``: the page renderers, the search index) starts with a copy of it. Once
Pelican has read every article and saved its content cache, nothing needs a body
until a page or the index is made of it. The rules:

- ``BodyStore`` appends each body, as UTF-8, to a file and reads it back by offset
  (``os.pread``): forked workers share the file and never move a shared position.
  Writes go straight to the file, so a worker never inherits bytes not yet written.
- ``stream`` moves an article's body into the build's store: the article's class
  becomes a subclass of its own (``streamed``) whose ``_content`` (what Pelican's
  ``get_content`` and the search index read) comes from its store. Everything else of
  the article stays; it is still an instance of its class. Such an article is never
  pickled (workers fork), nor is a store.
- One store per build (``open_store``): the next build's replaces it (an autoreload
  run). Without a content cache it is an unnamed file, gone when it is closed.
- With Pelican's content cache kept (``plugins/content_cache``), the bodies are kept
  between builds instead (``open_kept``): Pelican's readers cache holds each article's
  body as a ``StoredBody``, an empty string that says where its text is in the kept
  files, so the cache loads without the bodies (94 of its 120 MB at 20,000 synthetic
  articles) and an unchanged article's body is never written again. Pelican hands the
  cached body to the article untouched, and ``stream`` files the article under that
  place. The kept files (``article-bodies.<n>``) are only appended to; when the cache
  is saved whole and most of their bytes are bodies no entry names any more, the named
  ones are copied to a new file (``KeptBodies.compact``), and a file no entry names is
  removed once the cache naming the new one is saved.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any


class BodyStore:
    """Texts appended to a file and read back by (offset, length); an unnamed temporary
    file unless ``path`` names one to keep."""

    def __init__(self, folder: Path | None = None, path: Path | None = None) -> None:
        if path is not None:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            self._end = os.fstat(self._fd).st_size
        else:
            where = folder if folder is not None and folder.is_dir() else None
            self._file = tempfile.TemporaryFile(dir=where, buffering=0)  # noqa: SIM115 (lives as long as the build)
            self._fd = self._file.fileno()
            self._end = 0

    @property
    def size(self) -> int:
        return self._end

    def add(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8")
        at = (self._end, len(data))
        os.pwrite(self._fd, data, self._end)
        self._end += len(data)
        return at

    def read(self, at: tuple[int, int]) -> str:
        offset, length = at
        return os.pread(self._fd, length, offset).decode("utf-8")

    def place(self, body: str) -> tuple[BodyStore, tuple[int, int]]:
        """Where ``body`` is to be read from: added to this store."""
        if isinstance(body, StoredBody):  # its text is in kept files no store has open
            raise RuntimeError(f"a body kept at {body.where} was read with no kept bodies open")
        return self, self.add(body)

    def close(self) -> None:
        if getattr(self, "_file", None) is not None:
            self._file.close()
        else:
            os.close(self._fd)


class StoredBody(str):
    """A body kept in ``KeptBodies``: an empty string (Pelican tests a body's truth and
    hands it on) that knows its file's number, offset and length."""

    where: tuple[int, int, int]

    def __new__(cls, number: int, offset: int, length: int) -> StoredBody:
        body = super().__new__(cls, "")
        body.where = (number, offset, length)
        return body

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoredBody, self.where)


KEPT_NAME = "article-bodies"
_KEPT_FILE = re.compile(rf"{KEPT_NAME}\.(\d+)")
# Bodies are copied to a new file when the kept files hold more than this many times
# the bytes the cache names (and at least COMPACT_MIN bytes more).
COMPACT_RATIO = 2
COMPACT_MIN = 1 << 20


class KeptBodies:
    """The bodies Pelican's readers cache names, in files of a cache folder: read from any,
    added to the newest."""

    def __init__(self, folder: Path, fresh: bool = False) -> None:
        """``fresh``: the cache was not loaded, so no kept body is named; new ones go to a
        new file (the older ones go when the cache is saved)."""
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        numbers = sorted(
            int(m.group(1)) for p in folder.iterdir() if (m := _KEPT_FILE.fullmatch(p.name))
        )
        self._stores = {n: BodyStore(path=self._path(n)) for n in numbers}
        self.current = (numbers[-1] + 1 if fresh else numbers[-1]) if numbers else 0
        if self.current not in self._stores:
            self._stores[self.current] = BodyStore(path=self._path(self.current))
        self._placed: dict[int, tuple[str, StoredBody]] = {}  # id(text) -> (text, its place)

    def _path(self, number: int) -> Path:
        return self.folder / f"{KEPT_NAME}.{number}"

    def add(self, text: str) -> StoredBody:
        """Keep ``text`` in the newest file; a body placed again is found by the text
        object itself, so Pelican's article of it is not written a second time."""
        offset, length = self._stores[self.current].add(text)
        stored = StoredBody(self.current, offset, length)
        self._placed[id(text)] = (text, stored)
        return stored

    def holds(self, body: StoredBody) -> bool:
        """Whether ``body``'s bytes are there (a file removed or cut short is no body)."""
        number, offset, length = body.where
        store = self._stores.get(number)
        return store is not None and offset + length <= store.size

    def read(self, body: StoredBody) -> str:
        number, offset, length = body.where
        return self._stores[number].read((offset, length))

    def place(self, body: str) -> tuple[BodyStore, tuple[int, int]]:
        """Where ``body`` is to be read from: its kept place, or a new one."""
        if not isinstance(body, StoredBody):
            placed = self._placed.get(id(body))
            body = placed[1] if placed is not None and placed[0] is body else self.add(body)
        number, offset, length = body.where
        return self._stores[number], (offset, length)

    def forget_placed(self) -> None:
        """Every article is streamed: the texts held to be found again go."""
        self._placed.clear()

    def compact(
        self,
        entries: MutableMapping[Any, Any],
        body_of: Callable[[Any], StoredBody | None],
        with_body: Callable[[Any, StoredBody], Any],
    ) -> set[int]:
        """Copy the bodies ``entries`` name to a new file, when the files holding them hold
        mostly others: ``body_of(entry)`` is an entry's body, ``with_body(entry, body)``
        the entry naming ``body`` instead. A file holding none of them is not copied from
        (a build that did not load the cache kept every body in a new file).

        Returns the numbers of the files that hold the bodies named (``remove_unnamed``)."""
        bodies = [
            (key, body)
            for key, entry in entries.items()
            if (body := body_of(entry)) is not None  # an empty string: never tested by truth
        ]
        live = sum(body.where[2] for _key, body in bodies)
        named = {body.where[0] for _key, body in bodies}  # the others go (remove_unnamed)
        total = sum(self._stores[number].size for number in named)
        if total <= COMPACT_RATIO * live + COMPACT_MIN:
            return named
        self.current = max(self._stores) + 1
        self._stores[self.current] = BodyStore(path=self._path(self.current))
        for key, body in bodies:
            entries[key] = with_body(entries[key], self.add(self.read(body)))
        return {self.current}

    def remove_unnamed(self, named: Iterable[int]) -> None:
        """Remove the files but those numbered in ``named`` (what ``compact`` returned) and
        the newest: once the cache naming them is saved. Their stores stay readable until
        closed."""
        keep = {*named, self.current}
        for number in self._stores:
            if number not in keep:
                self._path(number).unlink(missing_ok=True)

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()
        self._placed.clear()


_store: BodyStore | KeptBodies | None = None


def open_store(folder: Path | None) -> BodyStore | KeptBodies:
    """This build's store: the kept bodies when ``open_kept`` has opened them for it, else
    an unnamed file in ``folder`` (the last build's store, if any, is closed)."""
    global _store
    if isinstance(_store, KeptBodies) and _store.folder == folder:
        return _store
    if _store is not None:
        _store.close()
    _store = BodyStore(folder)
    return _store


def open_kept(folder: Path, fresh: bool = False) -> KeptBodies:
    """The kept bodies of the cache ``folder``, this build's store (``KeptBodies``)."""
    global _store
    if _store is not None:
        _store.close()
    _store = KeptBodies(folder, fresh)
    return _store


def _stored_body(article: Any) -> str:
    return article.__dict__["_body_store"].read(article.__dict__["_body_at"])


_STREAMED: dict[type, type] = {}


def streamed(cls: type) -> type:
    """The subclass of ``cls`` whose ``_content`` is read from the article's store."""
    if cls not in _STREAMED:
        name = f"Streamed{cls.__name__}"
        body = {"_content": property(_stored_body), "__module__": __name__, "__qualname__": name}
        _STREAMED[cls] = type(name, (cls,), body)
    return _STREAMED[cls]


def stream(article: Any, store: BodyStore | KeptBodies) -> None:
    """Move the article's body into ``store``; it reads the same afterwards."""
    body = article.__dict__.get("_content")
    if "_body_at" in article.__dict__ or not isinstance(body, str):
        return
    article.__dict__["_body_store"], article.__dict__["_body_at"] = store.place(body)
    del article.__dict__["_content"]
    article.__class__ = streamed(type(article))


__all__ = [
    "BodyStore",
    "KeptBodies",
    "StoredBody",
    "open_kept",
    "open_store",
    "stream",
    "streamed",
]
