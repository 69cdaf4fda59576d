"""What a text holds: its runs of capitalised words, cut into segments, read as mentions.

Rules:

* A name is a run of capitalised words, which may hold the connectors of names
  (``of``, ``of the``, ``for``, ``and``, ``on``) and particles (``de``, ``van``,
  ``von der``, ``bin``, ``al-``), never across a line. A run of 40 words or more is
  headline soup, and a mention longer than 100 characters or 12 words no name.
* A run splits where one name ends: after a possessive (``Korea's Ministry``, but
  ``People's Assembly`` and ``Workers' Party`` are one name), and at ``and``/``on``
  unless they join an institution's complement (``Ministry of Trade and Industry``,
  ``Committee on ...``).
* ``in``/``near`` before a run says it may be a place, unless a number follows
  (``in Juche 101``); a bracketed acronym after an organisation or place is its
  alias when its letters are the name's initials (``Korean Central News Agency (KCNA)``).

What each segment names is ``readings``' business; a run is read once however often it
recurs (``run_mentions`` is cached for the whole archive).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from newsarchive.content.entity_suggest.readings import Mention, Token, segment_mentions
from newsarchive.content.entity_suggest.words import (
    NAME_POSSESSORS,
    ORGANISATION,
    PARTICLES,
    PLACE,
    SPLITTERS,
    cached_slug,
    head_kind,
    is_name_word,
    is_place_like,
    is_title,
    korean_tail,
)

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_ABBREVIATIONS = """
    Mr Mrs Ms Dr Gen Lt Col Maj Capt Adm Sgt Sen Rep Gov Prof Amb Rev Pres Cmdr Brig Supt St Mt
    Ft Jr Sr Co Corp Inc Ltd Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""".split()
# A capitalised word: apostrophes inside (O'Brien) or one closing it (Workers'), hyphenated
# parts (Kim Yo-jong), the dot of an abbreviation (Mr., Mt.); dotted initials (U.S., J.);
# an Arabic article (al-Assad) inside a run. Words are tried first: they are most runs.
_WORD = rf"[{_UPPER}]\w*(?:['’]\w+)*(?:-\w+(?:['’]\w+)*)*['’]?"
_ABBREVIATION_DOT = "(?:\\.(?:" + "|".join(rf"(?<=\b{a}\.)" for a in _ABBREVIATIONS) + "))?"
_CAP = rf"(?:(?:[A-Z]\.)+(?![\w'’])|{_WORD}{_ABBREVIATION_DOT}|(?:al|el|bin|ibn)-[{_UPPER}]\w*)"
_CONNECTOR = r"(?:of|for|and|on|the|" + "|".join(sorted(PARTICLES)) + ")"
_SEP = r"[^\S\n]+"
# A run of capitalised words with the connectors names hold, never across lines; with what
# its neighbours say: ``in``/``near`` before it (a place, maybe), a number after it (``in
# Juche 101``, ``in Room 3``: no place), a bracketed acronym after it. The first lookahead
# lets the scan skip most positions at once.
RUN = re.compile(
    rf"(?=[{_UPPER}in])(?<![\w'’.\-])(?:(in|near|In|Near){_SEP})?"
    rf"((?=[{_UPPER}]){_CAP}(?:(?:{_SEP}{_CONNECTOR}){{0,2}}{_SEP}{_CAP})*)"
    rf"(?:(?=[^\S\n]*[(\[]?(\d))|[^\S\n]?\(([A-Z][A-Z0-9&\-]{{1,11}})\))?"
)
TOKEN = re.compile(r"\S+")
_MAX_RUN_TOKENS = 40  # longer capitalised runs are headline soup or garbage
_MAX_NAME_TOKENS = 12
_MAX_NAME_CHARS = 100


# --- what a text holds ------------------------------------------------------------------


def find_mentions(text: str) -> list[Mention]:
    """Every name in ``text`` with what its shape says it is, in text order."""
    mentions: list[Mention] = []
    for match in RUN.finditer(text):
        locative, run, number, acronym = match.groups()
        found = run_mentions(run, bool(locative) and not number)
        start = match.start(2)
        for m in found:
            mentions.append(m._replace(start=start + m.start, end=start + m.end))
        if found and acronym_of(found[-1], run, acronym):
            mentions[-1] = mentions[-1]._replace(acronym=acronym)
    return mentions


def acronym_of(last: Mention, run: str, acronym: str) -> bool:
    """A bracketed acronym is an alias of the organisation or place ending the run before it,
    when it spells that name's initials."""
    return (
        bool(acronym)
        and last.end == len(run)
        and last.type in (ORGANISATION, PLACE)
        and _spells_initials(acronym, last.name)
    )


