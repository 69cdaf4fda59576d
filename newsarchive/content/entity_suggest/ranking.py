"""Ranking a tally: the frequent names the registry lacks, typed, with their aliases.

Rules:

* A name's type is the one most of its patterns gave (ties go to the first of
  ``ENTITY_TYPES``); a plain name counts once a pattern has typed it, and a name only
  ever seen plain is a place when a quarter of its mentions follow ``in``/``near``.
* The most frequent spelling names the suggestion; the other spellings, its initials
  acronyms and the surname that titles gave it are its aliases, unless another
  suggestion claims the same alias or the registry already gives it to an entity.
* Nothing the registry already covers is suggested: a spelling the matcher finds
  whole, an alias key or id the registry holds, a word-prefix or word-suffix of a
  registry name (``Tok Hun``), a registry place followed by ``City``, ``Province`` and
  the like (``Pyongyang City``), or registry names joined by connectors (``State
  Affairs Commission of the DPRK``).
* Suggestions are sorted by the number of articles naming them, then mentions, then
  name; the registry is asked only about names frequent enough.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from newsarchive.content.entity_suggest.mentions import TOKEN
from newsarchive.content.entity_suggest.tally import ArchiveTally, IdTally
from newsarchive.content.entity_suggest.words import (
    PERSON,
    PLACE,
    RESTATING_HEADS,
    cached_slug,
    is_connector,
)
from newsarchive.content.matching import EntityMatcher, alias_key
from newsarchive.content.names import SURNAMES
from newsarchive.content.registry import ENTITY_TYPES, Entity
from newsarchive.content.slugs import slugify

_IN_PLACE_SHARE = 0.25  # "in X" must be this share of X's mentions to make it a place


@dataclass(frozen=True)
class Suggestion:
    """A proposed entity file: ``content/entities/<id>.yaml``."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: int
    mentions: int
    example: str


