"""The site_extras plugin's handlers (the rules are in the package docstring)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from newsarchive.site import feeds, urls
from newsarchive.site.buildcheck import guarded
from newsarchive.site.sitemap import ROBOTS, SITEMAP, page_urls, robots_txt, sitemap_files

from .settings import SiteExtrasSettings

logger = logging.getLogger(__name__)


def site_url(settings: dict[str, Any]) -> str:
    return (settings.get("SITEURL") or "").rstrip("/")


def initialized(pelican: Any) -> None:
    """Check the settings; expose the absolute SITEURL to templates before the context is made."""
    SiteExtrasSettings.of(pelican.settings)
    pelican.settings["SITE_EXTRAS_SITEURL"] = site_url(pelican.settings)


# --- sitemap --------------------------------------------------------------------------


@guarded("writing the sitemap and robots.txt")
def write_sitemap_and_robots(pelican: Any) -> None:
    settings = pelican.settings
    options = SiteExtrasSettings.of(settings)
    output = Path(settings["OUTPUT_PATH"])
    base = site_url(settings)
    sitemap = None
    if options.sitemap and base:
        paths = page_urls(output, options.sitemap_exclude)
        for name, text in sitemap_files(base, paths, options.sitemap_max_urls).items():
            _write(output / name, text)
        sitemap = f"{base}/{SITEMAP}"
    if options.robots:
        _write(output / ROBOTS, robots_txt(sitemap))


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
    logger.info('Writing "%s"', path)


# --- 404 page -------------------------------------------------------------------------


class NotFoundGenerator(Generator):
    """Renders the theme's 404 template at the output root."""

    @guarded("writing the 404 page")
    def generate_output(self, writer: Any) -> None:
        options = SiteExtrasSettings.of(self.settings)
        if not options.not_found:
            return
        writer.write_file(
            urls.NOT_FOUND,
            self.get_template(options.not_found_template),
            self.context,
            # Absolute links when the site's address is known: GitHub Pages shows this
            # page at whatever depth the missing path had.
            relative_urls=not site_url(self.settings),
            page_name="404",
        )


def get_generators(pelican: Any) -> type[Generator]:
    return NotFoundGenerator


# --- feeds ----------------------------------------------------------------------------


@guarded("dating the site feeds")
def pin_empty_feed_date(context: dict[str, Any], feed: Any) -> None:
    """A feed's ``updated`` by its entries, else the newest article's, not the build's time."""
    if SiteExtrasSettings.of(context).empty_feed_date:
        feeds.pin_date(feed, feeds.site_updated(context.get("articles") or []))


@guarded("writing the site feeds")
def repair_feed(context: dict[str, Any], feed: Any) -> None:
    """Pelican's feed entries with their articles' own text, and nothing XML cannot carry."""
    archive = context.get("archive")
    feeds.restore_entries(
        feed,
        context.get("articles") or [],
        context.get("AUTHOR"),
        archive.tag_names if archive is not None else _no_topics,
    )


def _no_topics(article: Any) -> list[str]:
    return []
