"""A whole-site computation kept between builds while its inputs are the same.

Related articles are computed from every article's entities, topics and date; most
edits (a correction to a body) leave those as they were, and then so is the answer.
``memoized`` keeps one answer per name in the cache folder with the digest of its
inputs: the same digest reads it back, any other computes it again and replaces it.
An unreadable file is no answer. Inputs are hashed as their ``repr``, so they must
be plain values (strings, numbers, dates, tuples and lists of them). ``read_kept`` and
``keep`` are the file itself, a value under a key, which the index cache
(``newsarchive.search.doccache``) keeps its documents in too. ``each_kept`` is the
per-article form: one answer per article, kept by the digest of its file, so an edit
computes one article's again (its search document, its rows of the data files);
``each_kept_forked`` makes the answers it lacks on every core when they are many (a
cold build, an alias edit).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from newsarchive.site import workers

T = TypeVar("T")
Item = TypeVar("Item")
K = TypeVar("K", bound=Hashable)


def digest(inputs: Any) -> str:
    return hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest()


MISSING = object()  # what read_kept gives when nothing is kept


def read_kept(path: Path, key: str) -> Any:
    """The value kept at ``path`` under ``key``; ``MISSING`` when none (no file, another key,
    or a file that cannot be read)."""
    try:
        with path.open("rb") as handle:
            kept = pickle.load(handle)
        if kept["key"] == key:
            return kept["value"]
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, TypeError, AttributeError):
        pass
    return MISSING


def read_kept_map(path: Path, key: str) -> dict[Any, Any]:
    """``read_kept`` of a mapping: empty when none is kept (or what is kept is no mapping)."""
    value = read_kept(path, key)
    return dict(value) if isinstance(value, Mapping) else {}


def keep(path: Path, key: str, value: Any) -> None:
    """Keep ``value`` at ``path`` under ``key``, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"key": key, "value": value}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def memoized(folder: Path | None, name: str, inputs: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or the answer kept under ``name`` for the same ``inputs``
    (``folder`` None: no cache, always computed)."""
    if folder is None:
        return compute()
    key, path = digest(inputs), folder / f"{name}.pickle"
    value = read_kept(path, key)
    if value is MISSING:
        value = compute()
        keep(path, key, value)
    return value


def each_kept(
    kept: Mapping[K, T], items: Iterable[tuple[K | None, Item]], compute: Callable[[Item], T]
) -> tuple[list[T], dict[K, T]]:
    """``compute(item)`` of each (key, item), or the answer ``kept`` has for its key (a None
    key is never kept); and this run's answers by key, to keep for the next run (the caller
    rewrites its file only when their keys differ from ``kept``'s)."""
    answers: list[T] = []
    now: dict[K, T] = {}
    for key, item in items:
        answer = MISSING if key is None else kept.get(key, MISSING)
        if answer is MISSING:
            answer = compute(item)
        if key is not None:
            now[key] = answer
        answers.append(answer)
    return answers, now


def each_kept_forked(
    kept: Mapping[K, T],
    keys: Sequence[K | None],
    make: Callable[[int], T],
    processes: int,
    min_jobs: int,
) -> tuple[list[T], dict[K, T]]:
    """``each_kept`` of items numbered from 0 (``keys``: each one's), ``make(number)`` giving
    an answer ``kept`` lacks; when at least ``min_jobs`` are lacking, they are made in
    ``processes`` forked workers first."""
    missing = [n for n, key in enumerate(keys) if key is None or key not in kept]
    answers = workers.each_maybe_forked(make, missing, processes, min_jobs)
    made = dict(zip(missing, answers, strict=True))
    numbered = zip(keys, range(len(keys)), strict=True)
    return each_kept(kept, numbered, lambda n: made[n] if n in made else make(n))


__all__ = [
    "MISSING",
    "digest",
    "each_kept",
    "each_kept_forked",
    "keep",
    "memoized",
    "read_kept",
    "read_kept_map",
]
