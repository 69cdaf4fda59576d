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
- Dates come from the articles; an empty feed takes a given date, never the
  build's clock, so two builds write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from feedgenerator import Atom1Feed

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


class ArchiveAtomFeed(Atom1Feed):
    """An Atom feed that writes only XML-safe text and is dated by its articles.

    ``updated`` is the newest entry's date; a feed without entries takes the one
    given (else 1970-01-01), never the build's clock.
    """

    def __init__(self, *args: Any, updated: dt.datetime | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._updated = updated

    def latest_post_date(self) -> dt.datetime:
        dates = [item["pubdate"] for item in self.items if item.get("pubdate")]
        if dates:
            return max(dates)
        fallback = self._updated or EPOCH
        return fallback if fallback.tzinfo else fallback.replace(tzinfo=dt.UTC)

    def write(self, outfile: Any, encoding: str) -> None:
        make_xml_safe(self)
        super().write(outfile, encoding)


__all__ = ["ArchiveAtomFeed", "entry_text", "make_xml_safe", "summary_html", "xml_safe"]
