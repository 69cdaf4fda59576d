"""What a published site needs besides its pages: sitemap, robots.txt, a 404 page.

Settings (prefix SITE_EXTRAS_):

- ``SITEMAP`` (default True): ``sitemap.xml`` listing the absolute URL of every
  HTML page in the output (``SITEURL`` + its path; ``dir/index.html`` is listed
  as ``dir/``), sorted, without ``lastmod`` (no date here would be true of the
  page: an article's date is when it was published, not when its page last
  changed), so the same site gives the same bytes. Beyond ``SITEMAP_MAX_URLS``
  (default 50,000, the protocol's limit) the URLs go to ``sitemap-1.xml``,
  ``sitemap-2.xml``… and ``sitemap.xml`` becomes their index. A sitemap must
  hold absolute URLs, so without ``SITEURL`` (the development build) none is
  written. ``SITEMAP_EXCLUDE`` lists output paths left out (default: ``404.html``).
- ``ROBOTS`` (default True): ``robots.txt`` allowing every crawler, with a
  ``Sitemap:`` line (absolute URL) when there is a sitemap. Crawlers read
  robots.txt only at the root of a host, so under a GitHub project sub-path it is
  ignored; it matters on a user or organisation site or a custom domain.
- ``NOT_FOUND`` (default True): ``404.html`` at the output root, from the theme's
  ``404.html`` template. GitHub Pages serves that file for any missing path at
  any depth, so relative links would break: with ``SITEURL`` set it is rendered
  with absolute links. Without ``SITEURL`` (development) its links are relative
  to the root, right where development servers show it: at ``/404.html``.
- ``EMPTY_FEED_DATE`` (default True): an Atom feed with no entries gets the
  date of the newest article as its ``updated``, where the feed library would
  put the time of the build, so two builds of the same content are identical.

Every feed Pelican writes (the site feed) is repaired before it is written: each
entry gets its article's own title, escaped summary, byline and topics, and every
string is made XML-safe (the rules are in ``newsarchive/site/feeds.py``, which the
entity feeds use too). Pelican would strip "tags" from titles, eating text.

The plugin also sets ``SITE_EXTRAS_SITEURL`` to the absolute ``SITEURL``:
templates see ``SITEURL`` rewritten relative to each page (``RELATIVE_URLS``),
and the canonical and OpenGraph tags of ``_meta.html`` need the absolute one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import Generator
from pelican.utils import set_date_tzinfo

from newsarchive.site.buildcheck import guarded
from newsarchive.site.feeds import entry_text, make_xml_safe

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "SITE_EXTRAS_SITEMAP": True,
    "SITE_EXTRAS_SITEMAP_MAX_URLS": 50_000,
    "SITE_EXTRAS_SITEMAP_EXCLUDE": ["404.html"],
    "SITE_EXTRAS_ROBOTS": True,
    "SITE_EXTRAS_NOT_FOUND": True,
    "SITE_EXTRAS_NOT_FOUND_TEMPLATE": "404",
    "SITE_EXTRAS_EMPTY_FEED_DATE": True,
}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def setting(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def site_url(settings: dict[str, Any]) -> str:
    return (settings.get("SITEURL") or "").rstrip("/")


def initialized(pelican: Any) -> None:
    """Expose the absolute SITEURL to templates before the build's context is made."""
    pelican.settings["SITE_EXTRAS_SITEURL"] = site_url(pelican.settings)


# --- sitemap --------------------------------------------------------------------------


def page_urls(output: Path, exclude: Sequence[str] = ()) -> list[str]:
    """The site-relative URL of every HTML file under output, sorted (``''`` is the home page)."""
    skipped = {p.strip("/") for p in exclude}
    urls = []
    for folder, dirs, files in os.walk(output):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(".html"):
                continue
            rel = Path(folder, name).relative_to(output).as_posix()
            if rel in skipped:
                continue
            urls.append(rel[: -len("index.html")] if name == "index.html" else rel)
    return sorted(urls)


def urlset(urls: Sequence[str]) -> str:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">']
    lines += [f"<url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>\n")
    return "\n".join(lines)


def sitemap_index(locations: Sequence[str]) -> str:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">']
    lines += [f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in locations]
    lines.append("</sitemapindex>\n")
    return "\n".join(lines)


