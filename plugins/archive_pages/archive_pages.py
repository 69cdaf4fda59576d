"""The archive_pages plugin's generator and handlers (the rules are in the package docstring)."""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from newsarchive.content.registry import Entity
from newsarchive.site import (
    cachekey,
    datafiles,
    feeds,
    gzipped,
    incremental,
    intrasite,
    linkkeys,
    listings,
    overview,
    sources,
    urls,
    workers,
)
from newsarchive.site.buildcheck import guarded
from newsarchive.site.groups import ARTICLE_GROUPS, PAGE_GROUPS
from newsarchive.site.listings import ArchiveView
from newsarchive.site.memo import MISSING, each_kept, keep, read_kept, with_kept_map
from newsarchive.site.model import SiteModel
from newsarchive.site.summaries import one_line

from .settings import ArchivePagesSettings

logger = logging.getLogger("pelican.plugins.archive_pages")  # strict_build hears "pelican"

ENTRIES = listings.EntryCache()
# Each article's lines of the data files, by its file's digest and address (memo.each_kept).
DATA_LINES = "data-lines.pickle"
DATA_CHUNKS = "data-chunks.pickle"  # the data files' compressed chunks (gzipped)
# What the data files were made of (``_data_state``), and each one's digest (incremental.digest_of).
DATA_STATE = "data-state.pickle"


