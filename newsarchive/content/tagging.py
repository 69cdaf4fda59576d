"""Suggest vocabulary tags for an article, on real evidence from the tags' rules.

Evidence rules (see ``TagSuggester``):

* Every ``match`` rule of a tag has a weight: 1 unless the tag file gives one
  (``{rule: "denucleari[sz]*", weight: 2}``). Specific terms weigh more than the
  generic words that also turn up in unrelated copy (``rice``, ``farm*``).
* A hit scores its weight times a factor for where it stands: ``TITLE_FACTOR`` in
  the title, ``LEDE_FACTOR`` in the lede (the first paragraph, at most its first
  ``LEDE_LIMIT`` characters: a corpus that lost its paragraph breaks has one huge
  first paragraph), 1 anywhere else, captions included. A title that only
  repeats the start of the lede (a brief's title cut from it) counts as lede.
* A hit inside a match of one of the tag's ``not`` rules is no evidence:
  ``juche #`` keeps ``Juche 113`` (a calendar year) from counting for ideology,
  ``minist(er|ry) of agriculture`` a guest list's minister for agriculture.
* Hits of one tag do not overlap: the leftmost, then the longest, counts.
* A tag is suggested when its score reaches its ``min_score``
  (``registry.model.DEFAULT_MIN_SCORE`` unless the tag file gives one), so one passing word in
  the body is not enough, while one specific term, or a word in the title, is.
* Evidence is *weak* when it rests on one hit whose rule weighs less than the
  tag's min_score: a title word, or a passing mention (see ``TagEvidence``).
* Tags come strongest first: by score, ties in vocabulary order.

The rule syntax, its safety limits and the anchors are ``newsarchive.content.tagrules``
(``compile_rule``, ``rule_pattern`` and the limits are importable from here too).

Speed: one Aho-Corasick pass over the lower-cased text finds the letters every
match of a rule must contain; a rule is then tried only where its letters are
(anchored, so a rule costs nothing where it cannot match). Rules without such
letters are searched in full. A call into RE2 costs more than one into ``re``, so
two checks in Python skip the tries that cannot match, without changing what
matches: the character after the anchor letters (past one separator) must be one
the rest of the rule can start with (``tagrules.follow_characters``: ``korean war``
is not tried on ``Korean People's``), and a word start before the anchor must hold
a character the rule can start with (``tagrules.first_characters``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from newsarchive.content.tagrules import (
    MAX_GROUP_DEPTH,
    MAX_PROGRAM_SIZE,
    MAX_RULE_LENGTH,
    SEPARATOR_MAX,
    anchors_of,
    compile_rule,
    first_characters,
    rule_pattern,
)
from newsarchive.content.textfold import fold_case
from newsarchive.content.wordregex import WordPattern, WordText

if TYPE_CHECKING:
    from newsarchive.content.registry.model import Tag, TagRule

__all__ = [
    "LEDE_FACTOR",
    "LEDE_LIMIT",
    "MAX_GROUP_DEPTH",
    "MAX_PROGRAM_SIZE",
    "MAX_RULE_LENGTH",
    "TITLE_FACTOR",
    "TagEvidence",
    "TagHit",
    "TagSuggester",
    "compile_rule",
    "rule_pattern",
]

TITLE_FACTOR = 2.0
LEDE_FACTOR = 1.5
LEDE_LIMIT = 500

# --- evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TagHit:
    """One rule match: the words as written, where they stand and the rule's weight."""

    text: str
    place: str  # "title", "lede" or "body"
    weight: float

    @property
    def score(self) -> float:
        return self.weight * _FACTORS[self.place]


_FACTORS = {"title": TITLE_FACTOR, "lede": LEDE_FACTOR, "body": 1.0}


@dataclass(frozen=True)
class TagEvidence:
    """Why a tag fits an article, or does not yet.

    ``hits`` counts rule matches; ``weak`` is True when the evidence rests on a
    single hit whose rule weighs less than the tag's min_score (a word in the
    title, or a passing mention); ``accepted`` when the score reaches min_score.
    """

    tag_id: str
    score: float
    hits: int
    weak: bool
    accepted: bool
    matches: tuple[TagHit, ...]

    @property
    def strongest(self) -> TagHit:
        """The hit that counts most, the first of equals."""
        return max(self.matches, key=lambda hit: hit.score)


