"""Each article's search document and terms, kept between builds: the index cache.

Turning an article into its search document (its text, its entities' names, the
synonyms it holds) and tokenizing and stemming that is most of what an index build
costs, and gives the same answer for an unchanged article. The rules:

- A document is kept by ``doc_key``: its article's ``source_digest`` (the file's
  bytes: title, date, text), its address, and the ids, names and aliases of its entities
  (its entity field, and the synonyms they hold), with its terms counted
  (``SearchDoc.terms``). An alias edit tokenizes again only the articles of the entity.
- The cache as a whole is keyed by everything else a document depends on
  (``inputs``): the code (``cachekey.code_fingerprint``), the tags' names and the
  synonym groups. A cache of other inputs is not read; it is replaced.
- Each build writes the documents of the articles it has (a deleted article's is
  dropped), atomically, in Pelican's cache folder; it reads the cache when Pelican
  loads its content cache (``LOAD_CONTENT_CACHE``) and writes it when Pelican
  writes its own (``CACHE_CONTENT``).
- Beside it, each article's document without its entities' names
  (``documents.OwnTerms``), by ``doc_key`` without names (``OWN_FILE``): an alias edit
  completes those (``documents.named``) instead of tokenizing every article that names
  the entity again. It is read, and written, only by a build that lacks at least
  ``OWN_MIN`` documents: an edit's one new document is not worth reading it.
- A cache that cannot be read (missing, truncated, from another version) is an empty
  one: the index is then built from the articles, as a cold build does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsarchive.site import cachekey
from newsarchive.site.memo import keep, read_kept_map

FILE = "search-documents.pickle"
OWN_FILE = "search-documents-own.pickle"
OWN_MIN = 200
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
    """The key of one document: its article's file and address, and its entities (each an
    id, then its names and aliases)."""
    parts = [source_digest, url, [list(names) for names in entity_names]]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:32]


def load(folder: Path, key: str, name: str = FILE) -> dict[str, Any]:
    """The cached documents by ``doc_key`` (``name``: ``FILE``, or ``OWN_FILE`` for the
    documents without names); empty when the cache is missing or not ``key``'s."""
    return read_kept_map(folder / name, f"{FORMAT}:{key}")


def save(folder: Path, key: str, docs: Mapping[str, Any], name: str = FILE) -> None:
    """Replace the cache ``name`` with ``docs`` in one step."""
    keep(folder / name, f"{FORMAT}:{key}", dict(docs))


__all__ = ["FILE", "OWN_FILE", "OWN_MIN", "doc_key", "inputs", "load", "save"]
