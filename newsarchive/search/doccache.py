"""Each article's search document and terms, kept between builds: the index cache.

Turning an article into its search document (its text, its entities' names, the
synonyms it holds) and tokenizing and stemming that is most of what an index build
costs, and gives the same answer for an unchanged article. The rules:

- An article's entry (``Kept``) is kept by ``doc_key``: its article's ``source_digest``
  (the file's bytes: title, date, text) and its address. It holds the article's
  document with its terms counted (``SearchDoc.terms``), the ``names_key`` of the
  entities it was made with (their ids, names and aliases: its entity field, and the
  synonyms they hold), and its own terms (``documents.OwnTerms``: every field counted
  without the names). Its document serves while its names are the same; an alias edit
  completes its own terms with the new names (``documents.named``) instead of
  tokenizing again every article that names the entity. The document and its own terms
  share their fields' counts, so the cache is about as big as the documents alone.
- The cache as a whole is keyed by everything else a document depends on
  (``inputs``): the code (``cachekey.code_fingerprint``), the tags' names and the
  synonym groups. A cache of other inputs is not read; it is replaced.
- Each build writes the entries of the articles it has (a deleted article's is
  dropped), atomically, in Pelican's cache folder (while they are few, as the entries
  changed since the file was last written whole, ``memo.keep``); it reads the cache when Pelican
  loads its content cache (``LOAD_CONTENT_CACHE``) and writes it when Pelican
  writes its own (``CACHE_CONTENT``).
- A cache that cannot be read (missing, truncated, from another version) is an empty
  one: the index is then built from the articles, as a cold build does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsarchive.search.documents import OwnTerms, SearchDoc
from newsarchive.site import cachekey
from newsarchive.site.memo import keep, read_kept_map

FILE = "search-documents.pickle"
FORMAT = 5  # 2: terms counted per field (documents.FieldCounts); 3: doc_key; 4: Kept;
# 5: counts packed (documents.packed_counts)


@dataclass(frozen=True)
class Kept:
    """An article's entry: its document, the names it was made with, its own terms."""

    names_key: str
    doc: SearchDoc
    own: OwnTerms


def inputs(
    code_dirs: Iterable[Path],
    tag_names: Mapping[str, str],
    synonym_groups: Iterable[Iterable[str]],
) -> str:
    """The key of a cache: what every document depends on besides its own ``doc_key``."""
    parts = {
        "code": cachekey.code_fingerprint(code_dirs),
        "tags": dict(sorted(tag_names.items())),
        "synonyms": [list(group) for group in synonym_groups],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def doc_key(source_digest: str, url: str) -> str:
    """The key of an article's entry: its file and its address."""
    return f"{source_digest}:{url}"


def names_key(entities: Iterable[Sequence[str]]) -> str:
    """The key of the names a document was made with: its entities, each an id, then its
    names and aliases."""
    key = hashlib.sha256()
    for row in entities:
        key.update(_row_digest(row))
    return key.hexdigest()[:32]


class NamesKeys:
    """``names_key`` of many articles' entities, from a registry's names (id -> names and
    aliases; ids it lacks are left out): each entity's row is digested once, not once per
    article naming it (20,000 articles name a few thousand entities, 18 each in the
    synthetic archive)."""

    def __init__(self, names: Mapping[str, Sequence[str]]) -> None:
        self._names = names
        self._rows: dict[str, bytes] = {}

    def of(self, ids: Iterable[str]) -> str:
        key = hashlib.sha256()
        for i in ids:
            if i in self._names:
                row = self._rows.get(i)
                if row is None:
                    row = self._rows[i] = _row_digest((i, *self._names[i]))
                key.update(row)
        return key.hexdigest()[:32]


def _row_digest(row: Sequence[str]) -> bytes:
    return hashlib.sha256(json.dumps(list(row)).encode("utf-8")).digest()


def load(folder: Path, key: str) -> dict[str, Kept]:
    """The kept entries by ``doc_key``; empty when the cache is missing or not ``key``'s."""
    return read_kept_map(folder / FILE, f"{FORMAT}:{key}")


def load_any(folder: Path) -> tuple[str, dict[str, Kept]]:
    """The kept entries whatever inputs they were made for, and the key of those inputs
    ("" when none): read before the inputs are known, they serve only a build whose
    ``inputs`` turn out to be that key (``plugins/archive_search`` reads the cache while
    the articles are read)."""
    kept = read_kept_map(folder / FILE, None)
    stored_format, _, key = kept.key.partition(":")
    return (key, kept) if stored_format == str(FORMAT) else ("", {})


def save(
    folder: Path, key: str, entries: Mapping[str, Kept], since: Mapping[str, Kept] | None = None
) -> None:
    """Replace the cache with ``entries`` in one step; with ``since`` (what ``load`` gave this
    build), as their changes while they are few (``memo.keep``)."""
    keep(folder / FILE, f"{FORMAT}:{key}", dict(entries), since)


__all__ = [
    "FILE",
    "Kept",
    "NamesKeys",
    "doc_key",
    "inputs",
    "load",
    "load_any",
    "names_key",
    "save",
]
