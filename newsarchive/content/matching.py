"""Find registry entities in article text.

Tag suggestions live in ``newsarchive.content.tagging`` (the rule syntax in
``newsarchive.content.tagrules``); ``TagSuggester`` and ``rule_pattern`` are importable
from here too, as are ``alias_form``, ``alias_key`` and ``inside_longer_name``.

Entity matching rules (see ``EntityMatcher``):

* Text and aliases are compared in one normal form, and case matters as the alias
  is written (``newsarchive.content.aliasforms``: ``US`` is not ``us``).
* A match must be a whole word sequence: no letter or digit may touch it on
  either side (``Kim Jong Unwin`` is not ``Kim Jong Un``). Aliases ending in
  Hangul may be followed by more Hangul, because Korean particles attach to the
  name (``김정은은``).
* A name inside a longer proper name is not the entity (``Kim Il Sung Prize``,
  ``Yonhap-ri``): rules in ``newsarchive.content.longer_names``. An entity with
  ``inside_longer_names`` links there all the same.
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
* Events (``type: event``) are found by their names like any entity, and their
  dates decide whether the article can mean them (``EntityMatcher.mentions`` with
  the article's ``date``):

  - an event is not linked in an article dated more than ``EVENT_LEAD_DAYS``
    before its start: advance coverage of a planned summit names it, but a 2010
    "Hanoi summit" (ASEAN's) is not the 2019 one. There is no limit after it:
    copy recalls a summit for years ("since the Singapore summit");
  - events may share a name without context words ("DPRK-U.S. summit" is
    Singapore's and Hanoi's): the article's date picks the latest of them that
    had started by that day, which is the one "the summit" means after it, or,
    when none had, the next to come. An article of unknown date links an
    unshared event name, and a shared one not at all: a guess would be a wrong
    link as often as a right one;
  - an event's name does not hide the names inside it: "Singapore DPRK-U.S.
    summit" mentions the event and Singapore, North Korea and the United States,
    which the story is about as much (events overlap only other events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

import ahocorasick

from newsarchive.content.aliasforms import (
    Case,
    Normalised,
    alias_form,
    alias_key,
    case_allows,
    case_rule,
    context_case_rule,
    is_hangul,
    normalise,
)
from newsarchive.content.longer_names import inside_longer_name
from newsarchive.content.tagging import TagEvidence, TagSuggester, rule_pattern
from newsarchive.content.textfold import fold_case

if TYPE_CHECKING:
    from newsarchive.content.registry.model import Entity

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
#: How long before its start an event may be named as coming (summits are announced
#: weeks to months ahead; the Singapore summit's place was named a month before).
EVENT_LEAD_DAYS = 120


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
    forms: tuple[tuple[Case, str], ...]  # (case rule, form); empty when any case will do


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
    carry context words, and no context word is shared between them; or when all
    of them are events, which their dates tell apart. Canonical
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
        if len(sharing) > 1 and not all(by_id[entity_id].is_event for entity_id in sharing):
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
    uses: dict[str, dict[tuple[str, _Role], set[tuple[Case, str]]]] = {}
    for entity in entities:
        phrases = [(_Role.NAME, phrase) for phrase in entity.names]
        phrases += [(_Role.NOT, phrase) for phrase in entity.not_names]
        phrases += [(_Role.CONTEXT, phrase) for phrase in entity.context]
        for role, phrase in phrases:
            form = alias_form(phrase)
            if not form:
                raise ValueError(f"entity {entity.id}: {phrase!r} is empty once normalised")
            rule = context_case_rule(form) if role is _Role.CONTEXT else case_rule(form)
            claims = uses.setdefault(fold_case(form), {})
            claims.setdefault((entity.id, role), set()).add((rule, form))
    return {key: _pattern(key, claims) for key, claims in uses.items()}


def _pattern(key: str, claims: dict[tuple[str, _Role], set[tuple[Case, str]]]) -> _Pattern:
    built = []
    for (entity_id, role), forms in claims.items():
        any_case = any(rule == Case.ANY for rule, _ in forms)
        ordered = () if any_case else tuple(sorted(forms, key=lambda pair: pair[1]))
        built.append(_Claim(entity_id, role, ordered))
    named = {claim.entity_id for claim in built if claim.role is _Role.NAME}
    return _Pattern(len(key), is_hangul(key[-1]), len(named) > 1, tuple(built))


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
        self._events = {e.id: e for e in entities.values() if e.is_event}
        self._rules: dict[str, str] = {}  # key -> the digest of its rules (rules_digest)
        keys = sorted(patterns)
        self.keys_digest = hashlib.sha256("\0".join(keys).encode("utf-8")).hexdigest()[:32]

    def keys_in(self, text: str) -> frozenset[str]:
        """The automaton's keys found in the text, whether or not a rule keeps them there.

        What ``mentions`` finds in a text depends on the text and on what the matcher
        holds for these keys alone (``rules_digest``): a key the text lacks is never
        looked at. Which keys a text holds depends only on the keys (``keys_digest``).
        """
        if self._empty or not text:
            return frozenset()
        folded = normalise(text).folded
        return frozenset(
            folded[last + 1 - pattern.length : last + 1]
            for last, pattern in self._automaton.iter(folded)
        )

    def rules_digest(self, keys: Iterable[str]) -> str:
        """A digest of everything ``mentions`` reads of the registry for a text holding
        these keys (``keys_in``): each key's pattern, and the rules of the entities that
        claim it (a name inside longer names, context words, an event's dates). Two
        matchers with the same digest find the same mentions in the text.

        A new rule of ``mentions`` that reads more of an entity must add it here.
        """
        digest = hashlib.sha256()
        for key in sorted(keys):
            rules = self._rules.get(key)
            if rules is None:  # each key's rules hashed once: a body holds dozens of keys
                text = self._key_rules(key).encode()
                rules = self._rules[key] = hashlib.sha256(text).hexdigest()
            digest.update(rules.encode())
        return digest.hexdigest()[:32]

    def _key_rules(self, key: str) -> str:
        pattern = self._automaton.get(key, None)
        if pattern is None:
            return f"{key}\0absent"
        parts = [key, repr(pattern)]
        for entity_id in sorted({claim.entity_id for claim in pattern.claims}):
            event = self._events.get(entity_id)
            parts.append(
                repr(
                    (
                        entity_id,
                        entity_id in self._in_longer,
                        entity_id in self._with_context,
                        None if event is None else (event.start, event.end),
                    )
                )
            )
        return "\0".join(parts)

    def find(self, text: str, date: dt.date | None = None) -> list[str]:
        """Entity ids in the order of their first mention (``date``: the article's)."""
        return [entity_id for _, _, entity_id in self.find_spans(text, date)]

    def find_spans(self, text: str, date: dt.date | None = None) -> list[Span]:
        """(start, end, id) of the first mention of each entity, in text order.

        Offsets index the text as given, so ``text[start:end]`` is the mention
        as written, ready to be turned into a link.
        """
        first: dict[str, Span] = {}
        for span in self.mentions(text, date):
            first.setdefault(span[2], span)
        return list(first.values())

    def mentions(self, text: str, date: dt.date | None = None) -> list[Span]:
        """(start, end, id) of every mention, in text order, none overlapping.

        ``date`` is the article's (None when unknown): it decides which events the
        text can mean (module docstring).
        """
        if self._empty or not text:
            return []
        prepared = normalise(text)
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
            if self._events:
                kept = self._dated(kept, date)
            chosen = _choose_namesake(kept, shared, scan.context, start, self._with_context)
            if chosen is not None:
                spans.append((start, end, chosen))
        events = [span for span in spans if span[2] in self._events]
        others = [span for span in spans if span[2] not in self._events]
        resolved = _resolve_overlaps(others)
        if events:
            resolved = sorted(resolved + _resolve_overlaps(events))
        return [
            (prepared.original_offset(start), prepared.original_end(end), entity_id)
            for start, end, entity_id in resolved
        ]

    def _scan(self, prepared: Normalised) -> _Scan:
        """Every key occurrence that stands alone in the right case, sorted by role."""
        text, scan = prepared.text, _Scan()
        for last, pattern in self._automaton.iter(prepared.folded):
            end = last + 1
            start = end - pattern.length
            if not _stands_alone(text, start, end, pattern.hangul_end):
                continue
            written = text[start:end]
            for claim in pattern.claims:
                if claim.forms and not any(case_allows(r, f, written) for r, f in claim.forms):
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
        prepared: Normalised,
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

    def _dated(self, options: list[str], date: dt.date | None) -> list[str]:
        """The options with the events ``date`` rules out dropped, and at most one event left."""
        events = [self._events[entity_id] for entity_id in options if entity_id in self._events]
        if not events:
            return options
        others = [entity_id for entity_id in options if entity_id not in self._events]
        return others + [event.id for event in _events_meant(events, date)]


def _events_meant(events: list[Entity], date: dt.date | None) -> list[Entity]:
    """Which of the events sharing a name an article of ``date`` means: none or one."""
    if date is None:
        return events if len(events) == 1 else []
    lead = dt.timedelta(days=EVENT_LEAD_DAYS)
    possible = [e for e in events if e.start is None or date >= e.start - lead]
    held = [e for e in possible if e.start is None or e.start <= date]
    if held:
        return [max(held, key=lambda e: e.start or dt.date.min)]
    return [min(possible, key=lambda e: e.start or dt.date.min)] if possible else []


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
    return hangul_end and is_hangul(text[end])


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
