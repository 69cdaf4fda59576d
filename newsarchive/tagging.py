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
  (``DEFAULT_MIN_SCORE`` unless the tag file gives one), so one passing word in
  the body is not enough, while one specific term, or a word in the title, is.
* Evidence is *weak* when it rests on one hit whose rule weighs less than the
  tag's min_score: a title word, or a passing mention (see ``TagEvidence``).
* Tags come strongest first: by score, ties in vocabulary order.

Rule syntax (``rule_pattern``): a rule is a word or phrase matched as whole
words, case-insensitively unless it has no lower-case letters (``WHO``). A space
or hyphen in a rule matches up to three spaces or hyphens, or nothing, so
``inter korean`` finds ``inter-Korean``; an apostrophe matches a straight or
curly one; a dot or a comma is itself (``arts, public health``). ``[sz]``
matches one of the letters (``denucleari[sz]ation``), ``(me)?`` or ``(y|ies)``
marks an optional part or alternatives, ``?`` makes the preceding letter
optional (``labou?r``), a ``*`` at the end of a word matches any ending
(``sanction*``) and ``#`` matches a number (``juche #`` finds ``Juche 113``; in
YAML, quote a rule with ``#``, which would otherwise start a comment). Nothing
else is allowed, which keeps rules readable and safe to compile.

Speed: one Aho-Corasick pass over the lower-cased text finds the letters every
match of a rule must contain; a rule is then tried only where its letters are
(anchored, so a rule costs nothing where it cannot match). Rules without such
letters are searched in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from newsarchive.textfold import fold_case

if TYPE_CHECKING:
    from newsarchive.registry import Tag, TagRule

TITLE_FACTOR = 2.0
LEDE_FACTOR = 1.5
LEDE_LIMIT = 500
DEFAULT_MIN_SCORE = 2.0

# --- rule syntax ------------------------------------------------------------------------

_SEPARATOR_MAX = 3
_SEPARATOR = rf"(?:[^\S\n]|[\-\u2010\u2011\u2012\u2013]){{0,{_SEPARATOR_MAX}}}"
_NUMBER = r"\d+(?:[.,]\d+)*"
_APOSTROPHE = "['\u2019]"
_RULE_SYNTAX = (
    "letters, digits, spaces, hyphens, apostrophes, dots, commas, [..], (..|..), ?, * and #"
)
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
    if token in (".", ","):
        return re.escape(token)
    if token == "#":
        return _NUMBER
    if token in ("(", ")", "|"):
        return {"(": "(?:", ")": ")", "|": "|"}[token]
    if token.startswith("["):
        letters = token[1:-1] if token.endswith("]") else ""
        if not letters.isalnum():
            raise ValueError(f"[..] must hold letters or digits only, in {rule!r}")
        return token
    if token == "?":
        if previous in _OPENS_PART or previous == "#" or previous.strip(" -") == "":
            raise ValueError(f"'?' must follow a letter, [..] or (..) in {rule!r}")
        return "?"
    if token == "*":
        if following and following[0] not in (")", "|", ",", ".") and following[0].strip(" -"):
            raise ValueError(f"'*' may only end a word, in {rule!r}")
        return r"\w*"
    raise ValueError(f"unsupported character {token!r} in {rule!r}; rules allow {_RULE_SYNTAX}")


def _rule_regex(rule: str) -> re.Pattern[str]:
    """A rule as whole words: no letter or digit may touch a match on either side."""
    return re.compile(r"(?<!\w)" + rule_pattern(rule) + r"(?!\w)")


# --- where a rule can match: its anchors -----------------------------------------------

# Anchor letters shorter than this, or this common, are in every text: the rule is searched.
_MIN_ANCHOR = 3
_TOO_COMMON = frozenset({"and", "the", "for", "its", "was", "has", "are", "not", "but", "you"})


@dataclass
class _Group:
    """A (..|..) of a rule: its alternatives, each a list of tokens and groups."""

    alternatives: list[list[str | _Group]]
    optional: bool = False


_Anchor = tuple[str, int]  # letters every match holds (one of), characters a match may start before


def _anchors_of(rule: str) -> list[_Anchor] | None:
    """Letters one of which every match of the rule holds, and how far before them it may start.

    A run of letters outside (..) counts (a letter made optional by ``?`` is not
    required: ``labou?r`` requires ``labo``), and so does a (..) that is not
    optional, when each of its alternatives has such letters: ``(food|flood)
    aid`` needs ``food`` or ``flood``. The rarest-looking choice wins (its
    shortest letters the longest). None when no choice has letters of at least
    ``_MIN_ANCHOR`` that are not too common, or they follow an unbounded part.
    """
    text = rule.strip().lower()
    if text[:1] in ("'", "\u2019", "."):
        return None  # a match would not start at a word: leave it to the full search
    choices = _anchor_choices(_parse(_RULE_TOKEN.findall(text)))
    usable = [c for c in choices if all(_good_anchor(letters) for letters, _ in c)]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(letters) for letters, _ in c), -len(c)))


