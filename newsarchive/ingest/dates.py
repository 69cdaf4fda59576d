"""Dates a raw text establishes by itself: header lines, stamps, dated captions.

A story's date is never guessed: a dateline (``SEOUL, Oct. 8 (Yonhap) --``)
has no year, and the date of ingest says nothing about the story.

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

_NUMERIC = r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?"
_MONTH_DAY_YEAR = rf"{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_DAY_MONTH_YEAR = rf"\d{{1,2}}\s+{MONTH_PATTERN}\.?,?\s+\d{{4}}"
_KOREAN_DATE = r"\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일"
_ANY_DATE = rf"(?:{_NUMERIC}|{_MONTH_DAY_YEAR}|{_DAY_MONTH_YEAR}|{_KOREAN_DATE})"

_PARSERS = (
    re.compile(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})"),
    re.compile(
        rf"(?P<mon>{MONTH_PATTERN})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    ),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH_PATTERN})\.?,?\s+(?P<y>\d{{4}})"),
    re.compile(r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"),
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_HEADER = re.compile(
    rf"^\s*date\s*[:\s]\s*(?P<date>{_NUMERIC})(?:\s+(?P<section>[A-Za-z0-9][A-Za-z0-9 &-]{{0,58}}?))?\s*$",
    re.I,
)
_UPDATE_LABELS = re.compile(r"updated|modified|수정|업데이트", re.I)
_TIME = (
    r"(?:\s*(?:[-,|]|at)?\s*(?:(?:오전|오후|AM|PM)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s*\(?(?:KST|GMT|UTC|JST)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
)
_STAMP = re.compile(
    r"(?P<label>(?:First\s+published|Last\s+updated|Published|Posted|Updated|Modified|Released)"
    r"(?:\s+(?:on|at))?|기사\s*입력|입력|최종\s*수정|수정|등록|승인|발행일?|업데이트)"
    rf"\s*:?\s*(?P<date>{_ANY_DATE}){_TIME}",
    re.I,
)
_BARE_STAMP = re.compile(rf"^\s*(?P<date>{_NUMERIC}){_TIME}\s*$")
_DIGIT = re.compile(r"\d")
_STAMP_SEPARATOR = re.compile(r"[\s|\u00b7/,]*")

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
    """The first full calendar date written in ``text``, or None (also for Feb. 30)."""
    for parser in _PARSERS:
        match = parser.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTH_NUMBERS[groups["mon"].lower()]
        return _valid_date(int(groups["y"]), month, int(groups["d"]))
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
