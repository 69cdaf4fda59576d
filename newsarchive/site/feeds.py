"""Atom feeds that carry the archive's text as text: nothing in a field becomes markup.

Contributors and raw corpora supply every title, summary, byline, entity and tag
name, so a feed must pass each on exactly as typed, whatever characters it holds.
The rules, for the entity feeds (``plugins/archive_pages``) and the site feed
Pelican writes (repaired by ``plugins/site_extras`` before it is written):

- Plain text (titles, names, descriptions, bylines, categories, links, ids) goes
  into Atom text constructs or attribute values, and the XML writer escapes it: a
  reader shows ``<``, ``&`` and quotes as typed, and no element or attribute can be
  opened from inside a field.
- A plain-text summary goes into ``<summary type="html">`` HTML-escaped first
  (``summary_html``): a reader un-escapes the XML, then renders the HTML, so only
  escaped HTML shows ``"><img onerror=…>`` as the words it is. Article content is
  sanitised HTML already and goes in as it is.
- The site feed's titles are the articles' own: Pelican strips "tags" from a
  title before the feed sees it, which eats text such as ``a <b> c`` and turns
  ``&amp;`` into ``&``.
- Characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; lone
  surrogates; U+FFFE, U+FFFF) become U+FFFD in every string of a feed, element
  text and attribute values alike. The schema refuses them in content, but a feed
  writer that meets one must still write valid XML and never stop the build: the
  replacement character shows where something was dropped.
- Dates come from the articles: a feed is as new as its newest entry, and a feed
  without entries takes the date of the site's newest dated article (1970-01-01
  without one), never the build's clock, so two builds write the same bytes. Every
  feed is dated by ``latest_date``: the entity feeds (``ArchiveAtomFeed``) and the
  site feed Pelican makes (``pin_date``).
- A feed lists dated articles only: an undated one has no date to give its entry.
- An entity feed (``entity_feed``) lists the entity's newest dated articles. With a
  site address every link and id is absolute; in a development build links are
  relative to the feed and ids are ``urn:newsarchive:`` names, so the feed stays
  valid under any sub-path.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed, get_tag_uri

from newsarchive.site import urls
from newsarchive.site.overwrite import write_over

# Everything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def summary_html(text: str) -> str:
    """A plain-text summary as the HTML an Atom ``type="html"`` element must hold."""
    return html.escape(xml_safe(text))


def _safe_value(value: Any) -> Any:
    """Strings made XML-safe, lists and tuples of them too; other values as they are."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_safe_value(v) for v in value)
    return value


def make_xml_safe(feed: Any) -> None:
    """Make every string a feedgenerator feed holds (feed fields and items) XML-safe.

    Works on any feedgenerator feed, Atom or RSS, since it changes the data, not
    the writer: feedgenerator raises on a control character in element text and
    writes one in an attribute as it is (invalid XML); a lone surrogate fails
    the UTF-8 encoding of the file.
    """
    feed.feed = {key: _safe_value(value) for key, value in feed.feed.items()}
    feed.items = [{key: _safe_value(value) for key, value in item.items()} for item in feed.items]


def entry_text(
    record: Mapping[str, Any], default_author: str | None, categories: Iterable[str] = ()
) -> dict[str, Any]:
    """An article's text fields for ``add_item``, from its front matter as written.

    The byline (``author``) is the entry's author, else ``default_author``; the
    summary goes in escaped (``summary_html``); no summary gives no element.
    """
    summary = record.get("summary")
    return {
        "title": record["title"],
        "description": summary_html(summary) if summary else None,
        "author_name": record.get("author") or default_author,
        "categories": list(categories),
    }


# --- dates -------------------------------------------------------------------------------


def latest_date(feed: Any, fallback: dt.datetime | None) -> dt.datetime:
    """A feed's ``updated``: its newest entry's date (updated or published, as feedgenerator
    reads them), else ``fallback`` (else 1970-01-01), never the build's clock."""
    dates = [
        item[key] for item in feed.items for key in ("updateddate", "pubdate") if item.get(key)
    ]
    if dates:
        return max(dates)
    when = fallback or EPOCH
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def site_updated(articles: Iterable[Any]) -> dt.datetime | None:
    """The date every feed without entries takes: the newest dated article's (None without
    one). Articles are Pelican's: a ``date``, and ``undated`` when the date is a stand-in."""
    return max((a.date for a in articles if not getattr(a, "undated", False)), default=None)


def pin_date(feed: Any, fallback: dt.datetime | None) -> None:
    """Date any feedgenerator feed by ``latest_date``: feedgenerator would date an empty
    one with the time of the build."""
    feed.latest_post_date = functools.partial(latest_date, feed, fallback)


