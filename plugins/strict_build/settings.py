"""The strict_build plugin's settings (prefix ``STRICT_BUILD_``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from newsarchive.site.pluginsettings import PluginSettings


@dataclass(frozen=True)
class StrictBuildSettings(PluginSettings):
    """``ENABLED``: the check runs; ``REACHABILITY``: every article must be linked from the
    home page; ``PLUGINS``: plugins whose failing to load fails the build."""

    PREFIX = "STRICT_BUILD"
    RENAMED: ClassVar[Mapping[str, str]] = {"STRICT_BUILD": "STRICT_BUILD_ENABLED"}

    enabled: bool = True
    reachability: bool = True
    plugins: tuple[str, ...] = ()
