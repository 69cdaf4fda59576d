"""Tag rules: the syntax contributors write, compiled to safe RE2 patterns, and their anchors.

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

Anchors: the letters every match of a rule must contain (``anchors_of``), and the
characters a match can start with (``first_characters``) or go on with after its anchor
(``follow_characters``), which let ``tagging`` try a rule only where it can match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsarchive.content.wordregex import (
    APOSTROPHE,
    DASH,
    DIGIT,
    SPACE,
    WORD,
    WordPattern,
    WordText,
)

# Limits that keep a rule readable and its compiled form small (RE2 is linear in the
# text, with a factor that grows with the program).
MAX_RULE_LENGTH = 200
MAX_GROUP_DEPTH = 3
MAX_PROGRAM_SIZE = 5000

# Patterns are RE2 syntax (``newsarchive.content.wordregex``): its \w, \s and \d know ASCII only.
SEPARATOR_MAX = 3
_SEPARATOR = f"(?:{SPACE}|{DASH}){{0,{SEPARATOR_MAX}}}"
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
# and what may follow them (``follow_characters``).
_Anchor = tuple[str, int, frozenset[str] | None]


def anchors_of(rule: str) -> list[_Anchor] | None:
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
        return SEPARATOR_MAX
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
            runs.append((letters, start, follow_characters([*sequence[index:], *after])))
            letters = ""
        width = _width(node)
        before = None if before is None or width is None else before + width
        if before is None:
            break
    if letters:
        runs.append((letters, start, follow_characters(list(after))))
    return runs


def _longest_run(
    sequence: list[str | _Group], after: Sequence[str | _Group] = ()
) -> _Anchor | None:
    runs = [run for run in _runs(sequence, after) if _good_anchor(run[0])]
    return max(runs, key=lambda run: len(run[0])) if runs else None


def follow_characters(rest: list[str | _Group]) -> frozenset[str] | None:
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


def first_characters(rule: str) -> frozenset[str] | None:
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
