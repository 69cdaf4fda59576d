"""The lists a build keeps its articles and pages in, named once for every plugin.

Pelican's generators keep content in several lists by status and language (an
article may be published, hidden or a draft, and a translation of each). A check
that must see every file (duplicates, the strict build's ledger) reads them all,
and a file refused must leave all of them, so the names are listed here once.
``members`` and ``drop`` work on any object holding such lists (a generator).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

#: Every list an ArticlesGenerator keeps articles in, whatever their status.
ARTICLE_GROUPS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
#: Every list a PagesGenerator keeps pages in, whatever their status.
PAGE_GROUPS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)


def members(holder: Any, groups: Sequence[str]) -> list[Any]:
    """Every item of the ``groups`` lists ``holder`` has, group by group."""
    return [item for group in groups for item in getattr(holder, group, None) or ()]


def drop(holder: Any, groups: Sequence[str], refused: Collection[int]) -> None:
    """Remove the items whose ``id()`` is in ``refused`` from every list, in place."""
    for group in groups:
        items = getattr(holder, group, None)
        if items:
            items[:] = [item for item in items if id(item) not in refused]


__all__ = ["ARTICLE_GROUPS", "PAGE_GROUPS", "drop", "members"]
