"""Who a text credits: datelines, bylines, end credits and copyright footers.

Everything recognised here is metadata and leaves the running text. Agencies
are reported under one canonical name (``Yonhap News Agency``, ``연합뉴스``
and ``(Yonhap)`` are all ``Yonhap``) so that "source" and "publisher" can be
compared.

Rules for credit lines (``match_credit``), which the caller looks for only
above and below the running text:

* a credit is a whole line; a line ending in a sentence stop is never a
  byline, and a bare name needs ``By``, an e-mail address or a role beside it;
* the author is the person names only: e-mail addresses, outlets (``The
  Korea Herald``), agencies (``Associated Press``, a source instead) and roles
  (``Staff Reporter``) are dropped; two authors read ``A and B``;
* from wire staff credits only reporters and writers are authors, editors
  and contributors are not (``Reporting by X; Editing by Y`` gives X);
* e-mail addresses never stay anywhere: a line of addresses is an end mark.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from newsarchive.content.names import SURNAMES
from newsarchive.content.sentences import sentence_ends
from newsarchive.ingest.dates import MONTH_PATTERN, match_date_line, match_stamp, month_number

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
    "Jiji": ("jiji", "jiji press"),
    "Interfax": ("interfax",),
    "Sputnik": ("sputnik",),
    "RIA Novosti": ("ria novosti",),
    "PTI": ("pti", "press trust of india"),
    "IANS": ("ians",),
    "ANI": ("ani", "asian news international"),
    "Bernama": ("bernama",),
    "VNA": ("vna", "vietnam news agency"),
    "Antara": ("antara",),
    "IRNA": ("irna",),
    "KUNA": ("kuna",),
    "ANSA": ("ansa",),
    "Anadolu": ("anadolu", "anadolu agency"),
    "Prensa Latina": ("prensa latina",),
    "CNA": ("cna", "central news agency"),
    "AAP": ("aap", "australian associated press"),
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
        agency = _agency_credit(written)
        if match.group("dash") is None and not (agency and trusted and _LEDE_OPENING.match(rest)):
            return None
        if agency is None and trusted and _AGENCY_LIKE.match(written):
            agency = written
        if agency is None:
            return None
    return Dateline(_place_name(place), agency, None, rest, month_day, _dateline_year(match))


def _agency_credit(written: str) -> str | None:
    """A canonical agency, or the first of a relayed pair (``AFP-Yonhap``, ``KCNA/Yonhap``)."""
    agency = canonical_agency(written)
    if agency is not None:
        return agency
    parts = re.split(r"\s*[-/]\s*", written)
    names = [canonical_agency(part) for part in parts]
    return names[0] if len(parts) > 1 and all(names) else None


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


# --- e-mail addresses ----------------------------------------------------------

_EMAIL = r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_EMAILS = re.compile(rf"\s*[(\[<]?\s*{_EMAIL}(?:\s*[,;/]\s*{_EMAIL})*\s*[)\]>]?")
_REPEATED_SEPARATORS = re.compile(r"\s*([,;])(?:\s*[,;])+")
_END_SEPARATORS = " ,;:|/-\u2013\u2014."


def _without_emails(text: str) -> tuple[str, bool]:
    """The text with its e-mail addresses (and their brackets) taken out, and whether it had any.

    An address is contact detail, never an author's name nor running text:
    ``By Kim Arin (arin@heraldcorp.com)`` reads ``By Kim Arin``.
    """
    if "@" not in text:
        return text, False
    cleaned, count = _EMAILS.subn(" ", text)
    if not count:
        return text, False
    cleaned = _REPEATED_SEPARATORS.sub(r"\1", cleaned)
    return " ".join(cleaned.split()).rstrip(_END_SEPARATORS), True


# --- bylines --------------------------------------------------------------------

_BY = re.compile(r"^(?:(?:Written|Reported|Story|Words|Text)\s+by|By)\b\s*:?\s*", re.I)
_SIGN_OFF_DASH = re.compile(r"^(?:-{1,2}|[\u2013\u2014\u2015])\s*(?=[A-Z])")
_CREDIT_PARTS = re.compile(r"\s*(?:[,|/;]|\s[-\u2013\u2014]{1,2}\s)\s*")
_NAMES_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")
_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u00d6\u00d8-\u00de][\w'\u2019.-]*$")
_NAME_PARTICLES = frozenset("de da del der di dos du la le van von bin binti ibn al el y".split())
_NOT_NAMES = re.compile(
    rf"^(?:{MONTH_PATTERN}\.?\s*\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|The|This|That|Then|Now|Doing|Using|Taking|Making)\b)"
)
_STAFF_WORDS = re.compile(
    r"\b(?:reporter|correspondent|writer|staff|editor|columnist|team)\b", re.I
)
_OUTLET_WORD = r"(?:Herald|Times|Post|Daily|Ilbo|News|Journal|Sinmun|Press|Agency|Broadcasting)"
_OUTLET = re.compile(rf"(?:The )?(?:[A-Z][\w.-]* ){{0,2}}{_OUTLET_WORD}")
_ROLE_TITLE = re.compile(
    rf"(?:(?:(?:The )?(?:[A-Z][\w.-]* ){{0,2}}{_OUTLET_WORD}|AP|Associated Press|Yonhap|Reuters|AFP"
    r"|Xinhua) )?"
    r"(?i:(?:senior|chief|staff|special|foreign|diplomatic|political|economics?|business|national"
    r"|international|investigative|medical|science|sports|contributing|assistant|deputy"
    r"|managing|executive|associate|news|desk|defen[cs]e|unification|north korea|white house"
    r"|global|world|video|photo) ){0,3}"
    r"(?i:reporter|writer|correspondent|editor|columnist|contributor|journalist|staff|team)s?"
)


@dataclass(frozen=True, slots=True)
class Byline:
    """Who a credit line names: the person(s), the agency (a source), and a date if it gives one.

    ``author`` is None for a credit without a person (``By Reuters``,
    ``By Staff Reporter``, ``Editing by ...``).
    """

    author: str | None
    agency: str | None
    date: datetime.date | None = None


_KOREAN_BYLINE = re.compile(
    r"^(?P<names>[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:선임|수석|객원)?(?:기자|특파원)$"
)


def match_byline(line: str) -> Byline | None:
    """A byline at the top or the end of a story, with or without e-mail addresses.

    ``By Kim Soo-yeon``, ``By Lee Haye-ah, Yonhap``, ``By KIM TONG-HYUNG Associated
    Press``, ``Written by Chad O'Carroll``, ``By Kim Soo-yeon (kimsy@yna.co.kr)``,
    ``BY LEE SUNG-EUN [lee.sungeun@joongang.co.kr]``, ``김수연 기자``. Without
    ``By`` the line must be names with an e-mail address or a role (``Kim Arin
    (arin@heraldcorp.com)``, ``— Jane Doe, jdoe@example.com``, ``Park Si-soo,
    Staff Reporter``), so that a line of running text is never taken: a line
    ending in a stop is not a byline.
    """
    text, emailed = _without_emails(" ".join(line.split()))
    if not text or len(text) > 160 or text.endswith((".", ":", ";", "?", "!")):
        return None
    korean = _KOREAN_BYLINE.match(text)
    if korean is not None:
        return Byline(korean.group("names"), None)
    by = _BY.match(text)
    if by is not None:
        return _credited(text[by.end() :], prefixed=True, evidence=emailed)
    dash = _SIGN_OFF_DASH.match(text)
    body = text[dash.end() :] if dash else text
    return _credited(body, prefixed=False, evidence=emailed)


def match_signature(line: str) -> str | None:
    """A line that is only one or more full names (``Kim Arin``): an author above an e-mail line."""
    text = " ".join(line.split())
    if len(text) > 80:
        return None
    credit = _credited(text, prefixed=False, evidence=True)
    return credit.author if credit is not None else None


def match_role_line(line: str) -> Byline | None:
    """A line that only states a role or agency (``Staff Reporter``, ``Associated Press``)."""
    text = " ".join(line.split()).rstrip(".")
    agency = canonical_agency(text)
    if agency is not None or _ROLE_TITLE.fullmatch(text):
        return Byline(None, agency)
    return None


def _credited(body: str, *, prefixed: bool, evidence: bool) -> Byline | None:
    """Names, then organisations or roles: who a byline's body credits, or None.

    The organisations at the end (``, Yonhap``, ``Associated Press``, ``Staff
    Reporter``) are dropped from the author; an agency among them is the source.
    Every name needs two words (``By Air and Sea`` is a headline), and without
    ``By`` the line needs ``evidence`` (an e-mail address) or a staff role
    (``, Staff Reporter``): a headline such as ``National Dignity, Sovereignty
    More Precious than Peace: Rodong Sinmun`` names an outlet, not a reporter.
    """
    parts = [p for p in _CREDIT_PARTS.split(body.strip()) if p]
    if not parts:
        return None
    agency, role = None, False
    while len(parts) > 1 and _is_organisation(parts[-1]):
        agency = agency or _agency_credit(parts[-1]) or _leading_agency(parts[-1])
        role = role or bool(_STAFF_WORDS.search(parts[-1]))
        parts.pop()
    if len(parts) == 1 and _is_organisation(parts[0]):
        agency = agency or _agency_credit(parts[0]) or _leading_agency(parts[0])
        return Byline(None, agency) if prefixed else None
    names, title = _split_trailing_role(parts[-1])
    if title is not None:
        parts[-1] = names
        agency = agency or _leading_agency(title)
        role = role or bool(_STAFF_WORDS.search(title))
    people = _people(", ".join(parts))
    if people is None or not (prefixed or evidence or role):
        return None
    return Byline(_join_names([_person_name(name) for name in people]), agency)


def _people(written: str) -> list[str] | None:
    """The names in ``A, B and C``, each two to five capitalised words; None otherwise."""
    names = [n for n in _NAMES_SPLIT.split(written) if n]
    if not names or not all(_is_person(n, min_words=2) and not _agency_credit(n) for n in names):
        return None
    return names


def _split_trailing_role(part: str) -> tuple[str, str | None]:
    """``KIM TONG-HYUNG Associated Press``: names and an agency or role without a comma.

    The longest role that leaves full names before it wins (``MATTHEW LEE AP
    Diplomatic Writer`` is Matthew Lee, not Matthew).
    """
    words = part.split()
    for size in range(min(6, len(words) - 2), 0, -1):
        suffix, names = " ".join(words[-size:]), " ".join(words[:-size])
        if (canonical_agency(suffix) or _ROLE_TITLE.fullmatch(suffix)) and _people(names):
            return names, suffix
    return part, None


def _leading_agency(title: str) -> str | None:
    """The agency a role title opens with: ``AP Diplomatic Writer`` is AP."""
    words = title.split()
    return next(
        (a for n in range(len(words), 0, -1) if (a := canonical_agency(" ".join(words[:n])))), None
    )


def _is_organisation(part: str) -> bool:
    """Wholly an agency, role or outlet: ``Reuters``, ``Staff Reporter``, ``The Korea Herald``."""
    return bool(_agency_credit(part) or _ROLE_TITLE.fullmatch(part) or _OUTLET.fullmatch(part))


def _is_person(name: str, *, min_words: int = 1) -> bool:
    """Capitalised words (particles such as ``bin`` or ``van`` inside), not a possessive."""
    words = name.split()
    if not min_words <= len(words) <= 5 or _NOT_NAMES.match(name):
        return False
    if any(word.endswith(("'s", "\u2019s")) for word in words):
        return False
    return all(
        _NAME_WORD.match(word) or (index and word in _NAME_PARTICLES)
        for index, word in enumerate(words)
    )


def _person_name(names: str) -> str:
    """A name written in capitals (``KIM SOO-YEON``) in the case of running text."""
    if not names.isupper():
        return names
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in names.split())


def _join_names(names: list[str]) -> str | None:
    """``A``, ``A and B``, ``A, B and C``: one author field however the credit listed them."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --- staff credits, contact lines, credit fields -----------------------------------

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
    text, _ = _without_emails(text)
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
    return Byline(_join_names(authors), None)