def sitemap_files(base: str, urls: Sequence[str], limit: int) -> dict[str, str]:
    """File name to text: one ``sitemap.xml``, or numbered parts and an index beyond ``limit``."""
    absolute = [f"{base}/{url}" for url in urls]
    if len(absolute) <= limit:
        return {"sitemap.xml": urlset(absolute)}
    parts = {
        f"sitemap-{number}.xml": urlset(absolute[start : start + limit])
        for number, start in enumerate(range(0, len(absolute), limit), start=1)
    }
    return {**parts, "sitemap.xml": sitemap_index([f"{base}/{name}" for name in parts])}


def robots_txt(sitemap: str | None) -> str:
    lines = ["User-agent: *", "Disallow:"]
    if sitemap:
        lines.append(f"Sitemap: {sitemap}")
    return "\n".join(lines) + "\n"


@guarded("writing the sitemap and robots.txt")
def write_sitemap_and_robots(pelican: Any) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    base = site_url(settings)
    sitemap = None
    if setting(settings, "SITE_EXTRAS_SITEMAP") and base:
        limit = int(setting(settings, "SITE_EXTRAS_SITEMAP_MAX_URLS"))
        urls = page_urls(output, setting(settings, "SITE_EXTRAS_SITEMAP_EXCLUDE"))
        for name, text in sitemap_files(base, urls, limit).items():
            _write(output / name, text)
        sitemap = f"{base}/sitemap.xml"
    if setting(settings, "SITE_EXTRAS_ROBOTS"):
        _write(output / "robots.txt", robots_txt(sitemap))


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
    logger.info('Writing "%s"', path)


# --- 404 page -------------------------------------------------------------------------


class NotFoundGenerator(Generator):
    """Renders the theme's 404 template at the output root."""

    @guarded("writing the 404 page")
    def generate_output(self, writer: Any) -> None:
        if not setting(self.settings, "SITE_EXTRAS_NOT_FOUND"):
            return
        writer.write_file(
            "404.html",
            self.get_template(setting(self.settings, "SITE_EXTRAS_NOT_FOUND_TEMPLATE")),
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
    """An entry-less feed's ``updated``: the newest article's date, not the build's time."""
    if feed.items or not setting(context, "SITE_EXTRAS_EMPTY_FEED_DATE"):
        return
    when = newest_article_date(context.get("articles") or [], context.get("TIMEZONE"))
    feed.latest_post_date = lambda: when


@guarded("writing the site feeds")
def repair_feed(context: dict[str, Any], feed: Any) -> None:
    """Pelican's feed entries with their articles' own text, and nothing XML cannot carry.

    Pelican gives a feed each title with its "tags" stripped (``a <b> c`` loses
    ``<b>``, ``&amp;`` becomes ``&``) and knows no bylines or topics: each entry is
    matched to its article by link and takes ``entry_text``; an article without a
    summary keeps Pelican's (sanitised HTML from the body). Then every string is
    made XML-safe, so one control character cannot break the feed or the build.
    """
    by_path = {a.url: a for a in context.get("articles") or []}
    archive = context.get("archive")
    for item in feed.items:
        article = by_path.get(_site_path(item.get("link") or "", feed.feed.get("link") or ""))
        if article is None or not hasattr(article, "record"):
            continue
        topics = archive.tag_names(article) if archive is not None else []
        fields = entry_text(article.record, context.get("AUTHOR"), topics)
        if fields["description"] is None:
            del fields["description"]
        item.update(fields)
    make_xml_safe(feed)


def _site_path(link: str, site: str) -> str | None:
    """An entry's link as the article URL it was made from (FEED_APPEND_REF undone)."""
    if not site or not link.startswith(site):
        return None
    return link[len(site) :].removesuffix("?ref=feed")


def newest_article_date(articles: Sequence[Any], timezone: str | None) -> dt.datetime:
    dated = [a.date for a in articles if not getattr(a, "undated", False)]
    if not dated:
        return EPOCH
    return set_date_tzinfo(max(dated), timezone)


def register() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(repair_feed)
    signals.feed_generated.connect(pin_empty_feed_date)
    signals.finalized.connect(write_sitemap_and_robots)


__all__ = ["register"]