@dataclass(frozen=True)
class _Rule:
    tag: int  # index of the tag in vocabulary order
    weight: float  # 0 for a ``not`` rule
    text: str
    regex: WordPattern
    starts: frozenset[str] | None  # what a match can start with; None: anything
    case_sensitive: bool  # ``starts`` is checked against the text as written, else folded

    @classmethod
    def of(cls, tag: int, weight: float, text: str) -> _Rule:
        case_sensitive = not any(c.islower() for c in text)
        return cls(tag, weight, text, compile_rule(text), first_characters(text), case_sensitive)

    @property
    def negative(self) -> bool:
        return self.weight == 0


@dataclass(frozen=True)
class _Article:
    """Title and paragraphs as one text, and where the title and the lede end."""

    text: str
    title_end: int
    lede_end: int

    @classmethod
    def of(cls, title: str, paragraphs: Sequence[str]) -> _Article:
        lede = paragraphs[0] if paragraphs else ""
        if _repeats_lede(title, lede):
            title = ""
        text = "\n\n".join((title, *paragraphs))
        lede_start = len(title) + 2
        return cls(text, len(title), lede_start + min(len(lede), LEDE_LIMIT))

    def place(self, start: int) -> str:
        if start < self.title_end:
            return "title"
        return "lede" if start < self.lede_end else "body"


def _repeats_lede(title: str, lede: str) -> bool:
    """A title cut from the start of the lede (as ingest makes for briefs) says nothing new."""
    head = " ".join(title.rstrip(".\u2026 ").split())
    return bool(head) and " ".join(lede[: 2 * len(title) + 20].split()).startswith(head)


Match = tuple[int, int, int]  # start, end, rule index


class TagSuggester:
    """Suggests vocabulary tags for an article from the tags' rules; see the module docstring.

    Built once from the vocabulary and reused for every article.
    """

    def __init__(self, tags: Mapping[str, Tag]) -> None:
        self._ids = list(tags)
        self._min_scores = [float(tag.min_score) for tag in tags.values()]
        self._rules: list[_Rule] = []
        for index, tag in enumerate(tags.values()):
            for rule in tag.match:
                text, weight = _rule_and_weight(rule)
                self._rules.append(_Rule.of(index, weight, text))
            for text in tag.not_rules:
                self._rules.append(_Rule.of(index, 0.0, text))
        self._prefilter, self._searched = _anchors(self._rules)

    def assess(self, title: str, paragraphs: Sequence[str]) -> list[TagEvidence]:
        """Evidence for every tag with at least one hit, strongest first.

        ``paragraphs[0]`` is the lede; captions may follow the body as further paragraphs.
        """
        article = _Article.of(title, paragraphs)
        by_tag: dict[int, list[Match]] = {}
        for match in self._matches(article.text):
            by_tag.setdefault(self._rules[match[2]].tag, []).append(match)
        found = [self._evidence(article, tag, matches) for tag, matches in by_tag.items()]
        found = [evidence for evidence in found if evidence is not None]
        order = {tag_id: position for position, tag_id in enumerate(self._ids)}
        return sorted(found, key=lambda e: (-e.score, order[e.tag_id]))

    def suggest(self, title: str, paragraphs: Sequence[str]) -> list[str]:
        """The ids of the tags whose evidence reaches their min_score, strongest first."""
        return [evidence.tag_id for evidence in self.assess(title, paragraphs) if evidence.accepted]

    def _matches(self, text: str) -> set[Match]:
        """Every match of every rule (``not`` rules too) in the text."""
        found: set[Match] = set()
        prepared = WordText(text)
        if self._prefilter is not None:
            folded = fold_case(text)
            for last, (length, at_start, near) in self._prefilter.iter(folded):
                start = last + 1 - length
                end = start + length
                after = _after_separator(folded, end)
                if at_start and _starts_word(text, start):
                    first = text[start]
                    for index, regex, starts, follow in at_start:
                        if _excluded(after, follow) or _excluded(first, starts):
                            continue
                        match = regex.match_at(prepared, start)
                        if match is not None and match[1] >= end:
                            found.add((*match, index))
                for index, reach, rule, follow in near:
                    if _excluded(after, follow):
                        continue
                    seen = text if rule.case_sensitive else folded
                    match = _match_near(rule, prepared, seen, start, end, reach)
                    if match is not None:
                        found.add((*match, index))
        for index in self._searched:
            regex = self._rules[index].regex
            found.update((start, end, index) for start, end in regex.finditer(prepared))
        return found

    def _evidence(self, article: _Article, tag: int, matches: list[Match]) -> TagEvidence | None:
        """The tag's hits once ``not`` rules and overlaps are settled, and what they add up to."""
        negative = [(s, e) for s, e, i in matches if self._rules[i].negative]
        positive = [m for m in matches if not self._rules[m[2]].negative]
        positive = [m for m in positive if not any(s <= m[0] and m[1] <= e for s, e in negative)]
        hits = tuple(
            TagHit(article.text[s:e], article.place(s), self._rules[i].weight)
            for s, e, i in _leftmost_longest(positive)
        )
        if not hits:
            return None
        min_score = self._min_scores[tag]
        score = sum(hit.score for hit in hits)
        weak = len(hits) == 1 and hits[0].weight < min_score
        return TagEvidence(self._ids[tag], score, len(hits), weak, score >= min_score, hits)