def _credited_names(text: str) -> list[str] | None:
    """The people (or desks) a staff credit lists, without ``in Seoul``; None for a non-name."""
    names = [_PLACE_TAIL.sub("", name.strip()) for name in _NAMES_SPLIT.split(text)]
    if not all(_is_person(name) or _DESK.match(name) for name in names):
        return None
    return [_person_name(name) for name in names]


def _field_credit(text: str) -> Byline | None:
    """``Editor: Zhang Zhou``, ``Source: Xinhua``, ``Reporter: Kim Soo-yeon``."""
    match = _FIELD.match(text)
    if match is None:
        return None
    label, value = match.group("label").lower(), match.group("value").strip().rstrip(".")
    if label == "source":
        agency = _agency_credit(value)
        return Byline(None, agency) if agency else None
    if label in _AUTHOR_LABELS or label == "byline":
        names = _credited_names(value)
        return Byline(_join_names(names), None) if names else None
    if len(value.split()) > 5 or _SENTENCE_MARK.search(value):
        return None
    return Byline(None, None)


def _contact_credit(text: str) -> Byline | None:
    """``Contact the writer at jdoe@...``, ``Write to Jane Doe at ...``: only with an address."""
    text, emailed = _without_emails(text)
    match = _CONTACT.match(text) if emailed else None
    if match is None:
        return None
    who = (match.group("who") or "").strip()
    if not who or _CONTACT_TARGET.fullmatch(who):
        return Byline(None, None)
    return Byline(_person_name(who), None) if _is_person(who, min_words=2) else None


