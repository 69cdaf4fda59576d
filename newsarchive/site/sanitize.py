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
- URLs are judged in the form a browser may read them, never as written
  (``url_form``): entity and percent encodings undone (repeatedly: a URL still
  encoded after four rounds is refused), tabs, line breaks, controls, spaces and
  invisible characters removed, backslashes read as slashes (browsers do, so
  ``/\\evil.example/p.png`` is another host), lower case. In that form a local URL
  has no scheme and does not start with ``//``; a link's scheme must be http,
  https or mailto. The form only decides: a URL that passes is kept as written.
- Pelican rewrites a URL that starts with an intrasite marker (``{filename}``,
  ``{index}``, any ``{x}`` or ``|x|``) but keeps the scheme and host of what
  follows it, so ``{index}//evil.example/p.png`` would become an image from
  another host and ``{}javascript:…`` a script link. What follows a marker is
  judged as a URL of its own, by the same rules.
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
from urllib.parse import unquote

import nh3

EXTERNAL_REL = "nofollow noopener noreferrer"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})

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
# Pelican's INTRASITE_LINK_REGEX, anchored: the marker it rewrites.
INTRASITE_MARKER = re.compile(r"^[{|][^|}]*[|}]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Left out of the judged form: what browsers skip in a URL (tab, CR, LF anywhere,
# controls and spaces at its ends), and every other control, space or invisible
# format character, so no disguise can hide a scheme or a second slash.
_IGNORED = re.compile(
    r"[\s\x00-\x20\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+"
)
_DECODING_ROUNDS = 4


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
        return value if is_local(value) else None
    if attribute == "href":
        return value if is_allowed_link(value) else None
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


def url_form(url: str) -> str | None:
    """The URL as a browser may read it, or None when it is still encoded after four rounds.

    More is undone than any browser undoes (percent-encoding, spaces), so a URL
    judged local here is local to every reader; the form is for judging only.
    """
    for _ in range(_DECODING_ROUNDS):
        decoded = unquote(html.unescape(url))
        if decoded == url:
            return _IGNORED.sub("", url).replace("\\", "/").lower()
        url = decoded
    return None


def url_forms(url: str) -> list[str] | None:
    """The judged forms of a URL: its own, and what follows a Pelican intrasite marker."""
    forms = [url_form(url)]
    marker = INTRASITE_MARKER.match(url)
    if marker is not None:
        forms.append(url_form(url[marker.end() :]))
    if any(form is None for form in forms):
        return None
    return [form for form in forms if form is not None]


def _scheme(form: str) -> str | None:
    match = _SCHEME.match(form)
    return match.group(1) if match else None


def is_local(url: str) -> bool:
    """A URL inside the site, however written: no scheme and no host (``//host/x``)."""
    forms = url_forms(url)
    return forms is not None and all(
        _scheme(form) is None and not form.startswith("//") for form in forms
    )


def is_allowed_link(url: str) -> bool:
    """A link the archive keeps: inside the site, or http, https or mailto."""
    forms = url_forms(url)
    return forms is not None and all(_scheme(form) in {None, *LINK_SCHEMES} for form in forms)


def leaves_site(url: str) -> bool:
    """A link to another host (``rel`` is added): a web scheme, or ``//host``."""
    forms = url_forms(url)
    return forms is None or any(
        form.startswith("//") or _scheme(form) in WEB_SCHEMES for form in forms
    )


def _mark_external_links(cleaned: str) -> str:
    def mark(match: re.Match[str]) -> str:
        href = _HREF.search(match.group(1))
        if href is None or not leaves_site(html.unescape(href.group(1))):
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
