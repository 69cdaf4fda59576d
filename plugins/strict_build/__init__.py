"""strict_build: fail the build when a content file did not become a page, naming the file and why.

Pelican logs a skipped article and exits 0; with this plugin the build ends by
comparing the content files in with the pages written out and raises if anything is
missing. Pelican passes over a file no reader takes without a word; this plugin
refuses every such file by name, with `invoke check`'s message
(``newsarchive.content.contentfiles``). With ``REACHABILITY`` every article must also be
reached by a chain of links from the home page (``newsarchive.site.buildcheck``).

It also keeps failures readable and safe: each run's ledger receives the failures of
the other plugins' guarded stages (``newsarchive.site.buildcheck.guarded``), with the
pages' URLs so a failing row or search document names its file; and every log line
Pelican prints has its control characters shown escaped, so a file name or value
holding ``\\n::error::…`` cannot reach a CI log as a command.

Its handlers run after others' (``newsarchive.site.pluginorder``): ``finalized`` after
parallel_writer's (the pages must be written), ``page_generator_finalized`` after
archive_reader's (pages sharing a slug are left out first); and its ``initialized``
handler before content_cache's, whose set-up failure joins this build's ledger.

Settings (prefix ``STRICT_BUILD_``, ``settings.StrictBuildSettings``): ``ENABLED``
(default True; was ``STRICT_BUILD``), ``REACHABILITY`` (default True) and ``PLUGINS``
(plugins that must have loaded; a plugin that fails to load is only logged by Pelican).
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .strict_build import articles_done, finish, pages_done, start, written


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(articles_done)
    signals.page_generator_finalized.connect(pages_done)
    signals.content_written.connect(written)
    signals.finalized.connect(finish)


__all__ = ["register"]
