"""News agencies: one canonical name for each, and a line that is only an agency's credit.

Rules:

* An agency is reported under one canonical name (``Yonhap News Agency``, ``연합뉴스``,
  ``YNA`` and ``(Yonhap)`` are all ``Yonhap``), so that "source" and "publisher" can be
  compared; matching ignores case, repeated spaces and a trailing ``.`` or ``,``.
* A relayed pair (``AFP-Yonhap``, ``KCNA/Yonhap``) credits its first agency, and only
  when both are agencies.
* An agency credit line is the agency alone, in brackets, after ``/`` or a dash
  (``(Yonhap)``, ``/ Yonhap``, ``— Reuters``); Reuters' trust-principles line is one too.
"""

from __future__ import annotations

import re

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
AGENCY_WORDS = "|".join(
    sorted((re.escape(a) for a in _CANONICAL if a.isascii()), key=len, reverse=True)
)


def canonical_agency(name: str) -> str | None:
    """The canonical name of a news agency, or None when ``name`` is not one."""
    return _CANONICAL.get(" ".join(name.split()).lower().strip(" .,"))


def outlet_name(name: str) -> str:
    """A publisher's display name: canonical for agencies, as written otherwise."""
    return canonical_agency(name) or name


def agency_credit(written: str) -> str | None:
    """A canonical agency, or the first of a relayed pair (``AFP-Yonhap``, ``KCNA/Yonhap``)."""
    agency = canonical_agency(written)
    if agency is not None:
        return agency
    parts = re.split(r"\s*[-/]\s*", written)
    names = [canonical_agency(part) for part in parts]
    return names[0] if len(parts) > 1 and all(names) else None


_CREDIT_LINE = re.compile(
    rf"^\s*(?:\(\s*(?P<paren>[^()]{{1,40}})\s*\)|/\s*(?P<slash>{AGENCY_WORDS})"
    rf"|(?:(?:-{{1,2}}|[\u2013\u2014\u2015])\s*)?(?P<bare>{AGENCY_WORDS})\.?)"
    r"\s*$",
    re.I,
)
_REUTERS_STANDARDS = re.compile(r"^\s*Our Standards:\s*The Thomson Reuters Trust Principles\.?\s*$")


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
    return agency_credit(match.group("paren") or match.group("slash") or match.group("bare"))
