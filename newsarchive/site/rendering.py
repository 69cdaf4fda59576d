"""Article and page bodies to HTML in time linear in their length: markdown-it-py, and a fast
path for plain paragraphs.

Why markdown-it-py (CommonMark) and not Python-Markdown: every body is untrusted, and
Python-Markdown re-runs its inline patterns over the rest of a paragraph, so hostile text
costs quadratic time. Measured on one core: 2,000 ``[`` take 0.85 s and 8,000 take 13.6 s
(60,000: over five minutes); 8,000 characters of ``[a](`` 26 s, of ``![`` 27 s, of
``[^`` 30 s, of ``<a `` 8.3 s. markdown-it-py, as configured here, scans once with
bounded look-back: 8,000 ``[`` take 0.2 s, 60,000 take 1.1 s, 480,000 take 11 s; 60,000
characters of ``[a](`` 0.6 s, of ``![`` 1.9 s, of ``[^`` 2.4 s, of ``<a `` 0.2 s, of
nested emphasis 0.3 s, a table that wide 0.5 s. Every pathological input tried (runs of
``[ * _ < > ` { & ^ \\``, ``[^``, ``![``, links, nested emphasis, wide and long tables,
nested lists, quotes and definition lists, thousands of reference definitions and
footnotes, long lines, hard breaks) grows linearly up to 480,000 characters. Keeping
Python-Markdown behind a per-article limit would refuse articles by a machine-dependent
clock or a guessed count of characters, and `invoke check` could not promise what the
build accepts; a linear parser needs no limit, so nothing is refused for its length.
The shipped archive renders the same HTML as before, bar the indentation of the lines
of a list item on the about page.

The rules:

- CommonMark, plus what the archive's Python-Markdown ``extra`` gave: tables, footnotes
  (as Python-Markdown wrote them: ``fn:1`` / ``fnref:1`` anchors, which the sanitiser
  keeps), definition lists, attribute lists (markdown-it's ``{#id .class}`` syntax,
  filtered by the sanitiser like everything else) and fenced code. Abbreviation
  definitions (``*[DPRK]: …``) are not supported: write ``<abbr title="…">DPRK</abbr>``.
- Raw HTML is allowed and, like all rendered HTML, goes through ``clean_html``.
- Blocks nest at most ``MAX_NESTING`` levels (markdown-it drops what is deeper, and its
  parser recurses per level); a body that reaches that depth is shown as its plain text,
  so no text is lost unseen and no stack overflows.
- The sanitiser's HTML parser slows quadratically with the depth of open elements
  (100,000 nested ``<div>`` take 52 s in nh3, 10,000 ``<ul><li>`` 0.9 s); Markdown's own
  nesting is bounded above, and a body whose raw HTML leaves more than ``MAX_RAW_DEPTH``
  elements open at once (counted from its tags, an upper bound of what the parser
  keeps open) has its raw HTML shown as text. Real markup nests a few levels.
- ``render_plain``: most bodies are what ingest writes, paragraphs of plain text with
  Markdown's special characters backslash-escaped. It renders those directly, in a
  fraction of the time, and gives exactly the HTML ``render_markdown`` gives (escapes and
  entities decoded as markdown-it decodes them, text escaped as the sanitiser writes
  it); anything it is not sure of returns None. ``tests/test_fast_paths.py`` proves the
  equality on the shipped archive and on generated text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.entities import entities
from markdown_it.common.utils import fromCodePoint, isValidEntityCode
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from newsarchive.site.sanitize import INTRASITE_MARKER, clean_html

MAX_NESTING = 20
MAX_RAW_DEPTH = 64

# --- the full renderer ------------------------------------------------------------------


def _footnote_number(token: Token) -> str:
    return str(token.meta["id"] + 1)


def _backref_id(token: Token) -> str:
    """Python-Markdown's ids: ``fnref:1`` for the first reference, ``fnref2:1`` for the next."""
    sub = int(token.meta.get("subId", 0) or 0)
    return f"fnref{sub + 1 if sub else ''}:{_footnote_number(token)}"


def _footnote_ref(self: Any, tokens: Sequence[Token], idx: int, *_: Any) -> str:
    number = _footnote_number(tokens[idx])
    return (
        f'<sup id="{_backref_id(tokens[idx])}">'
        f'<a class="footnote-ref" href="#fn:{number}">{number}</a></sup>'
    )


def _footnote_block_open(self: Any, *_: Any) -> str:
    return '<div class="footnote">\n<hr>\n<ol>\n'


def _footnote_block_close(self: Any, *_: Any) -> str:
    return "</ol>\n</div>\n"


def _footnote_open(self: Any, tokens: Sequence[Token], idx: int, *_: Any) -> str:
    return f'<li id="fn:{_footnote_number(tokens[idx])}">\n'


def _footnote_anchor(self: Any, tokens: Sequence[Token], idx: int, *_: Any) -> str:
    return f'&#160;<a class="footnote-backref" href="#{_backref_id(tokens[idx])}">&#8617;</a>'


