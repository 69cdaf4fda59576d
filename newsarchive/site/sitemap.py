"""``sitemap.xml`` and ``robots.txt`` for a built site, from the files in its output folder.

The rules (``plugins/site_extras`` writes them after every page is written):

- The sitemap lists the absolute URL (site address + path) of every HTML file of the
  output, ``dir/index.html`` as ``dir/``, sorted, skipping folders starting with ``.``
  and the paths excluded (the 404 page). A sitemap must hold absolute URLs, so only a
  build with a site address has one.
- No ``lastmod``: no date here would be true of the page (an article's date is when it
  was published, not when its page last changed), and the same site gives the same bytes.
- Beyond ``limit`` URLs (the protocol allows 50,000 per file) they go to
  ``sitemap-1.xml``, ``sitemap-2.xml``… and ``sitemap.xml`` becomes their index.
- ``robots.txt`` allows every crawler and names the sitemap when there is one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from newsarchive.site import urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def page_urls(output: Path, exclude: Sequence[str] = ()) -> list[str]:
    """The site-relative URL of every HTML file under output, sorted (``''`` is the home page)."""
    skipped = {p.strip("/") for p in exclude}
    found = []
    for folder, dirs, files in os.walk(output):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(".html"):
                continue
            rel = Path(folder, name).relative_to(output).as_posix()
            if rel in skipped:
                continue
            found.append(rel[: -len(urls.INDEX)] if name == urls.INDEX else rel)
    return sorted(found)


def urlset(locations: Sequence[str]) -> str:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">']
    lines += [f"<url><loc>{escape(url)}</loc></url>" for url in locations]
    lines.append("</urlset>\n")
    return "\n".join(lines)


def sitemap_index(locations: Sequence[str]) -> str:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">']
    lines += [f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in locations]
    lines.append("</sitemapindex>\n")
    return "\n".join(lines)


def sitemap_files(base: str, paths: Sequence[str], limit: int) -> dict[str, str]:
    """File name to text: one ``sitemap.xml``, or numbered parts and an index beyond ``limit``."""
    absolute = [f"{base}/{path}" for path in paths]
    if len(absolute) <= limit:
        return {SITEMAP: urlset(absolute)}
    parts = {
        f"sitemap-{number}.xml": urlset(absolute[start : start + limit])
        for number, start in enumerate(range(0, len(absolute), limit), start=1)
    }
    return {**parts, SITEMAP: sitemap_index([f"{base}/{name}" for name in parts])}


def robots_txt(sitemap: str | None) -> str:
    """Every crawler allowed; ``Sitemap:`` names the sitemap's absolute URL when there is one."""
    lines = ["User-agent: *", "Disallow:"]
    if sitemap:
        lines.append(f"Sitemap: {sitemap}")
    return "\n".join(lines) + "\n"


__all__ = ["page_urls", "robots_txt", "sitemap_files", "sitemap_index", "urlset"]
