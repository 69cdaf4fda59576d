"""Find registry entities and suggest vocabulary tags in article text.

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
* Where matches overlap, the one that starts first wins, and of those starting at
  the same place the longest (``Kim Il Sung University`` is not ``Kim Il Sung``).

Tag rule syntax (see ``rule_pattern``): a rule is a word or phrase matched as
whole words, case-insensitively unless it has no lower-case letters (``WHO``).
A space or hyphen in a rule matches a space, a hyphen or nothing, so
``inter korean`` finds ``inter-Korean``; an apostrophe matches a straight or
curly one; a dot is a literal dot. ``[sz]`` matches one of the letters
(``denucleari[sz]ation``), ``(me)?`` or ``(y|ies)`` marks an optional part or
alternatives, ``?`` makes the preceding letter optional (``labou?r``) and a
``*`` at the end of a word matches any ending (``sanction*``). Nothing else is
allowed, which keeps rules readable and safe to compile.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import ahocorasick

if TYPE_CHECKING:
    from newsarchive.registry import Entity, Tag

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


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A handful of letters (such as İ) grow when lower-cased; keep them as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


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
    return _Normalised(squeezed, _lower_keeping_length(squeezed), tuple(breaks), tuple(shifts))


def alias_form(alias: str) -> str:
    """An alias as the matcher compares it, case kept: ``Kim Jong-un`` -> ``Kim Jong un``."""
    return _normalise(alias).text.strip()


def alias_key(alias: str) -> str:
    """The key two aliases share when they would match the same text."""
    return _lower_keeping_length(alias_form(alias))


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


# Shorter one-word aliases in capitals are too often numerals or acronyms (XI, ABE).
_MIN_SHOUTED = 4


def _case_allows(rule: _Case, form: str, span: str) -> bool:
    if rule == _Case.ANY:
        return True
    if rule == _Case.CAPITALISED and len(form) >= _MIN_SHOUTED and span == form.upper():
        return True
    return span == form


@dataclass(frozen=True)
class _Pattern:
    """What the automaton stores for one alias key."""

    length: int
    entity_id: str
    forms: tuple[tuple[_Case, str], ...]  # (case rule, form); empty when any case will do
    hangul_end: bool


class EntityMatcher:
    """Finds mentions of registry entities, built once and reused for every article.

    Thousands of aliases cost one pass over the text: an Aho-Corasick automaton
    finds every alias occurrence, then the boundary, case and overlap rules in
    the module docstring pick the real mentions.
    """

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self._automaton = ahocorasick.Automaton()
        patterns = _collect_patterns(entities.values())
        for key, pattern in patterns.items():
            self._automaton.add_word(key, pattern)
        if patterns:
            self._automaton.make_automaton()
        self._empty = not patterns

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
        return [
            (prepared.original_offset(start), prepared.original_offset(end - 1) + 1, entity_id)
            for start, end, entity_id in _resolve_overlaps(self._candidates(prepared))
        ]

    def _candidates(self, prepared: _Normalised) -> Iterable[Span]:
        text = prepared.text
        for last, pattern in self._automaton.iter(prepared.folded):
            end = last + 1
            start = end - pattern.length
            if not _stands_alone(text, start, end, pattern.hangul_end):
                continue
            if pattern.forms and not any(
                _case_allows(rule, form, text[start:end]) for rule, form in pattern.forms
            ):
                continue
            yield start, end, pattern.entity_id


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


def _collect_patterns(entities: Iterable[Entity]) -> dict[str, _Pattern]:
    """One pattern per alias key; a key claimed by two entities is refused."""
    owners: dict[str, str] = {}
    forms: dict[str, set[tuple[_Case, str]]] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            form = alias_form(alias)
            key = _lower_keeping_length(form)
            if not key:
                raise ValueError(f"entity {entity.id}: alias {alias!r} is empty once normalised")
            owner = owners.setdefault(key, entity.id)
            if owner != entity.id:
                raise ValueError(f"alias {alias!r} belongs to both {owner} and {entity.id}")
            forms.setdefault(key, set()).add((_case_rule(form), form))
    patterns = {}
    for key, entity_id in owners.items():
        key_forms = forms[key]
        any_case = any(rule == _Case.ANY for rule, _ in key_forms)
        patterns[key] = _Pattern(
            length=len(key),
            entity_id=entity_id,
            forms=() if any_case else tuple(sorted(key_forms, key=lambda pair: pair[1])),
            hangul_end=_is_hangul(key[-1]),
        )
    return patterns


# --- tags -----------------------------------------------------------------------------

_SEPARATOR = r"[\s\-\u2010\u2011\u2013]*"
_APOSTROPHE = "['\u2019]"
_RULE_SYNTAX = "letters, digits, spaces, hyphens, apostrophes, dots, [..], (..|..), ? and *"
# A class, a run of spaces and hyphens, or any single character.
_RULE_TOKEN = re.compile(r"\[[^\]]*\]?|[ \-]+|.", re.DOTALL)
_OPENS_PART = ("", "(", "|", "?", "*")


def rule_pattern(rule: str) -> str:
    """Translate one tag rule into a regular expression; ValueError says what is wrong."""
    text = rule.strip()
    if not text:
        raise ValueError("empty rule")
    tokens = _RULE_TOKEN.findall(text)
    _check_groups(tokens, rule)
    pieces = [
        _token_pattern(token, tokens[i - 1] if i else "", tokens[i + 1 : i + 2], rule)
        for i, token in enumerate(tokens)
    ]
    body = "".join(pieces)
    return f"(?i:{body})" if any(c.islower() for c in text) else f"(?:{body})"


def _check_groups(tokens: list[str], rule: str) -> None:
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0:
            raise ValueError(f"unbalanced ')' in {rule!r}")
        if token == "|" and depth == 0:
            raise ValueError(f"'|' outside (..) in {rule!r}")
    if depth:
        raise ValueError(f"unbalanced '(' in {rule!r}")


def _token_pattern(token: str, previous: str, following: list[str], rule: str) -> str:
    """The regular expression for one rule token, refusing anything outside the syntax."""
    if token.isalnum():
        return re.escape(token)
    if token.strip(" -") == "":
        return _SEPARATOR
    if token in ("'", "\u2019"):
        return _APOSTROPHE
    if token == ".":
        return r"\."
    if token in ("(", ")", "|"):
        return {"(": "(?:", ")": ")", "|": "|"}[token]
    if token.startswith("["):
        letters = token[1:-1] if token.endswith("]") else ""
        if not letters.isalnum():
            raise ValueError(f"[..] must hold letters or digits only, in {rule!r}")
        return token
    if token == "?":
        if previous in _OPENS_PART or previous.strip(" -") == "":
            raise ValueError(f"'?' must follow a letter, [..] or (..) in {rule!r}")
        return "?"
    if token == "*":
        if following and following[0] not in (")", "|") and following[0].strip(" -"):
            raise ValueError(f"'*' may only end a word, in {rule!r}")
        return r"\w*"
    raise ValueError(f"unsupported character {token!r} in {rule!r}; rules allow {_RULE_SYNTAX}")


def _tag_regex(rules: Iterable[str]) -> re.Pattern[str]:
    # Longer rules first, so a phrase is preferred to a word it starts with.
    alternatives = [rule_pattern(rule) for rule in sorted(rules, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


_LITERAL_TOKEN = re.compile(r"\[[^\]]*\]?|[()]|[^\W_]+|.", re.DOTALL)


def _required_literal(rule: str) -> str:
    """The longest run of letters every match of a rule contains ('' when there is none).

    Only runs outside (..) groups count, and a letter made optional by ``?``
    is not required: ``labou?r`` requires ``labo``, ``(a|h) bombs?`` ``bomb``.
    """
    tokens = _LITERAL_TOKEN.findall(rule.strip().lower())
    depth, best = 0, ""
    for i, token in enumerate(tokens):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and token.isalnum():
            required = token[:-1] if tokens[i + 1 : i + 2] == ["?"] else token
            if len(required) > len(best):
                best = required
    return best


def _literal_prefilter(tags: Mapping[str, Tag]) -> tuple[ahocorasick.Automaton | None, set[str]]:
    """An automaton of required literals, so only tags whose rules could match are run.

    Regexes cost a pass over the text each; one Aho-Corasick pass over the
    lower-cased text rules most tags out first. Tags with a rule that has no
    required literal are always run.
    """
    automaton = ahocorasick.Automaton()
    owners: dict[str, set[str]] = {}
    always: set[str] = set()
    for tag_id, tag in tags.items():
        for rule in tag.match:
            literal = _required_literal(rule)
            if literal:
                owners.setdefault(literal, set()).add(tag_id)
            else:
                always.add(tag_id)
    if not owners:
        return None, always
    for literal, ids in owners.items():
        automaton.add_word(literal, frozenset(ids))
    automaton.make_automaton()
    return automaton, always


class TagSuggester:
    """Suggests vocabulary tags for a text from the tags' ``match`` rules.

    Tags come back strongest first: ordered by how many times their rules
    match, ties broken by vocabulary order (the order of ``tags``). A tag needs
    at least ``min_hits`` matches to be suggested at all.
    """

    def __init__(self, tags: Mapping[str, Tag], min_hits: int = 1) -> None:
        if min_hits < 1:
            raise ValueError("min_hits must be at least 1")
        self._min_hits = min_hits
        self._regexes = {tag_id: _tag_regex(tag.match) for tag_id, tag in tags.items()}
        self._order = {tag_id: position for position, tag_id in enumerate(self._regexes)}
        self._prefilter, self._always = _literal_prefilter(tags)

    def scores(self, text: str) -> dict[str, int]:
        """Rule matches per tag, for the tags that matched at all, in vocabulary order."""
        candidates = set(self._always)
        if self._prefilter is not None:
            for _end, tag_ids in self._prefilter.iter(text.lower()):
                candidates.update(tag_ids)
        counts = {}
        for tag_id, regex in self._regexes.items():
            if tag_id not in candidates:
                continue
            count = sum(1 for _ in regex.finditer(text))
            if count:
                counts[tag_id] = count
        return counts

    def suggest(self, text: str) -> list[str]:
        """Tag ids with at least ``min_hits`` matches, strongest first."""
        counts = self.scores(text)
        strong = [tag_id for tag_id, count in counts.items() if count >= self._min_hits]
        return sorted(strong, key=lambda tag_id: (-counts[tag_id], self._order[tag_id]))
