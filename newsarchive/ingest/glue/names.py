"""Registry names glued to a word: found as the entity matcher finds them, split off.

Rules (``GlueRepair`` only):

* The names are found as the entity matcher finds them (hyphens count as
  spaces, acronyms only in capitals, one-word names as written or, from four
  letters, in capitals, several words in any case but not starting inside a
  word: ``Songun commander`` holds no ``UN Command``). Then:
  - Before the name (``receivedKim Jong Un``): a case step, or an
    all-capitals word before a name that is no acronym (headlines); the word
    before is a real word, a title word or another registry name. A
    capitalised word must be a title or a common word (``TheDPRK``), since
    a capitalised word plus a name makes a brand (``VisitSeoul``).
  - After the name (``Kim Jong Unreceived``, ``Kim Il SungUniversity``,
    ``DPRKhas``): the word after is a real word, a title word or another
    registry name; when a case step marks the joint, any word wordfreq knows
    will do (headline verbs: ``Kim Jong UnInspects``, ``inspects`` 2.6). After an acronym an all-capitals word is never split off
    (``UNFAO``, ``USAID``: where the first acronym ends is unknowable). A
    one-word name takes only a common word after it, in either case: it too
    often starts a longer word (``Xiyuan``, ``Abela``) or a brand
    (``AbeBooks``, ``SeoulTech``). A lower-case word after a name of several
    words or an acronym must be no suffix or compound head
    (``Pyongyangites``, ``DPRKside``): no case step marks that joint.
  - A name glued on both sides needs both joints, or it is part of a longer
    word; two overlapping names that put different joints in one glued word
    (``south Koreanspoke``: ``Korean spoke`` or ``Koreans poke``) make none.
  - A registry name of several words that lost one of its own spaces at a
    case step gets it back (``Republic ofKorea``, ``Kim JongUn``).

The never-split rules of ``words`` hold here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import ahocorasick

from newsarchive.content.aliasforms import APOSTROPHE_LIKE, HYPHEN_LIKE
from newsarchive.content.matching import alias_form, alias_key
from newsarchive.content.textfold import CharReplacer
from newsarchive.ingest.glue.vocabulary import common_words, is_known, is_suffix, is_word
from newsarchive.ingest.glue.words import TITLE_WORDS, glued_word_is_known, left_word, right_word

# --- registry names -------------------------------------------------------------

_SPACES = "\t\n\r\xa0\u202f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
# Length-preserving version of the matcher's normalisation: its dashes and odd spaces
# become spaces and its curly apostrophes straight ones, so offsets stay put.
# ``fold(text)``: dashes as spaces and straight apostrophes, each character in place.
fold = CharReplacer(
    {**dict.fromkeys(HYPHEN_LIKE + _SPACES, " "), **dict.fromkeys(APOSTROPHE_LIKE, "'")}
)


def lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_acronym(form: str) -> bool:
    return not any(c.islower() for c in form)


def _is_phrase(form: str) -> bool:
    """Several words with lower-case letters: the matcher takes these in any case."""
    return " " in form and not _is_acronym(form)


def _exact_keys(form: str) -> Iterator[str]:
    """How a name that is not a phrase may be written: as is, or in capitals from four letters."""
    yield form
    if not _is_acronym(form) and len(form) >= 4:
        yield form.upper()


class Hit(NamedTuple):
    """A registry name found in a paragraph, written as the registry allows."""

    start: int
    end: int
    acronym: bool = False
    phrase: bool = False  # several words, such as ``Kim Jong Un``
    joint: int | None = None  # where the name lost one of its own spaces (``Republic ofKorea``)


def touches(text: str, hit: Hit) -> tuple[bool, bool]:
    """Whether a letter touches the name's first letter on the left, its last on the right."""
    left = hit.start > 0 and text[hit.start - 1].isalpha() and text[hit.start].isalpha()
    right = hit.end < len(text) and text[hit.end].isalpha() and text[hit.end - 1].isalpha()
    return left, right


def _left_glue(text: str, hit: Hit, name_ends: frozenset[int]) -> bool:
    """``receivedKim Jong Un``: split before a registry name (rules at the top of this module)."""
    point = hit.start
    before = text[point - 1]
    step = before.islower() and text[point].isupper()
    left = left_word(text, point)
    shouted = left.isupper() and not hit.acronym
    if not (step or shouted) or not left:
        return False
    named = left.lower() in TITLE_WORDS or point in name_ends
    # A capitalised word before a name makes a brand (``VisitSeoul``), unless it is a
    # title or a common word starting a sentence (``TheDPRK``).
    capitalised = left[0].isupper() and not left.isupper()
    common = left.lower() in common_words()
    real = named or common or (not capitalised and is_word(left))
    return real and not glued_word_is_known(text, point, end=hit.end)


