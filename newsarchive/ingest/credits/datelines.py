"""Datelines: the place, agency and day a lede opens with (``SEOUL, Oct. 8 (Yonhap) --``).

The rules are ``match_dateline``'s docstring; in short, a dateline is taken only when its
shape leaves no doubt (a place in capitals, a day, or a known agency), because a wrong one
would cut the first words of the running text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from newsarchive.ingest.credits.agencies import agency_credit, canonical_agency
from newsarchive.ingest.dates import MONTH_PATTERN, month_number

_DASH = r"(?:-{1,3}|[\u2012-\u2015\u2212])"
_PLACE_WORD = r"[A-Z][A-Za-z'\u2019.-]*"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATELINE_DATE = (
    rf",?\s+(?:(?P<month>(?i:{MONTH_PATTERN}))\.?\s*(?P<day>\d{{1,2}}){_ORDINAL}"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?P<month2>(?i:{MONTH_PATTERN}))\.?)"
    rf"(?:,?\s+(?:(?P<year>\d{{4}})"
    r"|Juche\s*(?P<juche>\d{1,3})(?:\s*\((?P<juche_ad>\d{4})\))?))?"
)
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    rf"(?:, (?P<region>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}}))?"
    rf"(?:{_DATELINE_DATE})?"
    rf"(?:\s*\((?P<agency>[A-Za-z][A-Za-z0-9 .&/-]{{0,40}})\)\s*(?P<dash>{_DASH})?"
    rf"|\s+(?P<bare>{_DASH})(?=\s))\s*"
)
# Kickers and acronyms written like a place in capitals before a dash: "BREAKING -- North
# Korea fired ...", "DPRK -- China friendship ...".
_NOT_PLACES = frozenset(
    """
    alert analysis breaking bulletin commentary correction editorial exclusive explainer factbox
    feature flash focus interview lead live news note opinion photos review update updated urgent
    video watch dprk rok us usa u.s. un u.n. unsc eu nato iaea asean wpk kpa prc cpc uk jcs nis nk
    """.split()
)
_AGENCY_LIKE = re.compile(r"^[A-Z][A-Za-z0-9&.-]*(?: [A-Z][A-Za-z0-9&.-]*){0,3}$")
_LEDE_OPENING = re.compile(r"[\"'\u201c\u2018(\[A-Z0-9]")
_JUCHE_EPOCH = 1911  # Juche 1 is 1912
_KOREAN_DATELINE = re.compile(
    r"^[(\[](?P<place>[가-힣A-Za-z]{1,12})\s*=\s*(?P<agency>[가-힣A-Za-z0-9 ]{1,20})[)\]]\s*"
    r"(?:(?P<author>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원)\s*=\s*)?"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place and agency a lede opens with, the day it gives, and the lede without them.

    ``month_day`` is (month, day) when the dateline names them; ``year`` only
    when it also writes the year (``Aug 20, 2024``, ``August 20, Juche 113``).
    """

    place: str
    agency: str | None
    author: str | None
    rest: str
    month_day: tuple[int, int] | None = None
    year: int | None = None


def match_dateline(paragraph: str) -> Dateline | None:
    """``SEOUL, Oct. 8 (Yonhap) --``, ``Pyongyang, August 20 (KCNA) -``, ``(서울=연합뉴스)``.

    English datelines: a place (and region, ``SEOUL, South Korea``), an optional
    day in either order (``Aug. 20``, ``20 August``, ``Aug 20th``) and year
    (``, 2024``, ``, Juche 113 (2024)``), then an agency in brackets and any dash
    (``--``, ``-``, ``–``, ``—``), with or without spaces. The agency is one of
    the canonical ones or a pair of them (``AFP-Yonhap``: the first); another
    capitalised name (``CNN``) is taken only when the place is in capitals or a
    day is given. Without an agency (``SEOUL --``, ``Pyongyang, August 20 --``)
    the place must be in capitals or a day given, the dash spaced, and the
    lede must open with a capital, a digit or a quote; the same holds for a
    canonical agency whose dash was lost (``SEOUL (Yonhap) North Korea ...``).
    A single hyphen needs a day, and kickers and acronyms (``BREAKING --``,
    ``DPRK --``) are not places.
    """
    head = paragraph[:160]
    match = _DATELINE.match(head)
    if match is not None:
        return _english_dateline(match, paragraph)
    match = _KOREAN_DATELINE.match(paragraph)
    if match is not None:
        agency = canonical_agency(match.group("agency")) or match.group("agency").strip()
        rest = paragraph[match.end() :]
        return Dateline(match.group("place"), agency, match.group("author"), rest)
    return None


def _english_dateline(match: re.Match[str], paragraph: str) -> Dateline | None:
    place = match.group("place")
    month_day = _month_day(match)
    dated = (match.group("month") or match.group("month2")) is not None
    trusted = place.isupper() or dated
    rest = paragraph[match.end() :]
    if place.lower() in _NOT_PLACES:
        return None
    if match.group("bare") is not None:
        hyphen_only = match.group("bare") == "-" and not dated  # "Seoul-Tokyo", "DPRK - China"
        if hyphen_only or not (trusted and _LEDE_OPENING.match(rest)) or canonical_agency(place):
            return None
        agency = None
    else:
        written = match.group("agency").strip()
        agency = agency_credit(written)
        if match.group("dash") is None and not (agency and trusted and _LEDE_OPENING.match(rest)):
            return None
        if agency is None and trusted and _AGENCY_LIKE.match(written):
            agency = written
        if agency is None:
            return None
    return Dateline(_place_name(place), agency, None, rest, month_day, _dateline_year(match))


def _month_day(match: re.Match[str]) -> tuple[int, int] | None:
    month = month_number(match.group("month") or match.group("month2") or "")
    day = int(match.group("day") or match.group("day2") or 0)
    if month is None:
        return None
    try:
        datetime.date(2000, month, day)  # a leap year, so Feb. 29 passes
    except ValueError:
        return None
    return month, day


def _dateline_year(match: re.Match[str]) -> int | None:
    if match.group("year"):
        return int(match.group("year"))
    if match.group("juche_ad"):
        return int(match.group("juche_ad"))
    if match.group("juche"):
        return _JUCHE_EPOCH + int(match.group("juche"))
    return None


def _place_name(place: str) -> str:
    if not place.isupper():
        return place
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in place.split())