_FOOTNOTE_RULES = {
    "footnote_ref": _footnote_ref,
    "footnote_block_open": _footnote_block_open,
    "footnote_block_close": _footnote_block_close,
    "footnote_open": _footnote_open,
    "footnote_anchor": _footnote_anchor,
}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.use(footnote_plugin).use(deflist_plugin).use(attrs_plugin).use(attrs_block_plugin)
    for name, rule in _FOOTNOTE_RULES.items():
        md.add_render_rule(name, rule)
    percent_encode = md.normalizeLink

    def normalize_link(url: str) -> str:
        """Pelican's intrasite markers (``{filename}``) kept as written, for Pelican to
        rewrite; markdown-it would percent-encode their braces."""
        marker = INTRASITE_MARKER.match(url)
        if marker is None:
            return percent_encode(url)
        return marker.group() + percent_encode(url[marker.end() :])

    md.normalizeLink = normalize_link  # type: ignore[method-assign]
    return md


_MD = _parser()
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# Elements that never hold others, or that the next of their kind closes (so a run of
# them never deepens the tree).
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option optgroup rb rt rp caption colgroup thead tbody tfoot".split()
)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def render_body(body: str) -> str:
    """The body as sanitised HTML: the fast path when it applies, else the full renderer."""
    plain = render_plain(body)
    return plain if plain is not None else render_markdown(body)


def render_markdown(body: str) -> str:
    """Markdown to sanitised HTML, in time linear in the body's length."""
    env: dict[str, Any] = {}
    tokens = _MD.parse(body, env)
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        return render_as_text(body)
    if _raw_depth(tokens) > MAX_RAW_DEPTH:
        _show_raw_html(tokens)
    return clean_html(_MD.renderer.render(tokens, _MD.options, env)).rstrip("\n")


def render_as_text(body: str) -> str:
    """The body's paragraphs as text, every character shown as written."""
    paragraphs = [p.strip() for p in _BLANK_LINES.split(body) if p.strip()]
    return clean_html("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))


def _raw_html_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The raw HTML of a body, in document order."""
    found = []
    for token in tokens:
        if token.type == "html_block":
            found.append(token)
        found += [child for child in token.children or () if child.type == "html_inline"]
    return found


def _raw_depth(tokens: Sequence[Token]) -> int:
    """The most elements the raw HTML leaves open at once: an end tag closes one element
    of its name if one is open (the parser may close more, never fewer)."""
    open_by_name: dict[str, int] = {}
    depth = deepest = 0
    for token in _raw_html_tokens(tokens):
        for closing, name in _TAG.findall(token.content):
            name = name.lower()
            if name in _NO_DEPTH:
                continue
            if not closing:
                open_by_name[name] = open_by_name.get(name, 0) + 1
                depth += 1
                deepest = max(deepest, depth)
            elif open_by_name.get(name):
                open_by_name[name] -= 1
                depth -= 1
    return deepest


def _show_raw_html(tokens: Sequence[Token]) -> None:
    """Turn raw HTML into text tokens: the renderer escapes those."""
    for token in _raw_html_tokens(tokens):
        token.type = "text"


# --- the fast path ----------------------------------------------------------------------

_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!>"
# Characters a plain line may hold: none that markdown-it or a plugin reads as syntax
# ("!" and ">" only are, before "[" and at a line start), no controls (tab included),
# surrogates or noncharacters; a backslash only before a character it escapes.
_PLAIN_LINE = re.compile(
    r"^(?:[^\\`*_{}\[\]<|~^\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    rf"|\\[{_ESCAPABLE}])*$"
)
# Line starts markdown-it reads as a block: heading, quote, list, rule, setext underline,
# table, definition, fence, numbered list (an escaped "1\." is text).
_BLOCK_START = re.compile(r"^(?:[#>+=:|~-]|\d+[.)](?:\s|$))")
# Backslash escapes and entities, decoded in one pass as markdown-it's inline rules do.
_ESCAPE_OR_ENTITY = re.compile(
    rf"\\([{_ESCAPABLE}])|&(?:#(x[0-9a-f]{{1,6}}|[0-9]{{1,7}})|([a-z][a-z0-9]{{1,31}}));",
    re.IGNORECASE,
)
# What the sanitiser's serialiser escapes in text, and how.
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\xa0": "&nbsp;"}
_TEXT_SPECIAL = re.compile("[&<>\xa0]")
_UNSAFE_DECODED = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def render_plain(body: str) -> str | None:
    """HTML for a body of plain paragraphs, as ``render_markdown`` writes it; None otherwise."""
    out = []
    for paragraph in _BLANK_LINES.split(body.strip("\n")):
        lines = paragraph.split("\n")
        if not all(_is_plain(line) for line in lines):
            return None
        text = _ESCAPE_OR_ENTITY.sub(_decode, paragraph)
        if _UNSAFE_DECODED.search(text.replace("\n", "")):
            return None
        out.append(f"<p>{_TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], text)}</p>")
    return "\n".join(out)


def _is_plain(line: str) -> bool:
    return (
        bool(line)
        and line == line.strip()
        and not _BLOCK_START.match(line)
        and bool(_PLAIN_LINE.match(line))
    )


def _decode(match: re.Match[str]) -> str:
    escaped, number, name = match.groups()
    if escaped is not None:
        return escaped
    if name is not None:
        return entities.get(name, match.group(0))
    code = int(number[1:], 16) if number[0] in "xX" else int(number)
    return fromCodePoint(code) if isValidEntityCode(code) else "\ufffd"
