"""The archive as readers browse it: articles by entity, tag, year and month.

Built in one pass over articles sorted once, so every listing is already in
order (newest first, undated last) and the cost is linear in the number of
articles plus mentions. Pelican's own tag pages filter the whole article list
per tag, which is quadratic; nothing here does that.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from newsarchive.site import urls


class ArticleLike(Protocol):
    slug: str
    entity_ids: Sequence[str]
    tag_ids: Sequence[str]

    @property
    def archive_date(self) -> dt.date | None: ...


A = TypeVar("A", bound=ArticleLike)


def reading_order(article: ArticleLike) -> tuple[bool, int, str]:
    """Newest first, undated last, then by slug so equal dates keep a stable order."""
    day = article.archive_date
    return (day is None, -(day.toordinal() if day else 0), article.slug)


def newest_first(content: Any) -> tuple[int, str]:
    """Pelican's article order (``ARTICLE_ORDER_BY``): newest first, then by slug.

    The order Pelican gives by default when it looks for translations (sorted by slug,
    then by date, newest first); the archive has none to look for, and that search
    compares every article with every other (``ARTICLE_TRANSLATION_ID = None``)."""
    return (-content.date.toordinal(), content.slug)


@dataclass
class SiteModel(Generic[A]):
    articles: list[A]
    by_entity: dict[str, list[A]] = field(default_factory=dict)
    by_tag: dict[str, list[A]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[A]] = field(default_factory=dict)
    undated: list[A] = field(default_factory=list)

    @classmethod
    def build(cls, articles: Iterable[A]) -> SiteModel[A]:
        ordered = sorted(articles, key=reading_order)
        by_entity: dict[str, list[A]] = defaultdict(list)
        by_tag: dict[str, list[A]] = defaultdict(list)
        by_month: dict[tuple[int, int], list[A]] = defaultdict(list)
        undated: list[A] = []
        for article in ordered:
            for entity_id in article.entity_ids:
                by_entity[entity_id].append(article)
            for tag_id in article.tag_ids:
                by_tag[tag_id].append(article)
            day = article.archive_date
            if day is None:
                undated.append(article)
            else:
                by_month[(day.year, day.month)].append(article)
        return cls(ordered, dict(by_entity), dict(by_tag), dict(by_month), undated)

    def years(self) -> list[tuple[int, list[tuple[int, int]]]]:
        """Years newest first, each with its (month, count) pairs in calendar order."""
        months: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for (year, month), items in sorted(self.by_month.items()):
            months[year].append((month, len(items)))
        return sorted(months.items(), reverse=True)

    def neighbours(self) -> dict[str, tuple[A | None, A | None]]:
        """For each dated article, the (older, newer) dated articles beside it in time."""
        dated = [a for a in reversed(self.articles) if a.archive_date is not None]
        out: dict[str, tuple[A | None, A | None]] = {}
        for i, article in enumerate(dated):
            older = dated[i - 1] if i > 0 else None
            newer = dated[i + 1] if i + 1 < len(dated) else None
            out[article.slug] = (older, newer)
        return out

    def newest(self) -> A | None:
        """The newest dated article, or None: a feed without entries takes its date."""
        first = self.articles[0] if self.articles else None
        return first if first is not None and first.archive_date is not None else None

    def mention_counts(self) -> Counter[str]:
        return Counter({entity_id: len(items) for entity_id, items in self.by_entity.items()})


@dataclass(frozen=True)
class Page(Generic[A]):
    """One page of a paginated listing, with its own and its neighbours' URLs."""

    number: int
    count: int
    items: Sequence[A]
    url: str
    previous_url: str | None
    next_url: str | None
    total: int


def paginate(
    items: Sequence[A], base: str, per_page: int, later_per_page: int | None = None
) -> list[Page[A]]:
    """The pages of a listing at ``base``: ``per_page`` items on the first, ``later_per_page``
    (``per_page`` when None) on each after it; one page when empty.

    The later pages of a long listing show compact entries, so they hold more of them:
    a page's header, navigation and footer then weigh on fewer pages.
    Their addresses are ``urls.page``'s: ``base/`` for page 1, ``base/page/N/`` after.
    """
    later = later_per_page or per_page
    bounds = [(0, per_page)]
    while bounds[-1][1] < len(items):
        start = bounds[-1][1]
        bounds.append((start, start + later))
    count = len(bounds)
    pages = []
    for number, (start, end) in enumerate(bounds, start=1):
        pages.append(
            Page(
                number=number,
                count=count,
                items=items[start:end],
                url=urls.page(base, number),
                previous_url=urls.page(base, number - 1) if number > 1 else None,
                next_url=urls.page(base, number + 1) if number < count else None,
                total=len(items),
            )
        )
    return pages
