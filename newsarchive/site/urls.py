"""The archive's URL scheme: every address the site has and the file each one is written to.

Every producer asks this module: the reader (article URLs), the listings, feeds and
data files (``newsarchive.site``), the search index, the benchmarks' documents, the page
rules (``SECTIONS``) and the templates, which see it as ``urls`` (``urls.entity(id)``).
So an address is spelt once, and a change of scheme is one edit here. The rules:

- An address is site-relative and never starts with ``/``: templates write
  ``{{ SITEURL }}/{{ urls.tags() }}``, and a page reaches the root with ``up(url)``, so the
  site works under any sub-path (GitHub project pages).
- A page is a folder address ending in ``/``, written to ``<url>index.html``
  (``save_as``): ``2019/10/talks/`` is served for both ``…/talks/`` and
  ``…/talks/index.html``.
- An article lives under its date, ``YYYY/MM/<slug>/``; an undated one under
  ``undated/<slug>/``, since a date it does not have cannot place it.
- Listings: ``entities/<id>/``, ``tags/<id>/``, ``archives/YYYY/``,
  ``archives/YYYY/MM/`` and ``undated/``; an entity's or a topic's articles of one
  period are ``<base>/YYYY/MM/``, ``<base>/YYYY/qN/`` or ``<base>/YYYY/`` (``period``;
  its undated ones ``<base>/undated/``), and page N > 1 of a listing is
  ``<base>/page/N/``, so no two listings can ever share a file.
- Files beside the pages: an entity's Atom feed ``entities/<id>/atom.xml``, the data
  files ``data/<name>``, the search page ``search/`` with its index files in that folder,
  and ``404.html`` at the root, which GitHub Pages serves for any missing address.
- ``SECTIONS`` are the first segments the archive's plugins write; a page may not take
  one (``newsarchive.site.pages``), and no year either, since articles start with one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import quote, urlencode

ENTITIES = "entities"
TAGS = "tags"
ARCHIVES = "archives"
UNDATED = "undated"
DATA = "data"
SEARCH = "search"
#: First URL segments the archive's plugins write (Pelican's own come from its settings).
SECTIONS = frozenset({ENTITIES, TAGS, ARCHIVES, UNDATED, DATA, SEARCH})

INDEX = "index.html"
FEED = "atom.xml"
#: The page GitHub Pages serves for any missing address, at the output root.
NOT_FOUND = "404.html"
PAGE = "page"
#: The same scheme in Pelican's pattern form, for the settings files (pelican.conf.py).
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + INDEX
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + INDEX


def home() -> str:
    return ""


def article(slug: str, day: dt.date | None) -> str:
    """An article's address: under its year and month, or under ``undated/``."""
    if day is None:
        return f"{UNDATED}/{slug}/"
    return ARTICLE_URL.format(date=day, slug=slug)


def site_page(slug: str) -> str:
    """A site page's address (``content/pages/<slug>.md``)."""
    return PAGE_URL.format(slug=slug)


def entities() -> str:
    return f"{ENTITIES}/"


def entity(entity_id: str) -> str:
    return f"{ENTITIES}/{entity_id}/"


def entity_feed(entity_id: str) -> str:
    """An entity's Atom feed, beside its page."""
    return entity(entity_id) + FEED


def tags() -> str:
    return f"{TAGS}/"


def tag(tag_id: str) -> str:
    return f"{TAGS}/{tag_id}/"


def archives() -> str:
    return f"{ARCHIVES}/"


def year(number: int) -> str:
    return f"{ARCHIVES}/{number}/"


def month(year_number: int, month_number: int) -> str:
    return f"{ARCHIVES}/{year_number}/{month_number:02d}/"


def month_of(key: str) -> str:
    """The month page of a ``YYYY-MM`` key (the timeline's bars link there)."""
    return month(int(key[:4]), int(key[5:7]))


def undated() -> str:
    return f"{UNDATED}/"


def search() -> str:
    return f"{SEARCH}/"


def search_for(**filters: str | int | Iterable[str | int]) -> str:
    """The search page with filters: ``search_for(entity="x", month=["2018-10", "2018-11"])``.

    Each filter is a name the search page reads (``entity``, ``tag``, ``year``, ``month``,
    ``source``) and one value or several; several repeat the name (``month=…&month=…``),
    as the page's form sends them, in the order given. Values are percent-encoded
    (a space as ``%20``), so any source name or id is safe in the address.
    """
    pairs = [
        (name, str(value))
        for name, values in filters.items()
        for value in ([values] if isinstance(values, str | int) else values)
    ]
    query = urlencode(pairs, quote_via=quote)
    return f"{search()}?{query}" if query else search()


def data(name: str) -> str:
    """A data file (``articles.csv``…) of the ``data/`` folder."""
    return f"{DATA}/{name}"


def page(base: str, number: int) -> str:
    """Page ``number`` of the listing at ``base``: the base itself, then ``base/page/N/``."""
    base = base.rstrip("/")
    prefix = f"{base}/" if base else ""
    return prefix if number == 1 else f"{prefix}{PAGE}/{number}/"


def period(base: str, start: tuple[int, int] | None, months: int = 1) -> str:
    """A listing's page of one period, named by its first month ``start``: a month
    (``base/YYYY/MM/``), a quarter (``base/YYYY/qN/``) or a year (``base/YYYY/``); of its
    undated articles (``base/undated/``) when ``start`` is None."""
    base = base.rstrip("/")
    prefix = f"{base}/" if base else ""
    if start is None:
        return f"{prefix}{UNDATED}/"
    year, month = start
    if months == 1:
        return f"{prefix}{year}/{month:02d}/"
    if months == 3:
        return f"{prefix}{year}/q{(month - 1) // 3 + 1}/"
    return f"{prefix}{year}/"


def save_as(url: str) -> str:
    """The output file of an address: ``index.html`` inside a folder address, else the file."""
    return f"{url}{INDEX}" if url == "" or url.endswith("/") else url


def up(url: str) -> str:
    """The relative path from a page at ``url`` back to the site root (``''`` at the root)."""
    folder = url.rsplit("/", 1)[0] if "/" in url else ""
    return "../" * len([part for part in folder.split("/") if part])


def first_segment(path: str) -> str:
    """The first segment of an address or output path (what ``SECTIONS`` are made of)."""
    return path.lstrip("/").split("/", 1)[0]


__all__ = [
    "ARCHIVES",
    "ARTICLE_SAVE_AS",
    "ARTICLE_URL",
    "DATA",
    "ENTITIES",
    "NOT_FOUND",
    "PAGE_SAVE_AS",
    "PAGE_URL",
    "SEARCH",
    "SECTIONS",
    "TAGS",
    "UNDATED",
    "archives",
    "article",
    "data",
    "entities",
    "entity",
    "entity_feed",
    "first_segment",
    "home",
    "month",
    "month_of",
    "page",
    "period",
    "save_as",
    "search",
    "search_for",
    "site_page",
    "tag",
    "tags",
    "undated",
    "up",
    "year",
]
