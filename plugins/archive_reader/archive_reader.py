"""Pelican reader for archive Markdown: YAML front matter checked against the article schema.

The parsing and the rules live in ``newsarchive``; this module only turns a
checked article into what Pelican's generators expect, and wires the checks
into a build:

- it is the only reader: Pelican's own (HTML, reST, its Markdown) are removed, so
  nothing under ``PATH`` skips the schema and the sanitiser; a file no reader takes
  is refused by name (``newsarchive.content.contentfiles``, reported by strict_build), and
  Pelican is kept out of linked folders, so it never reads outside the content folder;
- every body (articles and pages) is rendered by ``newsarchive.site.rendering`` (markdown-it,
  linear time) and sanitised by ``clean_html``;
- pages follow ``newsarchive.site.pages``: a slug of their own that no URL of the site
  uses, no ``template:``; two pages sharing a slug are both reported and left out;
- article ``entities`` and ``tags`` must be ids of the registries under
  Pelican's ``PATH`` (``entities/*.yaml``, ``tags/*.yaml``), loaded once per
  build; a broken registry file is an error naming that file;
- two articles may not share a slug, an origin record or a story; both files are reported and
  left out of the site, so Pelican never writes one page over the other.

Errors are logged as ``logger.error("%s: %s", path, reason)``, which the
strict_build plugin turns into ``path: reason`` lines and a failed build.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import multiprocessing
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.readers import BaseReader
from pelican.settings import DEFAULT_CONFIG

from newsarchive.content import contentfiles, provenance
from newsarchive.content.articles import Article, ArticleError, Issue, read_article
from newsarchive.content.duplicates import duplicate_origins, duplicate_slugs, duplicate_stories
from newsarchive.content.registry import RegistryError, load_entities, load_tags
from newsarchive.site.buildcheck import guarded
from newsarchive.site.pages import Reserved, duplicate_page_slugs, read_site_page
from newsarchive.site.rendering import render_body

# Under "pelican" so the strict_build plugin's handler sees these records.
logger = logging.getLogger("pelican.plugins.archive_reader")

# Pelican needs a datetime on every article; undated ones sort last and never show it.
UNDATED = dt.datetime(1, 1, 1)

# Every list an ArticlesGenerator keeps articles in, whatever their status.
ARTICLE_GROUPS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGE_GROUPS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)


class _Registries:
    """The entity and tag ids of the build under way; None while unknown or broken."""

    entities: frozenset[str] | None = None
    tags: frozenset[str] | None = None


_registries = _Registries()


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
        if self._is_page(source_path):
            page = read_site_page(text, Path(source_path), self._reserved)
            return render_body(page.body), page.meta
        article = read_article(text, entities=_registries.entities, tags=_registries.tags)
        metadata = article_metadata(article)
        if article.date is not None:
            metadata.update(self._location(metadata))
        return render_body(article.body), metadata

    def _location(self, metadata: dict[str, Any]) -> dict[str, str]:
        """url and save_as fixed once: Pelican would format ARTICLE_URL on every access,
        and templates ask for an article's url many times (lists, neighbours, related)."""
        fields = {
            "date": metadata["date"],
            "slug": metadata["slug"],
            "lang": self.settings["DEFAULT_LANG"],
        }
        try:
            return {
                "url": self.settings["ARTICLE_URL"].format(**fields),
                "save_as": self.settings["ARTICLE_SAVE_AS"].format(**fields),
            }
        except (KeyError, IndexError):  # a pattern with other fields: let Pelican format it
            return {}

    def _is_page(self, source_path: str) -> bool:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        return any(
            rel == p or rel.startswith(p.rstrip("/") + os.sep) for p in self.settings["PAGE_PATHS"]
        )


def article_metadata(article: Article) -> dict[str, Any]:
    """Pelican metadata for an article; Pelican-special names (tags, author) are kept apart."""
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
        out["url"] = f"undated/{out['slug']}/"
        out["save_as"] = f"undated/{out['slug']}/index.html"
    else:
        out["date"] = dt.datetime.combine(article.date, dt.time())
    meta.pop("date")
    out.update(meta)
    return out


# --- registries -------------------------------------------------------------------------


