"""The output_guard plugin's settings: Pelican's own ``OUTPUT_RETENTION``, typed, and the
size the published site must stay under."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site.pluginsettings import PluginSettings, at_least


@dataclass(frozen=True)
class OutputGuardSettings(PluginSettings):
    """``OUTPUT_RETENTION`` (Pelican's setting, which `invoke clean` reads too): top-level
    entries of the output folder a build neither refuses nor removes. ``SIZE_LIMIT``: the
    bytes the published site must stay under (``newsarchive.site.sitesize``), or None to
    measure nothing (development builds)."""

    PREFIX = "OUTPUT_GUARD"

    retention: tuple[str, ...] = field(default=(), metadata={"setting": "OUTPUT_RETENTION"})
    size_limit: int | None = field(default=None, metadata=at_least(1))
