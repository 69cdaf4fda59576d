"""archive_pages: the home, entity, tag, archive and undated pages, entity feeds and data files.

What the pages hold is ``newsarchive.site``'s: the site model (``model``, built in one
linear pass), the listings and what templates see as ``archive`` (``listings``), the
addresses (``urls``, which templates see as ``urls``), entity feeds (``feeds``) and the
data files (``datafiles``). This plugin hands them to Pelican:

- a generator that prepares the articles and the listings once every article is read,
  then writes each listing page, each entity's Atom feed and the data files;
- ``SITESUBTITLE``'s ``{years}`` filled with the span of the dated articles
  ("2018–2021", ``overview.fill_years``) in the context every page renders with;
- Pelican's category and author pages, switched off, are not prepared either;
- the templates' ``article_item`` (a list entry rendered once and reused,
  ``listings.EntryCache``), ``urls`` and ``day_runs`` (a compact listing's days);
- when Pelican asks for its writer (the search index already started), each article's
  related articles (``listings.relate``), its entities and links as its pages' keys
  hold them (``linkkeys.stamp``), and, for a body that links another content file, its
  body as the link resolves (``key_file_links``; a link to no file is reported);
- at ``finalized``, the list entries are forgotten, after parallel_writer has rendered
  the pages that use them (``newsarchive.site.pluginorder``), so an autoreload run
  starts afresh.

Settings (prefix ``ARCHIVE_PAGES_``, ``settings.ArchivePagesSettings``): ``PER_PAGE``
(50, a listing's first page), ``COMPACT_PER_PAGE`` (200, each later page; an entity's
or topic's later pages are its periods, the finest averaging that many: month,
quarter or year), ``HOME_LATEST`` (15), ``HOME_ENTITIES`` (24), ``HOME_TOPICS`` (12), ``RELATED`` (4),
``CO_MENTIONS`` (10), ``PROCESSES`` (one per core), ``MIN_JOBS`` (400),
``DATA_FORMATS`` ("csv" and "json": the data files published, each format every row)
and ``DATA_GZIP`` (True: published gzip-compressed, ``newsarchive.site.gzipped``).
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .archive_pages import (
    ArchivePagesGenerator,
    add_template_helpers,
    check_settings,
    forget_items,
    get_generators,
    skip_unwritten_taxonomies,
    stamp_articles,
)


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_helpers)
    signals.article_generator_finalized.connect(skip_unwritten_taxonomies)
    signals.get_writer.connect(stamp_articles)
    signals.finalized.connect(forget_items)


__all__ = ["ArchivePagesGenerator", "register"]
