"""Link the first mention of each entity in an article body to the entity's page.

Works on the sanitised HTML: only text outside tags is searched, never text
already inside a link, a heading or code, and each entity is linked once.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Collection

from newsarchive.content.matching import EntityMatcher

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")
_NO_LINK_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}


def link_first_mentions(
    body_html: str,
    matcher: EntityMatcher,
    href: Callable[[str], str],
    only: Collection[str] | None = None,
    date: dt.date | None = None,
) -> str:
    """Wrap the first mention of each entity (of ``only``, when given) in a link.

    ``date`` is the article's: it tells which event a shared event name means.
    """
    pending = set(only) if only is not None else None
    done: set[str] = set()
    depth: dict[str, int] = {}
    out: list[str] = []
    for piece in _TAG.split(body_html):
        if not piece:
            continue
        if piece.startswith("<"):
            _track(piece, depth)
            out.append(piece)
            continue
        if any(depth.get(name, 0) > 0 for name in _NO_LINK_INSIDE) or (
            pending is not None and not pending - done
        ):
            out.append(piece)
            continue
        out.append(_link_text(piece, matcher, href, pending, done, date))
    return "".join(out)


def _track(tag: str, depth: dict[str, int]) -> None:
    match = _TAG_NAME.match(tag)
    if not match or tag.endswith("/>"):
        return
    closing, name = match.group(1), match.group(2).lower()
    if name in _NO_LINK_INSIDE:
        depth[name] = max(0, depth.get(name, 0) + (-1 if closing else 1))


def _link_text(
    escaped: str,
    matcher: EntityMatcher,
    href: Callable[[str], str],
    pending: set[str] | None,
    done: set[str],
    date: dt.date | None,
) -> str:
    text = html.unescape(escaped)
    pieces: list[str] = []
    cursor = 0
    for start, end, entity_id in matcher.find_spans(text, date):
        if entity_id in done or (pending is not None and entity_id not in pending):
            continue
        done.add(entity_id)
        pieces.append(html.escape(text[cursor:start], quote=False))
        label = html.escape(text[start:end], quote=False)
        pieces.append(f'<a class="entity-link" href="{html.escape(href(entity_id))}">{label}</a>')
        cursor = end
    if cursor == 0:
        return escaped
    pieces.append(html.escape(text[cursor:], quote=False))
    return "".join(pieces)


def keys_in_body(body_html: str, matcher: EntityMatcher) -> frozenset[str]:
    """The matcher's keys in the text ``link_first_mentions`` searches (``EntityMatcher.keys_in``):
    how its links depend on the registry (``newsarchive.site.linkkeys``).

    The body's text is searched in one pass, its tags as spaces: a key can then also be
    found across a tag, where no link is made, and a key found too many only renders a
    page again when it changes; every key of every piece of text is found.
    """
    return matcher.keys_in(html.unescape(_TAG.sub(" ", body_html)))
