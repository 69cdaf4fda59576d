"""Rules across article files: one slug per article, one article per story.

A slug is an article's id and the last part of its URL, so two files with one
slug would overwrite each other's page. Two files listing the same input record
(``sha256`` and ``part``, see ``newsarchive.content.provenance``) imported it twice; two
files with the same story key (``newsarchive.content.fingerprints``: the same words) hold
the same story, which belongs in one article listing every record.
Each file involved gets its own problem naming the others, so whichever file a
contributor opens, the message says where the clash is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from newsarchive.content.provenance import describe, record_keys

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class FileProblem:
    """A problem of one file; str() gives the build's `path: field: message` line."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def duplicate_slugs(pairs: Iterable[tuple[str, str]]) -> list[FileProblem]:
    """Given (path, slug) pairs, a problem for every file whose slug another file has."""
    return [
        FileProblem(
            path,
            f"slug: {slug!r} is already used by {_names(others)}; "
            "expected a slug no other article has",
        )
        for path, slug, others in _shared(pairs)
    ]


def duplicate_origins(pairs: Iterable[tuple[str, Mapping[str, Any] | None]]) -> list[FileProblem]:
    """Given (path, origin) pairs, a problem for every file whose input record another file holds.

    Files without an origin (written by hand) are never duplicates of anything.
    """
    keyed = [(path, key) for path, origin in pairs for key in dict.fromkeys(record_keys(origin))]
    return [
        FileProblem(
            path,
            f"origin: the same input ({describe(key)}) is already imported as "
            f"{_names(others)}; expected each input in one article only, so keep one file",
        )
        for path, key, others in _shared(keyed)
    ]


def duplicate_stories(pairs: Iterable[tuple[str, str | None]]) -> list[FileProblem]:
    """Given (path, story key) pairs, a problem for every file whose story another file holds."""
    keyed = [(path, key) for path, key in pairs if key]
    return [
        FileProblem(
            path,
            f"origin: the same story (the same words) is already in {_names(others)}; "
            "expected one article per story: keep one file and list the other's origin "
            "records under its origin.records",
        )
        for path, _key, others in _shared(keyed)
    ]


def _shared(pairs: Iterable[tuple[str, K]]) -> list[tuple[str, K, list[str]]]:
    """Each (path, key) whose key other paths also have, with those paths, in input order."""
    pairs = list(dict.fromkeys(pairs))  # a file listed twice is not its own duplicate
    owners: dict[K, list[str]] = defaultdict(list)
    for path, key in pairs:
        owners[key].append(path)
    return [
        (path, key, sorted(p for p in owners[key] if p != path))
        for path, key in pairs
        if len(owners[key]) > 1
    ]


def _names(paths: list[str]) -> str:
    return paths[0] if len(paths) == 1 else ", ".join(paths[:-1]) + " and " + paths[-1]
