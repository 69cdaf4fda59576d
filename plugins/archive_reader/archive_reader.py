"""The archive_reader plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pelican.readers import BaseReader
from pelican.settings import DEFAULT_CONFIG

from newsarchive.content import contentfiles, provenance
from newsarchive.content.articles import Article, ArticleError, Issue, read_article
from newsarchive.content.duplicates import (
    FileProblem,
    duplicate_origins,
    duplicate_slugs,
    duplicate_stories,
)
from newsarchive.content.registry import (
    SOURCES,
    RegistryError,
    load_entities,
    load_sources,
    load_tags,
)
from newsarchive.site import bodies, intrasite, urls, workers
from newsarchive.site.buildcheck import guarded
from newsarchive.site.groups import ARTICLE_GROUPS, PAGE_GROUPS, drop, members
from newsarchive.site.incremental import source_digest
from newsarchive.site.messages import shown
from newsarchive.site.pages import Reserved, duplicate_page_slugs, read_site_page
from newsarchive.site.pluginsettings import SettingsError
from newsarchive.site.rendering import render_body

from .settings import ArchiveReaderSettings

# Under "pelican" so the strict_build plugin's handler sees these records.
logger = logging.getLogger("pelican.plugins.archive_reader")

# Pelican needs a datetime on every article; undated ones sort last and never show it.
UNDATED = dt.datetime(1, 1, 1)
# Pelican's address settings, which must be the archive's own scheme.
URL_SETTINGS = {
    "ARTICLE_URL": urls.ARTICLE_URL,
    "ARTICLE_SAVE_AS": urls.ARTICLE_SAVE_AS,
    "PAGE_URL": urls.PAGE_URL,
    "PAGE_SAVE_AS": urls.PAGE_SAVE_AS,
}


class _Registries:
    """The entity and tag ids of the build under way; None while unknown or broken."""

    entities: frozenset[str] | None = None
    tags: frozenset[str] | None = None


_registries = _Registries()


def _with_file_links(body: str, meta: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The body and its metadata, marked when the body links another content file
    (``newsarchive.site.intrasite``); a ``{static}`` or ``{attach}`` link is refused."""
    refused, links = intrasite.split_links(body)
    if refused:
        raise ArticleError([Issue(problem) for problem in refused])
    if links:
        meta[intrasite.LINKS_FILES] = True
    return body, meta


class ArchiveMarkdownReader(BaseReader):
    enabled = True
    file_extensions = (contentfiles.MARKDOWN.lstrip("."),)

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._reserved = Reserved.from_settings(settings, DEFAULT_CONFIG)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        done = _prefetched.pop(os.path.abspath(source_path), None)
        if done is not None:
            return done
        refused = contentfiles.refusal(Path(self.settings["PATH"]), Path(source_path))
        if refused is not None:  # a link or a pipe: never opened (check names it alike)
            raise ArticleError([Issue(refused)])
        try:
            text = Path(source_path).read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise ArticleError(
                [Issue(f"not UTF-8 text: undecodable byte at offset {err.start}")]
            ) from None
        # What the file holds, for the pages that show it (newsarchive.site.incremental).
        digest = {"source_digest": source_digest(text)}
        if self._is_page(source_path):
            page = read_site_page(text, Path(source_path), self._reserved)
            return _with_file_links(render_body(page.body), {**page.meta, **digest})
        article = read_article(text, entities=_registries.entities, tags=_registries.tags)
        return _with_file_links(render_body(article.body), {**article_metadata(article), **digest})

    def _is_page(self, source_path: str) -> bool:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        return any(
            rel == p or rel.startswith(p.rstrip("/") + os.sep) for p in self.settings["PAGE_PATHS"]
        )


