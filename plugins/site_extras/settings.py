"""The site_extras plugin's settings (prefix ``SITE_EXTRAS_``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.site import urls
from newsarchive.site.pluginsettings import PluginSettings, at_least


@dataclass(frozen=True)
class SiteExtrasSettings(PluginSettings):
    """The switches and limits of the package docstring; ``SITE_EXTRAS_SITEURL`` is written
    by the plugin (the absolute address, for templates), never read."""

    PREFIX = "SITE_EXTRAS"
    EXPORTED = frozenset({"SITE_EXTRAS_SITEURL"})

    sitemap: bool = True
    sitemap_max_urls: int = field(default=50_000, metadata=at_least(1))
    sitemap_exclude: tuple[str, ...] = (urls.NOT_FOUND,)
    robots: bool = True
    not_found: bool = True
    not_found_template: str = "404"
    empty_feed_date: bool = True
