"""The archive's listing pages, and what every template sees of the archive as ``archive``.

``ArchiveView`` holds the registries and the site model (``newsarchive.site.model``)
and answers what templates ask: counts, the most mentioned entities, an article's
body with its entities linked. ``listings`` names every listing page the archive
writes, with its template and values, at the addresses of ``newsarchive.site.urls``;
the archive_pages plugin only hands each to Pelican's writer. The rules:

- Articles are prepared once (``prepare``): ids a registry does not know are dropped
  (the reader has reported them), and an undated article has no ``archive_date``.
- Listings are paginated except the indexes; every entity and tag has a page even
  with no article, so a link to one never breaks. A listing's first page shows full
  entries (headline, dateline, summary); its later pages, read to find an article,
  show one line per article under a heading per day (``day_runs``), at most
  ``Sizes.compact_per_page`` of them: an article is listed under each of its entities
  and topics, so those lines are most of the listings' weight. An entity's and a
  topic's later pages are its months, quarters or years (``model.paginate_by_period``),
  which keep their articles as the archive grows; the archive's own months and the
  undated articles are counted from the newest (``model.paginate``).
- The indexes list only what at least one article mentions, grouped by type (entities),
  busiest first, then by name: a registry entry no article names is not part of the
  archive yet. Its page still exists, unlisted, and says so; it needs no link to pass
  the build's checks (the strict build follows links to articles only, and the sitemap
  lists every page written), and crawlers find it through the sitemap.
- An entity's page carries its timeline (``newsarchive.site.timeline``: a chart per
  month for wide screens, per quarter or year for narrow ones, and the months as a
  table), each period linking to the search page filtered on the entity and that
  period, so it leads to that entity's articles, not to everything of the month; and
  the entities most often mentioned with it.
- The home page carries the archive's figures and charts (``newsarchive.site.overview``),
  the latest articles and the most mentioned entities and topics.
- A list entry (``EntryCache``) is rendered once per article, heading level, page
  depth and form (full, headline, or line), then reused: an article is listed under each of its
  entities and topics, and rendering it each time would cost most of a build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from newsarchive.content.matching import EntityMatcher
from newsarchive.content.registry import Entity, RegistryError, Tag, load_entities, load_tags
from newsarchive.site import overview, urls
from newsarchive.site.linking import link_first_mentions
from newsarchive.site.memo import memoized
from newsarchive.site.model import Page, SiteModel, paginate, paginate_by_period
from newsarchive.site.related import co_mentions, related_articles
from newsarchive.site.timeline import (
    MONTH,
    NARROW,
    WIDE,
    WIDE_BARS,
    Bin,
    binned,
    month_counts,
    narrow_scale,
    scrolls,
    summary,
    timeline_svg,
)

TYPE_HEADINGS = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "event": "Events",
}


def registries(content: Path) -> tuple[dict[str, Entity], dict[str, Tag]]:
    """The registries, or an empty one where a registry is broken: the reader reports it
    file by file, and the site still renders without it."""
    try:
        entities = load_entities(content) if (content / urls.ENTITIES).is_dir() else {}
    except RegistryError:
        entities = {}
    try:
        tags = load_tags(content) if (content / urls.TAGS).is_dir() else {}
    except RegistryError:
        tags = {}
    return entities, tags


def prepare(articles: Iterable[Any], entities: Mapping[str, Any], tags: Mapping[str, Any]) -> None:
    """Give each article its ``archive_date`` and keep only the ids the registries know."""
    for article in articles:
        article.archive_date = None if article.undated else article.date.date()
        article.entity_ids = [i for i in article.entity_ids if i in entities]
        article.tag_ids = [i for i in article.tag_ids if i in tags]


def place_in_time(model: SiteModel[Any]) -> None:
    """Each article's ``older`` and ``newer`` dated neighbours (None for undated ones)."""
    neighbours = model.neighbours()
    for article in model.articles:
        article.older, article.newer = neighbours.get(article.slug, (None, None))