def article_metadata(article: Article) -> dict[str, Any]:
    """Pelican metadata for an article; Pelican-special names (tags, author) are kept apart.

    ``url`` and ``save_as`` are fixed here, once: Pelican would format ARTICLE_URL on
    every access, and templates ask for an article's url many times (lists,
    neighbours, related).
    """
    meta = dict(article.meta)
    out: dict[str, Any] = {
        "title": meta.pop("title"),
        "slug": meta.pop("slug"),
        "record": article.meta,
        "undated": article.undated,
        "tag_ids": meta.pop("tags", []),
        "entity_ids": meta.pop("entities", []),
        "byline": meta.pop("author", None),
        "story_key": article.story,
        "origin_records": provenance.records(meta.get("origin")),
        "sections": provenance.sections(meta.get("section")),
    }
    if "summary" in meta:
        out["summary"] = html.escape(meta.pop("summary"))
    if article.date is None:
        out["date"] = UNDATED
    else:
        out["date"] = dt.datetime.combine(article.date, dt.time())
    out["url"] = urls.article(out["slug"], article.date)
    out["save_as"] = urls.save_as(out["url"])
    meta.pop("date")
    out.update(meta)
    return out


# --- start-up ---------------------------------------------------------------------------


def check_settings(pelican: Any) -> None:
    """This plugin's settings, and Pelican's address settings, which must be ``urls``'."""
    ArchiveReaderSettings.of(pelican.settings)
    wrong = [
        f"{name}: expected {wanted!r} (newsarchive.site.urls: the archive's one URL scheme), "
        f"got {pelican.settings.get(name)!r}"
        for name, wanted in URL_SETTINGS.items()
        if pelican.settings.get(name) != wanted
    ]
    if wrong:
        raise SettingsError("\n".join(wrong))


@guarded("listing the content folder")
def stay_inside_content(pelican: Any) -> None:
    """Keep Pelican out of linked folders (it follows links): the build reads only files
    inside the content folder. strict_build reports each link by name."""
    settings = pelican.settings
    linked = contentfiles.scan_for(pelican, Path(settings["PATH"])).linked_folders
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        settings[key] = [*settings.get(key, []), *linked]
    for key in ("ARTICLE_PATHS", "PAGE_PATHS"):  # a linked articles/ itself: walked from
        settings[key] = [p for p in settings.get(key, []) if p.strip("/") not in linked]


def add_reader(readers: Any) -> None:
    """This reader, and no other: Pelican's HTML and reST readers would publish a file
    without the schema or the sanitiser (a page's ``<script>`` would run)."""
    readers.reader_classes.clear()
    for extension in ArchiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ArchiveMarkdownReader


# --- registries -------------------------------------------------------------------------


@guarded("loading the entity, tag and source registries")
def load_registries(generator: Any) -> None:
    """Before any article is read: the ids articles may use, from this build's content folder."""
    content = Path(generator.settings["PATH"])
    _registries.entities = registry_ids(content, urls.ENTITIES, load_entities)
    _registries.tags = registry_ids(content, urls.TAGS, load_tags)
    # Articles name sources by free text, so only the registry's own files are checked here:
    # a broken one is reported by name, not by the first page that asks for its source.
    registry_ids(content, SOURCES, load_sources)


def registry_ids(
    content: Path, kind: str, load: Callable[[Path], Mapping[str, object]]
) -> frozenset[str] | None:
    """One registry's ids: none when its folder is absent, None (unchecked) when broken.

    A broken registry is reported file by file; checking articles against what
    is left of it would only repeat the same mistake as unknown ids.
    """
    if not (content / kind).is_dir():
        return frozenset()
    try:
        return frozenset(load(content))
    except RegistryError as err:
        for problem in err.problems:
            logger.error("%s: %s", problem.path, problem.reason)
        return None


# --- reading on every core -------------------------------------------------------------

_prefetched: dict[str, tuple[str, dict[str, Any]]] = {}
_worker_reader: ArchiveMarkdownReader | None = None


def _read_one(path: str) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    """In a worker: the file read and rendered, or None to let the build read it (and
    report its problem) in order."""
    assert _worker_reader is not None
    try:
        return path, _worker_reader.read(path)
    except Exception:
        return path, None


