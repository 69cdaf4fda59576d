"""Slugs: the ids of articles, entities and tags, and the last part of their URLs."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens, cut on a whole word.

    Accents fold to their base letter (``Pyongyang`` stays, ``Sénégal`` becomes
    ``senegal``); letters with no ASCII form (Hangul) are dropped, so callers
    needing a non-empty id must fall back to something else.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().replace("'", "").replace("\u2019", "")
    slug = _NON_WORD.sub("-", folded).strip("-")
    if len(slug) > max_length:
        slug = (
            slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
        )
    return slug


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))