def relate(model: SiteModel[Any], top: int, cache: Path | None = None, code: str = "") -> None:
    """Each article's ``related`` articles, at most ``top`` (``newsarchive.site.related``),
    read back from ``cache`` while no article's entities, topics or date, nor the code
    (``code``: its fingerprint), changed."""
    by_slug = {a.slug: a for a in model.articles}
    items = [
        (a.slug, tuple(a.entity_ids), a.archive_date, tuple(a.tag_ids)) for a in model.articles
    ]
    related = memoized(
        cache, "related-articles", (items, top, code), lambda: related_articles(items, top=top)
    )
    for article in model.articles:
        article.related = [by_slug[s] for s in related.get(article.slug, [])]


class ArchiveView:
    """What every template sees as ``archive``: the registries, the model and their counts."""

    def __init__(
        self,
        model: SiteModel[Any],
        entities: dict[str, Entity],
        tags: dict[str, Tag],
        co_mention_limit: int = 10,
        memo: tuple[Path | None, str] = (None, ""),
    ):
        """``memo``: where whole-site answers are kept between builds, and the code's
        fingerprint (``relate``'s ``cache`` and ``code``)."""
        self.model = model
        self.entities = entities
        self.tags = tags
        self.mentions = model.mention_counts()
        self.matcher = EntityMatcher(entities) if entities else None
        self._co_mention_limit = co_mention_limit
        self._co_mentions: dict[str, list[tuple[str, int]]] | None = None
        self._memo = memo

    def linked_body(self, article: Any) -> str:
        """The article body with the first mention of each of its entities linked.

        Done as the page renders, from the page's own depth, so the stored
        content (which feeds reuse) keeps no page-relative links.
        """
        if self.matcher is None:
            return article.content
        prefix = urls.up(article.url)
        return link_first_mentions(
            article.content,
            self.matcher,
            lambda i: prefix + urls.entity(i),
            only=article.entity_ids,
            date=article.archive_date,
        )

    def entity_count(self, entity_id: str) -> int:
        return len(self.model.by_entity.get(entity_id, ()))

    def tag_count(self, tag_id: str) -> int:
        return len(self.model.by_tag.get(tag_id, ()))

    def tag_names(self, article: Any) -> list[str]:
        """The names of an article's topics, as its feed entries' categories."""
        return [self.tags[i].name for i in article.tag_ids if i in self.tags]

    def entity_dates(self, entity_id: str) -> list[dt.date | None]:
        """The date of each article mentioning an entity (None for an undated one)."""
        return [a.archive_date for a in self.model.by_entity.get(entity_id, [])]

    def top_entities(self, limit: int) -> list[tuple[Entity, int]]:
        ranked = sorted(self.mentions.items(), key=lambda pair: (-pair[1], pair[0]))
        return [(self.entities[i], n) for i, n in ranked[:limit] if i in self.entities]

    def entities_by_type(self) -> list[tuple[str, str, list[tuple[Entity, int]]]]:
        """Each type's mentioned entities with their counts, busiest first, then by name;
        a type no article mentions is left out."""
        groups = []
        for kind, heading in TYPE_HEADINGS.items():
            members = [
                (e, self.entity_count(e.id)) for e in self.entities.values() if e.type == kind
            ]
            ranked = sorted(
                ((e, n) for e, n in members if n), key=lambda pair: _busiest(pair[0].name, pair[1])
            )
            if ranked:
                groups.append((kind, heading, ranked))
        return groups

    def topics(self) -> list[tuple[Tag, int]]:
        """The topics at least one article has, with their counts, busiest first, then by name."""
        counted = ((t, self.tag_count(t.id)) for t in self.tags.values())
        return sorted(
            ((t, n) for t, n in counted if n), key=lambda pair: _busiest(pair[0].name, pair[1])
        )

    def source_of(self, article: Any) -> str | None:
        """An article's source as its front matter names it (None when it names none)."""
        record = getattr(article, "record", None) or {}
        source = record.get("source")
        return source if isinstance(source, str) and source.strip() else None

    def co_mentioned(self, entity_id: str) -> list[tuple[Entity, int]]:
        """The entities most often mentioned with this one, with how often: computed once,
        and read back from the memo while no article's entities changed (an edit to a body
        or a title)."""
        if self._co_mentions is None:
            lists = [tuple(a.entity_ids) for a in self.model.articles]
            top = self._co_mention_limit
            folder, code = self._memo
            self._co_mentions = memoized(
                folder, "co-mentions", (lists, top, code), lambda: co_mentions(lists, top=top)
            )
        pairs = self._co_mentions.get(entity_id, [])
        return [(self.entities[i], n) for i, n in pairs if i in self.entities]


