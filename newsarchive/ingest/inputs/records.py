"""What every input becomes: a ``RawRecord``, and the ``Columns`` a corpus's fields are in.

A record carries a label for error lines (``path`` or ``path:LINE``), the name of its
file, and the SHA-256 its articles carry as provenance; a refused input is a record
with an ``error`` and no text, so the run can name it and go on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# What each field is called in the corpora people bring, most usual name first. A column
# named on the command line is used alone; otherwise the first of these a record has.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "story", "body", "content", "article", "full_text", "article_text"),
    "title": ("title", "headline", "heading", "head"),
    "date": ("date", "published", "published_at", "pubdate", "publish_date", "datetime"),
    "id": ("id", "doc_id", "record_id", "guid", "uid"),
    "url": ("url", "link", "href", "permalink"),
    "section": ("section", "topic", "category", "rubric", "desk"),
    "lang": ("lang", "language"),
}


@dataclass(frozen=True)
class Columns:
    """Which corpus column or JSON field holds what.

    None means "find it": the first of ``FIELD_NAMES`` the record has. A name
    given explicitly must exist (for the text) or is simply absent from a record.
    """

    text: str | None = None
    title: str | None = None
    date: str | None = None
    id: str | None = None
    url: str | None = None
    lang: str | None = None
    section: str | None = None

    def candidates(self, field_name: str) -> tuple[str, ...]:
        given = getattr(self, field_name)
        return (given,) if given else FIELD_NAMES[field_name]

    def pick(self, field_name: str, keys: Iterable[str]) -> str | None:
        """The column of ``field_name`` among a record's keys, or None."""
        present = keys if isinstance(keys, dict | set | frozenset) else set(keys)
        return next((c for c in self.candidates(field_name) if c in present), None)


@dataclass(frozen=True)
class RawRecord:
    label: str
    origin_file: str
    sha256: str
    data: bytes | None = None
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    line: int | None = None  # of a corpus row: where a reader finds it in the file
    columns: tuple[tuple[str, str], ...] = ()  # (field, column) pairs this record used
    removed: int = 0  # control characters and surrogates removed from the text and fields


def refused(label: str, path: Path, reason: str, sha256: str = "") -> RawRecord:
    return RawRecord(label, path.name, sha256, error=reason)
