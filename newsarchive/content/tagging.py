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

Safety: rules come from contributors, so they run on RE2 (``newsarchive.content.wordregex``),
whose time is linear in the text whatever the rule: nested optional groups cannot
make matching backtrack. A rule is refused (``compile_rule``, which the registry
loader applies, so ``invoke check`` names the file and rule) when it is longer than
``MAX_RULE_LENGTH`` characters, nests (..) deeper than ``MAX_GROUP_DEPTH``, compiles
to more than ``MAX_PROGRAM_SIZE`` RE2 instructions, or can match empty text (it
would hit between any two words).

Speed: one Aho-Corasick pass over the lower-cased text finds the letters every
match of a rule must contain; a rule is then tried only where its letters are
(anchored, so a rule costs nothing where it cannot match). Rules without such
letters are searched in full. A call into RE2 costs more than one into ``re``, so
two checks in Python skip the tries that cannot match, without changing what
matches: the character after the anchor letters (past one separator) must be one
the rest of the rule can start with (``_follow``: ``korean war`` is not tried on
``Korean People's``), and a word start before the anchor must hold a character
the rule can start with (``_first_characters``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from newsarchive.content.textfold import fold_case
from newsarchive.content.wordregex import (
    APOSTROPHE,
    DASH,
    DIGIT,
    SPACE,
    WORD,
    WordPattern,
    WordText,
)

if TYPE_CHECKING:
    from newsarchive.content.registry import Tag, TagRule

TITLE_FACTOR = 2.0
LEDE_FACTOR = 1.5
LEDE_LIMIT = 500
DEFAULT_MIN_SCORE = 2.0

# --- rule syntax ------------------------------------------------------------------------

# Limits that keep a rule readable and its compiled form small (RE2 is linear in the
# text, with a factor that grows with the program).
MAX_RULE_LENGTH = 200
MAX_GROUP_DEPTH = 3
MAX_PROGRAM_SIZE = 5000

# Patterns are RE2 syntax (``newsarchive.content.wordregex``): its \w, \s and \d know ASCII only.
_SEPARATOR_MAX = 3
_SEPARATOR = f"(?:{SPACE}|{DASH}){{0,{_SEPARATOR_MAX}}}"
_NUMBER = f"{DIGIT}+(?:[.,]{DIGIT}+)*"
_APOSTROPHE = APOSTROPHE
_RULE_SYNTAX = (
    "letters, digits, spaces, hyphens, apostrophes, dots, commas, [..], (..|..), ?, * and #"
)
# A class, a run of spaces and hyphens, or any single character.
_RULE_TOKEN = re.compile(r"\[[^\]]*\]?|[ \-]+|.", re.DOTALL)
_OPENS_PART = ("", "(", "|", "?", "*")


def rule_pattern(rule: str) -> str:
    """Translate one tag rule into an RE2 pattern; ValueError says what is wrong."""
    text = rule.strip()
    if not text:
        raise ValueError("empty rule")
    if len(text) > MAX_RULE_LENGTH:
        raise ValueError(
            f"rule of {len(text)} characters, at most {MAX_RULE_LENGTH}: {text[:40]!r}...; "
            "split it into several rules"
        )
    tokens = _RULE_TOKEN.findall(text)
    _check_groups(tokens, rule)
    pieces = [
        _token_pattern(token, tokens[i - 1] if i else "", tokens[i + 1 : i + 2], rule)
        for i, token in enumerate(tokens)
    ]
    body = "".join(pieces)
    return f"(?i:{body})" if any(c.islower() for c in text) else f"(?:{body})"


@lru_cache(maxsize=4096)
def compile_rule(rule: str) -> WordPattern:
    """A rule compiled to run as whole words; ValueError when it cannot run safely.

    The registry loader calls this for every rule, so what ``invoke check`` accepts,
    ingest can run: within RE2's size limit, and never matching empty text.
    """
    pattern = WordPattern(rule_pattern(rule))
    if pattern.size > MAX_PROGRAM_SIZE:
        raise ValueError(
            f"rule too complex to run safely ({pattern.size} RE2 instructions, at most "
            f"{MAX_PROGRAM_SIZE}) in {rule!r}; split it into several rules"
        )
    if pattern.match_at(WordText(""), 0) is not None:
        raise ValueError(f"rule can match empty text, so it would hit everywhere: {rule!r}")
    return pattern


def _check_groups(tokens: list[str], rule: str) -> None:
    """(..) balanced, at most ``MAX_GROUP_DEPTH`` deep; ``|`` only inside one."""
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth > MAX_GROUP_DEPTH:
            raise ValueError(f"(..) nested more than {MAX_GROUP_DEPTH} deep in {rule!r}")
        if depth < 0:
            raise ValueError(f"unbalanced ')' in {rule!r}")
        if token == "|" and depth == 0:
            raise ValueError(f"'|' outside (..) in {rule!r}")
    if depth:
        raise ValueError(f"unbalanced '(' in {rule!r}")


def _token_pattern(token: str, previous: str, following: list[str], rule: str) -> str:
    """The regular expression for one rule token, refusing anything outside the syntax."""
    if token.isalnum():
        return token
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
        return f"{WORD}*"
    raise ValueError(f"unsupported character {token!r} in {rule!r}; rules allow {_RULE_SYNTAX}")


# --- where a rule can match: its anchors -----------------------------------------------

# Anchor letters shorter than this, or this common, are in every text: the rule is searched.
_MIN_ANCHOR = 3
_TOO_COMMON = frozenset({"and", "the", "for", "its", "was", "has", "are", "not", "but", "you"})


@dataclass
class _Group:
    """A (..|..) of a rule: its alternatives, each a list of tokens and groups."""

    alternatives: list[list[str | _Group]]
    optional: bool = False


# Letters every match holds (one of), how many characters a match may start before them,
# and what may follow them (``_follow``).
_Anchor = tuple[str, int, frozenset[str] | None]


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
    usable = [c for c in choices if all(_good_anchor(anchor[0]) for anchor in c)]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(anchor[0]) for anchor in c), -len(c)))


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
    for index, node in enumerate(sequence):
        if isinstance(node, _Group) and not node.optional and before is not None:
            after = sequence[index + 1 :]
            per_alternative = [_longest_run(option, after) for option in node.alternatives]
            if all(per_alternative):
                choices.append(
                    [
                        (letters, before + reach, follow)
                        for letters, reach, follow in per_alternative
                    ]
                )
        width = _width(node)
        before = None if before is None or width is None else before + width
    return choices


