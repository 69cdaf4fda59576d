"""The archive_pages plugin's settings (prefix ``ARCHIVE_PAGES_``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site import datafiles
from newsarchive.site.listings import Sizes
from newsarchive.site.pluginsettings import PluginSettings, at_least


@dataclass(frozen=True)
class ArchivePagesSettings(PluginSettings):
    """``PER_PAGE``: articles on a listing's first page; ``COMPACT_PER_PAGE``: on each
    later page, whose entries are one line (headline, source) under their day; ``HOME_LATEST``, ``HOME_ENTITIES`` and
    ``HOME_TOPICS``: the home page's latest articles, most mentioned entities and
    busiest topics; ``RELATED``: related articles per article; ``CO_MENTIONS``: entities
    shown beside an entity; ``PROCESSES`` (None: one per core) and ``MIN_JOBS``: when at
    least that many article bodies must be searched for the registry's names
    (``newsarchive.site.linkkeys``), that many forked workers share them;
    ``DATA_FORMATS``: the formats the data files are published in ("csv", "json", or
    both, the default), each holding every row; ``DATA_GZIP``: whether they are
    published gzip-compressed (``articles.csv.gz``, the default: a quarter of the size)."""

    PREFIX = "ARCHIVE_PAGES"

    per_page: int = field(default=50, metadata=at_least(1))
    compact_per_page: int = field(default=200, metadata=at_least(1))
    home_latest: int = field(default=15, metadata=at_least(0))
    home_entities: int = field(default=24, metadata=at_least(0))
    home_topics: int = field(default=12, metadata=at_least(0))
    related: int = field(default=4, metadata=at_least(0))
    co_mentions: int = field(default=10, metadata=at_least(0))
    processes: int | None = field(default=None, metadata=at_least(1))
    min_jobs: int = field(default=400, metadata=at_least(0))
    data_formats: tuple[str, ...] = datafiles.FORMATS
    data_gzip: bool = True

    def problems(self) -> list[str]:
        formats = self.data_formats
        if formats and set(formats) <= set(datafiles.FORMATS) and len(set(formats)) == len(formats):
            return []
        expected = " or ".join(repr(f) for f in datafiles.FORMATS)
        return [
            f"ARCHIVE_PAGES_DATA_FORMATS: expected a list of {expected}, at least one and "
            f"each once, got {list(formats)!r}"
        ]

    def sizes(self) -> Sizes:
        return Sizes(
            self.per_page,
            self.home_latest,
            self.home_entities,
            self.home_topics,
            self.compact_per_page,
        )
