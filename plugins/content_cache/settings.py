"""The content_cache plugin's settings (prefix ``CONTENT_CACHE_``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from newsarchive.site.pluginsettings import PluginSettings


@dataclass(frozen=True)
class ContentCacheSettings(PluginSettings):
    """``ENABLED``: key the content cache folder by the fingerprint."""

    PREFIX = "CONTENT_CACHE"
    RENAMED: ClassVar[Mapping[str, str]] = {"CONTENT_CACHE_FINGERPRINT": "CONTENT_CACHE_ENABLED"}

    enabled: bool = True