def _runs(sequence: list[str | _Group], after: Sequence[str | _Group] = ()) -> list[_Anchor]:
    """Required runs of letters outside groups, with the width that may come before each.

    ``after`` is what follows the sequence in the rule (the rest of the rule after
    the (..) that holds it), for what may follow a run that ends the sequence.
    """
    runs: list[_Anchor] = []
    letters, start, before = "", 0, 0
    for index, node in enumerate(sequence):
        optional = sequence[index + 1 : index + 2] == ["?"]
        if isinstance(node, str) and node.isalnum() and not optional:
            if not letters:
                start = before
            letters += node
        elif letters:
            runs.append((letters, start, _follow([*sequence[index:], *after])))
            letters = ""
        width = _width(node)
        before = None if before is None or width is None else before + width
        if before is None:
            break
    if letters:
        runs.append((letters, start, _follow(list(after))))
    return runs


def _longest_run(
    sequence: list[str | _Group], after: Sequence[str | _Group] = ()
) -> _Anchor | None:
    runs = [run for run in _runs(sequence, after) if _good_anchor(run[0])]
    return max(runs, key=lambda run: len(run[0])) if runs else None


def _follow(rest: list[str | _Group]) -> frozenset[str] | None:
    """What the text after anchor letters must start with, past one separator, for the rest
    of the rule to match: the first characters of the rest (lower case, ASCII).

    None, and no check, when the rest can match nothing (the rule may end there),
    starts with a number, a word ending, another separator, or non-ASCII letters
    (whose case folds are not all known to ``str.lower``).
    """
    if rest and isinstance(rest[0], str) and rest[0].strip(" -") == "":
        rest = rest[1:]
    first, can_be_empty = _sequence_first(rest)
    if first is None or can_be_empty or not all(c.isascii() for c in first):
        return None
    return first


def _first_characters(rule: str) -> frozenset[str] | None:
    """The characters a match of the rule can start with, lower-cased unless the rule is
    case-sensitive; None when a number or a separator may come first (too many to list)
    or a letter is not ASCII (whose case folds are not all known to ``str.lower``).

    An anchor hit is tried at each word start shortly before it; those whose first
    character cannot begin a match are skipped without calling the regex engine.
    """
    text = rule.strip()
    if any(c.islower() for c in text):
        text = text.lower()
    first, can_be_empty = _sequence_first(_parse(_RULE_TOKEN.findall(text)))
    if first is None or can_be_empty or not all(c.isascii() for c in first):
        return None
    return first


def _sequence_first(sequence: list[str | _Group]) -> tuple[frozenset[str] | None, bool]:
    """First characters of a sequence's matches, and whether it can match nothing."""
    chars: set[str] = set()
    for index, node in enumerate(sequence):
        if isinstance(node, _Group):
            can_be_empty = node.optional
            for alternative in node.alternatives:
                first, empty = _sequence_first(alternative)
                if first is None:
                    return None, False
                chars |= first
                can_be_empty = can_be_empty or empty
        elif node == "?":
            continue
        else:
            first = _token_first(node)
            if first is None:
                return None, False
            chars |= first
            can_be_empty = sequence[index + 1 : index + 2] == ["?"]
        if not can_be_empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _token_first(token: str) -> frozenset[str] | None:
    if token.isalnum() or token in (".", ","):
        return frozenset(token)
    if token.startswith("["):
        return frozenset(token[1:-1])
    if token in ("'", "\u2019"):
        return frozenset("'\u2019")
    return None  # a number, a separator or a word ending


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
        return cls(tag, weight, text, compile_rule(text), _first_characters(text), case_sensitive)

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
# follow the anchor letters (``_follow``).
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
        anchors = _anchors_of(rule.text)
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
    position, stop = end, min(len(folded), end + _SEPARATOR_MAX)
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
