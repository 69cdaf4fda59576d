"""Plain news text as Markdown that renders back to the same words.

Only what Markdown would reinterpret is escaped: a line that would start a
heading, list, quote or rule, inline emphasis and code characters, and HTML.
Ordinary punctuation stays as written so the files read naturally in review.
A paragraph that is a subhead (``headings``) is written as a level-2 heading,
``## Subhead``: the page's title is its only level-1 heading.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

_INLINE = re.compile(r"([\\`*_\[\]])")
_HTML = re.compile(r"<")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")


def escape_paragraph(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _HTML.sub("&lt;", text)
    return _BLOCK_START.sub(_escape_block, text)


def _escape_block(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker[-1] in ".)":
        return f"{lead}{marker[:-1]}\\{marker[-1]}"
    return f"{lead}\\{marker}"


def to_markdown(paragraphs: Sequence[str], headings: Collection[int] = ()) -> str:
    """The paragraphs as Markdown, those at the ``headings`` indexes as ``## `` headings."""
    return "\n\n".join(
        f"## {escape_paragraph(p)}" if i in headings else escape_paragraph(p)
        for i, p in enumerate(paragraphs)
    )
