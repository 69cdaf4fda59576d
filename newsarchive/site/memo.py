"""A whole-site computation kept between builds while its inputs are the same.

Related articles are computed from every article's entities, topics and date; most
edits (a correction to a body) leave those as they were, and then so is the answer.
``memoized`` keeps one answer per name in the cache folder with the digest of its
inputs: the same digest reads it back, any other computes it again and replaces it.
An unreadable file is no answer. Inputs are hashed as their ``repr``, so they must
be plain values (strings, numbers, dates, tuples and lists of them). ``read_kept`` and
``keep`` are the file itself, a value under a key, which the index cache
(``newsarchive.search.doccache``) keeps its documents in too; a big mapping read with
``read_kept_map`` is kept again as its changes, in a file beside it, while they are
few. ``each_kept`` is the per-article form: one answer per article, kept by the digest
of its file, so an edit computes one article's again (its search document, its rows of
the data files); ``with_kept_map`` reads such answers and keeps this build's;
``each_kept_forked`` makes the answers it lacks on every core when
they are many (a cold build, an alias edit).
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
R = TypeVar("R")
Item = TypeVar("Item")
K = TypeVar("K", bound=Hashable)


def digest(inputs: Any) -> str:
    return hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest()


MISSING = object()  # what read_kept gives when nothing is kept
# A kept mapping's changes since its file was last written whole sit beside it, in
# "<file>.changes", while they are few: at most this share of its entries (or FEW_CHANGES).
CHANGES_SHARE = 16
FEW_CHANGES = 64


def _load(path: Path) -> dict[str, Any] | None:
    """What a kept file holds (a dict with ``key``), or None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            kept = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, ValueError):
        return None
    return kept if isinstance(kept, dict) and "key" in kept else None


def _dump(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` at ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _changes_of(path: Path) -> Path:
    return path.with_name(f"{path.name}.changes")


def read_kept(path: Path, key: str) -> Any:
    """The value kept at ``path`` under ``key``; ``MISSING`` when none (no file, another key,
    or a file that cannot be read)."""
    kept = _load(path)
    return kept.get("value", MISSING) if kept is not None and kept["key"] == key else MISSING


class KeptMap(dict):  # type: ignore[type-arg]
    """A kept mapping as ``read_kept_map`` read it, with the entries its file holds whole
    (``base``), that file's ``token`` and the ``key`` it was kept under: keeping the next
    one with ``since`` set to it writes only the entries that differ from the base."""

    base: Mapping[Any, Any] = {}
    token: str = ""
    key: str = ""

    def release(self) -> None:
        """Let go of every entry, and of the mapping read whole, once they serve no more:
        the entries no other object holds are freed (both are held until then)."""
        self.base = {}
        self.clear()


def read_kept_map(path: Path, key: str | None) -> KeptMap:
    """``read_kept`` of a mapping, with the changes kept beside it since it was written
    whole applied: empty when none is kept (or what is kept is no mapping). ``key`` None
    reads it whatever its key (``KeptMap.key``), for a reader that learns later which
    key it needs."""
    kept = _load(path)
    out = KeptMap()
    if kept is None or key not in (None, kept["key"]) or not isinstance(kept.get("value"), Mapping):
        return out
    key = out.key = kept["key"]
    out.update(kept["value"])
    out.base, out.token = kept["value"], kept.get("token", "")
    apply_changes(out, path, key, out.token)
    return out


def apply_changes(value: dict[Any, Any], path: Path, key: str, token: str) -> None:
    """Apply to ``value``, the mapping the file at ``path`` holds whole, the changes
    ``keep_changes`` kept beside it since, if they were kept under ``key`` from the
    file whole as ``token`` names it (any other changes file is stale: ignored)."""
    changes = _load(_changes_of(path))
    if changes is None or changes["key"] != key or not token or changes.get("token") != token:
        return
    for gone in changes.get("gone", ()):
        value.pop(gone, None)
    value.update(changes.get("set", {}))


def keep_changes(
    path: Path, key: str, token: str, base: Mapping[Any, Any], value: Mapping[Any, Any]
) -> bool:
    """Keep ``value`` as its changes from ``base``, what the file at ``path`` holds whole
    (the file as ``token`` names it), in a file beside it: its entries that are not the
    very objects of ``base``, and the keys gone. False when they are too many (more than
    ``CHANGES_SHARE``'s share of its entries, or ``FEW_CHANGES``), or there is no token:
    then the caller writes the file whole, after ``forget_changes``."""
    if not token:
        return False
    changed = {k: v for k, v in value.items() if base.get(k, MISSING) is not v}
    gone = [k for k in base if k not in value]
    if len(changed) + len(gone) > max(FEW_CHANGES, len(value) // CHANGES_SHARE):
        return False
    _dump(_changes_of(path), {"key": key, "token": token, "set": changed, "gone": gone})
    return True


def file_token(path: Path) -> str:
    """The file at ``path`` as it is now (inode, size, modification time), to name the
    file whole that changes are kept from when the file is not ours to write a token
    into (Pelican's content cache); "" when there is no file."""
    try:
        info = path.stat()
    except OSError:
        return ""
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def forget_changes(path: Path) -> None:
    """Before the file at ``path`` is written whole: its changes file no longer applies."""
    _changes_of(path).unlink(missing_ok=True)


def keep(path: Path, key: str, value: Any, since: Mapping[Any, Any] | None = None) -> None:
    """Keep ``value`` at ``path`` under ``key``, replacing the file in one step.

    With ``since``, the ``KeptMap`` read from this file for this build, a mapping is kept
    as its changes from the entries the file holds whole (``keep_changes``) while they
    are few: an edit rewrites one entry's worth, not the whole map (the index cache is
    40 MB at 20,000 articles). Beyond that share it is written whole again, and its
    changes file goes.
    """
    mapping = isinstance(since, KeptMap) and isinstance(value, Mapping)
    if mapping and keep_changes(path, key, since.token, since.base, value):
        return
    forget_changes(path)
    _dump(path, {"key": key, "value": value, "token": os.urandom(8).hex()})


def with_kept_map(
    folder: Path | None,
    name: str,
    key: str,
    make: Callable[[Mapping[K, T]], tuple[R, Mapping[K, T]]],
) -> R:
    """What ``make(kept)`` gives, from the mapping kept in ``folder`` under ``name`` for
    ``key`` (empty with no ``folder``): a result, and this build's mapping, kept for the
    next one when its keys differ from ``kept``'s (its values are named by their keys,
    as ``each_kept``'s are)."""
    kept: Mapping[K, T] = read_kept_map(folder / name, key) if folder is not None else {}
    result, now = make(kept)
    if folder is not None and now.keys() != kept.keys():
        keep(folder / name, key, now, since=kept)
    return result


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
    "KeptMap",
    "digest",
    "each_kept",
    "each_kept_forked",
    "keep",
    "memoized",
    "read_kept",
    "read_kept_map",
]
