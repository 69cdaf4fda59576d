"""A test-only Pelican plugin: one build stage raises while it processes one article.

Settings: ``INJECT_FAILURE`` names the stage (a key of ``STAGES``) and
``INJECT_FAILURE_SLUG`` the article it fails on. The stage's own code is left
as it is: what it calls is replaced, at ``initialized``, by a function that
raises ``RuntimeError("injected failure")`` for that article, so the failure
comes from inside the stage, as a real one would. Production code keeps no hook
for this; the tests give the plugin through ``PELICAN_EXTRA``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import feedgenerator
from pelican import signals
from pelican.writers import Writer

from newsarchive.site import datafiles, listings

MESSAGE = "injected failure"


def _fail() -> None:
    raise RuntimeError(MESSAGE)


def _module(name: str) -> Any:
    return sys.modules[f"{name}.{name}"]


def _reader(slug: str) -> None:
    reader = _module("archive_reader").ArchiveMarkdownReader
    read = reader.read

    def failing(self: Any, source_path: str) -> Any:
        if source_path.endswith(f"/{slug}.md"):
            _fail()
        return read(self, source_path)

    reader.read = failing


def _duplicates(slug: str) -> None:
    module = _module("archive_reader")
    module.duplicate_slugs = lambda pairs: _fail()


def _pages(slug: str) -> None:
    write_file = Writer.write_file

    def failing(self: Any, *args: Any, **kwargs: Any) -> Any:
        article = kwargs.get("article")
        if article is not None and article.slug == slug:
            _fail()
        return write_file(self, *args, **kwargs)

    Writer.write_file = failing


def _entity_pages(slug: str) -> None:
    module = listings  # the entity pages' timeline is drawn there
    timeline_svg = module.timeline_svg

    def failing(*args: Any, **kwargs: Any) -> Any:
        if "Kim Jong Un" in kwargs.get("label", ""):
            _fail()
        return timeline_svg(*args, **kwargs)

    module.timeline_svg = failing


def _feeds(slug: str) -> None:
    add_item = feedgenerator.SyndicationFeed.add_item

    def failing(self: Any, *args: Any, **kwargs: Any) -> Any:
        if f"/{slug}/" in kwargs.get("link", ""):
            _fail()
        return add_item(self, *args, **kwargs)

    feedgenerator.SyndicationFeed.add_item = failing


def _data_files(slug: str) -> None:
    article_row = datafiles.article_row

    def failing(meta: Any, url: str) -> Any:
        if meta.get("slug") == slug:
            _fail()
        return article_row(meta, url)

    datafiles.article_row = failing


def _search_index(slug: str) -> None:
    module = _module("archive_search")
    own_document = module.own_document

    def failing(article: Any, *rest: Any) -> Any:
        if article.slug == slug:
            _fail()
        return own_document(article, *rest)

    module.own_document = failing


def _sitemap(slug: str) -> None:
    module = _module("site_extras")
    module.robots_txt = lambda sitemap: _fail()


def _setup(slug: str) -> None:
    _fail()  # raised from a plugin's `initialized` handler, before any stage runs


STAGES: dict[str, Callable[[str], None]] = {
    "setup": _setup,
    "reader": _reader,
    "duplicates": _duplicates,
    "pages": _pages,
    "entity pages": _entity_pages,
    "feeds": _feeds,
    "data files": _data_files,
    "search index": _search_index,
    "sitemap": _sitemap,
}


def inject(pelican: Any) -> None:
    stage = pelican.settings.get("INJECT_FAILURE")
    if stage:
        STAGES[stage](pelican.settings.get("INJECT_FAILURE_SLUG", ""))


def register() -> None:
    signals.initialized.connect(inject)
