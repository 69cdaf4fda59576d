"""Plain news text as Markdown that renders back to the same words.

Only what Markdown would reinterpret is escaped: a line that would start a
heading, list, quote or rule, inline emphasis and code characters, and HTML.
Ordinary punctuation stays as written so the files read naturally in review.
"""

from __future__ import annotations

import re

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


def to_markdown(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "\n\n".join(escape_paragraph(p) for p in paragraphs)
