"""Dates a raw text establishes by itself: header lines, stamps, date lines, dated captions.

A story's date is never guessed: a dateline (``SEOUL, Oct. 8 (Yonhap) --``)
has no year, and the date of ingest says nothing about the story.

Written dates: month-day-year (``Aug. 20, 2024``, ``August 20th 2024``,
``Sept. 3, 2024``), day-month-year (``20 August 2024``, ``20-Aug-2024``),
ISO and other year-first numbers (``2024-08-20``, ``2024. 8. 20.``), Korean
(``2024년 8월 20일``) and Juche (``Juche 113.8.20``, year 113 = 2024). A
numeric day/month/year is read only when one order is possible
(``20/08/2024``, ``08/20/2024``); ``03/04/2024`` gives no date. A weekday
beside a date must be the date's own, else the date is not trusted.

Caption rule. A photo caption's full date (``on Oct. 7, 2019``) is the day
the photo was taken, so it dates the story only when the lede agrees:

* the lede's *reporting weekday* (``said Monday``, ``told reporters on
  Monday``, ``on Monday announced``) falls on the caption date: that date;
* the reporting weekday differs: the story was written after the photo, so it
  is dated on the first day after the caption date that has that weekday,
  which is always within the following 6 days;
* the lede names only *event weekdays* (``fired missiles on Saturday``): they
  may be before the photo, so they must fall on the caption date exactly;
* no weekday in the lede, or only file-photo captions: no date.

The basis of all three accepted cases is ``caption+weekday``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTH_PATTERN = (
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_ORDINAL = r"(?:st|nd|rd|th)?"
_NUMERIC = r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?!\d)\.?"
# Each written form once, with named groups: y (year), m or mon (month), d (day), a and b
# (day and month in an unknown order), j (Juche year).
_FORMS = (
    r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})(?!\d)\.?",
    rf"(?P<mon>{MONTH_PATTERN})\.?\s*(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})",
    rf"(?P<d>\d{{1,2}}){_ORDINAL}(?:\s+of)?(?:\s+|-)(?P<mon>{MONTH_PATTERN})\.?,?"
    r"(?:\s+|-)(?P<y>\d{4})",
    r"(?<![\d.])(?P<a>\d{1,2})\s*[-./]\s*(?P<b>\d{1,2})\s*[-./]\s*(?P<y>\d{4})(?![\d.]\d)",
    r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일",
    r"\bJuche\s*(?P<j>\d{1,3})(?:\s*\(\d{4}\))?\s*[./]\s*(?P<m>\d{1,2})\s*[./]\s*"
    r"(?P<d>\d{1,2})(?!\d)\.?",
)


def _unnamed(pattern: str) -> str:
    """A form without its group names, so that several forms fit in one alternation."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_PARSERS = tuple(re.compile(form, re.I) for form in _FORMS)
_ANY_DATE = "(?:" + "|".join(map(_unnamed, _FORMS)) + ")"
_MONTH_DAY_YEAR = _unnamed(_FORMS[1])
_DAY_MONTH_YEAR = _unnamed(_FORMS[2])
_JUCHE_EPOCH = 1911  # Juche 1 is 1912
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_HEADER = re.compile(
    rf"^\s*date\s*[:\s]\s*(?P<date>{_NUMERIC})(?:\s+(?P<section>[A-Za-z0-9][A-Za-z0-9 &-]{{0,58}}?))?\s*$",
    re.I,
)
_UPDATE_LABELS = re.compile(r"updated|modified|수정|업데이트", re.I)
_CLOCK = (
    r"(?:(?:오전|오후|AM|PM)\s*)?\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?"
)
_ZONE = (
    r"\(?(?:KST|GMT|UTC|JST|CST|EST|EDT|PST|PDT|BST|CET|CEST|ET|PT)"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?"
)
_TIME = rf"(?:\s*(?:[-,|T]|at)?\s*{_CLOCK})?(?:\s*{_ZONE})?"
_STAMP = re.compile(
    r"(?P<label>(?:First\s+published|Last\s+updated|Published|Posted|Updated|Modified|Released"
    r"|Dated?|Issued)(?:\s+(?:on|at))?|기사\s*입력|입력|최종\s*수정|수정|등록|승인|발행일?|업데이트)"
    rf"\s*:?\s*(?:{_CLOCK}(?:\s*{_ZONE})?,?\s+)?(?:{WEEKDAY_PATTERN},?\s+)?"
    rf"(?P<date>{_ANY_DATE}){_TIME}",
    re.I,
)
_BARE_STAMP = re.compile(rf"^\s*(?P<date>{_NUMERIC}){_TIME}\s*$")
_DIGIT = re.compile(r"\d")
_STAMP_SEPARATOR = re.compile(r"[\s|\u00b7/,]*")