@guarded("reading the articles in parallel")
def prefetch(generator: Any) -> None:
    """Read the articles Pelican will ask for, in forked workers, before it asks.

    Pelican reads one file after another; parsing, validating and rendering
    are independent per file, so they spread over every core. Files the
    content cache still holds are left to it; files that fail are read again
    in order by Pelican, so their errors are reported as usual.
    """
    global _worker_reader
    settings = generator.settings
    options = ArchiveReaderSettings.of(settings)
    processes = workers.processes(options.processes)
    if processes < 2 or not workers.can_fork():
        return
    extensions = tuple(f".{e}" for e in ArchiveMarkdownReader.file_extensions)
    files = [
        f
        for f in generator.get_files(
            settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
        )
        if f.endswith(extensions)
    ]
    if settings.get("LOAD_CONTENT_CACHE"):
        files = [f for f in files if not cached(generator, f)]
    if len(files) < options.prefetch_min:
        return
    _worker_reader = ArchiveMarkdownReader(settings)
    paths = [_reader_path(generator, f) for f in files]
    for path, result in workers.fork_map(_read_one, paths, processes):
        if result is not None:
            _prefetched[path] = result
    _worker_reader = None


def _reader_path(generator: Any, name: str) -> str:
    """A file as Pelican's readers (and their cache) name it."""
    return os.path.abspath(os.path.join(generator.path, name))


def cached(generator: Any, name: str) -> bool:
    """Whether Pelican's content cache still holds this file, at either of its layers: the
    generator's (whole articles) or, by default, the readers' (what the reader returned)."""
    if generator.get_cached_data(name, None) is not None:
        return True
    readers = generator.readers
    return readers.get_cached_data(_reader_path(generator, name), (None, None))[0] is not None


def forget_prefetched(generator: Any) -> None:
    _prefetched.clear()


def stream_bodies(generator: Any) -> None:
    """Every article's body moved to this build's body store (``newsarchive.site.bodies``):
    the kept bodies when the content cache keeps them (``plugins/content_cache``).

    Pelican has saved its content cache by now (``generate_context`` saves it before this
    signal), so the copy its readers keep in memory goes too.
    """
    store = bodies.open_store(Path(generator.settings["CACHE_PATH"]))
    for article in members(generator, ARTICLE_GROUPS):
        bodies.stream(article, store)
    if isinstance(store, bodies.KeptBodies):
        store.forget_placed()
    cache = getattr(generator.readers, "_cache", None)  # FileDataCacher's, already saved
    if isinstance(cache, dict):
        cache.clear()
    workers.release_freed_memory()


# --- duplicates -------------------------------------------------------------------------


@guarded("checking the articles for duplicates")
def refuse_duplicates(generator: Any) -> None:
    """Report articles sharing a slug or an origin, and keep all of them out of the site.

    Runs before Pelican files articles under tags and dates, so the removed
    ones appear nowhere, and two of them can never be written to one page.
    """
    items = members(generator, ARTICLE_GROUPS)
    by_name = {item.source_path: item for item in items}
    problems = _duplicates(by_name)
    if problems:  # found again by the names messages show (20,000 of them cost 0.25 s)
        by_name = {shown(item.source_path): item for item in items}
        problems = _duplicates(by_name)
    for problem in problems:
        logger.error("%s: %s", by_name[problem.path].source_path, problem.message)
    drop(generator, ARTICLE_GROUPS, {id(by_name[problem.path]) for problem in problems})


def _duplicates(by_name: dict[str, Any]) -> list[FileProblem]:
    """The articles (by name) that share a slug, an origin record or a story with another."""
    problems = duplicate_slugs((name, item.slug) for name, item in by_name.items())
    problems += duplicate_origins(
        (name, getattr(item, "origin", None)) for name, item in by_name.items()
    )
    problems += duplicate_stories(
        (name, getattr(item, "story_key", None)) for name, item in by_name.items()
    )
    return problems


@guarded("checking the pages for duplicates")
def refuse_duplicate_pages(generator: Any) -> None:
    """Report pages sharing a slug and keep all of them out of the site (one URL, one page)."""
    by_name = {shown(item.source_path): item for item in members(generator, PAGE_GROUPS)}
    problems = duplicate_page_slugs((name, item.slug) for name, item in by_name.items())
    for name, message in problems:
        logger.error("%s: %s", by_name[name].source_path, message)
    drop(generator, PAGE_GROUPS, {id(by_name[name]) for name, _ in problems})