def _spells_initials(acronym: str, name: str) -> bool:
    """The acronym's letters, in order, among the name's capitals, starting with the first."""
    letters = [c for c in acronym if c.isalpha()]
    capitals = [c for c in name if c.isupper()]
    if not letters or not capitals or letters[0] != capitals[0]:
        return False
    remaining = iter(capitals)
    return all(letter in remaining for letter in letters)


@lru_cache(maxsize=200_000)
def run_mentions(run: str, located: bool) -> tuple[Mention, ...]:
    """The mentions in one capitalised run, offsets relative to the run (cached: runs repeat)."""
    if run.count(" ") >= _MAX_RUN_TOKENS:
        return ()
    one_word = len(run.split()) == 1
    if one_word and _possessor(Token(run, 0, len(run))) is None and not head_kind(run):
        return _single_word(run, located)  # a fifth of all runs: no segments to find
    tokens = [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(run)]
    if len(tokens) > _MAX_RUN_TOKENS:
        return ()
    found: list[Mention] = []
    for index, (segment, possessive) in enumerate(_segments(tokens)):
        found.extend(segment_mentions(run, segment, located and index == 0 and not possessive))
    return tuple(m for m in found if _acceptable(m.name))


def _single_word(word: str, located: bool) -> tuple[Mention, ...]:
    """What ``segment_mentions`` finds in a one-word run: at most a plain name."""
    if not is_name_word(word) or not _acceptable(word):
        return ()
    return (
        Mention(
            word, None, 0, len(word), located=located and is_place_like(word), id=cached_slug(word)
        ),
    )


def _acceptable(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(name) <= _MAX_NAME_CHARS
        and len(words) <= _MAX_NAME_TOKENS
        and bool(cached_slug(name))
    )


# --- runs into segments -----------------------------------------------------------------


def _segments(tokens: list[Token]) -> Iterator[tuple[list[Token], bool]]:
    """Split a run where one name ends: after a possessive, and at most ``and``/``on``.

    ``Korea's Ministry`` is two names but ``People's Assembly`` one; ``Kim and
    Choe`` two but ``Ministry of Trade and Industry`` one.
    """
    if not any(t.text[-1] in "'’sS" or t.text in SPLITTERS for t in tokens):
        yield tokens, False  # most runs: nothing to split at
        return
    current: list[Token] = []
    for index, token in enumerate(tokens):
        owner = _possessor(token, ends_run=index == len(tokens) - 1)
        if owner is not None:
            current.append(owner)
            yield from _split_connectors(current, possessive=True)
            current = []
        else:
            current.append(token)
    if current:
        yield from _split_connectors(current, possessive=False)


def _possessor(token: Token, ends_run: bool = True) -> Token | None:
    """The owner in ``Korea's`` (or ``Forces'`` ending a run), or None for no possessive.

    A plural possessive inside a run is part of a name (``Workers' Party``).
    """
    text = token.text
    if len(text) >= 3 and text[-1] in "'’" and text[-2] in "sS" and ends_run:
        return Token(text[:-1], token.start, token.end - 1)
    if len(text) < 3 or text[-1] not in "sS" or text[-2] not in "'’":
        return None
    owner = text[:-2]
    if owner in NAME_POSSESSORS:
        return None
    return Token(owner, token.start, token.end - 2)


def _split_connectors(tokens: list[Token], possessive: bool) -> Iterator[tuple[list[Token], bool]]:
    pieces: list[list[Token]] = [[]]
    for index, token in enumerate(tokens):
        if token.text in SPLITTERS and not _joins(tokens, index):
            pieces.append([])
        else:
            pieces[-1].append(token)
    for number, piece in enumerate(pieces):
        if piece:
            yield piece, possessive and number == len(pieces) - 1


def _joins(tokens: list[Token], index: int) -> bool:
    """``on`` joins after an institution (Committee on ...); ``and`` inside its ``of`` part."""
    words = [t.text for t in tokens]
    if words[index] == "on":
        return index > 0 and head_kind(words[index - 1]) is not None
    seen_head_of = any(
        head_kind(words[i]) is not None and words[i + 1] in ("of", "for") for i in range(index - 1)
    )
    if not seen_head_of:
        return False
    after = words[index + 1 :]
    following = after[: after.index("of")] if "of" in after else after
    return (
        following[:1] != ["the"]
        and len(following) <= 3
        and korean_tail(following) is None
        and not any(head_kind(w) or is_title(w) for w in following)
    )