_KOREAN_WEEKDAYS = "월화수목금토일"
_WEEKDAY_WORD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?"
)
_DATE_LINE = re.compile(
    rf"^(?:(?P<before>{_WEEKDAY_WORD}),?\s+)?(?P<date>{_ANY_DATE})"
    rf"(?:,?\s*\(?(?P<after>{_WEEKDAY_WORD}|[{_KOREAN_WEEKDAYS}])\)?)?{_TIME}\s*$",
    re.I,
)
_CAPTION_DATE = re.compile(rf"\b(?:{_MONTH_DAY_YEAR}|{_DAY_MONTH_YEAR})")
_FILE_PHOTO = re.compile(r"\b(?:file|archive|archival)\s+(?:photo|picture|image)|자료\s*사진", re.I)
_REPORTING_VERBS = (
    r"(?:said|says|announced|reported|told|stated|added|noted|warned|confirmed|revealed"
    r"|disclosed|urged|claimed|insisted|explained|indicated|declared|stressed|emphasi[sz]ed"
    r"|denied|unveiled|informed|quoted)"
)
_WEEKDAY_AFTER_VERB = re.compile(
    rf"\b{_REPORTING_VERBS}\b(?:\s+(?!{WEEKDAY_PATTERN}\b)[\w'\u2019.-]+){{0,4}}?"
    rf"\s+(?:on\s+)?(?P<weekday>{WEEKDAY_PATTERN})\b"
)
_WEEKDAY_BEFORE_VERB = re.compile(
    rf"\b(?:on\s+)?(?P<weekday>{WEEKDAY_PATTERN})\s+{_REPORTING_VERBS}\b"
)
_ANY_WEEKDAY = re.compile(rf"\b(?P<weekday>{WEEKDAY_PATTERN})\b")


@dataclass(frozen=True, slots=True)
class Header:
    """A ``date 2018-12-18 NATIONAL`` line: the date, and the section if named."""

    date: datetime.date | None
    section: str | None


def parse_date(text: str) -> datetime.date | None:
    """The first full calendar date written in ``text``, or None (also for Feb. 30).

    Forms are tried in a fixed order (ISO, month-day-year, day-month-year,
    numeric day/month/year, Korean, Juche) and the first form found decides.
    A numeric ``03/04/2024`` is None: it reads as March 4 or April 3, and a
    date is never guessed. ``20/08/2024``, ``08/20/2024`` and ``08/08/2024``
    can be read only one way.
    """
    for parser in _PARSERS:
        match = parser.search(text)
        if match is not None:
            return _date_of(match.groupdict())
    return None


def month_number(name: str) -> int | None:
    """1 to 12 for an English month name or abbreviation (``Sept.``, ``aug``), else None."""
    return _MONTH_NUMBERS.get(name.strip(" .").lower())


def _date_of(groups: dict[str, str | None]) -> datetime.date | None:
    year = int(groups["y"]) if groups.get("y") else _JUCHE_EPOCH + int(groups["j"] or 0)
    if groups.get("a"):
        day_month = _day_and_month(int(groups["a"]), int(groups["b"] or 0))
        return _valid_date(year, day_month[1], day_month[0]) if day_month else None
    month = int(groups["m"]) if groups.get("m") else month_number(groups["mon"] or "")
    return _valid_date(year, month or 0, int(groups["d"] or 0))


def _day_and_month(first: int, second: int) -> tuple[int, int] | None:
    """(day, month) of a numeric date whose order is unknown, when only one order is possible."""
    if first == second or (first > 12 and second <= 12):
        return first, second
    if second > 12 and first <= 12:
        return second, first
    return None


