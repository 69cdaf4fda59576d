"""A registry name that only starts a longer proper name is not the entity.

Rules (``inside_longer_name``): a name is the start of a longer one when

- followed by capitalised words that name an institution, place, prize, firm or
  paper, ending in one of ``NAME_HEADS`` (``Stockholm International Peace Research
  Institute``, ``Kim Il Sung Prize``, ``Kim Jong Suk Textile Mill``), or
- followed by a Korean place suffix (``PLACE_SUFFIXES``) after a hyphen
  (``Yonhap-ri``, ``Sinpo-si``), or after a space for the suffixes that are no
  English word (``Yonhap ri``; ``Tokyo up 2%`` stays Tokyo).

A lower-case word, punctuation or a possessive ends the longer name, so ``the
Trump administration``, ``Kim Jong Un's``, ``Pyongyang on Monday`` still link.
After ``and`` the head must come within two words (``Kim Chaek Iron and Steel
Complex``); further on it is a list of names. In a headline-like line (at most
one lower-case word of four letters or more, prepositions aside) a capitalised
word ending in -s or -ed is taken for a verb and a capitalised small word
(``To``, ``In``) for what it is: both end the name, so ``Kim Jong Un Visits
Farm`` links Kim Jong Un. An entity with ``inside_longer_names`` links there all
the same.
"""

from __future__ import annotations

import re

# Last words of proper names that are not the person or place they start with.
NAME_HEADS = frozenset(
    """
    Institute University College Academy School Kindergarten Hospital Clinic
    Sanatorium Library Museum Gallery Theatre Theater Cinema Stadium Arena Gymnasium Hall
    Palace Centre Center Foundation Society Association Club Orchestra Ensemble Troupe
    Prize Award Medal Order Trophy Cup Scholarship
    Square Street Avenue Boulevard Road Bridge Park Garden Gardens Station Airport Port
    Harbour Harbor Terminal Tower Gate Arch Monument Mausoleum Cemetery Plaza
    Hotel Restaurant Store Shop Mill Factory Plant Works Complex Mine Colliery Farm Ranch
    Orchard Shipyard Company Corporation Enterprise Cooperative Bank Airlines Airways
    Times Post Herald Daily Tribune Syndrome Sea River Strait Bay Lake Reservoir Dam Canal
    """.split()
)
# Korean administrative and street suffixes: ri (village), dong, gun (county), si (city)...
PLACE_SUFFIXES = (
    "rodongjagu", "guyok", "myeon", "myon", "dong", "daero", "eup", "gun", "gil", "ri", "si",
    "up", "ku", "gu", "ro",
)  # fmt: skip
# After a space rather than a hyphen, only the suffixes that are no English word count.
_SPACED_SUFFIXES = frozenset({"rodongjagu", "guyok", "myeon", "myon", "dong", "eup", "ri", "gu"})
_PLACE_SUFFIX = re.compile(
    r"([\-\u2010-\u2015]| )(" + "|".join(PLACE_SUFFIXES) + r")(?![^\W_])", re.IGNORECASE
)
_NEXT_WORD = re.compile(r"[ \t\u00a0\u202f]{1,3}(\S+)")
_SEPARATORS = frozenset(" \t\u00a0\u202f-\u2010\u2011\u2012\u2013\u2014\u2015")
_CLOSING = ".,;:!?)]}\"'\u201d\u2019"
_LONGEST_NAME = 6  # words after the alias that may still belong to one longer name
_CONNECTORS = frozenset({"and", "&"})
_AFTER_CONNECTOR = 2  # "Iron and Steel Complex": the head comes soon after "and", or it is a list
_SMALL_WORDS = frozenset(
    "A An The To In At On Of For With From By As And Or Over Into Amid Against After Via".split()
)
# Lower-case words of four letters or more that are not prepositions: prose, not a headline.
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]{3,}")
_HEADLINE_LOWER = frozenset(
    """
    with from over into amid upon onto than that this under about after among until within
    without through against during before towards toward across along behind beyond despite
    between around since while near
    """.split()
)
_PROSE_WORDS = 2


def inside_longer_name(text: str, end: int) -> bool:
    """Whether the name ending at ``text[end]`` only starts a longer proper name.

    The rule is in the module docstring: a Korean place suffix, or capitalised
    words up to a head word such as ``Institute`` or ``Mill``.
    """
    if end >= len(text) or text[end] not in _SEPARATORS:
        return False  # "Kim Jong Un's", "Pyongyang." and most mentions: nothing follows
    return _followed_by_place_suffix(text, end) or _followed_by_name_head(text, end)


def _followed_by_place_suffix(text: str, end: int) -> bool:
    found = _PLACE_SUFFIX.match(text, end)
    if found is None:
        return False
    return found.group(1) != " " or found.group(2) in _SPACED_SUFFIXES


def _is_head(word: str) -> bool:
    return word in NAME_HEADS or (word.isupper() and word.capitalize() in NAME_HEADS)


def _followed_by_name_head(text: str, end: int) -> bool:
    """Capitalised words from ``end`` on reach a head word before anything ends the name."""
    headline: list[bool] = []  # worked out once, when needed

    def in_headline() -> bool:
        if not headline:
            headline.append(_headline_like(text, end))
        return headline[0]

    position, chained, budget = end, 0, _LONGEST_NAME
    while budget > 0:
        found = _NEXT_WORD.match(text, position)
        if found is None:
            return False
        word = found.group(1)
        bare = word.rstrip(_CLOSING)
        if _is_head(bare):
            # "China Works on ...": right after the name in a headline, it is the verb.
            return chained > 0 or not _ends_headline_name(bare) or not in_headline()
        if bare in _CONNECTORS and chained:
            budget = min(budget, _AFTER_CONNECTOR + 1)
        elif not bare[:1].isupper():
            return False
        else:
            if _ends_headline_name(bare) and in_headline():
                return False
            chained += 1
        if bare != word:
            return False
        position, budget = found.end(), budget - 1
    return False


def _headline_like(text: str, position: int) -> bool:
    """Whether the line around ``position`` reads as a headline, every word capitalised.

    A headline has fewer than two lower-case words of four letters or more,
    prepositions aside: ``Kim Jong Il Visits Fish Farm under KPA Unit 580``.
    """
    start = text.rfind("\n", 0, position) + 1
    stop = text.find("\n", position)
    line = text[start : len(text) if stop < 0 else stop]
    prose = 0
    for found in _LOWER_WORD.finditer(line):
        if found.group() not in _HEADLINE_LOWER:
            prose += 1
            if prose >= _PROSE_WORDS:
                return False
    return True


def _ends_headline_name(word: str) -> bool:
    """In a headline a verb (``Visits``, ``Slammed``) or a small word follows the subject."""
    if word in _SMALL_WORDS or word.capitalize() in _SMALL_WORDS:
        return True
    lower = word.lower()
    if lower.endswith(("ss", "us", "is", "'s", "\u2019s")):
        return False
    return lower.endswith(("s", "ed"))
