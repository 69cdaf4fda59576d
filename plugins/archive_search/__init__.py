"""archive_search: the search page and its sharded search index, built with the site.

The index is built by ``newsarchive.search.shards`` (lunr.py's weights, written as
shards the search page fetches as queries need them) from the same article list the
archive pages use (archive_pages' ``archive``), so search and pages never disagree on
what exists. The page and the index are at ``newsarchive.site.urls.search()``.

The index is written in a child process handed the articles once every generator has
its context (``all_generators_finalized``: every article read, the listings made, no page
keyed or written yet), so it is built while the pages are keyed and rendered; the
``finalized`` handler waits for it, then writes the search page with the index's
manifest, before the strict build checks the output. When there is an index cache to
read (an incremental build), that child is forked as the build starts and reads the
cache while the articles are read; at the handoff it says which articles the cache
cannot serve, and is given their documents (at most ``PRELOAD_MOST_NEW``; more, or a
cache of other inputs, and a child forked at the handoff makes them). It reads the
terms' kept entries too (``newsarchive.search.entrycache``) and makes again only those of
the terms whose postings changed. Platforms without ``fork`` write it in order.

Settings (prefix ``ARCHIVE_SEARCH_``, ``settings.ArchiveSearchSettings``): ``ENABLED``
(default True); ``SINGLE_DOCS`` (default False): each result's row also in a file of its
own, a lighter first query for about 600 more published bytes per article;
``PROCESSES`` (default one per core) and ``MIN_JOBS`` (default 400): in an incremental
build (the index cache had entries; not a cold build), the terms' entries are written in
that many forked workers, and so are the search documents the cache lacks (an alias
edit) when there are at least that many of them.
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .archive_search import check_settings, finish_index, get_generators, start_index


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(start_index)
    signals.finalized.connect(finish_index)


__all__ = ["register"]