def _valid_date(year: int, month: int, day: int) -> datetime.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def match_header(line: str) -> Header | None:
    """A header line such as ``date 2018-12-18 NATIONAL`` (section lower-cased)."""
    if "ate" not in line[:12].lower():
        return None
    match = _HEADER.match(line)
    if match is None:
        return None
    section = match.group("section")
    return Header(parse_date(match.group("date")), section.strip().lower() if section else None)


def match_stamp(line: str) -> tuple[datetime.date | None] | None:
    """A line made only of publication/update stamps: a 1-tuple with the best date.

    ``Published : 2019-10-08 09:12``, ``Posted on 2019-10-08``, ``Updated : Oct 8,
    2019 - 10:12``, ``입력 2019.10.08 09:12``, a bare ``2019-10-08 09:12``, or
    several on one line. A publication date wins over an update date. Returns
    None when the line is not a stamp line; ``(None,)`` when it is one with an
    impossible date, so the caller still removes it from the body.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 160 or not _DIGIT.search(stripped, 0, 40):
        return None
    bare = _BARE_STAMP.match(stripped)
    if bare:
        return (parse_date(bare.group("date")),)
    published: datetime.date | None = None
    updated: datetime.date | None = None
    pos, found = 0, False
    while pos < len(stripped):
        match = _STAMP.match(stripped, pos)
        if match is None:
            return None
        found = True
        day = parse_date(match.group("date"))
        if _UPDATE_LABELS.search(match.group("label")):
            updated = updated or day
        else:
            published = published or day
        pos = _STAMP_SEPARATOR.match(stripped, match.end()).end()
    return (published or updated,) if found else None


def match_date_line(line: str) -> tuple[datetime.date | None] | None:
    """A line that is only a date: a 1-tuple with the date, or None for any other line.

    ``20 August 2024``, ``Tuesday, 20 August 2024``, ``Aug. 20th, 2024``,
    ``Tue, 20 Aug 2024 15:02 KST``, ``2024-08-20``, ``20/08/2024``,
    ``2024년 8월 20일 (화)``, ``Juche 113.8.20.``. ``(None,)`` when it is a date
    line whose date cannot be trusted (ambiguous ``03/04/2024``, impossible
    ``Feb. 30``, or a weekday the date does not fall on), so the caller still
    removes the line.
    """
    stripped = line.strip()
    if len(stripped) > 80 or not _DIGIT.search(stripped):
        return None
    match = _DATE_LINE.match(stripped)
    if match is None:
        return None
    day = parse_date(match.group("date"))
    named = match.group("before") or match.group("after")
    if day is not None and named is not None and _weekday_number(named) != day.weekday():
        return (None,)
    return (day,)


def _weekday_number(name: str) -> int:
    if name in _KOREAN_WEEKDAYS:
        return _KOREAN_WEEKDAYS.index(name)
    return next(i for i, full in enumerate(WEEKDAYS) if full.lower().startswith(name[:3].lower()))


def caption_date(caption: str) -> datetime.date | None:
    """The full date a caption gives for its photo; file photos give none."""
    if _FILE_PHOTO.search(caption):
        return None
    match = _CAPTION_DATE.search(caption)
    return parse_date(match.group()) if match else None


def lede_weekday(lede: str) -> tuple[int, bool] | None:
    """The weekday the lede names (0 = Monday) and whether it is a reporting weekday."""
    for pattern in (_WEEKDAY_AFTER_VERB, _WEEKDAY_BEFORE_VERB):
        match = pattern.search(lede)
        if match:
            return WEEKDAYS.index(match.group("weekday")), True
    match = _ANY_WEEKDAY.search(lede)
    if match:
        return WEEKDAYS.index(match.group("weekday")), False
    return None


def date_from_captions(captions: Iterable[str], lede: str) -> datetime.date | None:
    """The story date from the first dated caption, checked against the lede (rule above)."""
    photo_day = next((day for day in map(caption_date, captions) if day is not None), None)
    if photo_day is None:
        return None
    named = lede_weekday(lede)
    if named is None:
        return None
    weekday, reporting = named
    lag = (weekday - photo_day.weekday()) % 7
    if lag == 0:
        return photo_day
    if reporting:
        return photo_day + datetime.timedelta(days=lag)
    return None