def aware(when: dt.datetime, timezone: str | None) -> dt.datetime:
    """``when`` in the site's time zone when it has none (as Pelican dates its articles)."""
    if timezone and when.tzinfo is None:
        return when.replace(tzinfo=ZoneInfo(timezone))
    return when


class ArchiveAtomFeed(Atom1Feed):
    """An Atom feed that writes only XML-safe text and is dated by its articles.

    ``updated`` is the newest entry's date; a feed without entries takes the one
    given (else 1970-01-01), never the build's clock (``latest_date``).
    """

    def __init__(self, *args: Any, updated: dt.datetime | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._updated = updated

    def latest_post_date(self) -> dt.datetime:
        return latest_date(self, self._updated)

    def write(self, outfile: Any, encoding: str) -> None:
        make_xml_safe(self)
        super().write(outfile, encoding)


# --- entity feeds --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSite:
    """What every feed of a build shares, from the build's settings."""

    name: str  # SITENAME
    url: str  # SITEURL without its trailing slash; '' in a development build
    language: str | None = None
    author: str | None = None  # for articles without a byline
    timezone: str | None = None
    max_items: int | None = None  # FEED_MAX_ITEMS; None or 0 lists them all


class FeedArticle(Protocol):
    slug: str
    url: str
    date: dt.datetime
    record: Mapping[str, Any]


class FeedEntity(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...


def entity_feed(
    site: FeedSite,
    entity: FeedEntity,
    articles: Sequence[FeedArticle],
    categories: Callable[[Any], list[str]],
    updated: dt.datetime | None,
) -> ArchiveAtomFeed:
    """The Atom feed of an entity's dated ``articles`` (newest first), at ``urls.entity_feed``.

    ``categories(article)`` names an entry's topics; ``updated`` dates the feed when it
    has no entries (the site's newest article).
    """
    page, path = urls.entity(entity.id), urls.entity_feed(entity.id)
    base = f"{site.url}/" if site.url else urls.up(path)
    feed = ArchiveAtomFeed(
        title=f"{site.name}: {entity.name}",
        link=f"{base}{page}",
        description=entity.description,
        feed_url=f"{base}{path}",
        feed_guid=f"{site.url}/{page}" if site.url else f"urn:newsarchive:entity:{entity.id}",
        language=site.language,
        updated=updated,
    )
    for article in articles[: site.max_items or len(articles)]:
        link = f"{base}{article.url}"
        feed.add_item(
            link=link,
            unique_id=get_tag_uri(link, article.date)
            if site.url
            else f"urn:newsarchive:article:{article.slug}",
            pubdate=aware(article.date, site.timezone),
            **entry_text(article.record, site.author, categories(article)),
        )
    return feed


# --- the site feed ------------------------------------------------------------------------


def restore_entries(
    feed: Any,
    articles: Iterable[Any],
    author: str | None,
    categories: Callable[[Any], list[str]],
) -> None:
    """Give each entry of Pelican's site feed its article's own text, then make it XML-safe.

    Pelican gives a feed each title with its "tags" stripped (``a <b> c`` loses
    ``<b>``, ``&amp;`` becomes ``&``) and knows no bylines or topics: each entry is
    matched to its article (one with a ``record``) by link and takes ``entry_text``;
    an article without a summary keeps Pelican's (sanitised HTML from the body). An
    undated article's entry is removed: its date would be Pelican's stand-in (year 1),
    and the entity feeds leave such articles out too.
    """
    by_url = {article.url: article for article in articles}
    site = feed.feed.get("link") or ""
    kept = []
    for item in feed.items:
        article = by_url.get(_site_path(item.get("link") or "", site))
        if article is not None and getattr(article, "undated", False):
            continue
        if article is not None and hasattr(article, "record"):
            fields = entry_text(article.record, author, categories(article))
            if fields["description"] is None:
                del fields["description"]
            item.update(fields)
        kept.append(item)
    feed.items = kept
    make_xml_safe(feed)


def _site_path(link: str, site: str) -> str | None:
    """An entry's link as the article URL it was made from (FEED_APPEND_REF undone)."""
    if not site or not link.startswith(site):
        return None
    return link[len(site) :].removesuffix("?ref=feed")


def write_feed(feed: Any, target: Path) -> None:
    """Write ``feed`` as UTF-8 to ``target``, making its folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = io.StringIO()
    feed.write(text, "utf-8")
    write_over(target, text.getvalue().encode("utf-8"))


__all__ = [
    "EPOCH",
    "ArchiveAtomFeed",
    "FeedSite",
    "aware",
    "entity_feed",
    "entry_text",
    "latest_date",
    "make_xml_safe",
    "pin_date",
    "restore_entries",
    "site_updated",
    "summary_html",
    "write_feed",
    "xml_safe",
]
