"""The parallel_writer plugin's settings (prefix ``PARALLEL_WRITER_``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site.pluginsettings import PluginSettings, at_least


@dataclass(frozen=True)
class ParallelWriterSettings(PluginSettings):
    """``PROCESSES``: processes rendering the pages (None: one per core); ``MIN_JOBS``:
    below this many pages, they are rendered in the build's own process;
    ``INCREMENTAL``: keep the pages whose inputs did not change since the last build
    (``newsarchive.site.incremental``; false renders every page)."""

    PREFIX = "PARALLEL_WRITER"

    processes: int | None = field(default=None, metadata=at_least(1))
    min_jobs: int = field(default=200, metadata=at_least(0))
    incremental: bool = True
