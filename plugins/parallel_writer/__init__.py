"""parallel_writer: Pelican's writer, with the pages rendered on every core.

Pelican renders and writes each page as its generators ask. This writer queues the
pages instead and, once every generator is done, renders them in forked workers
(``newsarchive.site.workers``): after the fork each worker has the whole finished
context in memory, renders its share of the pages exactly as Pelican would, and
writes them; the parent renders its own share and then announces every written file
with ``content_written``, as Pelican does, so the strict-build check sees them all.
Platforms without ``fork`` render in order, as before.

The cycle collector runs rarely while a build holds the archive in memory, from
``get_generators`` (before Pelican loads its content cache) until this plugin's
``finalized`` handler has rendered the pages (``newsarchive.site.collector``).

Incremental builds: a page whose inputs did not change since the last build (its key,
``newsarchive.site.incremental``) and whose file is as that build wrote it is not
rendered again (it is announced with ``content_written`` all the same: the file is
there, as this build would write it); pages the build no longer writes are removed. The render ledger
(``.newsarchive-pages`` in the output folder) records each page's key and bytes; it is
forgotten at start-up when ``INCREMENTAL`` is off or under ``pelican -d``.

Its ``finalized`` handler renders the pages, so it must run before those of the
plugins that read or check them (archive_pages, strict_build, site_extras): the
build refuses a ``PLUGINS`` listing them first (``newsarchive.site.pluginorder``).

Settings (prefix ``PARALLEL_WRITER_``, ``settings.ParallelWriterSettings``):
``PROCESSES`` (default: one per core), ``MIN_JOBS`` (default 200: fewer pages are
rendered in the build's own process) and ``INCREMENTAL`` (default true).
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .parallel_writer import (
    check_settings,
    collect_as_before,
    collect_rarely,
    flush,
    forget_kept_pages,
    get_writer,
)


def register() -> None:
    signals.get_generators.connect(collect_rarely)
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    signals.initialized.connect(forget_kept_pages)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(flush)
    signals.finalized.connect(collect_as_before)


__all__ = ["register"]