@guarded("loading the entity and tag registries")
def load_registries(generator: Any) -> None:
    """Before any article is read: the ids articles may use, from this build's content folder."""
    content = Path(generator.settings["PATH"])
    _registries.entities = registry_ids(content, "entities", load_entities)
    _registries.tags = registry_ids(content, "tags", load_tags)


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

PREFETCH_MIN_FILES = 500
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
    processes = int(settings.get("ARCHIVE_READER_PROCESSES") or os.cpu_count() or 1)
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
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
        files = [f for f in files if generator.get_cached_data(f, None) is None]
    if len(files) < int(settings.get("ARCHIVE_READER_PREFETCH_MIN", PREFETCH_MIN_FILES)):
        return
    _worker_reader = ArchiveMarkdownReader(settings)
    paths = [os.path.abspath(os.path.join(generator.path, f)) for f in files]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for path, result in pool.imap_unordered(_read_one, paths, chunksize=64):
            if result is not None:
                _prefetched[path] = result
    _worker_reader = None


def forget_prefetched(generator: Any) -> None:
    _prefetched.clear()


# --- duplicates -------------------------------------------------------------------------


@guarded("checking the articles for duplicates")
def refuse_duplicates(generator: Any) -> None:
    """Report articles sharing a slug or an origin, and keep all of them out of the site.

    Runs before Pelican files articles under tags and dates, so the removed
    ones appear nowhere, and two of them can never be written to one page.
    """
    contents = [item for group in ARTICLE_GROUPS for item in getattr(generator, group, [])]
    by_name = {shown(item.source_path): item for item in contents}
    problems = duplicate_slugs((name, item.slug) for name, item in by_name.items())
    problems += duplicate_origins(
        (name, getattr(item, "origin", None)) for name, item in by_name.items()
    )
    problems += duplicate_stories(
        (name, getattr(item, "story_key", None)) for name, item in by_name.items()
    )
    for problem in problems:
        logger.error("%s: %s", by_name[problem.path].source_path, problem.message)
    clashing = {id(by_name[problem.path]) for problem in problems}
    for group in ARTICLE_GROUPS:
        items = getattr(generator, group, None)
        if items:
            items[:] = [item for item in items if id(item) not in clashing]


@guarded("checking the pages for duplicates")
def refuse_duplicate_pages(generator: Any) -> None:
    """Report pages sharing a slug and keep all of them out of the site (one URL, one page)."""
    contents = [item for group in PAGE_GROUPS for item in getattr(generator, group, [])]
    by_name = {shown(item.source_path): item for item in contents}
    problems = duplicate_page_slugs((name, item.slug) for name, item in by_name.items())
    for name, message in problems:
        logger.error("%s: %s", by_name[name].source_path, message)
    clashing = {id(by_name[name]) for name, _ in problems}
    for group in PAGE_GROUPS:
        items = getattr(generator, group, None)
        if items:
            items[:] = [item for item in items if id(item) not in clashing]


def shown(path: str) -> str:
    """A file as build errors name it: from the working directory when it is inside it."""
    full = Path(path).resolve()
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(full)


def add_reader(readers: Any) -> None:
    """This reader, and no other: Pelican's HTML and reST readers would publish a file
    without the schema or the sanitiser (a page's ``<script>`` would run)."""
    readers.reader_classes.clear()
    for extension in ArchiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ArchiveMarkdownReader


@guarded("listing the content folder")
def stay_inside_content(pelican: Any) -> None:
    """Keep Pelican out of linked folders (it follows links): the build reads only files
    inside the content folder. strict_build reports each link by name."""
    settings = pelican.settings
    linked = contentfiles.scan(Path(settings["PATH"])).linked_folders
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        settings[key] = [*settings.get(key, []), *linked]
    for key in ("ARTICLE_PATHS", "PAGE_PATHS"):  # a linked articles/ itself: walked from
        settings[key] = [p for p in settings.get(key, []) if p.strip("/") not in linked]


def register() -> None:
    signals.initialized.connect(stay_inside_content)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(load_registries)
    signals.article_generator_init.connect(prefetch)
    signals.article_generator_finalized.connect(forget_prefetched)
    signals.article_generator_pretaxonomy.connect(refuse_duplicates)
    signals.page_generator_finalized.connect(refuse_duplicate_pages)
