"""The index cache's documents as prepared for the posting table, kept between builds.

The index's child of an incremental build prepares every cached document
(``shards.PreparedPostings``: its terms numbered in a provisional vocabulary, its counts
copied) while the articles are read: about 1.5 s of its CPU at 20,000 synthetic articles,
the same work every build for documents that did not change. What a document's
preparation holds depends only on the document, which its key in the index cache
(``doccache``) names, so the preparation is kept beside that cache, under its key: the
vocabulary, each field's arrays and, slot by slot, the key of the document in it. The
next build gives each slot to the cached document of that key, prepares only the
documents none holds, and keeps the preparation again when it prepared any.

A slot whose key no cached document has any more (an edited article's older version)
is carried along unused; past one slot in ``STALE_SHARE``, every document is prepared
afresh. A cold build keeps its own preparation (``keep``), made in index order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from newsarchive.search.doccache import Kept
from newsarchive.search.shards import FIELDS, PreparedPostings
from newsarchive.site.memo import MISSING, keep, read_kept

FILE = "search-prepared.pickle"
FORMAT = 1
STALE_SHARE = 8


def prepare(folder: Path, key: str, cached: Mapping[str, Kept], save: bool) -> PreparedPostings:
    """The cached documents prepared: from the kept preparation where it holds them, the
    others now; kept again (with ``save``) when any was prepared now."""
    keys, prepared = _read(folder, key, cached)
    known = set(keys)
    lacking = [(k, kept.doc) for k, kept in cached.items() if k not in known]
    prepared.add(doc for _k, doc in lacking)
    if save and lacking:
        keep_prepared(folder, key, prepared, [*keys, *(k for k, _doc in lacking)])
    return prepared


def _read(
    folder: Path, key: str, cached: Mapping[str, Kept]
) -> tuple[list[str | None], PreparedPostings]:
    """The kept preparation's keys by slot, and the preparation with each slot given to the
    cached document of its key; none (an empty one) when it is missing, not ``key``'s,
    malformed or mostly stale."""
    kept = read_kept(folder / FILE, f"{FORMAT}:{key}")
    if kept is MISSING or not _well_formed(kept):
        return [], PreparedPostings()
    keys = kept["keys"]
    docs = [cached[k].doc if k in cached else None for k in keys]
    if sum(doc is None for doc in docs) * STALE_SHARE > len(docs):
        return [], PreparedPostings()
    return keys, PreparedPostings.of_kept(kept["words"], kept["fields"], docs)


def _well_formed(kept: object) -> bool:
    """Whether ``kept`` is a preparation this code wrote: a slot for each document of every
    field's arrays, term numbers within the vocabulary."""
    if not isinstance(kept, dict) or not {"keys", "words", "fields"} <= kept.keys():
        return False
    keys, words, fields = kept["keys"], kept["words"], kept["fields"]
    if not isinstance(keys, list) or not isinstance(words, list) or len(fields) != len(FIELDS):
        return False
    for ids, tfs, counts, lengths in fields:
        arrays = (ids, tfs, counts, lengths)
        if not all(isinstance(a, np.ndarray) for a in arrays):
            return False
        if len(counts) != len(keys) or len(lengths) != len(keys):
            return False
        if len(ids) != len(tfs) or len(ids) != int(counts.sum()):
            return False
        if len(ids) and (int(ids.min()) < 0 or int(ids.max()) >= len(words)):
            return False
    return True


def keep_prepared(
    folder: Path, key: str, prepared: PreparedPostings, keys: Sequence[str | None]
) -> None:
    """Keep ``prepared`` under ``key``, ``keys`` naming the document of each slot (None: no
    cached document, never given again)."""
    words, fields = prepared.kept()
    keep(folder / FILE, f"{FORMAT}:{key}", {"keys": list(keys), "words": words, "fields": fields})


__all__ = ["FILE", "keep_prepared", "prepare"]
