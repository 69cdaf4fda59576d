"""Entity, tag, archive, undated and home pages, feeds and data files for the archive.

Settings (prefix ARCHIVE_PAGES_): PER_PAGE (listing length), HOME_LATEST and
HOME_ENTITIES (home page), RELATED (related articles per article), CO_MENTIONS
(entities shown beside an entity). The listings come from
``newsarchive.site.model``, built in one linear pass; this module only renders.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from feedgenerator import get_tag_uri
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import set_date_tzinfo

from newsarchive.content.matching import EntityMatcher
from newsarchive.content.registry import Entity, RegistryError, Tag, load_entities, load_tags
from newsarchive.site.buildcheck import guarded
from newsarchive.site.feeds import ArchiveAtomFeed, entry_text
from newsarchive.site.linking import link_first_mentions
from newsarchive.site.model import SiteModel, paginate
from newsarchive.site.timeline import month_counts, timeline_svg

DEFAULTS = {
    "ARCHIVE_PAGES_PER_PAGE": 50,
    "ARCHIVE_PAGES_HOME_LATEST": 15,
    "ARCHIVE_PAGES_HOME_ENTITIES": 24,
    "ARCHIVE_PAGES_RELATED": 5,
    "ARCHIVE_PAGES_CO_MENTIONS": 10,
}
TYPE_HEADINGS = {"person": "People", "organisation": "Organisations", "place": "Places"}


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def up(url: str) -> str:
    """The relative path from a directory URL back to the site root ('' at the root)."""
    return "../" * url.strip("/").count("/") + ("../" if url.strip("/") else "")


class ArchiveView:
    """What every template sees as ``archive``: registries, listings and URL helpers."""

    def __init__(self, model: SiteModel, entities: dict[str, Entity], tags: dict[str, Tag]):
        self.model = model
        self.entities = entities
        self.tags = tags
        self.mentions = model.mention_counts()
        self.matcher = EntityMatcher(entities) if entities else None

    def linked_body(self, article: Any) -> str:
        """The article body with the first mention of each of its entities linked.

        Done as the page renders, from the page's own depth, so the stored
        content (which feeds reuse) keeps no page-relative links.
        """
        if self.matcher is None:
            return article.content
        prefix = up(article.url)
        return link_first_mentions(
            article.content,
            self.matcher,
            lambda i: f"{prefix}entities/{i}/",
            only=article.entity_ids,
        )

    @staticmethod
    def entity_url(entity_id: str) -> str:
        return f"entities/{entity_id}/"

    @staticmethod
    def tag_url(tag_id: str) -> str:
        return f"tags/{tag_id}/"

    @staticmethod
    def month_url(year: int, month: int) -> str:
        return f"archives/{year}/{month:02d}/"

    @staticmethod
    def year_url(year: int) -> str:
        return f"archives/{year}/"

    def entity_count(self, entity_id: str) -> int:
        return len(self.model.by_entity.get(entity_id, ()))

    def tag_count(self, tag_id: str) -> int:
        return len(self.model.by_tag.get(tag_id, ()))

    def tag_names(self, article: Any) -> list[str]:
        """The names of an article's topics, as its feed entries' categories."""
        return [self.tags[i].name for i in article.tag_ids if i in self.tags]

    def top_entities(self, limit: int) -> list[tuple[Entity, int]]:
        ranked = sorted(self.mentions.items(), key=lambda pair: (-pair[1], pair[0]))
        return [(self.entities[i], n) for i, n in ranked[:limit] if i in self.entities]

    def entities_by_type(self) -> list[tuple[str, str, list[Entity]]]:
        groups = []
        for kind, heading in TYPE_HEADINGS.items():
            members = sorted(
                (e for e in self.entities.values() if e.type == kind), key=lambda e: e.name.lower()
            )
            groups.append((kind, heading, members))
        return groups


def _registries(content: Path) -> tuple[dict[str, Entity], dict[str, Tag]]:
    """The registries; a broken one is reported file by file by the reader, so render without it."""
    try:
        entities = load_entities(content) if (content / "entities").is_dir() else {}
    except RegistryError:
        entities = {}
    try:
        tags = load_tags(content) if (content / "tags").is_dir() else {}
    except RegistryError:
        tags = {}
    return entities, tags


class ArchivePagesGenerator(Generator):
    @guarded("building the archive's listings")
    def generate_context(self) -> None:
        entities, tags = _registries(Path(self.settings["PATH"]))
        articles = list(self.context.get("articles", []))
        for article in articles:
            article.archive_date = None if article.undated else article.date.date()
            article.entity_ids = [i for i in article.entity_ids if i in entities]
            article.tag_ids = [i for i in article.tag_ids if i in tags]
        model = SiteModel.build(articles)
        view = ArchiveView(model, entities, tags)
        self._place_in_time(model)
        self._relate(model)
        self.context["archive"] = view
        self.view = view

    def _place_in_time(self, model: SiteModel) -> None:
        neighbours = model.neighbours()
        for article in model.articles:
            article.older, article.newer = neighbours.get(article.slug, (None, None))

    def _relate(self, model: SiteModel) -> None:
        from newsarchive.site.related import related_articles

        top = setting(self.settings, "ARCHIVE_PAGES_RELATED")
        by_slug = {a.slug: a for a in model.articles}
        related = related_articles(
            [(a.slug, a.entity_ids, a.archive_date) for a in model.articles], top=top
        )
        for article in model.articles:
            article.related = [by_slug[s] for s in related.get(article.slug, [])]

    # --- output -------------------------------------------------------------------

    @guarded("writing the archive pages")
    def generate_output(self, writer: Any) -> None:
        view = self.view
        per_page = setting(self.settings, "ARCHIVE_PAGES_PER_PAGE")
        self._write(
            writer,
            "",
            "index",
            latest=view.model.articles[: setting(self.settings, "ARCHIVE_PAGES_HOME_LATEST")],
            top_entities=view.top_entities(setting(self.settings, "ARCHIVE_PAGES_HOME_ENTITIES")),
        )
        self._write(writer, "entities/", "entities")
        self._write(writer, "tags/", "tags")
        for entity in view.entities.values():
            self._write_entity(writer, entity, per_page)
        for tag in view.tags.values():
            items = view.model.by_tag.get(tag.id, [])
            for page in paginate(items, view.tag_url(tag.id), per_page):
                self._write(writer, page.url, "tag", tag=tag, page=page)
        self._write(writer, "archives/", "archives", years=view.model.years())
        for year, months in view.model.years():
            self._write(writer, view.year_url(year), "archive_year", year=year, months=months)
            for month, _count in months:
                items = view.model.by_month[(year, month)]
                label = dt.date(year, month, 1).strftime("%B %Y")
                for page in paginate(items, view.month_url(year, month), per_page):
                    self._write(
                        writer,
                        page.url,
                        "archive_month",
                        year=year,
                        month=month,
                        label=label,
                        page=page,
                    )
        for page in paginate(view.model.undated, "undated/", per_page):
            self._write(writer, page.url, "undated", page=page)
        self._write_data()

    @guarded("writing the data files")
    def _write_data(self) -> None:
        """Everything the pages show, as tables researchers can load (data/*.json, data/*.csv)."""
        from newsarchive.site import datafiles

        view = self.view
        folder = Path(self.output_path) / "data"
        folder.mkdir(parents=True, exist_ok=True)
        articles = [datafiles.article_row(a.record, a.url) for a in view.model.articles]
        entities = [
            datafiles.entity_row(
                e,
                view.entity_url(e.id),
                [a.archive_date for a in view.model.by_entity.get(e.id, [])],
            )
            for e in sorted(view.entities.values(), key=lambda e: e.id)
        ]
        datafiles.write_json(folder / "articles.json", articles)
        datafiles.write_csv(folder / "articles.csv", articles, datafiles.ARTICLE_COLUMNS)
        datafiles.write_json(folder / "entities.json", entities)
        datafiles.write_csv(folder / "entities.csv", entities, datafiles.ENTITY_COLUMNS)

    def _write_entity(self, writer: Any, entity: Entity, per_page: int) -> None:
        view = self.view
        items = view.model.by_entity.get(entity.id, [])
        base = view.entity_url(entity.id)
        prefix = up(base)
        dates = [a.archive_date for a in items if a.archive_date is not None]
        chart = timeline_svg(
            month_counts(dates),
            label=f"Articles mentioning {entity.name} per month",
            undated=len(items) - len(dates),
            link=lambda ym, p=prefix: f"{p}archives/{ym[:4]}/{ym[5:7]}/",
            id_prefix=f"tl-{entity.id}",
        )
        co = [
            (view.entities[i], n)
            for i, n in self._co_mentions.get(entity.id, [])
            if i in view.entities
        ]
        feed = f"{base}atom.xml"
        for page in paginate(items, base, per_page):
            self._write(
                writer,
                page.url,
                "entity",
                entity=entity,
                page=page,
                timeline=chart,
                co_mentions=co,
                feed_url=feed,
            )
        self._write_feed([a for a in items if a.archive_date is not None], feed, entity, base)

    @property
    def _co_mentions(self) -> dict[str, list[tuple[str, int]]]:
        if not hasattr(self, "_co_cache"):
            from newsarchive.site.related import co_mentions

            top = setting(self.settings, "ARCHIVE_PAGES_CO_MENTIONS")
            self._co_cache = co_mentions((a.entity_ids for a in self.view.model.articles), top=top)
        return self._co_cache

    def _write(self, writer: Any, url: str, template: str, **extra: Any) -> None:
        writer.write_file(
            f"{url}index.html",
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            page_name=template,
            **extra,
        )

    @guarded("writing the entity feeds")
    def _write_feed(self, items: list[Any], path: str, entity: Entity, page: str) -> None:
        """An Atom feed of an entity's newest dated articles.

        With SITEURL set every link and id is absolute; in a development build
        links are relative to the feed and ids are ``urn:`` names, so the feed
        stays valid under any sub-path. Dates come from the articles only, so two
        builds write the same bytes.
        """
        site = self.settings.get("SITEURL", "").rstrip("/")
        base = f"{site}/" if site else up(path.rsplit("/", 1)[0] + "/")
        limit = self.settings.get("FEED_MAX_ITEMS") or len(items)
        newest = self.view.model.articles[0].date if self.view.model.articles else None
        feed = ArchiveAtomFeed(
            title=f"{self.settings['SITENAME']}: {entity.name}",
            link=f"{base}{page}",
            description=entity.description,
            feed_url=f"{base}{path}",
            feed_guid=f"{site}/{page}" if site else f"urn:newsarchive:entity:{entity.id}",
            language=self.settings.get("DEFAULT_LANG"),
            updated=items[0].date if items else newest,
        )
        timezone = self.settings.get("TIMEZONE")
        for article in items[:limit]:
            link = f"{base}{article.url}"
            feed.add_item(
                link=link,
                unique_id=get_tag_uri(link, article.date)
                if site
                else f"urn:newsarchive:article:{article.slug}",
                pubdate=set_date_tzinfo(article.date, timezone),
                # Plain text as typed; the summary escaped for type="html" (newsarchive/site/feeds.py).
                **entry_text(
                    article.record, self.settings.get("AUTHOR"), self.view.tag_names(article)
                ),
            )
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")


@pass_context
def article_item(context: Any, item: Any, level: int, summaries: bool = False) -> Markup:
    """One article's list entry, rendered once per heading level and page depth.

    An article appears in many lists (its entities, topics, month, related
    articles): rendering its entry once and reusing it makes listings cost
    little more than the text they copy.
    """
    siteurl = context.get("SITEURL", "")
    key = (id(item), level, siteurl, summaries)
    cached = _ITEM_CACHE.get(key)
    if cached is None:
        template = context.environment.get_template("_article_item.html")
        cached = _ITEM_CACHE[key] = Markup(
            template.render(
                {**context.get_all(), "item": item, "level": level, "summaries": summaries}
            )
        )
    return cached


_ITEM_CACHE: dict[tuple[int, int, str, bool], Markup] = {}


def add_template_helpers(generator: Any) -> None:
    generator.env.globals["article_item"] = article_item


def forget_items(pelican: Any) -> None:
    """A new run (autoreload) renders afresh: cached entries name last run's objects."""
    _ITEM_CACHE.clear()


def get_generators(pelican: Any) -> type[Generator]:
    return ArchivePagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)
    signals.finalized.connect(forget_items)


__all__ = ["ArchivePagesGenerator", "register"]
