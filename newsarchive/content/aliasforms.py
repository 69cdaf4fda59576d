"""How an alias and a text are compared: one normal form, and how case may differ.

Rules:

* Text and aliases are normalised alike before comparison: hyphens and dashes
  count as spaces, curly apostrophes as straight ones, runs of whitespace as one
  space. ``Kim Jong-un`` and ``Kim Jong Un`` are the same alias.
* How case matters depends on how the alias is written:
  - no lower-case letters (``US``, ``U.S.``, ``DPRK``, ``UN``): exactly as written,
    so ``us`` is not the US and Spanish ``un`` is not the UN;
  - one word with lower-case letters (``Trump``, ``Pyongyang``): as written, or in
    capitals when it has four letters or more (``XI`` is a numeral, not ``Xi``),
    so a ``trump card`` and ``china`` plates are not matched;
  - several words (``Kim Jong Un``, ``Moon Jae-in``): in any case.

``normalise`` keeps the way back to offsets in the original text, so a match found in
the normal form is reported where it stands in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum

from newsarchive.content.textfold import CharReplacer, fold_case

_SPACE_LIKE = "\t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
HYPHEN_LIKE = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
APOSTROPHE_LIKE = "\u2018\u2019\u02bc\u2032\uff07"
_TRANSLATE = CharReplacer(
    {**dict.fromkeys(_SPACE_LIKE + HYPHEN_LIKE, " "), **dict.fromkeys(APOSTROPHE_LIKE, "'")}
)
# Runs of spaces shrink to one space; invisible characters vanish. Most texts have no
# invisible character, and a run of spaces alone is found several times faster.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SQUEEZE = re.compile(f"  +|[{_INVISIBLE}]+")
_SPACE_RUN = re.compile("  +")


def is_hangul(char: str) -> bool:
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


@dataclass(frozen=True)
class Normalised:
    """Text prepared for matching, with a way back to offsets in the original."""

    text: str  # hyphens, apostrophes and spaces normalised; case kept
    folded: str  # ``text`` in lower case, same length
    breaks: tuple[int, ...]  # positions in ``text`` from which the shift grows
    shifts: tuple[int, ...]  # characters removed before each break, in total

    def original_offset(self, index: int) -> int:
        """Offset in the original text of the character at ``text[index]``."""
        passed = bisect_right(self.breaks, index)
        return index + (self.shifts[passed - 1] if passed else 0)

    def original_end(self, end: int) -> int:
        """Offset in the original text just after the character at ``text[end - 1]``."""
        return self.original_offset(end - 1) + 1


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for alias matching, remembering how offsets moved."""
    translated = _TRANSLATE(text)
    pieces: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0
    squeeze = _SQUEEZE if any(char in translated for char in _INVISIBLE) else _SPACE_RUN
    for found in squeeze.finditer(translated):
        kept = " " if found.group().startswith(" ") else ""
        pieces.append(translated[last : found.start()])
        pieces.append(kept)
        removed += len(found.group()) - len(kept)
        last = found.end()
        breaks.append(found.end() - removed)
        shifts.append(removed)
    pieces.append(translated[last:])
    squeezed = "".join(pieces)
    return Normalised(squeezed, fold_case(squeezed), tuple(breaks), tuple(shifts))


def alias_form(alias: str) -> str:
    """An alias as the matcher compares it, case kept: ``Kim Jong-un`` -> ``Kim Jong un``."""
    return normalise(alias).text.strip()


def alias_key(alias: str) -> str:
    """The key two aliases share when they would match the same text."""
    return fold_case(alias_form(alias))


class Case(Enum):
    """How the case of a span must relate to the alias it matched."""

    EXACT = "exact"  # acronyms, Hangul: only as written
    CAPITALISED = "capitalised"  # one ordinary word: as written, or in capitals if long
    ANY = "any"  # names of several words


def case_rule(form: str) -> Case:
    """Which ``Case`` rule applies to a normalised alias."""
    if not any(c.islower() for c in form):
        return Case.EXACT
    if " " not in form:
        return Case.CAPITALISED
    return Case.ANY


def context_case_rule(form: str) -> Case:
    """Context words are ordinary words (``general``, ``Foreign Ministry``) unless all capitals."""
    return Case.EXACT if not any(c.islower() for c in form) else Case.ANY


# Shorter one-word aliases in capitals are too often numerals or acronyms (XI, ABE).
_MIN_SHOUTED = 4


def case_allows(rule: Case, form: str, span: str) -> bool:
    if rule == Case.ANY:
        return True
    if rule == Case.CAPITALISED and len(form) >= _MIN_SHOUTED and span == form.upper():
        return True
    return span == form
