"""archive_reader: the archive's only reader, YAML front matter checked against the schema.

The parsing and the rules live in ``newsarchive``; this plugin only turns a checked
article into what Pelican's generators expect, and wires the checks into a build:

- it is the only reader: Pelican's own (HTML, reST, its Markdown) are removed, so
  nothing under ``PATH`` skips the schema and the sanitiser; a file no reader takes
  is refused by name (``newsarchive.content.contentfiles``, reported by strict_build), and
  Pelican is kept out of linked folders, so it never reads outside the content folder;
- every body (articles and pages) is rendered by ``newsarchive.site.rendering`` (markdown-it,
  linear time) and sanitised by ``clean_html``; a ``{static}`` or ``{attach}`` link is
  refused, and a body with a ``{filename}`` link is marked for archive_pages to key its
  page by what the link resolves to (``newsarchive.site.intrasite``);
- an article's address and output file are ``newsarchive.site.urls.article``'s; the
  settings ``ARTICLE_URL``, ``ARTICLE_SAVE_AS``, ``PAGE_URL`` and ``PAGE_SAVE_AS`` must be
  ``urls``' own (pelican.conf.py takes them from there), or the build stops at start-up;
- pages follow ``newsarchive.site.pages``: a slug of their own that no URL of the site
  uses, no ``template:``; two pages sharing a slug are both reported and left out;
- article ``entities`` and ``tags`` must be ids of the registries under
  Pelican's ``PATH`` (``entities/*.yaml``, ``tags/*.yaml``), loaded once per
  build; a broken registry file is an error naming that file;
- two articles may not share a slug, an origin record or a story; both files are reported and
  left out of the site, so Pelican never writes one page over the other;
- articles are read on every core before Pelican asks for them (``newsarchive.site.workers``)
  when there are at least ``ARCHIVE_READER_PREFETCH_MIN`` of them;
- once every article is read, their bodies wait on disk until a page or the search
  index reads them (``newsarchive.site.bodies``): metadata stays in memory;
- Pelican's date formatting is done once per date, zone, format and locale (``dates``).

Settings (prefix ``ARCHIVE_READER_``, ``settings.ArchiveReaderSettings``): ``PROCESSES``
(default: one per core) and ``PREFETCH_MIN`` (default 500).

Errors are logged as ``logger.error("%s: %s", path, reason)``, which the
strict_build plugin turns into ``path: reason`` lines and a failed build; so this
plugin's ``page_generator_finalized`` handler must run before strict_build's
(``newsarchive.site.pluginorder``).
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .archive_reader import (
    add_reader,
    check_settings,
    forget_prefetched,
    load_registries,
    prefetch,
    refuse_duplicate_pages,
    refuse_duplicates,
    stay_inside_content,
    stream_bodies,
)
from .dates import format_dates_once


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.initialized.connect(stay_inside_content)
    signals.initialized.connect(format_dates_once)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(load_registries)
    signals.article_generator_init.connect(prefetch)
    signals.article_generator_finalized.connect(forget_prefetched)
    signals.article_generator_finalized.connect(stream_bodies)
    signals.article_generator_pretaxonomy.connect(refuse_duplicates)
    signals.page_generator_finalized.connect(refuse_duplicate_pages)


__all__ = ["register"]