def _busiest(name: str, count: int) -> tuple[int, str, str]:
    """Sort key: the highest count first, then the name as a reader looks it up."""
    return (-count, name.casefold(), name)


# --- the listing pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """One page to write: its address (written at ``urls.save_as``), template and values."""

    url: str
    template: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Sizes:
    """How long the listings are (the archive_pages plugin's settings)."""

    per_page: int = 50
    home_latest: int = 15
    home_entities: int = 24
    home_topics: int = 12
    compact_per_page: int = 200  # on each page after the first: its entries are compact

    def paginate(self, items: Sequence[Any], base: str) -> list[Page[Any]]:
        return paginate(items, base, self.per_page, self.compact_per_page)

    def by_period(self, items: Sequence[Any], base: str) -> list[Page[Any]]:
        return paginate_by_period(items, base, self.per_page, self.compact_per_page)


def listings(view: ArchiveView, sizes: Sizes) -> Iterator[Listing]:
    """Every listing page of the archive: home, indexes, entities, tags, archives, undated."""
    model = view.model
    yield Listing(urls.home(), "index", home_values(view, sizes))
    yield Listing(urls.entities(), "entities")
    yield Listing(urls.tags(), "tags")
    for entity in view.entities.values():
        yield from entity_listings(view, entity, sizes)
    for tag in view.tags.values():
        for page in sizes.by_period(model.by_tag.get(tag.id, []), urls.tag(tag.id)):
            yield Listing(page.url, "tag", {"tag": tag, "page": page})
    yield from archive_listings(model, sizes)
    for page in sizes.paginate(model.undated, urls.undated()):
        yield Listing(page.url, "undated", {"page": page})


def home_values(view: ArchiveView, sizes: Sizes) -> dict[str, Any]:
    """The home page: the figures and their charts, the latest articles, the busiest names."""
    figures = overview.overview(view.model, view.source_of)
    return {
        "latest": view.model.articles[: sizes.home_latest],
        "top_entities": view.top_entities(sizes.home_entities),
        "top_topics": view.topics()[: sizes.home_topics],
        "overview": figures,
        "year_chart": Markup(overview.year_chart(figures)),
        "source_chart": Markup(overview.source_chart(figures.by_source)),
    }


@dataclass(frozen=True)
class TimelineRow:
    """One row of a timeline's table: a period, its count and its articles' address."""

    label: str
    count: int
    url: str  # site-relative


@dataclass(frozen=True)
class Timeline:
    """An entity's timeline: a chart per width, the caption, and the months as a table."""

    wide: Markup
    narrow: Markup
    caption: str
    rows: tuple[TimelineRow, ...]
    wide_scrolls: bool = False  # the month chart is wider than the column: its box scrolls


def entity_period(entity_id: str, period: Bin) -> str:
    """The search page showing the entity's articles of ``period`` (site-relative)."""
    return urls.search_for(entity=entity_id, **period.filters)


def entity_timeline(entity: Entity, dates: list[dt.date], undated: int) -> Timeline:
    """The entity's timeline, its bars and rows linking to ``entity_period``."""
    prefix = urls.up(urls.entity(entity.id))
    counted = month_counts(dates)
    months = binned(counted, MONTH)
    scale, wide_scale = narrow_scale(months), narrow_scale(months, WIDE_BARS)
    periods = binned(counted, wide_scale)

    def link(period: Bin) -> str:
        return prefix + entity_period(entity.id, period)

    wide = timeline_svg(
        periods,
        label=f"Articles mentioning {entity.name} per {wide_scale.name}",
        undated=undated,
        link=link,
        id_prefix=f"tl-{entity.id}",
        layout=WIDE,
    )
    narrow = timeline_svg(
        binned(counted, scale),
        label=f"Articles mentioning {entity.name} per {scale.name}",
        undated=undated,
        link=link,
        id_prefix=f"tln-{entity.id}",
        layout=NARROW,
    )
    rows = tuple(
        TimelineRow(m.label, m.count, entity_period(entity.id, m)) for m in months if m.count
    )
    return Timeline(
        Markup(wide), Markup(narrow), summary(months, undated), rows, scrolls(WIDE, len(periods))
    )