class _Registry:
    """What the registry already covers: names, aliases, their ids, prefixes and suffixes."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self.ids = set(entities)
        self.matcher = EntityMatcher(entities)
        self.keys: set[str] = set()
        self.place_keys: set[str] = set()
        self.partial: set[str] = set()
        for entity in entities.values():
            for alias in entity.names:
                key = alias_key(alias)
                self.keys.add(key)
                if entity.type == PLACE:
                    self.place_keys.add(key)
                words = key.split(" ")
                for cut in range(1, len(words)):
                    self.partial.add(" ".join(words[:cut]))
                    self.partial.add(" ".join(words[cut:]))

    def covers(self, form: str) -> bool:
        """The registry names this spelling, begins or ends a name with it, or restates it."""
        key = alias_key(form)
        if key in self.keys or key in self.partial or slugify(form) in self.ids:
            return True
        words = key.split(" ")
        if (
            len(words) > 1
            and words[-1] in RESTATING_HEADS
            and " ".join(words[:-1]) in self.place_keys
        ):
            return True
        return self._spelt_out(form)

    def _spelt_out(self, form: str) -> bool:
        """Every word of ``form`` but its connectors lies in a registry mention.

        ``State Affairs Commission of the DPRK`` is a known body qualified by a
        known country; ``Rodong Sinmun Rodong Sinmun`` a credit printed twice.
        """
        spans = self.matcher.mentions(form)
        if not spans:
            return False
        return all(
            is_connector(word.group())
            or any(s <= word.start() and word.end() <= e for s, e, _ in spans)
            for word in TOKEN.finditer(form)
        )


def suggest(
    tally: ArchiveTally,
    entities: Mapping[str, Entity],
    *,
    min_articles: int = 3,
    limit: int | None = None,
    kind: str | None = None,
) -> list[Suggestion]:
    """Frequent names the registry lacks, most articles first.

    ``min_articles`` is the fewest articles a name must appear in; ``kind``
    keeps one entity type; ``limit`` keeps the first suggestions. Counting
    comes first and the registry is asked only about names frequent enough.
    """
    if kind is not None and kind not in ENTITY_TYPES:
        raise ValueError(f"type: expected one of {', '.join(ENTITY_TYPES)}, got {kind!r}")
    if min_articles < 1 or (limit is not None and limit < 0):
        raise ValueError("min_articles must be at least 1, and limit at least 0")
    registry = _Registry(entities)
    types = {key: t for key, item in tally.names.items() if (t := _decide_type(item))}
    surnames = _surname_owners(tally, types, registry)
    found = []
    for key, entity_type in types.items():
        if kind is not None and entity_type != kind:
            continue
        suggestion = _suggestion(key, entity_type, tally.names[key], surnames.get(key))
        if suggestion.articles >= min_articles and not _known(suggestion, registry):
            found.append(_without_known_aliases(suggestion, registry))
    found = _drop_shared_aliases(found)
    found.sort(key=lambda s: (-s.articles, -s.mentions, s.name))
    chosen = found[:limit] if limit else found
    return [replace(s, example=tally.example(s.id)) for s in chosen]


def _decide_type(item: IdTally) -> str | None:
    """The type most patterns gave; a plain name after ``in`` only when that is common for it."""
    if item.votes:  # ties go to the first type of ENTITY_TYPES, whatever the counting order
        return max(ENTITY_TYPES, key=lambda kind: item.votes.get(kind, 0))
    if item.located and item.located >= _IN_PLACE_SHARE * item.mentions:
        return PLACE
    return None


def _surname_owners(
    tally: ArchiveTally, types: Mapping[str, str], registry: _Registry
) -> dict[str, tuple[str, IdTally]]:
    """Lone surnames (``President Putin``) by the one person name ending with them."""
    people: dict[str, list[str]] = {}
    for key, entity_type in types.items():
        if entity_type == PERSON and "-" in key:
            people.setdefault(key.rsplit("-", 1)[-1], []).append(key)
    owners = {}
    for surname_key, item in tally.surnames.items():
        owner = people.get(surname_key, [])
        if len(owner) != 1:
            continue
        form = max(item.forms, key=item.forms.__getitem__)
        if form not in SURNAMES and not registry.covers(form):
            owners[owner[0]] = (form, item)
    return owners


def _suggestion(
    key: str, entity_type: str, item: IdTally, surname: tuple[str, IdTally] | None
) -> Suggestion:
    """A suggestion from a tally, its example still to come."""
    name, *variants = _display_forms(item.forms)
    articles, mentions = len(item.articles), item.mentions
    extra = [acronym for acronym, _ in item.acronyms.most_common(2)]
    if surname is not None:
        form, seen = surname
        extra.append(form)
        articles = len(set(item.articles) | set(seen.articles))
        mentions += seen.mentions
    return Suggestion(
        id=key,
        name=name,
        type=entity_type,
        aliases=tuple(dict.fromkeys([*variants, *extra])),
        articles=articles,
        mentions=mentions,
        example="",
    )


def _known(suggestion: Suggestion, registry: _Registry) -> bool:
    """The registry covers the name or a spelling of it (acronyms and surnames aside)."""
    spellings = [
        suggestion.name,
        *(a for a in suggestion.aliases if cached_slug(a) == suggestion.id),
    ]
    return any(registry.covers(form) for form in spellings)


def _without_known_aliases(suggestion: Suggestion, registry: _Registry) -> Suggestion:
    """An acronym or surname the registry already gives another entity cannot be an alias."""
    aliases = tuple(a for a in suggestion.aliases if not registry.covers(a))
    return replace(suggestion, aliases=aliases)


def _display_forms(forms: Mapping[str, int]) -> list[str]:
    """Spellings most frequent first, one per case-folded form; shouting only if alone."""
    chosen: dict[str, str] = {}
    for form, _ in sorted(forms.items(), key=lambda pair: (-pair[1], pair[0])):
        chosen.setdefault(form.casefold().replace("’", "'"), form)
    spellings = list(chosen.values())
    quiet = [f for f in spellings if not f.isupper()]
    return (quiet or spellings)[:6]


def _drop_shared_aliases(found: list[Suggestion]) -> list[Suggestion]:
    """An alias two suggestions claim, or another's name, names neither: drop it."""
    claims = Counter(alias_key(a) for s in found for a in {*s.aliases} - {s.name})
    claims.update(alias_key(s.name) for s in found)
    kept = []
    for s in found:
        own = alias_key(s.name)
        aliases = tuple(a for a in s.aliases if alias_key(a) == own or claims[alias_key(a)] == 1)
        kept.append(replace(s, aliases=aliases))
    return kept