class ArchivePagesGenerator(Generator):
    @guarded("building the archive's listings")
    def generate_context(self) -> None:
        ENTRIES.clear()  # left by a build that failed before finalized (forget_items)
        options = ArchivePagesSettings.of(self.settings)
        entities, tags = listings.registries(Path(self.settings["PATH"]))
        articles = list(self.context.get("articles", []))
        listings.prepare(articles, entities, tags)
        model = SiteModel.build(articles)
        listings.place_in_time(model)
        self.view = ArchiveView(
            model, entities, tags, options.co_mentions, memo_cache(self.settings)
        )
        self.context["archive"] = self.view
        self.context["data_files"] = datafiles.file_names(options.data_formats, options.data_gzip)
        self.context["data_gzip"] = options.data_gzip
        _unstamped[:] = [self]
        self.context["SITESUBTITLE"] = site_subtitle(self.settings, model)

    @guarded("relating the articles")
    def relate(self) -> None:
        """Each article's related articles. The search index needs none, so they are made
        once it has started: after an addition or a deletion every ranking is made again."""
        options = ArchivePagesSettings.of(self.settings)
        listings.relate(self.view.model, options.related, *memo_cache(self.settings))

    @guarded("keying the pages by the registry's entities")
    def stamp(self) -> None:
        """Each article's ``entity_view`` and ``link_digest`` (``linkkeys``), before any page
        is keyed."""
        options = ArchivePagesSettings.of(self.settings)
        view, (folder, code) = self.view, memo_cache(self.settings)
        processes = workers.processes(options.processes)
        jobs = linkkeys.Jobs(processes, options.min_jobs)
        linkkeys.stamp(view.model.articles, view.entities, view.matcher, folder, code, jobs)

    @guarded("resolving the links between articles")
    def key_file_links(self) -> None:
        """Each article or page whose body links another content file (``intrasite``) keyed by
        its body as Pelican resolves the links (``targets_digest``); a link that resolves to
        no file is reported. Bodies without such a link (the reader marks the others) are
        not read."""
        for item in _linking(self.context):
            resolved = item.get_content("")
            for problem in intrasite.unresolved_links(resolved):
                logger.error("%s: %s", item.source_path, problem)
            item.targets_digest = incremental.digest_of(resolved.encode("utf-8"))

    @guarded("writing the archive pages")
    def generate_output(self, writer: Any) -> None:
        sizes = ArchivePagesSettings.of(self.settings).sizes()
        for listing in listings.listings(self.view, sizes):
            writer.write_file(
                urls.save_as(listing.url),
                self.get_template(listing.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                page_name=listing.template,
                **listing.values,
            )
        updated = feeds.site_updated(self.view.model.articles)
        site = feed_site(self.settings)
        for entity in self.view.entities.values():
            self._write_feed(writer, site, entity, updated)
        self._write_data()

    @guarded("writing the entity feeds")
    def _write_feed(self, writer: Any, site: feeds.FeedSite, entity: Entity, updated: Any) -> None:
        """An entity's Atom feed of its newest dated articles (``feeds.entity_feed``),
        unless the writer's ledger keeps the last build's (``incremental.KEYED_FILES``)."""
        dated = (
            a for a in self.view.model.by_entity.get(entity.id, ()) if a.archive_date is not None
        )
        entries = list(itertools.islice(dated, site.max_items or None))
        path = urls.entity_feed(entity.id)
        values = {"entity": entity, "articles": entries, "updated": None if entries else updated}
        keeps = getattr(writer, "keeps", None)  # the parallel_writer plugin's ledger
        if keeps is not None and keeps(path, incremental.ENTITY_FEED, self.context, values):
            return
        feed = feeds.entity_feed(site, entity, entries, self.view.tag_names, updated)
        feeds.write_feed(feed, Path(self.output_path) / path)

    @guarded("writing the data files")
    def _write_data(self) -> None:
        """Everything the pages show, as tables researchers can load (data/articles.csv.gz…);
        left as they are when what they show is what the last build wrote, and still there."""
        view = self.view
        options = ArchivePagesSettings.of(self.settings)
        output = Path(self.output_path)
        folder, code = memo_cache(self.settings)
        lines = with_kept_map(
            folder,
            DATA_LINES,
            code,
            lambda kept: each_kept(
                kept,
                ((_data_key(a), a) for a in view.model.articles),
                lambda article: datafiles.article_lines(article.record, article.url),
            ),
        )
        entities = sorted(view.entities.values(), key=_by_id)
        state = "" if folder is None else f"{code}:{_data_state(lines, entities, options)}"
        if folder is not None:
            digests = read_kept(folder / DATA_STATE, state)
            if digests is not MISSING and datafiles.unchanged(output, digests):
                return

        def write(kept: Mapping[str, bytes]) -> tuple[dict[str, str], dict[str, bytes]]:
            written = datafiles.write_data_files(
                output,
                lines,
                [(e, view.entity_dates(e.id)) for e in entities],
                options.data_formats,
                options.data_gzip,
                kept,
            )
            return written.digests, written.chunks

        digests = with_kept_map(folder, DATA_CHUNKS, code, write)
        if folder is not None:
            keep(folder / DATA_STATE, state, digests)


def _linking(context: dict[str, Any]) -> list[Any]:
    """The articles and pages of this build whose bodies link another content file."""
    return [
        item
        for group in dict.fromkeys((*ARTICLE_GROUPS, *PAGE_GROUPS))
        for item in context.get(group, ())
        if getattr(item, intrasite.LINKS_FILES, False)
    ]


def memo_cache(settings: dict[str, Any]) -> tuple[Path | None, str]:
    """Where whole-site answers are kept between builds (``newsarchive.site.memo``), and the
    code's fingerprint they are kept for: Pelican's cache folder, when it caches content."""
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return None, ""
    return Path(settings["CACHE_PATH"]), cachekey.build_code(settings)


def _data_key(article: Any) -> tuple[str, str] | None:
    """An article's data lines depend on its file and its address (the cache folder is
    the code's, settings' and registries' ids, ``content_cache``): it shows ids, not names."""
    digest = getattr(article, "source_digest", None)
    return (digest, article.url) if digest else None


def _data_state(
    lines: Sequence[datafiles.ArticleLines],
    entities: Sequence[Entity],
    options: ArchivePagesSettings,
) -> str:
    """What the data files are made of, as one digest: each article's line (which holds
    its date and entities, and so makes the entities' rows with the registry's ids, which
    the cache folder is named by), each entity's shown fields, the formats and the
    compression."""
    state = hashlib.sha256()
    for line in lines:
        state.update(line.json.encode("utf-8"))
        state.update(b"\n")
    shown = [(e.id, e.name, e.type, e.aliases, e.description) for e in entities]
    state.update(repr((shown, options.data_formats, options.data_gzip, gzipped.SALT)).encode())
    return state.hexdigest()


def _by_id(entity: Entity) -> str:
    return entity.id


def site_subtitle(settings: dict[str, Any], model: SiteModel[Any]) -> str:
    """SITESUBTITLE with ``{years}`` filled from the dated articles (``overview.fill_years``).

    Set in the context every generator shares before any page renders, so every page
    (search and 404 too), its meta description and the site feed say the same years;
    read from the settings each run, so an autoreload run fills the placeholder afresh.
    """
    dates = (a.archive_date for a in model.articles if a.archive_date is not None)
    return overview.fill_years(settings.get("SITESUBTITLE") or "", dates)


def feed_site(settings: dict[str, Any]) -> feeds.FeedSite:
    """What every feed of the build shares, from Pelican's settings."""
    return feeds.FeedSite(
        name=settings["SITENAME"],
        url=(settings.get("SITEURL") or "").rstrip("/"),
        language=settings.get("DEFAULT_LANG"),
        author=settings.get("AUTHOR"),
        timezone=settings.get("TIMEZONE"),
        max_items=settings.get("FEED_MAX_ITEMS"),
    )


def check_settings(pelican: Any) -> None:
    ArchivePagesSettings.of(pelican.settings)


def add_template_helpers(generator: Any) -> None:
    """Every template's ``article_item`` (a cached list entry), ``urls`` (the addresses),
    ``one_line`` (a list's summary), ``day_runs`` (a compact list's days) and the source
    registry's look-ups."""
    generator.env.globals["article_item"] = ENTRIES.entry
    generator.env.globals["urls"] = urls
    generator.env.filters["one_line"] = one_line
    generator.env.filters["day_runs"] = listings.day_runs
    generator.env.globals.update(sources.jinja_globals())  # source_of, source_credit(s)


def skip_unwritten_taxonomies(generator: Any) -> None:
    """Pelican's category and author pages are switched off (``CATEGORY_SAVE_AS = ""``), yet
    it still files every article under its category and author for them, comparing each
    article with every other of the group (every article has the same author): seconds at
    20,000 articles, minutes at 100,000. With no page to write, there is nothing to file."""
    for group, save_as in (("categories", "CATEGORY_SAVE_AS"), ("authors", "AUTHOR_SAVE_AS")):
        if not generator.settings.get(save_as):
            setattr(generator, group, [])


# The build's archive_pages generator, until its articles are stamped.
_unstamped: list[ArchivePagesGenerator] = []


def stamp_articles(pelican: Any) -> None:
    """When Pelican asks for its writer: every article read, the search index started (at
    ``all_generators_finalized``), no page keyed yet. Relating the articles and stamping
    them (which reads every body after an entity edit) are work the index need not wait
    for."""
    while _unstamped:
        generator = _unstamped.pop()
        generator.relate()
        generator.stamp()
        generator.key_file_links()


def forget_items(pelican: Any) -> None:
    """Once the pages are rendered, their list entries go (an autoreload process waits for
    the next change holding none). A build that failed before this point leaves them:
    ``generate_context`` clears them as the next build starts, since they name its
    articles by object id."""
    ENTRIES.clear()


def get_generators(pelican: Any) -> type[Generator]:
    return ArchivePagesGenerator
