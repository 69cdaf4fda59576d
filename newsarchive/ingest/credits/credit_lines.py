"""Credit lines: any line that is only a credit, at the top or the end of a story.

A byline, an agency credit, wire staff credits (``Reporting by X; Editing by Y``),
credit fields (``Editor: Zhang Zhou``), contact lines with an address, contributor lines,
or several of them and dates joined by ``|``. Rules:

* from wire staff credits only reporters and writers are authors; editors and
  contributors are not (``Reporting by X; Editing by Y`` gives X), nor is a desk
  (``Seoul Newsroom``), and ``in Seoul`` after a name is no part of it;
* every part of a line must be a credit, or the line is running text (None).
"""

from __future__ import annotations

import re

from newsarchive.content.sentences import sentence_ends
from newsarchive.ingest.credits.agencies import agency_credit, match_credit_line
from newsarchive.ingest.credits.bylines import (
    NAMES_SPLIT,
    Byline,
    is_person,
    join_names,
    match_byline,
    person_name,
    without_emails,
)
from newsarchive.ingest.dates import match_date_line, match_stamp

_STAFF_ROLE = (
    r"(?:additional\s+)?(?:reporting|writing|written|reported|editing|edited|compiled|compilation"
    r"|graphics|photos?|photography|translation|translated|fact-checking|research|production"
    r"|produced|video|design|designed|illustration|sub-editing)"
)
_STAFF_SEGMENT = re.compile(rf"^(?P<role>{_STAFF_ROLE})\s+by\s+(?P<names>.+)$", re.I)
_AUTHOR_ROLES = frozenset({"reporting", "writing", "written", "reported"})
_PLACE_TAIL = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*$")
_DESK = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Z][\w.-]*\s+){0,3}(?:newsroom|bureau|desk|staff|team)s?$")
_FIELD = re.compile(
    r"^(?P<label>Editors?|Editor-in-charge|(?:Responsible|Chief|Web|Copy) editor|Reporters?"
    r"|Writers?|Authors?|Translators?|Photographers?|Proofreaders?|Source|Byline)"
    r"\s*[:\uff1a]\s*(?P<value>\S.{0,60})$",
    re.I,
)
_AUTHOR_LABELS = frozenset({"reporter", "reporters", "writer", "writers", "author", "authors"})
_SENTENCE_MARK = re.compile(r"[?!]|\.\s")
_CONTACT = re.compile(
    r"^(?:Contact|E-?mail|Write to|Reach|Send (?:comments|tips|feedback) to|You can reach)"
    r"(?:\s+(?P<who>.*?))?(?:\s+(?:at|via|on|by e-?mail(?: at)?))?\s*:?$",
    re.I,
)
_CONTACT_TARGET = re.compile(
    r"(?:the\s+)?(?:writer|reporter|author|editor|journalist|columnist|desk|us|me|him|her|them)s?",
    re.I,
)
_CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:to\s+this\s+(?:report|story|article)|(?:additional\s+)?reporting"
    r"|to\s+(?:this\s+)?reporting)\b[^.!?]{0,80}\.?\)?$"
)


def match_credit(line: str) -> Byline | None:
    """Any line that is only a credit, at the top or the end of a story; None for running text.

    A byline (``match_byline``), an agency credit (``match_credit_line``), wire
    staff credits (``Reporting by X; Editing by Y``, ``(Writing by ...)``),
    credit fields (``Editor: Zhang Zhou``, ``Source: Xinhua``, ``Reporter: ...``),
    contact lines with an address (``Contact the writer at ...``, ``Write to
    Jane Doe at ...``), contributor lines (``... contributed to this report.``),
    or several of them and dates joined by ``|`` (``Source: Xinhua| 2019-10-08
    21:40:32|Editor: Li Xia``). Only reporters and writers become the author.
    """
    text = " ".join(line.split())
    if not text or len(text) > 400:
        return None
    if "|" in text:
        return _composite_credit(text)
    return _single_credit(text)


def _single_credit(text: str) -> Byline | None:
    agency = match_credit_line(text)
    if agency is not None:
        return Byline(None, agency)
    for matcher in (match_byline, _staff_credit, _field_credit, _contact_credit, _contributed):
        found = matcher(text)
        if found is not None:
            return found
    return None


def _composite_credit(text: str) -> Byline | None:
    author = agency = date = None
    parts = [part.strip() for part in text.split("|")]
    if len(parts) < 2 or not all(parts):
        return None
    for part in parts:
        dated = match_date_line(part) or match_stamp(part)
        if dated is not None:
            date = date or dated[0]
            continue
        found = _single_credit(part)
        if found is None:
            return None
        author, agency = author or found.author, agency or found.agency
    return Byline(author, agency, date)


def _staff_credit(text: str) -> Byline | None:
    """``Reporting by Josh Smith in Seoul; Editing by Ed Davies``, in brackets or not."""
    text, _ = without_emails(text)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    authors: list[str] = []
    segments = [segment.strip().rstrip(".").strip() for segment in text.split(";")]
    if not any(segments):
        return None
    for segment in filter(None, segments):
        match = _STAFF_SEGMENT.match(segment)
        names = _credited_names(match.group("names")) if match else None
        if match is None or names is None:
            return None
        if match.group("role").lower() in _AUTHOR_ROLES:
            authors.extend(name for name in names if not _DESK.match(name))
    return Byline(join_names(authors), None)


def _credited_names(text: str) -> list[str] | None:
    """The people (or desks) a staff credit lists, without ``in Seoul``; None for a non-name."""
    names = [_PLACE_TAIL.sub("", name.strip()) for name in NAMES_SPLIT.split(text)]
    if not all(is_person(name) or _DESK.match(name) for name in names):
        return None
    return [person_name(name) for name in names]


def _field_credit(text: str) -> Byline | None:
    """``Editor: Zhang Zhou``, ``Source: Xinhua``, ``Reporter: Kim Soo-yeon``."""
    match = _FIELD.match(text)
    if match is None:
        return None
    label, value = match.group("label").lower(), match.group("value").strip().rstrip(".")
    if label == "source":
        agency = agency_credit(value)
        return Byline(None, agency) if agency else None
    if label in _AUTHOR_LABELS or label == "byline":
        names = _credited_names(value)
        return Byline(join_names(names), None) if names else None
    if len(value.split()) > 5 or _SENTENCE_MARK.search(value):
        return None
    return Byline(None, None)


def _contact_credit(text: str) -> Byline | None:
    """``Contact the writer at jdoe@...``, ``Write to Jane Doe at ...``: only with an address."""
    text, emailed = without_emails(text)
    match = _CONTACT.match(text) if emailed else None
    if match is None:
        return None
    who = (match.group("who") or "").strip()
    if not who or _CONTACT_TARGET.fullmatch(who):
        return Byline(None, None)
    return Byline(person_name(who), None) if is_person(who, min_words=2) else None


def _contributed(text: str) -> Byline | None:
    """``Kim Tong-hyung in Seoul contributed to this report.``: one sentence, no author."""
    if "contributed" not in text or len(text) > 300 or not (text[0].isupper() or text[0] == "("):
        return None
    if sentence_ends(text):
        return None
    return Byline(None, None) if _CONTRIBUTED.search(text) else None
