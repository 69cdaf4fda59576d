"""Corpus columns made into front-matter fields: dates that are never wrong, titles cleaned.

Dates. A date column must hold an unambiguous date: ISO ``YYYY-MM-DD``, alone or
followed by a time (``2024-08-20T09:30:00+09:00``, ``2024-08-20 09:30``); the date
is the one written, whatever the time zone. Anything else needs a declared
``--date-format``: ``epoch-ms`` or ``epoch-s`` (seconds or milliseconds since
1970, read as UTC) or a ``strftime`` pattern (``%d/%m/%Y``). Nothing is guessed:
an eight-digit run is not read as a compact date and ``03/04/2019`` is not read
at all without a pattern, since a wrong date is worse than none. A value that
does not parse, or parses outside ``EARLIEST`` .. tomorrow, rejects the record.

Titles. A corpus title gets the body's cleaning (``clean.normalize``: markup,
entities, odd and no-break spaces, control characters), then loses what a
scraper glues to headlines: line breaks, a date stamp before or after it, wire
tags, a trailing site name after `` | ``. A title longer than ``MAX_TITLE``
characters ends at its last clause boundary that fits, else on a word boundary, never
on a dangling function word, and is marked with an ellipsis (``fit_title``).
"""

from __future__ import annotations

import datetime as dt
import re

from newsarchive.content.schema import EARLIEST_DATE
from newsarchive.ingest.clean import collapse_spaces, normalize
from newsarchive.ingest.dates import MONTH_PATTERN
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.titles import clause_cut, clean_headline, trim_title

EARLIEST = EARLIEST_DATE
MAX_TITLE = 200
EPOCH_FORMATS = {"epoch-s": 1, "epoch-ms": 1000}
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT|KST))?)?$",
    re.I,
)
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def date_format_error(fmt: str) -> str | None:
    """Why ``--date-format`` cannot be used, or None when it can."""
    if fmt in ("iso", *EPOCH_FORMATS) or "%" in fmt:
        return None
    return f"--date-format: expected iso, epoch-s, epoch-ms or a strftime pattern such as %d/%m/%Y, got {fmt!r}"


def record_date(value: str, fmt: str = "iso", today: dt.date | None = None) -> dt.date:
    """The date a column holds, read by ``fmt``; IngestError ``date: ...`` when it cannot be trusted."""
    value = value.strip()
    if fmt == "iso":
        date = _iso_date(value)
    elif fmt in EPOCH_FORMATS:
        date = _epoch_date(value, EPOCH_FORMATS[fmt])
    else:
        date = _pattern_date(value, fmt)
    return _plausible(date, value, today or dt.date.today())


def _iso_date(value: str) -> dt.date:
    match = _ISO.match(value)
    if match is None:
        hint = ""
        if _NUMBER.match(value):
            hint = (
                " (a number: if it counts time since 1970, say --date-format epoch-ms or epoch-s)"
            )
        raise IngestError(
            f"date: {value!r} is not an ISO date (YYYY-MM-DD, optionally with a time){hint}; "
            "declare another form with --date-format"
        )
    try:
        return dt.date.fromisoformat(match.group("date"))
    except ValueError:
        raise IngestError(f"date: {value!r} is not a real calendar date") from None


def _epoch_date(value: str, per_second: int) -> dt.date:
    if not _NUMBER.match(value):
        raise IngestError(f"date: {value!r} is not a number of {_unit(per_second)} since 1970")
    try:
        moment = dt.datetime.fromtimestamp(float(value) / per_second, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise IngestError(
            f"date: {value!r} {_unit(per_second)} since 1970 is no date a calendar holds"
        ) from None
    return moment.date()


def _unit(per_second: int) -> str:
    return "milliseconds" if per_second == 1000 else "seconds"


def _pattern_date(value: str, pattern: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, pattern).date()
    except ValueError:
        raise IngestError(f"date: {value!r} does not match --date-format {pattern!r}") from None


def _plausible(date: dt.date, value: str, today: dt.date) -> dt.date:
    latest = today + dt.timedelta(days=1)
    if not EARLIEST <= date <= latest:
        raise IngestError(
            f"date: {value!r} reads as {date.isoformat()}, outside {EARLIEST.isoformat()}"
            f" .. {latest.isoformat()}; check the column or --date-format"
        )
    return date


def dateline_gap(date: dt.date, month_day: tuple[int, int]) -> int | None:
    """Days between a date and the nearest day with the dateline's month and day (None if none)."""
    month, day = month_day
    gaps = []
    for year in (date.year - 1, date.year, date.year + 1):
        try:
            gaps.append(abs((dt.date(year, month, day) - date).days))
        except ValueError:  # 29 February in a common year
            continue
    return min(gaps) if gaps else None


# --- titles ---------------------------------------------------------------------

_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_STAMP = (
    r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}"
    rf"|{MONTH_PATTERN}\.?\s+{_DAY_NUMBER},?\s+\d{{4}}|{_DAY_NUMBER}\s+{MONTH_PATTERN}\.?,?\s+\d{{4}})"
)
_LEADING_STAMP = re.compile(rf"^[\[(]?\s*{_DATE_STAMP}\s*[\])]?\s*(?:[-\u2013\u2014:|/]\s*)?", re.I)
_TRAILING_STAMP = re.compile(
    rf"\s*(?:[-\u2013\u2014:|/,]\s*)?[\[(]?\s*{_DATE_STAMP}\s*[\])]?$", re.I
)
_SITE_SUFFIX = re.compile(
    r"\s+[|\u2013\u2014-]\s+(?:KCNA|KCNA Watch|Yonhap(?: News Agency)?|NK News|Rodong Sinmun|Xinhua)\s*$",
    re.I,
)


def clean_title(raw: str) -> str | None:
    """A corpus title as a headline: cleaned like a body, stamps and site names off (rules above)."""
    text = " ".join(normalize(raw).split())
    before = None
    while text and text != before:
        before = text
        text = _SITE_SUFFIX.sub("", text)
        stamp = _LEADING_STAMP.match(text)
        if stamp and stamp.end() < len(text):
            text = text[stamp.end() :]
        stamp = _TRAILING_STAMP.search(text)
        if stamp and stamp.start() > 0:
            text = text[: stamp.start()]
        text = text.strip(" -\u2013\u2014:|/,")
    title = clean_headline(collapse_spaces(text)) if text else None
    return fit_title(title) if title else None


def fit_title(title: str) -> str:
    """A title of at most MAX_TITLE characters: a longer one ends at its last clause boundary
    that fits (``titles.clause_cut``), else at a word, never on a dangling function word, and
    is marked with an ellipsis."""
    if len(title) <= MAX_TITLE:
        return title
    cut = clause_cut(title, MAX_TITLE - 1)
    if cut is None:
        cut = trim_title(title[:MAX_TITLE].rsplit(" ", 1)[0])
    return f"{cut or title[: MAX_TITLE - 1]}\u2026"
