"""Find registry entities in article text.

Tag suggestions live in ``newsarchive.content.tagging`` (its docstring has the tag rule
syntax); ``TagSuggester`` and ``rule_pattern`` are importable from here too.

Entity matching rules (see ``EntityMatcher``):

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
* A match must be a whole word sequence: no letter or digit may touch it on
  either side (``Kim Jong Unwin`` is not ``Kim Jong Un``). Aliases ending in
  Hangul may be followed by more Hangul, because Korean particles attach to the
  name (``김정은은``).
* A name inside a longer proper name is not the entity (``inside_longer_name``):
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
* A ``not`` phrase of an entity (``Stockholm Syndrome``) is found like a name, and
  the entity's mentions inside it are dropped (other entities inside it stay).
* Where matches overlap, the one that starts first wins, and of those starting at
  the same place the longest (``Kim Il Sung University`` is not ``Kim Il Sung``):
  a longer name that is a registry alias itself wins over every rule above.
* Namesakes: a name may be shared by several entities when each carries
  ``context`` words, except at most one, the default. A shared name links the
  namesake with a context word nearest the mention (``Foreign Minister Ri Yong
  Ho``, ``Vice Marshal Ri Yong Ho``; ties: the one whose context words occur most
  often, then registry order); when no context word occurs, the default; with no
  default, nothing. Context words are found like names (all capitals: as
  written; otherwise in any case). ``name_clashes`` states what the registry may
  hold: the loader reports every clash, the matcher refuses them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

import ahocorasick

from newsarchive.content.tagging import TagEvidence, TagSuggester, rule_pattern
from newsarchive.content.textfold import fold_case

if TYPE_CHECKING:
    from newsarchive.content.registry import Entity

__all__ = [
    "EntityMatcher",
    "NameClash",
    "TagEvidence",
    "TagSuggester",
    "alias_form",
    "alias_key",
    "inside_longer_name",
    "name_clashes",
    "rule_pattern",
]

Span = tuple[int, int, str]

_SPACE_LIKE = "\t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
_HYPHEN_LIKE = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_APOSTROPHE_LIKE = "\u2018\u2019\u02bc\u2032\uff07"
_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys(map(ord, _SPACE_LIKE + _HYPHEN_LIKE), " "),
        **dict.fromkeys(map(ord, _APOSTROPHE_LIKE), "'"),
    }
)
# Runs of spaces shrink to one space; invisible characters vanish.
_SQUEEZE = re.compile("  +|[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def _is_hangul(char: str) -> bool:
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


@dataclass(frozen=True)
class _Normalised:
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


def _normalise(text: str) -> _Normalised:
    """Normalise ``text`` for alias matching, remembering how offsets moved."""
    translated = text.translate(_TRANSLATION)
    pieces: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0
    for found in _SQUEEZE.finditer(translated):
        kept = " " if found.group().startswith(" ") else ""
        pieces.append(translated[last : found.start()])
        pieces.append(kept)
        removed += len(found.group()) - len(kept)
        last = found.end()
        breaks.append(found.end() - removed)
        shifts.append(removed)
    pieces.append(translated[last:])
    squeezed = "".join(pieces)
    return _Normalised(squeezed, fold_case(squeezed), tuple(breaks), tuple(shifts))


def alias_form(alias: str) -> str:
    """An alias as the matcher compares it, case kept: ``Kim Jong-un`` -> ``Kim Jong un``."""
    return _normalise(alias).text.strip()


def alias_key(alias: str) -> str:
    """The key two aliases share when they would match the same text."""
    return fold_case(alias_form(alias))


class _Case(Enum):
    """How the case of a span must relate to the alias it matched."""

    EXACT = "exact"  # acronyms, Hangul: only as written
    CAPITALISED = "capitalised"  # one ordinary word: as written, or in capitals if long
    ANY = "any"  # names of several words


def _case_rule(form: str) -> _Case:
    """Which ``_Case`` rule applies to a normalised alias."""
    if not any(c.islower() for c in form):
        return _Case.EXACT
    if " " not in form:
        return _Case.CAPITALISED
    return _Case.ANY


def _context_case_rule(form: str) -> _Case:
    """Context words are ordinary words (``general``, ``Foreign Ministry``) unless all capitals."""
    return _Case.EXACT if not any(c.islower() for c in form) else _Case.ANY


# Shorter one-word aliases in capitals are too often numerals or acronyms (XI, ABE).
_MIN_SHOUTED = 4


def _case_allows(rule: _Case, form: str, span: str) -> bool:
    if rule == _Case.ANY:
        return True
    if rule == _Case.CAPITALISED and len(form) >= _MIN_SHOUTED and span == form.upper():
        return True
    return span == form


# --- names inside longer names ------------------------------------------------------------

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


# --- the registry's names, as the automaton stores them -----------------------------------


class _Role(Enum):
    """What an automaton key is for one entity."""

    NAME = "name"  # its name or an alias: a mention
    NOT = "not"  # a longer phrase that is not the entity
    CONTEXT = "context"  # a word that points at it among namesakes


@dataclass(frozen=True)
class _Claim:
    entity_id: str
    role: _Role
    forms: tuple[tuple[_Case, str], ...]  # (case rule, form); empty when any case will do


@dataclass(frozen=True)
class _Pattern:
    """What the automaton stores for one key."""

    length: int
    hangul_end: bool
    shared: bool  # a name of several entities: namesakes
    claims: tuple[_Claim, ...]


@dataclass(frozen=True)
class NameClash:
    """Names or context words the registry may not hold together, and why."""

    entity_id: str  # the entity whose field should change
    field: str  # name, aliases or context
    value: str
    other_id: str  # the entity it clashes with
    other_value: str
    reason: str

    def describe(self, label: Callable[[str], str] = str) -> str:
        """The clash in words; ``label`` turns an entity id into what the reader knows."""
        if self.field == "context":
            return (
                f"{self.field}: {self.value!r} is also a context word of {label(self.other_id)}, "
                f"which shares the name {self.other_value!r}; {self.reason}"
            )
        return (
            f"{self.field}: {self.value!r} is also claimed by {label(self.other_id)} "
            f"(as {self.other_value!r}); {self.reason}"
        )


_NO_DEFAULT = (
    "namesakes need context words to tell them apart, and at most one of them may go without"
)
_SAME_CONTEXT = "a context word must tell namesakes apart"


def name_clashes(entities: Iterable[Entity]) -> list[NameClash]:
    """Every clash between entities' names, in registry order (the one rule for both sides).

    A name (or alias) may be shared by namesakes only when all but at most one
    carry context words, and no context word is shared between them. Canonical
    names are claimed before any alias, so the message points at the alias when
    one collides with another entity's name: that is what to fix.
    """
    entities = list(entities)
    by_id = {entity.id: entity for entity in entities}
    claims = [(entity, "name", entity.name) for entity in entities]
    claims += [(entity, "aliases", alias) for entity in entities for alias in entity.aliases]
    owners: dict[str, dict[str, tuple[str, str]]] = {}
    for entity, field_name, value in claims:
        owners.setdefault(alias_key(value), {}).setdefault(entity.id, (field_name, value))
    clashes: list[NameClash] = []
    for sharing in owners.values():
        if len(sharing) > 1:
            clashes += _default_clashes(sharing, by_id) + _context_clashes(sharing, by_id)
    return clashes


def _default_clashes(
    sharing: dict[str, tuple[str, str]], by_id: Mapping[str, Entity]
) -> list[NameClash]:
    """Namesakes without context words after the first: two defaults cannot be told apart."""
    plain = [entity_id for entity_id in sharing if not by_id[entity_id].context]
    default = plain[0] if plain else ""
    return [
        NameClash(entity_id, *sharing[entity_id], default, sharing[default][1], _NO_DEFAULT)
        for entity_id in plain[1:]
    ]


def _context_clashes(
    sharing: dict[str, tuple[str, str]], by_id: Mapping[str, Entity]
) -> list[NameClash]:
    """A context word two namesakes share would point at both."""
    clashes = []
    seen: dict[str, str] = {}
    for entity_id in sharing:
        for word in dict.fromkeys(by_id[entity_id].context):
            other = seen.setdefault(alias_key(word), entity_id)
            if other != entity_id:
                value = sharing[entity_id][1]
                clashes.append(NameClash(entity_id, "context", word, other, value, _SAME_CONTEXT))
    return clashes


def _collect_patterns(entities: Iterable[Entity]) -> dict[str, _Pattern]:
    """One pattern per key: every name, ``not`` phrase and context word of the registry."""
    entities = list(entities)
    clashes = name_clashes(entities)
    if clashes:
        raise ValueError(f"entity {clashes[0].entity_id}: {clashes[0].describe()}")
    uses: dict[str, dict[tuple[str, _Role], set[tuple[_Case, str]]]] = {}
    for entity in entities:
        phrases = [(_Role.NAME, phrase) for phrase in entity.names]
        phrases += [(_Role.NOT, phrase) for phrase in entity.not_names]
        phrases += [(_Role.CONTEXT, phrase) for phrase in entity.context]
        for role, phrase in phrases:
            form = alias_form(phrase)
            if not form:
                raise ValueError(f"entity {entity.id}: {phrase!r} is empty once normalised")
            rule = _context_case_rule(form) if role is _Role.CONTEXT else _case_rule(form)
            claims = uses.setdefault(fold_case(form), {})
            claims.setdefault((entity.id, role), set()).add((rule, form))
    return {key: _pattern(key, claims) for key, claims in uses.items()}


def _pattern(key: str, claims: dict[tuple[str, _Role], set[tuple[_Case, str]]]) -> _Pattern:
    built = []
    for (entity_id, role), forms in claims.items():
        any_case = any(rule == _Case.ANY for rule, _ in forms)
        ordered = () if any_case else tuple(sorted(forms, key=lambda pair: pair[1]))
        built.append(_Claim(entity_id, role, ordered))
    named = {claim.entity_id for claim in built if claim.role is _Role.NAME}
    return _Pattern(len(key), _is_hangul(key[-1]), len(named) > 1, tuple(built))


# --- matching -------------------------------------------------------------------------------


@dataclass
class _Scan:
    """What one pass of the automaton found in a text, in normalised offsets."""

    names: dict[tuple[int, int], tuple[bool, list[str]]] = field(default_factory=dict)
    blocks: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    context: dict[str, list[int]] = field(default_factory=dict)

    def blocked(self, entity_id: str, start: int, end: int) -> bool:
        """Whether a ``not`` phrase of the entity covers the span."""
        if not self.blocks:
            return False
        return any(s <= start and end <= e for s, e in self.blocks.get(entity_id, ()))


class EntityMatcher:
    """Finds mentions of registry entities, built once and reused for every article.

    Thousands of aliases cost one pass over the text: an Aho-Corasick automaton
    finds every alias, ``not`` phrase and context word, then the boundary, case,
    longer-name, namesake and overlap rules in the module docstring pick the real
    mentions.
    """

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self._automaton = ahocorasick.Automaton()
        patterns = _collect_patterns(entities.values())
        for key, pattern in patterns.items():
            self._automaton.add_word(key, pattern)
        if patterns:
            self._automaton.make_automaton()
        self._empty = not patterns
        self._in_longer = frozenset(e.id for e in entities.values() if e.inside_longer_names)
        self._with_context = frozenset(e.id for e in entities.values() if e.context)

    def find(self, text: str) -> list[str]:
        """Entity ids in the order of their first mention."""
        return [entity_id for _, _, entity_id in self.find_spans(text)]

    def find_spans(self, text: str) -> list[Span]:
        """(start, end, id) of the first mention of each entity, in text order.

        Offsets index the text as given, so ``text[start:end]`` is the mention
        as written, ready to be turned into a link.
        """
        first: dict[str, Span] = {}
        for span in self.mentions(text):
            first.setdefault(span[2], span)
        return list(first.values())

    def mentions(self, text: str) -> list[Span]:
        """(start, end, id) of every mention, in text order, none overlapping."""
        if self._empty or not text:
            return []
        prepared = _normalise(text)
        scan = self._scan(prepared)
        spans = []
        refused: set[tuple[int, str]] = set()  # (start, entity): not the entity here
        for (start, end), (shared, options) in sorted(
            scan.names.items(), key=lambda item: (item[0][0], -item[0][1])
        ):
            kept = self._kept(text, prepared, scan, start, end, options)
            if len(kept) < len(options):
                refused.update((start, entity_id) for entity_id in options if entity_id not in kept)
            if refused:
                # A shorter name at the same place is no more the entity (U.S. / U.S in U.S. Army).
                kept = [entity_id for entity_id in kept if (start, entity_id) not in refused]
            chosen = _choose_namesake(kept, shared, scan.context, start, self._with_context)
            if chosen is not None:
                spans.append((start, end, chosen))
        return [
            (prepared.original_offset(start), prepared.original_end(end), entity_id)
            for start, end, entity_id in _resolve_overlaps(spans)
        ]

    def _scan(self, prepared: _Normalised) -> _Scan:
        """Every key occurrence that stands alone in the right case, sorted by role."""
        text, scan = prepared.text, _Scan()
        for last, pattern in self._automaton.iter(prepared.folded):
            end = last + 1
            start = end - pattern.length
            if not _stands_alone(text, start, end, pattern.hangul_end):
                continue
            written = text[start:end]
            for claim in pattern.claims:
                if claim.forms and not any(_case_allows(r, f, written) for r, f in claim.forms):
                    continue
                if claim.role is _Role.NAME:
                    scan.names.setdefault((start, end), (pattern.shared, []))[1].append(
                        claim.entity_id
                    )
                elif claim.role is _Role.NOT:
                    scan.blocks.setdefault(claim.entity_id, []).append((start, end))
                else:
                    scan.context.setdefault(claim.entity_id, []).append(start)
        return scan

    def _kept(
        self,
        text: str,
        prepared: _Normalised,
        scan: _Scan,
        start: int,
        end: int,
        options: list[str],
    ) -> list[str]:
        """The entities a name may still be: not inside a ``not`` phrase or a longer name."""
        kept = options
        if scan.blocks:
            kept = [entity_id for entity_id in kept if not scan.blocked(entity_id, start, end)]
        if not self._in_longer.issuperset(kept) and inside_longer_name(
            text, prepared.original_end(end)
        ):
            kept = [entity_id for entity_id in kept if entity_id in self._in_longer]
        return kept


def _choose_namesake(
    options: list[str],
    shared: bool,
    context: Mapping[str, list[int]],
    at: int,
    with_context: frozenset[str],
) -> str | None:
    """Which entity a name links: see namesakes in the module docstring."""
    if not shared:
        return options[0] if options else None
    pointed = [entity_id for entity_id in options if context.get(entity_id)]
    if pointed:
        return min(
            pointed,
            key=lambda e: (min(abs(p - at) for p in context[e]), -len(context[e])),
        )
    defaults = [entity_id for entity_id in options if entity_id not in with_context]
    return defaults[0] if defaults else None


def _stands_alone(text: str, start: int, end: int, hangul_end: bool) -> bool:
    """No letter or digit touches the span, except Korean particles after Hangul."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if end == len(text) or not text[end].isalnum():
        return True
    return hangul_end and _is_hangul(text[end])


def _resolve_overlaps(candidates: Iterable[Span]) -> list[Span]:
    """Leftmost-longest, without overlaps; overlapping names of one entity merge.

    Merging keeps ``President Moon Jae-in`` (two aliases that overlap) one mention
    instead of a mention that stops in the middle of the name.
    """
    chosen: list[Span] = []
    for start, end, entity_id in sorted(candidates, key=lambda span: (span[0], -span[1])):
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end, entity_id))
            continue
        last_start, last_end, last_id = chosen[-1]
        if last_id == entity_id and end > last_end:
            chosen[-1] = (last_start, end, entity_id)
    return chosen
