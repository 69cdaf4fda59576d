"""site_extras: what a published site needs besides its pages: sitemap, robots.txt, a 404 page.

Settings (prefix ``SITE_EXTRAS_``, ``settings.SiteExtrasSettings``):

- ``SITEMAP`` (default True): ``sitemap.xml`` listing the absolute URL of every HTML
  page in the output, as ``newsarchive.site.sitemap`` lays it out; beyond
  ``SITEMAP_MAX_URLS`` (default 50,000, the protocol's limit) in numbered parts with
  an index. A sitemap must hold absolute URLs, so without ``SITEURL`` (the
  development build) none is written. ``SITEMAP_EXCLUDE`` lists output paths left
  out (default: ``404.html``).
- ``ROBOTS`` (default True): ``robots.txt`` allowing every crawler, with a
  ``Sitemap:`` line (absolute URL) when there is a sitemap. Crawlers read
  robots.txt only at the root of a host, so under a GitHub project sub-path it is
  ignored; it matters on a user or organisation site or a custom domain.
- ``NOT_FOUND`` (default True): ``404.html`` at the output root, from the theme's
  ``NOT_FOUND_TEMPLATE`` (default ``404``). GitHub Pages serves that file for any
  missing path at any depth, so relative links would break: with ``SITEURL`` set it
  is rendered with absolute links. Without ``SITEURL`` (development) its links are
  relative to the root, right where development servers show it: at ``/404.html``.
- ``EMPTY_FEED_DATE`` (default True): a feed with no entries is dated by the newest
  article, where the feed library would put the time of the build, so two builds of
  the same content are identical (``newsarchive.site.feeds``: the entity feeds follow
  the same rule).

Every feed Pelican writes (the site feed) is repaired before it is written: each
entry gets its article's own title, escaped summary, byline and topics, and every
string is made XML-safe (``newsarchive.site.feeds.restore_entries``). Pelican would
strip "tags" from titles, eating text.

The plugin also sets ``SITE_EXTRAS_SITEURL`` to the absolute ``SITEURL``: templates
see ``SITEURL`` rewritten relative to each page (``RELATIVE_URLS``), and the
canonical and OpenGraph tags of ``_meta.html`` need the absolute one.

The sitemap lists the pages written, so its ``finalized`` handler must run after
parallel_writer's (``newsarchive.site.pluginorder``).
"""

from pelican import signals

from newsarchive.site.pluginorder import check_order

from .site_extras import (
    get_generators,
    initialized,
    pin_empty_feed_date,
    repair_feed,
    write_sitemap_and_robots,
)


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(repair_feed)
    signals.feed_generated.connect(pin_empty_feed_date)
    signals.finalized.connect(write_sitemap_and_robots)


__all__ = ["register"]
