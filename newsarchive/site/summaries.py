"""A summary cut to one line for lists: whole words, an ellipsis when cut.

Lists name an article under each of its entities and topics, so the full summary on
every listing would make those pages most of the site's weight; one line (about 160
characters, the width of a list at the reading measure) says what the article is
about and costs a bounded amount per listing.
"""

from __future__ import annotations

import re

ONE_LINE = 160
_SPACE = re.compile(r"\s+")


def one_line(text: str | None, limit: int = ONE_LINE) -> str:
    """The text on one line, cut at the last whole word within ``limit`` characters."""
    flat = _SPACE.sub(" ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"