def _rule_and_weight(rule: TagRule | str) -> tuple[str, float]:
    """A match rule as text and weight: a plain string weighs 1."""
    if isinstance(rule, str):
        return rule, 1.0
    return rule.rule, float(rule.weight)


# A rule whose matches start with the anchor letters: index, pattern, the first characters
# of a case-sensitive rule (the anchor letters are folded, the rule is not), and what may
# follow the anchor letters (``tagrules.follow_characters``).
_AtStart = tuple[int, WordPattern, frozenset[str] | None, frozenset[str] | None]
# A rule whose matches may start before the anchor letters: index, reach, rule, follow.
_Near = tuple[int, int, "_Rule", frozenset[str] | None]


def _anchors(rules: list[_Rule]) -> tuple[ahocorasick.Automaton | None, list[int]]:
    """An automaton from anchor letters to the rules they anchor, and the rules to search in full.

    Its values are (length, rules starting at the letters, rules starting up to their
    reach before them): the first are tried once, at the hit, the others at each word
    start within reach.
    """
    at_start: dict[str, list[_AtStart]] = {}
    near: dict[str, list[_Near]] = {}
    searched = []
    for index, rule in enumerate(rules):
        anchors = anchors_of(rule.text)
        if anchors is None:
            searched.append(index)
            continue
        for letters, reach, follow in anchors:
            if reach == 0:
                starts = rule.starts if rule.case_sensitive else None
                at_start.setdefault(letters, []).append((index, rule.regex, starts, follow))
            else:
                near.setdefault(letters, []).append((index, reach, rule, follow))
    every = dict.fromkeys([*at_start, *near])
    if not every:
        return None, searched
    automaton = ahocorasick.Automaton()
    for letters in every:
        value = (len(letters), tuple(at_start.get(letters, ())), tuple(near.get(letters, ())))
        automaton.add_word(letters, value)
    automaton.make_automaton()
    return automaton, searched


# Where a match may start: no letter or digit before it.
_WORD_START = re.compile(r"(?<!\w)\w")


_SEPARATOR_CHARACTERS = frozenset(
    c
    for c in map(chr, range(0x3001))
    if (c.isspace() and c != "\n") or c in "-\u2010\u2011\u2012\u2013"
)


def _after_separator(folded: str, end: int) -> str | None:
    """The character at ``end`` past at most one separator: "" at the end of the text, None
    when it is not ASCII (a fold ``str.lower`` does not know may make it match)."""
    position, stop = end, min(len(folded), end + SEPARATOR_MAX)
    while position < stop and folded[position] in _SEPARATOR_CHARACTERS:
        position += 1
    char = folded[position : position + 1]
    return char if char.isascii() else None


def _excluded(char: str | None, allowed: frozenset[str] | None) -> bool:
    """Whether a known character rules a match out: it is not among those a rule allows."""
    return allowed is not None and char is not None and char not in allowed


def _starts_word(text: str, start: int) -> bool:
    """No letter, digit or ``_`` before ``start`` (anchor letters are word characters)."""
    if not start:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before == "_")


def _match_near(
    rule: _Rule, text: WordText, seen: str, start: int, end: int, reach: int
) -> tuple[int, int] | None:
    """A match of the rule that holds the anchor letters at start..end, leftmost first.

    It is tried at each word start up to ``reach`` characters before them whose
    character can begin a match; ``seen`` is the text as written for a
    case-sensitive rule, else folded.
    """
    starts = rule.starts
    for word in _WORD_START.finditer(text.text, max(0, start - reach), start + 1):
        position = word.start()
        first = seen[position]
        if starts is not None and first not in starts and first.isascii():
            continue
        found = rule.regex.match_at(text, position)
        if found is not None and found[1] >= end:
            return found
    return None


def _leftmost_longest(matches: Iterable[Match]) -> list[Match]:
    """Matches that do not overlap: the one starting first wins, then the longest."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m[0], -m[1], m[2])):
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept
