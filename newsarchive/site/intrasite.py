"""Links a body makes to other content files with Pelican's intrasite markers.

A body may link another article or page by its source file
(``[the talks]({filename}/articles/2019/talks-resume.md)``); Pelican puts that
content's address in place of the marker as it renders the page. Two rules follow:

- The page shows another file's address, so it is rendered again when that address
  changes (the linked article's slug or date edited, the article deleted), not only
  when its own text does: ``plugins/archive_pages`` keys it by its body as Pelican
  resolves it. A link that resolves to no content is an error naming the file: Pelican
  would publish the marker itself as the address, a dead link.
- ``{static}`` and ``{attach}`` name files the archive never publishes: it reads only
  its Markdown (``plugins/archive_reader``), and a linked file would be copied as it
  is, script and all. They are refused as the file is read (``split_links``).

The markers are found in the sanitised HTML, where every attribute is written as
``name="value"`` (nh3), the form Pelican's own ``INTRASITE_LINK_REGEX`` matches.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from urllib.parse import unquote, urlparse

from newsarchive.site.sanitize import INTRASITE_MARKER

# A link or image whose address starts with a file marker: {filename}, |filename|, {static}...
_FILE_LINK = re.compile(r'\s(?:href|src)="(?P<link>[{|](?P<what>filename|static|attach)[|}][^"]*)"')
PUBLISHED = "filename"  # the one kind of file link the archive resolves
LINKS_FILES = "links_files"  # the metadata (and so the article's attribute) that says it has one


def file_links(html: str) -> list[tuple[str, str]]:
    """Each file link of a rendered body, in order: (kind, the link as written)."""
    if "filename" not in html and "static" not in html and "attach" not in html:
        return []  # most bodies: a substring test, not a regex over every body
    return [(m.group("what"), m.group("link")) for m in _FILE_LINK.finditer(html)]


def split_links(html: str) -> tuple[list[str], list[str]]:
    """A rendered body's file links: a problem line for each ``{static}`` or ``{attach}``
    one (refused), and the ``{filename}`` ones."""
    links = file_links(html)
    refusals = [refused(link) for kind, link in links if kind != PUBLISHED]
    return refusals, [link for kind, link in links if kind == PUBLISHED]


def unresolved_links(html: str) -> list[str]:
    """A problem line for each file link left in a body Pelican has resolved: a link to a
    file that is no article or page of this build."""
    return [unresolved(link) for _kind, link in file_links(html)]


def refused(link: str) -> str:
    return (
        f"body: link {link!r}: the archive publishes no file of the content folder but its "
        "articles and pages; expected a link to one of them "
        "({filename}/articles/<year>/<file>.md) or a web address"
    )


def unresolved(link: str) -> str:
    return (
        f"body: link {link!r} names no article or page of the content folder; expected the "
        "path of one, from the content folder ({filename}/articles/<year>/<file>.md) or "
        "from this file's folder"
    )


def link_targets(link: str, folder: str) -> list[str]:
    """The paths in the content folder a file link may name (``folder``: the linking
    file's, in the content folder), in the order Pelican tries them
    (``Content._link_replacer``): as written, percent-decoded, HTML-unescaped; from the
    content folder when it starts with ``/``, else from ``folder``. `invoke check` uses
    them to find a dead link without building; the build asks Pelican itself."""
    value = INTRASITE_MARKER.sub("", link, count=1)
    paths = (urlparse(value).path, unquote(urlparse(value).path), urlparse(unescape(value)).path)
    return [p[1:] if p.startswith("/") else posixpath.normpath(f"{folder}/{p}") for p in paths]


__all__ = [
    "LINKS_FILES",
    "PUBLISHED",
    "file_links",
    "link_targets",
    "refused",
    "split_links",
    "unresolved",
    "unresolved_links",
]