def _good_anchor(letters: str) -> bool:
    return len(letters) >= _MIN_ANCHOR and letters not in _TOO_COMMON


def _parse(tokens: list[str]) -> list[str | _Group]:
    """Rule tokens as a tree of (..) groups; ``?`` after a group marks it optional."""
    stack: list[list[list[str | _Group]]] = [[[]]]
    for token in tokens:
        current = stack[-1][-1]
        if token == "(":
            stack.append([[]])
        elif token == "|":
            stack[-1].append([])
        elif token == ")":
            stack[-2][-1].append(_Group(stack.pop()))
        elif token == "?" and current and isinstance(current[-1], _Group):
            current[-1].optional = True
        else:
            current.append(token)
    return stack[0][0]


def _width(node: str | _Group) -> int | None:
    """The most characters a token or group can match; None when unbounded (``*``, ``#``)."""
    if isinstance(node, _Group):
        widths = [_sequence_width(alternative) for alternative in node.alternatives]
        return None if None in widths else max(widths)
    if node in ("*", "#"):
        return None
    if node.strip(" -") == "":
        return _SEPARATOR_MAX
    return 0 if node == "?" else 1


def _sequence_width(sequence: list[str | _Group]) -> int | None:
    total = 0
    for node in sequence:
        width = _width(node)
        if width is None:
            return None
        total += width
    return total


def _anchor_choices(sequence: list[str | _Group]) -> list[list[_Anchor]]:
    """Each way to anchor a sequence: one run of letters, or one entry per alternative."""
    choices: list[list[_Anchor]] = [[run] for run in _runs(sequence)]
    before: int | None = 0
    for node in sequence:
        if isinstance(node, _Group) and not node.optional and before is not None:
            per_alternative = [_longest_run(alternative) for alternative in node.alternatives]
            if all(per_alternative):
                choices.append([(letters, before + reach) for letters, reach in per_alternative])
        width = _width(node)
        before = None if before is None or width is None else before + width
    return choices


def _runs(sequence: list[str | _Group]) -> list[_Anchor]:
    """Required runs of letters outside groups, with the width that may come before each."""
    runs: list[_Anchor] = []
    letters, start, before = "", 0, 0
    for index, node in enumerate(sequence):
        optional = sequence[index + 1 : index + 2] == ["?"]
        if isinstance(node, str) and node.isalnum() and not optional:
            if not letters:
                start = before
            letters += node
        elif letters:
            runs.append((letters, start))
            letters = ""
        width = _width(node)
        before = None if before is None or width is None else before + width
        if before is None:
            break
    if letters:
        runs.append((letters, start))
    return runs


def _longest_run(sequence: list[str | _Group]) -> _Anchor | None:
    runs = [run for run in _runs(sequence) if _good_anchor(run[0])]
    return max(runs, key=lambda run: len(run[0])) if runs else None


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
    regex: re.Pattern[str]

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
                self._rules.append(_Rule(index, weight, text, _rule_regex(text)))
            for text in tag.not_rules:
                self._rules.append(_Rule(index, 0.0, text, _rule_regex(text)))
        self._prefilter, self._searched = _anchors([rule.text for rule in self._rules])

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
        if self._prefilter is not None:
            for last, (length, anchored) in self._prefilter.iter(fold_case(text)):
                start = last + 1 - length
                for index, reach in anchored:
                    match = _match_near(self._rules[index].regex, text, start, length, reach)
                    if match is not None:
                        found.add((*match, index))
        for index in self._searched:
            regex = self._rules[index].regex
            found.update((m.start(), m.end(), index) for m in regex.finditer(text))
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


def _anchors(rules: list[str]) -> tuple[ahocorasick.Automaton | None, list[int]]:
    """An automaton from anchor letters to (rule, reach), and the rules to search in full."""
    anchored: dict[str, list[tuple[int, int]]] = {}
    searched = []
    for index, rule in enumerate(rules):
        anchors = _anchors_of(rule)
        if anchors is None:
            searched.append(index)
            continue
        for letters, reach in anchors:
            anchored.setdefault(letters, []).append((index, reach))
    if not anchored:
        return None, searched
    automaton = ahocorasick.Automaton()
    for letters, entries in anchored.items():
        automaton.add_word(letters, (len(letters), tuple(entries)))
    automaton.make_automaton()
    return automaton, searched


# Where a match may start: no letter or digit before it.
_WORD_START = re.compile(r"(?<!\w)\w")


def _match_near(
    regex: re.Pattern[str], text: str, start: int, length: int, reach: int
) -> tuple[int, int] | None:
    """A match of the rule that holds the anchor letters at ``start``, leftmost first."""
    for word in _WORD_START.finditer(text, max(0, start - reach), start + 1):
        found = regex.match(text, word.start())
        if found is not None and found.end() >= start + length:
            return found.start(), found.end()
    return None


def _leftmost_longest(matches: Iterable[Match]) -> list[Match]:
    """Matches that do not overlap: the one starting first wins, then the longest."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m[0], -m[1], m[2])):
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept
