"""Article bodies on disk while a build runs: metadata in memory, a body read when asked for.

Every article's body held in memory for the whole build was the largest part of the
build's memory (hundreds of megabytes at 20,000 articles), and every forked worker
(``workers``: the page renderers, the search index) starts with a copy of it. Once
Pelican has read every article and saved its content cache, nothing needs a body
until a page or the index is made of it. The rules:

- ``BodyStore`` appends each body, as UTF-8, to an unnamed temporary file (in the
  cache folder when there is one) and reads it back by offset (``os.pread``): forked
  workers share the file and never move a shared position. The file is unbuffered, so
  a worker never inherits bytes not yet written.
- ``stream`` moves an article's body into the store: the article's class becomes a
  subclass of its own (``streamed``) whose ``_content`` (what Pelican's
  ``get_content`` and the search index read) comes from its store. Everything else of
  the article stays; it is still an instance of its class. Such an article is never
  pickled (workers fork), nor is the store.
- One store per build (``open_store``): the next build's replaces it (an autoreload
  run), and closing it removes the file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


class BodyStore:
    """Texts appended to an unnamed file and read back by (offset, length)."""

    def __init__(self, folder: Path | None = None) -> None:
        where = folder if folder is not None and folder.is_dir() else None
        self._file = tempfile.TemporaryFile(dir=where, buffering=0)  # noqa: SIM115 (lives as long as the build)
        self._end = 0

    def add(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8")
        at = (self._end, len(data))
        os.pwrite(self._file.fileno(), data, self._end)
        self._end += len(data)
        return at

    def read(self, at: tuple[int, int]) -> str:
        offset, length = at
        return os.pread(self._file.fileno(), length, offset).decode("utf-8")

    def close(self) -> None:
        self._file.close()


_store: BodyStore | None = None


def open_store(folder: Path | None) -> BodyStore:
    """This build's store (the last build's, if any, is closed)."""
    global _store
    if _store is not None:
        _store.close()
    _store = BodyStore(folder)
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


def stream(article: Any, store: BodyStore) -> None:
    """Move the article's body into ``store``; it reads the same afterwards."""
    body = article.__dict__.get("_content")
    if "_body_at" in article.__dict__ or not isinstance(body, str):
        return
    article.__dict__["_body_at"] = store.add(body)
    article.__dict__["_body_store"] = store
    del article.__dict__["_content"]
    article.__class__ = streamed(type(article))


__all__ = ["BodyStore", "open_store", "stream", "streamed"]
