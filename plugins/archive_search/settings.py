"""The archive_search plugin's settings (prefix ``ARCHIVE_SEARCH_``)."""

from __future__ import annotations

from dataclasses import dataclass

from newsarchive.site.pluginsettings import PluginSettings


@dataclass(frozen=True)
class ArchiveSearchSettings(PluginSettings):
    """``ENABLED``: write the search page and its index. ``SINGLE_DOCS``: also write each
    article's result row in a file of its own, which makes a first query's download
    smaller (about 30 KB gzip) and the published site larger (about 600 bytes per
    article; ``newsarchive.search.shards``)."""

    PREFIX = "ARCHIVE_SEARCH"

    enabled: bool = True
    single_docs: bool = False