def _contributed(text: str) -> Byline | None:
    """``Kim Tong-hyung in Seoul contributed to this report.``: one sentence, no author."""
    if "contributed" not in text or len(text) > 300 or not (text[0].isupper() or text[0] == "("):
        return None
    if sentence_ends(text):
        return None
    return Byline(None, None) if _CONTRIBUTED.search(text) else None


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
_CREDIT_LINE = re.compile(
    rf"^\s*(?:\(\s*(?P<paren>[^()]{{1,40}})\s*\)|/\s*(?P<slash>{_AGENCY_WORDS})"
    rf"|(?:(?:-{{1,2}}|[\u2013\u2014\u2015])\s*)?(?P<bare>{_AGENCY_WORDS})\.?)"
    r"\s*$",
    re.I,
)
_REUTERS_STANDARDS = re.compile(r"^\s*Our Standards:\s*The Thomson Reuters Trust Principles\.?\s*$")


def is_end_mark(line: str) -> bool:
    """``(END)``, ``-0-``, ``###``, AFP desk sign-offs (``kjm/ssy``), lines of e-mail addresses."""
    if _END_MARK.match(line) or _DESK_SIGN_OFF.match(line):
        return True
    return is_email_line(line)


def is_email_line(line: str) -> bool:
    """A line of e-mail addresses only (``kimsy@yna.co.kr``, ``<arin@heraldcorp.com>``)."""
    text, emailed = _without_emails(line.strip())
    return emailed and not text


def match_credit_line(line: str) -> str | None:
    """A line that is only an agency credit: the agency.

    ``(Yonhap)``, ``/ Yonhap``, ``— Reuters``, ``Associated Press``, ``(AFP-Yonhap)``
    and Reuters' ``Our Standards: The Thomson Reuters Trust Principles.``
    """
    if _REUTERS_STANDARDS.match(line):
        return "Reuters"
    match = _CREDIT_LINE.match(line)
    if match is None:
        return None
    return _agency_credit(match.group("paren") or match.group("slash") or match.group("bare"))


# --- credits at the end of the last paragraph ---------------------------------

_TRAILING_MARK = re.compile(r"\s*(?:\(END\)|-0-|\(끝\))\s*$", re.I)
_TRAILING_AGENCY = re.compile(
    rf"\s*(?:\((?P<paren>{_AGENCY_WORDS})\)|\s/\s*(?P<slash>{_AGENCY_WORDS}))\s*$", re.I
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
    rf"(?<=[.!?\"\u201d\u2019)])\s+(?P<agency>{_AGENCY_WORDS})(?:\s+(?P=agency))+\s*$", re.I
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