def entity_listings(view: ArchiveView, entity: Entity, sizes: Sizes) -> Iterator[Listing]:
    """An entity's pages: its articles, newest first, with its timeline and co-mentions."""
    items = view.model.by_entity.get(entity.id, [])
    base = urls.entity(entity.id)
    first, *later = sizes.by_period(items, base)
    values = {"entity": entity, "feed_url": urls.entity_feed(entity.id)}
    dates = [a.archive_date for a in items if a.archive_date is not None]
    overall = {  # the first page's alone: a period's page keeps its values as the rest grows
        "timeline": entity_timeline(entity, dates, len(items) - len(dates)),
        "co_mentions": view.co_mentioned(entity.id),
    }
    yield Listing(first.url, "entity", {**values, **overall, "page": first})
    for page in later:
        yield Listing(page.url, "entity", {**values, "page": page})


def archive_listings(model: SiteModel[Any], sizes: Sizes) -> Iterator[Listing]:
    """The archives index, a page per year, and each month's paginated articles."""
    years = model.years()
    yield Listing(urls.archives(), "archives", {"years": years})
    for year, months in years:
        yield Listing(urls.year(year), "archive_year", {"year": year, "months": months})
        for month, _count in months:
            label = dt.date(year, month, 1).strftime("%B %Y")
            for page in sizes.paginate(model.by_month[(year, month)], urls.month(year, month)):
                values = {"year": year, "month": month, "label": label, "page": page}
                yield Listing(page.url, "archive_month", values)


# --- list entries ----------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    """A run of a listing's articles of one day (``date`` None: undated ones)."""

    date: dt.date | None
    items: list[Any]


def day_runs(items: Iterable[Any]) -> list[Day]:
    """A compact listing's articles in runs of one day each, in the listing's order."""
    runs: list[Day] = []
    for item in items:
        date = getattr(item, "archive_date", None)
        if not runs or runs[-1].date != date:
            runs.append(Day(date, []))
        runs[-1].items.append(item)
    return runs


class EntryCache:
    """Article list entries rendered once and reused (the module's last rule).

    ``entry`` is the templates' ``article_item(item, level, form)`` (``_article_item.html``
    names the forms); the key is the
    article object itself, so ``clear`` must run before the next build's articles exist
    (an autoreload run), or a new article could take an old one's id. The entry template
    reads what its key holds and nothing else of the page: it is rendered with those
    values (and the environment's globals) alone, not a copy of the page's whole context
    (every setting and list of the site), which cost more than the entry itself.
    """

    def __init__(self, template: str = "_article_item.html") -> None:
        self.template = template
        self._entries: dict[tuple[int, int, str, str], Markup] = {}

    @pass_context
    def entry(self, context: Any, item: Any, level: int, form: str = "full") -> Markup:
        siteurl = context.get("SITEURL", "")
        key = (id(item), level, siteurl, form)
        cached = self._entries.get(key)
        if cached is None:
            template = context.environment.get_template(self.template)
            values = {"SITEURL": siteurl, "item": item, "level": level, "form": form}
            cached = self._entries[key] = Markup(template.render(values))
        return cached

    def clear(self) -> None:
        self._entries.clear()


__all__ = [
    "ArchiveView",
    "Day",
    "EntryCache",
    "Listing",
    "Sizes",
    "Timeline",
    "TimelineRow",
    "archive_listings",
    "day_runs",
    "entity_listings",
    "entity_period",
    "entity_timeline",
    "home_values",
    "listings",
    "place_in_time",
    "prepare",
    "registries",
    "relate",
]
