"""Article and page bodies are untrusted HTML: keep what a news story needs, drop the rest.

Markdown passes raw HTML through, and bodies come from contributors and from
ingested copy, so everything Markdown renders goes through ``clean_html``
(nh3, the Rust ``ammonia`` sanitiser) before a template marks it safe.

The allow-list, and why:

- Text and structure: ``p br hr h2-h6 blockquote q ul ol li dl dt dd pre code
  em strong b i s del ins sub sup small abbr cite figure figcaption`` and
  tables (``table caption thead tbody tfoot tr th td``). ``h1`` is left out:
  the page's headline is its only ``h1``, a body heading starts at ``h2``.
- Links: ``a`` with ``href`` and ``title`` only. URL schemes are http, https,
  mailto and relative URLs, so ``javascript:``, ``data:`` and ``vbscript:``
  links lose their ``href``. Links to other hosts get
  ``rel="nofollow noopener noreferrer"``: the archive does not vouch for them
  and tells them nothing about the reader. Links inside the site (relative
  URLs, Pelican's ``{filename}`` links, footnotes) get no ``rel``, since nh3's
  own ``link_rel`` would mark every link alike.
- Images: ``img`` with ``src alt title width height``, and ``src`` only as a
  relative URL. An image from another host would make every reader's browser
  call that host (a tracking pixel, mixed content, link rot), and the archive
  promises pages that load nothing from elsewhere. ``alt`` is kept, not
  enforced: Markdown images always carry one.
- Footnotes and code (Markdown ``extra``): ``id`` only as a footnote anchor
  (``fn:1``, ``fnref:1``) on ``sup`` and ``li``, so a body cannot clobber
  other ids or globals; ``class`` only as ``footnote``, ``footnote-ref``,
  ``footnote-backref`` and ``language-*`` on code.
- Tables: ``colspan``, ``rowspan``, and ``style`` reduced to ``text-align``
  (Markdown writes column alignment as a style); no other styles anywhere.
- Removed with their content: ``script style iframe frame object embed
  noscript template svg math textarea select``; any other element not
  listed (``form``, ``input``, ``base``, ``meta``, ``link``) is unwrapped to
  its text. No event handlers, no ``style``, ``data-*`` or ``target``
  attributes, no comments.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

EXTERNAL_REL = "nofollow noopener noreferrer"

_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "q"),
    *("ul", "ol", "li", "dl", "dt", "dd", "pre", "code"),
    *("em", "strong", "b", "i", "s", "del", "ins", "sub", "sup", "small"),
    *("abbr", "cite", "figure", "figcaption", "div", "a", "img"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
}
_DROPPED_WITH_CONTENT = {
    *("script", "style", "iframe", "frame", "object", "embed", "noscript"),
    *("template", "svg", "math", "textarea", "select"),
}
_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
    "div": {"class"},
    "code": {"class"},
    "th": {"colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
}
_CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}
_FOOTNOTE_ID = re.compile(r"^fn(?:ref\d*)?:[\w.-]+$")
_LANGUAGE_CLASS = re.compile(r"^language-[\w+#.-]+$")
_NUMBER = re.compile(r"^\d{1,4}$")
# nh3 writes every attribute as name="value" with '"' escaped, and escapes '<' in
# text, so this matches real start tags of links in its output and nothing else.
_LINK_START = re.compile(r'<a((?: [^\s="<>]+="[^"]*")*)>')
_HREF = re.compile(r' href="([^"]*)"')


def clean_html(body: str) -> str:
    """The rendered body with only the allow-listed tags, attributes and URLs left."""
    return _mark_external_links(_CLEANER.clean(body))


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """nh3's per-attribute hook: narrow the attributes whose values need checking."""
    if attribute == "id":
        return value if _FOOTNOTE_ID.match(value) else None
    if attribute == "class":
        return _classes(tag, value)
    if attribute == "src":
        return value if _is_relative(value) else None
    if attribute in ("width", "height", "colspan", "rowspan", "start"):
        return value if _NUMBER.match(value.strip()) else None
    return value


def _classes(tag: str, value: str) -> str | None:
    allowed = _CLASSES.get(tag, set())
    kept = [
        name
        for name in value.split()
        if name in allowed or (tag == "code" and _LANGUAGE_CLASS.match(name))
    ]
    return " ".join(kept) or None


def _is_relative(url: str) -> bool:
    """A URL inside the site: no scheme and no host (``//host/x`` is another host)."""
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc


def _leaves_site(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and parts.scheme in ("", "http", "https")


def _mark_external_links(cleaned: str) -> str:
    def mark(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(1))
        if href is None or not _leaves_site(html.unescape(href.group(1))):
            return match.group(0)
        return f'<a{match.group(1)} rel="{EXTERNAL_REL}">'

    return _LINK_START.sub(mark, cleaned)


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags=_DROPPED_WITH_CONTENT,
    attributes=_ATTRIBUTES,
    attribute_filter=_keep,
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    filter_style_properties={"text-align"},
    strip_comments=True,
)
