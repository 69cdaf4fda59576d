"""Who a text credits: datelines, bylines, end credits and copyright footers.

Everything recognised here is metadata and leaves the running text. Agencies
are reported under one canonical name (``Yonhap News Agency``, ``연합뉴스``
and ``(Yonhap)`` are all ``Yonhap``) so that "source" and "publisher" can be
compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsarchive.ingest.dates import MONTH_PATTERN
from newsarchive.ingest.names import SURNAMES

_AGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "Yonhap": ("yonhap", "yonhap news agency", "yonhap news", "yna", "연합뉴스", "연합"),
    "KCNA": ("kcna", "korean central news agency", "조선중앙통신", "조선중앙통신사"),
    "Rodong Sinmun": ("rodong sinmun", "로동신문"),
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "Reuters": ("reuters", "thomson reuters"),
    "AP": ("ap", "associated press", "the associated press"),
    "Xinhua": ("xinhua", "xinhua news agency", "신화통신"),
    "Kyodo": ("kyodo", "kyodo news", "교도통신"),
    "TASS": ("tass", "itar-tass"),
    "UPI": ("upi", "united press international"),
    "Bloomberg": ("bloomberg",),
    "Newsis": ("newsis", "뉴시스"),
    "News1": ("news1", "뉴스1"),
    "EFE": ("efe",),
    "dpa": ("dpa",),
}
_CANONICAL = {alias: name for name, aliases in _AGENCY_ALIASES.items() for alias in aliases}
_AGENCY_WORDS = "|".join(
    sorted((re.escape(a) for a in _CANONICAL if a.isascii()), key=len, reverse=True)
)


def canonical_agency(name: str) -> str | None:
    """The canonical name of a news agency, or None when ``name`` is not one."""
    return _CANONICAL.get(" ".join(name.split()).lower().strip(" .,"))


def outlet_name(name: str) -> str:
    """A publisher's display name: canonical for agencies, as written otherwise."""
    return canonical_agency(name) or name


# --- datelines ------------------------------------------------------------------

