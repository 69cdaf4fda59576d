"""The content_cache plugin's handler (the rules are in the package docstring)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from newsarchive.site import cachekey
from newsarchive.site.buildcheck import guarded

from .settings import ContentCacheSettings

logger = logging.getLogger(__name__)


def check_settings(pelican: Any) -> None:
    ContentCacheSettings.of(pelican.settings)


@guarded("fingerprinting the content cache", defer=True)
def use_fingerprinted_cache(pelican: Any) -> None:
    settings = pelican.settings
    caching = settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")
    if not caching or not ContentCacheSettings.of(settings).enabled:
        return
    root = Path(settings["CACHE_PATH"])
    key = cachekey.fingerprint(settings, cachekey.code_dirs(settings.get("PLUGIN_PATHS", [])))
    cachekey.prune(root, key)
    settings["CACHE_PATH"] = str(root / key)
    logger.debug("content cache: %s", settings["CACHE_PATH"])
