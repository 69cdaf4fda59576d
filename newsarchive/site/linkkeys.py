"""What each article's pages read of the entity registry, as two digests their keys hold.

An article is shown with its entities' chips, and its own page links the first mention
of each of its entities in its body. Keying every page by the whole registry made an
alias edit render the whole archive again; instead each article carries (``stamp``):

- ``entity_view``: its entities as chips and lists show them, every field but the
  aliases (``incremental.OMITTED``). Every page that shows the article hashes it.
- ``link_digest``: what the matcher reads of the registry for the keys its body holds
  (``EntityMatcher.rules_digest`` of ``linking.keys_in_body``). Its own page hashes
  it. An alias that no article's text holds changes no article's digest; one that a
  text holds changes that article's, and its page is rendered again with the link.

Which keys a body holds depends on the body and the set of keys alone, so it is kept
between builds (``LINK_KEYS`` in the cache folder, by the article's source digest and
the matcher's ``keys_digest``): an edit scans the edited body only; a registry edit that
adds or removes a key scans every body again (about 1.5 s of CPU at 20,000 articles).
Each body's keys are kept as one string, sorted and joined by NUL (no key holds one: keys
are registry names as the matcher folds them, and the registry refuses control
characters): 20,000 sets of 26 strings took 0.2 s to read and 0.2 s to write every edit
build, 20,000 strings take 0.015 s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.content.matching import EntityMatcher
from newsarchive.site.incremental import shown_digest
from newsarchive.site.linking import keys_in_body
from newsarchive.site.memo import each_kept_forked, with_kept_map

LINK_KEYS = "link-keys.pickle"
FORMAT = 2
SEPARATOR = "\0"


@dataclass(frozen=True)
class Jobs:
    """Bodies to search are shared by ``processes`` forked workers when at least ``min_jobs``."""

    processes: int = 1
    min_jobs: int = 400


def stamp(
    articles: Sequence[Any],
    entities: Mapping[str, Any],
    matcher: EntityMatcher | None,
    cache: Path | None = None,
    code: str = "",
    jobs: Jobs = Jobs(),
) -> None:
    """Set each article's ``entity_view`` and ``link_digest`` (the module rules); ``cache``:
    where the keys found in each body are kept, for code of fingerprint ``code``."""
    views: dict[str, str] = {}
    chips: dict[tuple[str, ...], str] = {}  # many articles name the same entities
    for article in articles:
        ids = tuple(article.entity_ids)
        view = chips.get(ids)
        if view is None:
            for entity_id in ids:
                if entity_id not in views:
                    views[entity_id] = shown_digest(entities[entity_id])
            view = chips[ids] = _digest([views[i] for i in ids])
        article.entity_view = view
    if matcher is None:
        for article in articles:
            article.link_digest = ""
        return
    key = f"{FORMAT}:{code}:{matcher.keys_digest}"
    found = with_kept_map(
        cache,
        LINK_KEYS,
        key,
        lambda kept: each_kept_forked(
            kept,
            [getattr(a, "source_digest", None) or None for a in articles],
            lambda n: _held(keys_in_body(articles[n]._content, matcher)),
            jobs.processes,
            jobs.min_jobs,
        ),
    )
    rules: dict[str, str] = {}  # many bodies hold the same names
    for article, held in zip(articles, found, strict=True):
        digest = rules.get(held)
        if digest is None:
            digest = rules[held] = matcher.rules_digest(held.split(SEPARATOR) if held else ())
        article.link_digest = digest


def _held(keys: frozenset[str]) -> str:
    """The keys a body holds as they are kept: sorted, joined by ``SEPARATOR``."""
    return SEPARATOR.join(sorted(keys))


def _digest(parts: Sequence[str]) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


__all__ = ["LINK_KEYS", "Jobs", "stamp"]
