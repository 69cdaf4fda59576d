"""The archive_search plugin's settings (prefix ``ARCHIVE_SEARCH_``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site.pluginsettings import PluginSettings, at_least


@dataclass(frozen=True)
class ArchiveSearchSettings(PluginSettings):
    """``ENABLED``: write the search page and its index. ``SINGLE_DOCS``: also write each
    article's result row in a file of its own, which makes a first query's download
    smaller (about 30 KB gzip) and the published site larger (about 600 bytes per
    article; ``newsarchive.search.shards``). ``PROCESSES``: in an incremental build (the
    index cache had entries), processes writing the terms' entries and making the search
    documents the cache lacks (None: one per core); ``MIN_JOBS``: below this many missing
    documents, they are made in the index's own process."""

    PREFIX = "ARCHIVE_SEARCH"

    enabled: bool = True
    single_docs: bool = False
    processes: int | None = field(default=None, metadata=at_least(1))
    min_jobs: int = field(default=400, metadata=at_least(0))
