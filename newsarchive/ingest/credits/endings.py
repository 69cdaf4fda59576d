"""How a story ends: copyright footers, end marks, and credits glued to its last paragraph.

Rules:

* a footer is a line with a copyright or reprint notice (``저작권자 ©``, ``All rights
  reserved``); it names its outlet (canonical for an agency) or none;
* end marks are whole lines: ``(END)``, ``-0-``, ``###``, AFP desk sign-offs
  (``kjm/ssy``), a line of e-mail addresses;
* at the end of the last paragraph, end marks, agency credits, Rodong Sinmun's closing
  desk or Korean personal name, and any whole credit line that lost its line break are
  taken off, looking only at the paragraph's last characters (credits are short).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsarchive.content.names import SURNAMES
from newsarchive.ingest.credits.agencies import AGENCY_WORDS, canonical_agency, outlet_name
from newsarchive.ingest.credits.bylines import Byline, is_email_line
from newsarchive.ingest.credits.credit_lines import match_credit

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


_END_MARK = re.compile(
    r"^\s*(?:\(END\)|\[END\]|/END/|-0-|#\s*#\s*#|\(끝\)|<끝>|///+|\*\*\*+|-30-|ENDS?"
    r"|-+\s*END\s*-+)\s*$",
    re.I,
)
_DESK_SIGN_OFF = re.compile(r"^\s*[a-z]{2,5}(?:-[a-z]{2,5})*(?:/[a-z]{2,5}(?:-[a-z]{2,5})*)+\s*$")


def is_end_mark(line: str) -> bool:
    """``(END)``, ``-0-``, ``###``, AFP desk sign-offs (``kjm/ssy``), lines of e-mail addresses."""
    if _END_MARK.match(line) or _DESK_SIGN_OFF.match(line):
        return True
    return is_email_line(line)


# --- credits at the end of the last paragraph ---------------------------------

_TRAILING_MARK = re.compile(r"\s*(?:\(END\)|-0-|\(끝\))\s*$", re.I)
_TRAILING_AGENCY = re.compile(
    rf"\s*(?:\((?P<paren>{AGENCY_WORDS})\)|\s/\s*(?P<slash>{AGENCY_WORDS}))\s*$", re.I
)
_TRAILING_NAME = re.compile(
    r"(?<=[.!?\"\u201d\u2019)])\s+(?P<name>[A-Z][a-z]{0,11}(?: [A-Z][a-z]{0,11}){1,3})\s*$"
)
_TAIL = 120
_CREDIT_TAIL = 320
_DESK_CREDIT = re.compile(r"^(?:[A-Z][a-z]+ )?News Team$")
_SENTENCE_BOUNDARY = re.compile(r"[.!?][\"\u201d\u2019)\]]*\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class TrailingCredits:
    """A last paragraph without its closing credits, and what those credited."""

    text: str
    agency: str | None
    author: str | None


_REPEATED_AGENCY = re.compile(
    rf"(?<=[.!?\"\u201d\u2019)])\s+(?P<agency>{AGENCY_WORDS})(?:\s+(?P=agency))+\s*$", re.I
)


def strip_trailing_credits(paragraph: str) -> TrailingCredits:
    """Remove end marks and credits from the end of a last paragraph.

    ``... measure. (Yonhap)``, ``(END)``, ``-0-``, ``/ Yonhap``, and Rodong Sinmun's
    closing ``... lives. Rodong Sinmun`` (the paper), ``Rodong News Team`` (a desk
    byline) or a Korean personal name such as ``Ri Hyon Do`` (the author). After
    the last sentences, also any whole credit line that lost its line break
    (``... said. By Kim Soo-yeon (kimsy@yna.co.kr)``, ``... said. (Reporting by
    X; Editing by Y)``): see ``match_credit``.
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
        match = _tail_search(_REPEATED_AGENCY, paragraph)
        if match:  # ``... China. Rodong Sinmun Rodong Sinmun``: byline and footer both kept
            agency = agency or canonical_agency(match.group("agency"))
            paragraph = paragraph[: match.start()]
        glued = _glued_credit(paragraph)
        if glued is not None:
            paragraph, credit = glued
            agency, author = agency or credit.agency, author or credit.author
        if paragraph == before:
            return TrailingCredits(paragraph.rstrip(), agency, author)


def _glued_credit(paragraph: str) -> tuple[str, Byline] | None:
    """The paragraph before a credit that follows its last sentence, and that credit.

    The earliest sentence boundary whose whole remainder is a credit wins; a
    remainder that is not entirely a credit leaves the paragraph as it is.
    """
    for boundary in _SENTENCE_BOUNDARY.finditer(paragraph, max(0, len(paragraph) - _CREDIT_TAIL)):
        remainder = paragraph[boundary.end() :]
        credit = Byline(None, None) if is_email_line(remainder) else match_credit(remainder)
        if credit is not None:
            return paragraph[: boundary.end()].rstrip(), credit
    return None


def _tail_search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """Search only the end of ``text``: credits are short, paragraphs can be long."""
    return pattern.search(text, max(0, len(text) - _TAIL))


def _is_korean_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and words[0] in SURNAMES and all(len(w) <= 5 for w in words)
