"""The archive_search plugin's settings (prefix ``ARCHIVE_SEARCH_``)."""

from __future__ import annotations

from dataclasses import dataclass

from newsarchive.site.pluginsettings import PluginSettings


@dataclass(frozen=True)
class ArchiveSearchSettings(PluginSettings):
    """``ENABLED``: write the search page and its index."""

    PREFIX = "ARCHIVE_SEARCH"

    enabled: bool = True
