"""Each article's search document and terms, kept between builds: the index cache.

Turning an article into its search document (its text, its entities' names, the
synonyms it holds) and tokenizing and stemming that is most of what an index build
costs, and gives the same answer for an unchanged article. The rules:

- A document is kept by ``doc_key``: its article's ``source_digest`` (the file's
  bytes: title, date, text), its address, and the names and aliases of its entities
  (its entity field, and the synonyms they hold), with its terms counted
  (``SearchDoc.terms``). An alias edit tokenizes again only the articles of the entity.
- The cache as a whole is keyed by everything else a document depends on
  (``inputs``): the code (``cachekey.code_fingerprint``), the tags' names and the
  synonym groups. A cache of other inputs is not read; it is replaced.
- Each build writes the documents of the articles it has (a deleted article's is
  dropped), atomically, in Pelican's cache folder; it reads the cache when Pelican
  loads its content cache (``LOAD_CONTENT_CACHE``) and writes it when Pelican
  writes its own (``CACHE_CONTENT``).
- A cache that cannot be read (missing, truncated, from another version) is an empty
  one: the index is then built from the articles, as a cold build does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from newsarchive.search.documents import SearchDoc
from newsarchive.site import cachekey
from newsarchive.site.memo import keep, read_kept_map

FILE = "search-documents.pickle"
FORMAT = 3  # 2: terms counted per field (documents.FieldCounts); 3: doc_key


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


def doc_key(source_digest: str, url: str, entity_names: Iterable[Sequence[str]]) -> str:
    """The key of one document: its article's file and address, and its entities' names."""
    parts = [source_digest, url, [list(names) for names in entity_names]]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:32]


def load(folder: Path, key: str) -> dict[str, SearchDoc]:
    """The cached documents by ``doc_key``; empty when the cache is missing or not ``key``'s."""
    return read_kept_map(folder / FILE, f"{FORMAT}:{key}")


def save(folder: Path, key: str, docs: Mapping[str, SearchDoc]) -> None:
    """Replace the cache with ``docs`` in one step."""
    keep(folder / FILE, f"{FORMAT}:{key}", dict(docs))


__all__ = ["FILE", "doc_key", "inputs", "load", "save"]
