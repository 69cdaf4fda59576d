"""The parsed form of one news story, before it becomes a Markdown file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Story:
    """One story out of a raw text, with the metadata the text itself establishes.

    Nothing here is guessed from outside the text: ``date`` is None unless a
    header, a stamp (or a date alone on a line above or below the story), a
    dateline that writes its year, or a dated caption checked against the lede
    gives it, and ``date_basis`` says which ("header", "stamp", "dateline",
    "caption+weekday", or "").

    ``dateline_day`` is the (month, day) a dateline names (``SEOUL, Aug. 20``),
    even without a year, so that a date known from elsewhere can be checked
    against it.

    ``headings`` are the indexes of ``paragraphs`` that are run-in subheads made
    headings; ``restored`` says the body's paragraph breaks were put back
    (``paragraphs.restore_paragraphs``); ``repeat_dropped`` counts the characters of a
    repeated tail taken off (``repeats.drop_repeated_tail``), for the run's report.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    date: datetime.date | None = None
    date_basis: str = ""
    source: str | None = None
    publisher: str | None = None
    author: str | None = None
    section: str | None = None
    dateline: str | None = None
    dateline_day: tuple[int, int] | None = None
    kind: str = "article"
    part: int | None = None
    headings: tuple[int, ...] = ()
    restored: bool = False
    repeat_dropped: int = 0

    @property
    def lede(self) -> str:
        """The first paragraph of running text (not a heading), the input of ``derive_title``."""
        return next((p for i, p in enumerate(self.paragraphs) if i not in self.headings), "")