_DASH = r"(?:--|\u2014|\u2013|\u2015|-)"
_PLACE_WORD = r"[A-Z][A-Za-z'\u2019.-]*"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    rf"(?:, (?P<region>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}}))?"
    rf"(?:,? (?P<month>{MONTH_PATTERN})\.? (?P<day>\d{{1,2}})(?:, \d{{4}})?)?"
    rf" ?\((?P<agency>[A-Za-z][A-Za-z0-9 .-]{{0,40}})\) ?{_DASH} ?"
)
_KOREAN_DATELINE = re.compile(
    r"^[(\[](?P<place>[가-힣A-Za-z]{1,12})\s*=\s*(?P<agency>[가-힣A-Za-z0-9 ]{1,20})[)\]]\s*"
    r"(?:(?P<author>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:기자|특파원)\s*=\s*)?"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place and agency a lede opens with, and the lede without them."""

    place: str
    agency: str | None
    author: str | None
    rest: str


def match_dateline(paragraph: str) -> Dateline | None:
    """``SEOUL, Oct. 8 (Yonhap) --``, ``Pyongyang, December 1 (KCNA) --``, ``(서울=연합뉴스)``."""
    if "(" not in paragraph[:120]:
        return None
    match = _DATELINE.match(paragraph)
    if match is not None:
        agency = canonical_agency(match.group("agency"))
        if agency is None:
            return None
        return Dateline(_place_name(match.group("place")), agency, None, paragraph[match.end() :])
    match = _KOREAN_DATELINE.match(paragraph)
    if match is not None:
        agency = canonical_agency(match.group("agency")) or match.group("agency").strip()
        rest = paragraph[match.end() :]
        return Dateline(match.group("place"), agency, match.group("author"), rest)
    return None


def _place_name(place: str) -> str:
    if not place.isupper():
        return place
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in place.split())


# --- bylines --------------------------------------------------------------------

_NAME = r"[A-Z][\w'\u2019.-]*(?: [A-Z][\w'\u2019.-]*){0,3}"
_BYLINE = re.compile(
    rf"^By:? (?P<names>{_NAME}(?:(?:, | and | & ){_NAME})*)(?:, (?P<org>[^,]{{2,60}}))?$"
)
_NOT_NAMES = re.compile(
    rf"^(?:{MONTH_PATTERN}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This"
    r"|That|Then|Now|Doing|Using|Taking|Making)\b"
)
_STAFF_WORDS = re.compile(
    r"\b(?:reporter|correspondent|writer|staff|editor|columnist|team)\b", re.I
)
_OUTLET_WORDS = re.compile(
    r"^The |\b(?:Herald|Times|Post|Daily|Ilbo|News|Journal|Sinmun|Agency|Press|Broadcasting)\b"
)


@dataclass(frozen=True, slots=True)
class Byline:
    """The person (or desk) a byline names, and the agency it adds, if any."""

    author: str
    agency: str | None


def match_byline(line: str) -> Byline | None:
    """``By Kim Soo-yeon`` or ``By Lee Haye-ah, Yonhap``; the agency, if any, is a source."""
    line = line.strip()
    if not line.startswith("By") or len(line) > 160 or line.endswith((".", ":", ";")):
        return None
    match = _BYLINE.match(line)
    if match is None or _NOT_NAMES.match(match.group("names")):
        return None
    parts = match.group("names").split(", ")
    if match.group("org") is not None:
        parts.append(match.group("org"))
    agency = None
    while len(parts) > 1 and _is_organisation(parts[-1]):
        agency = agency or canonical_agency(parts[-1])
        parts.pop()
    return Byline(_person_name(", ".join(parts)), agency)


def _is_organisation(part: str) -> bool:
    return bool(canonical_agency(part) or _STAFF_WORDS.search(part) or _OUTLET_WORDS.search(part))


def _person_name(names: str) -> str:
    if not names.isupper():
        return names
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in names.split())


# --- footers and end marks ------------------------------------------------------

_FOOTER_HINT = re.compile(
    r"무단\s*전재|재배포|저작권자|all rights reserved|^\W{0,3}(?:copyright|\u24d2|\u00a9|\(c\))",
    re.I,
)
_FOOTER_LEAD = re.compile(
    r"^(?:저작권자|copyright|\u24d2|\u00a9|\(c\)|[\s:,.()<\[]|\d{4}(?:\s*-\s*\d{4})?)*",
    re.I,
)
_FOOTER_NAME_END = re.compile(
    r"\s*(?:[,:;|>\])]|무단|all rights|\.\s|\.$|\s-\s|$)",
    re.I,
)
_COMPANY_SUFFIX = re.compile(r",?\s+(?:Co\.,?\s*Ltd\.?|Co\.?|Inc\.?|Corp\.?|Ltd\.?|LLC)$", re.I)
_MAX_FOOTER = 300


def match_footer(line: str) -> str | None:
    """A copyright footer line: the outlet it names ("" when none), or None if not a footer.

    ``저작권자 © The Korea Post 무단전재 및 재배포금지``, ``ⓒ 연합뉴스``,
    ``<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>``,
    ``Copyright © 2019 Yonhap News Agency. All rights reserved.``, ``(c) 2019 Yonhap``.
    """
    stripped = line.strip()
    if len(stripped) > _MAX_FOOTER or not _FOOTER_HINT.search(stripped):
        return None
    rest = stripped[_FOOTER_LEAD.match(stripped).end() :]
    end = _FOOTER_NAME_END.search(rest)
    name = _COMPANY_SUFFIX.sub("", rest[: end.start()].strip()).strip(" .")
    if not name or name.lower().startswith(("all rights", "무단")):
        return ""
    return outlet_name(name)


_END_MARK = re.compile(r"^\s*(?:\(END\)|-0-|#\s*#\s*#|\(끝\)|<끝>|///+|\*\*\*+|-30-)\s*$", re.I)
_EMAIL_LINE = re.compile(r"^\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\s,;/]*)+$")
_CREDIT_LINE = re.compile(
    rf"^\s*(?:\(\s*(?P<paren>[^()]{{1,40}})\s*\)|/\s*(?P<slash>{_AGENCY_WORDS}))\s*$", re.I
)


def is_end_mark(line: str) -> bool:
    """``(END)``, ``-0-``, ``###`` and reporters' e-mail lines close a wire story."""
    return bool(_END_MARK.match(line) or _EMAIL_LINE.match(line))


def match_credit_line(line: str) -> str | None:
    """A line that is only an agency credit, ``(Yonhap)`` or ``/ Yonhap``: the agency."""
    match = _CREDIT_LINE.match(line)
    if match is None:
        return None
    return canonical_agency(match.group("paren") or match.group("slash"))


# --- credits at the end of the last paragraph ---------------------------------

_TRAILING_MARK = re.compile(r"\s*(?:\(END\)|-0-|\(끝\))\s*$", re.I)
_TRAILING_AGENCY = re.compile(
    rf"\s*(?:\((?P<paren>{_AGENCY_WORDS})\)|\s/\s*(?P<slash>{_AGENCY_WORDS}))\s*$", re.I
)
_TRAILING_NAME = re.compile(
    r"(?<=[.!?\"\u201d\u2019)])\s+(?P<name>[A-Z][a-z]{0,11}(?: [A-Z][a-z]{0,11}){1,3})\s*$"
)
_TAIL = 120
_DESK_CREDIT = re.compile(r"^(?:[A-Z][a-z]+ )?News Team$")


@dataclass(frozen=True, slots=True)
class TrailingCredits:
    """A last paragraph without its closing credits, and what those credited."""

    text: str
    agency: str | None
    author: str | None


def strip_trailing_credits(paragraph: str) -> TrailingCredits:
    """Remove end marks and credits from the end of a last paragraph.

    ``... measure. (Yonhap)``, ``(END)``, ``-0-``, ``/ Yonhap``, and Rodong Sinmun's
    closing ``... lives. Rodong Sinmun`` (the paper), ``Rodong News Team`` (a desk
    byline) or a Korean personal name such as ``Ri Hyon Do`` (the author).
    """
    agency: str | None = None
    author: str | None = None
    while True:
        before = paragraph
        match = _tail_search(_TRAILING_MARK, paragraph)
        if match:
            paragraph = paragraph[: match.start()]
        match = _tail_search(_TRAILING_AGENCY, paragraph)
        if match:
            agency = agency or canonical_agency(match.group("paren") or match.group("slash"))
            paragraph = paragraph[: match.start()]
        match = _tail_search(_TRAILING_NAME, paragraph)
        if match:
            name = match.group("name")
            if canonical_agency(name):
                agency = agency or canonical_agency(name)
                paragraph = paragraph[: match.start()]
            elif _DESK_CREDIT.match(name) or _is_korean_name(name):
                author = author or name
                paragraph = paragraph[: match.start()]
        if paragraph == before:
            return TrailingCredits(paragraph.rstrip(), agency, author)


def _tail_search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """Search only the end of ``text``: credits are short, paragraphs can be long."""
    return pattern.search(text, max(0, len(text) - _TAIL))


def _is_korean_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and words[0] in SURNAMES and all(len(w) <= 5 for w in words)