def _right_glue(text: str, hit: Hit, name_starts: frozenset[int]) -> bool:
    """``Kim Jong Unreceived``, ``DPRKhas``: split after a registry name (rules at the top of this module)."""
    point = hit.end
    right = right_word(text, point)
    if len(right) < 2 or glued_word_is_known(text, point, start=hit.start):
        return False
    if hit.acronym and right.isupper():
        return False  # UNFAO, USAID: where the first acronym ends is unknowable
    if point in name_starts or right.lower() in TITLE_WORDS:
        return True
    if right.islower():
        return _lower_case_glue(text, hit, right)
    if not (hit.phrase or hit.acronym):
        return right.lower() in common_words()  # ``AbeBooks``, ``SeoulTech`` are brands
    return is_known(right)  # the case step marks the joint: ``Kim Jong UnInspects``


def _lower_case_glue(text: str, hit: Hit, right: str) -> bool:
    """A lower-case word after a name: no case step marks the joint. After a name of
    several words or an acronym any real word that is no suffix may follow; a one-word
    name too often starts a longer word (``Xiyuan``, ``Abela``), so only a common
    word may follow it (``Japanand``)."""
    end = hit.end + len(right)
    ends_word = end == len(text) or not text[end].isalpha() or text[end].isupper()
    if not ends_word:
        return False
    if not (hit.phrase or hit.acronym):
        return right in common_words()
    return is_word(right) and not (len(right) > 3 and is_suffix(right))


def name_points(
    text: str,
    glued: list[tuple[Hit, bool, bool]],
    starts: frozenset[int],
    ends: frozenset[int],
) -> list[int]:
    """Joints at the edges of registry names and inside them (rules at the top of this module)."""
    joints = [
        (point, hit)
        for hit, left, right in glued
        for point in _joints(text, hit, left, right, starts, ends)
    ]
    return [point for point, hit in joints if not _ambiguous(text, point, hit, joints)]


def _joints(
    text: str,
    hit: Hit,
    left_touch: bool,
    right_touch: bool,
    starts: frozenset[int],
    ends: frozenset[int],
) -> list[int]:
    """A name glued on both sides needs both joints, or it is part of a longer word."""
    left = left_touch and _left_glue(text, hit, ends)
    right = right_touch and _right_glue(text, hit, starts)
    if (left_touch and not left) or (right_touch and not right):
        return []
    found = [hit.start] if left else []
    found += [hit.end] if right else []
    return found + ([hit.joint] if hit.joint is not None else [])


def _ambiguous(text: str, point: int, hit: Hit, joints: list[tuple[int, Hit]]) -> bool:
    """Two overlapping names put different joints in one glued word (``south
    Koreanspoke``: ``Korean spoke`` or ``Koreans poke``): make neither."""
    return any(
        other != point
        and other_hit is not hit
        and other_hit.start < hit.end
        and hit.start < other_hit.end
        and text[min(point, other) : max(point, other)].isalpha()
        for other, other_hit in joints
    )


def name_automata(
    names: Iterable[str],
) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None]:
    """Acronyms and one-word names matched case-sensitively; phrases folded to lower case."""
    exact: dict[str, tuple[int, bool]] = {}
    phrases: dict[str, tuple[int, int]] = {}
    glued: dict[str, tuple[int, int]] = {}
    for name in names:
        form = alias_form(name)
        if not any(c.isascii() and c.isalpha() for c in form) or any(map(_is_hangul, form)):
            continue  # Korean particles glue to Hangul names by design
        if _is_phrase(form):
            phrases[alias_key(name)] = (len(form), 0)
            glued.update((lower_keeping_length(v), (len(v), at)) for v, at in _glued_forms(form))
        else:
            exact.update((key, (len(key), _is_acronym(form))) for key in _exact_keys(form))
    return _automaton(exact), _automaton(glued | phrases)


def _glued_forms(form: str) -> Iterator[tuple[str, int]]:
    """The phrase with one space lost at a case step (``Kim JongUn``), and where it was."""
    for at in range(1, len(form) - 1):
        if form[at] == " " and form[at - 1].islower() and form[at + 1].isupper():
            yield form[:at] + form[at + 1 :], at


def _is_hangul(char: str) -> bool:
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


def _automaton(entries: dict[str, object]) -> ahocorasick.Automaton | None:
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in entries.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton
