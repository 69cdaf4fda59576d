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
from newsarchive.site.timeline import MONTH, QUARTER, YEAR, Bin, Scale


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
    # A page of one period's articles ("March 2019", "2019"; "Date unknown" for the
    # undated ones) of a listing paginated by period (``paginate_by_period``); "" on a
    # page counted from the newest article. ``number``, ``count`` and ``total`` are then
    # the period's.
    period: str = ""


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
    return _linked(
        [
            _Sheet("", urls.page(base, number), number, count, items[start:end], len(items))
            for number, (start, end) in enumerate(bounds, start=1)
        ]
    )


@dataclass(frozen=True)
class _Sheet(Generic[A]):
    """A page before it knows its neighbours."""

    period: str
    url: str
    number: int
    count: int
    items: Sequence[A]
    total: int


def _linked(sheets: Sequence[_Sheet[A]]) -> list[Page[A]]:
    """The pages in reading order, each linking the one before and the one after it."""
    return [
        Page(
            number=sheet.number,
            count=sheet.count,
            items=sheet.items,
            url=sheet.url,
            previous_url=sheets[at - 1].url if at > 0 else None,
            next_url=sheets[at + 1].url if at + 1 < len(sheets) else None,
            total=sheet.total,
            period=sheet.period,
        )
        for at, sheet in enumerate(sheets)
    ]


UNDATED_PERIOD = "Date unknown"
#: The periods of a listing's later pages, finest first (``period_scale`` picks one).
PERIOD_SCALES = (MONTH, QUARTER, YEAR)


def period_scale(items: Sequence[A], per_period: int) -> Scale:
    """The finest of a month, a quarter and a year in which the dated ``items`` (in listing
    order: newest first, undated last) average at least ``per_period`` articles a period
    over their span; a year when none does.

    It changes only when an article moves the listing across that line, so a listing's
    periods, and their pages, stay as they are from one article to the next: a busy
    entity goes month by month, a rare one year by year, each page well filled.
    """
    dated = len(items)
    while dated and items[dated - 1].archive_date is None:
        dated -= 1
    if not dated:
        return YEAR
    last, first = items[0].archive_date, items[dated - 1].archive_date
    assert first is not None and last is not None
    for scale in PERIOD_SCALES[:-1]:
        periods = scale.count((first.year, first.month), (last.year, last.month))
        if dated >= per_period * periods:
            return scale
    return YEAR


def paginate_by_period(
    items: Sequence[A], base: str, per_page: int, period_per_page: int
) -> list[Page[A]]:
    """A listing's first page (its newest ``per_page`` items, at ``base``), then, when it
    holds more, a page of each period's items (``period_scale``: periods that average
    ``period_per_page`` or more; ``urls.period``: ``base/YYYY/MM/``, ``base/YYYY/qN/``
    or ``base/YYYY/``), newest first, and one of the undated ones (``base/undated/``);
    a period of more than ``period_per_page`` items has as many pages as it needs
    (``base/…/page/N/``), counted from its newest.

    Counted from the newest article, every later page of a listing changed when an
    article was added or removed anywhere newer than it: a story filed late into 2019
    moved every page of an entity after it, and a link to "page 7" led to other
    articles from one day to the next. A period's page holds the same articles until
    one of that period is added or removed, so a new article changes the first page
    and its period's, and a reader can cite the page of March 2019. ``items`` are in
    listing order (newest first, undated last); the pages link in that order: "Newer"
    and "Older" go through the periods.
    """
    runs: list[tuple[str, str, list[A]]] = []  # (period, url, items) newest first
    if len(items) > per_page:  # else the first page holds them all
        scale = period_scale(items, period_per_page)
        since: dt.date | None = None  # the first day of the run's period (the items go back)
        for item in items:
            date = item.archive_date
            if date is None and (since is not None or not runs):  # the undated, last
                runs.append((UNDATED_PERIOD, urls.period(base, None), []))
                since = None
            elif date is not None and (since is None or date < since):
                start = scale.start((date.year, date.month))
                since = dt.date(start[0], start[1], 1)
                label = Bin(start, scale, 0).label
                runs.append((label, urls.period(base, start, scale.months), []))
            runs[-1][2].append(item)
    sheets = [_Sheet("", base, 1, 1, items[:per_page], len(items))]
    for label, url, run in runs:
        count = -(-len(run) // period_per_page)
        for number in range(1, count + 1):
            part = run[(number - 1) * period_per_page : number * period_per_page]
            sheets.append(_Sheet(label, urls.page(url, number), number, count, part, len(run)))
    return _linked(sheets)
