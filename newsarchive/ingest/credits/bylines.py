"""Bylines: who a credit line names (``By Kim Soo-yeon (kimsy@yna.co.kr)``), and e-mail lines.

Rules:

* a byline is a whole line; a line ending in a sentence stop is never a byline, and a
  bare name needs ``By``, an e-mail address or a role beside it;
* the author is the person names only: e-mail addresses, outlets (``The Korea
  Herald``), agencies (``Associated Press``, a source instead) and roles (``Staff
  Reporter``) are dropped; every name has two to five capitalised words; two authors
  read ``A and B``, names in capitals are written as running text writes them;
* e-mail addresses never stay anywhere: a line of addresses is an end mark.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from newsarchive.ingest.credits.agencies import agency_credit, canonical_agency
from newsarchive.ingest.dates import MONTH_PATTERN

# --- e-mail addresses ----------------------------------------------------------

_EMAIL = r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_EMAILS = re.compile(rf"\s*[(\[<]?\s*{_EMAIL}(?:\s*[,;/]\s*{_EMAIL})*\s*[)\]>]?")
_REPEATED_SEPARATORS = re.compile(r"\s*([,;])(?:\s*[,;])+")
_END_SEPARATORS = " ,;:|/-\u2013\u2014."


def without_emails(text: str) -> tuple[str, bool]:
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


def is_email_line(line: str) -> bool:
    """A line of e-mail addresses only (``kimsy@yna.co.kr``, ``<arin@heraldcorp.com>``)."""
    text, emailed = without_emails(line.strip())
    return emailed and not text


# --- bylines --------------------------------------------------------------------

_BY = re.compile(r"^(?:(?:Written|Reported|Story|Words|Text)\s+by|By)\b\s*:?\s*", re.I)
_SIGN_OFF_DASH = re.compile(r"^(?:-{1,2}|[\u2013\u2014\u2015])\s*(?=[A-Z])")
_CREDIT_PARTS = re.compile(r"\s*(?:[,|/;]|\s[-\u2013\u2014]{1,2}\s)\s*")
NAMES_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")
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
    text, emailed = without_emails(" ".join(line.split()))
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
        agency = agency or agency_credit(parts[-1]) or _leading_agency(parts[-1])
        role = role or bool(_STAFF_WORDS.search(parts[-1]))
        parts.pop()
    if len(parts) == 1 and _is_organisation(parts[0]):
        agency = agency or agency_credit(parts[0]) or _leading_agency(parts[0])
        return Byline(None, agency) if prefixed else None
    names, title = _split_trailing_role(parts[-1])
    if title is not None:
        parts[-1] = names
        agency = agency or _leading_agency(title)
        role = role or bool(_STAFF_WORDS.search(title))
    people = _people(", ".join(parts))
    if people is None or not (prefixed or evidence or role):
        return None
    return Byline(join_names([person_name(name) for name in people]), agency)


def _people(written: str) -> list[str] | None:
    """The names in ``A, B and C``, each two to five capitalised words; None otherwise."""
    names = [n for n in NAMES_SPLIT.split(written) if n]
    if not names or not all(is_person(n, min_words=2) and not agency_credit(n) for n in names):
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
    return bool(agency_credit(part) or _ROLE_TITLE.fullmatch(part) or _OUTLET.fullmatch(part))


def is_person(name: str, *, min_words: int = 1) -> bool:
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


def person_name(names: str) -> str:
    """A name written in capitals (``KIM SOO-YEON``) in the case of running text."""
    if not names.isupper():
        return names
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in names.split())


def join_names(names: list[str]) -> str | None:
    """``A``, ``A and B``, ``A, B and C``: one author field however the credit listed them."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"
