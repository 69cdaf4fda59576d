"""The archive_reader plugin's settings (prefix ``ARCHIVE_READER_``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site.pluginsettings import PluginSettings, at_least


@dataclass(frozen=True)
class ArchiveReaderSettings(PluginSettings):
    """``PROCESSES``: processes reading the articles (None: one per core);
    ``PREFETCH_MIN``: below this many files to read, read them in order."""

    PREFIX = "ARCHIVE_READER"

    processes: int | None = field(default=None, metadata=at_least(1))
    prefetch_min: int = field(default=500, metadata=at_least(0))
