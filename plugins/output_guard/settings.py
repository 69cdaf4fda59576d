"""The output_guard plugin's settings: Pelican's own ``OUTPUT_RETENTION``, typed."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site.pluginsettings import PluginSettings


@dataclass(frozen=True)
class OutputGuardSettings(PluginSettings):
    """``OUTPUT_RETENTION`` (Pelican's setting, which `invoke clean` reads too): top-level
    entries of the output folder a build neither refuses nor removes."""

    PREFIX = "OUTPUT_GUARD"

    retention: tuple[str, ...] = field(default=(), metadata={"setting": "OUTPUT_RETENTION"})
