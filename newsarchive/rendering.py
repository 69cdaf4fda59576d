"""Article bodies to HTML: a fast path for plain paragraphs, Python-Markdown for the rest.

Most archive bodies are what ingest writes: paragraphs of plain text separated
by blank lines, with Markdown's special characters backslash-escaped. Running
the full Markdown engine on those costs more than the rest of the build per
article; ``render_plain`` renders them directly and gives the same HTML (a
test compares it with Python-Markdown on the shipped archive and on edge
cases). A body with anything else — emphasis, links, lists, headings, HTML,
footnotes, tables, code, line breaks — returns None and goes to Markdown and
the sanitiser as before.
"""

from __future__ import annotations

import html
import re

_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!>"
# A paragraph line the fast path takes: no leading space, no trailing double
# space (a <br>), no character Markdown could read as syntax unless escaped
# with a backslash, and "&" only as an entity.
_PLAIN_LINE = re.compile(
    rf"""^(?![ \t])(?:[^\\`*_{{}}\[\]<>!|~^&\n]|\\[{_ESCAPABLE}]|&(?:[a-zA-Z]+|\#[0-9]+);)*$"""
)
# Line starts Markdown reads as a block: heading, quote, list, rule, setext underline,
# table, definition, fenced code, numbered list (an escaped "1\." is text).
_BLOCK_START = re.compile(r"^(?:[#>+=:|~-]|\d+[.)](?:\s|$))")
_UNESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
_TEXT_ESCAPE = re.compile(r"&(?![a-zA-Z]+;|#[0-9]+;)|[<>]")
_ESCAPED_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def render_plain(body: str) -> str | None:
    """HTML for a body of plain paragraphs, as Python-Markdown writes it; None otherwise."""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(body.strip("\n")) if p.strip()]
    out = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        for line in lines:
            if line.endswith("  ") or _BLOCK_START.match(line) or not _PLAIN_LINE.match(line):
                return None
        text = _UNESCAPE.sub(r"\1", "\n".join(line.rstrip() for line in lines))
        out.append(f"<p>{_TEXT_ESCAPE.sub(lambda m: _ESCAPED_CHARS[m.group()], text)}</p>")
    return "\n".join(out)


def escape_text(text: str) -> str:
    return html.escape(text, quote=False)
