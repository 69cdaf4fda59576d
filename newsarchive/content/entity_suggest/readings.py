"""What a segment of capitalised words names. Each reading claims words in turn (titled
people, Korean names, organisations and places, then plain names); claimed words are not
read again. Rules:

* A person is a name of two to four words after a title (``Premier Kim Tok Hun``,
  ``Russian President Vladimir Putin``, ``Mr. X``, ``Comrade X``), or after a title
  and its complement (``Secretary of State Antony Blinken``, ``Chief of the General
  Staff of the KPA Ri Yong Gil``: words such as ``State`` are trimmed from the
  front); or a Korean name anywhere (``Ri Il Hwan``, ``Kim Yo-jong``). The title never
  belongs to the name. A name followed by an institution word is that
  institution's name (``Kim Il Sung University``), not a person.
* One word after a title is a surname (``President Putin``) unless it is a common
  English word or takes an ``of`` (``General Staff of the KPA``).
* An organisation or place is a stretch ending in an institution or place word
  (``... Committee``, ``... Province``), or one such word with its ``of``
  complement (``Ministry of Foreign Affairs``, ``Sea of Okhotsk``); ``Mount X``,
  ``Lake X``; a Korean place with its suffix (``Gyeonggi-do``). An owner before an
  ``of`` is not part of it (``Students of Kim Il Sung University``).
* Other names are plain (no type); one to three words right after ``in`` that fill
  the segment may be a place.
"""

from __future__ import annotations

from typing import NamedTuple

from newsarchive.content.entity_suggest.words import (
    CALENDAR,
    COMPLEMENT_OPENERS,
    KOREAN_PLACE_SUFFIXES,
    OPENERS,
    PARTICLES,
    PERSON,
    PLACE,
    PLACE_PREFIXES,
    TITLE_COMPLEMENTS,
    TITLE_MODIFIERS,
    TITLES,
    TRIGGERS,
    cached_slug,
    head_kind,
    is_acronym,
    is_common_word,
    is_connector,
    is_name_word,
    is_place_like,
    is_title,
    korean_length,
    korean_tail,
)
from newsarchive.content.names import SURNAMES

_MAX_PERSON_WORDS = 4


class Mention(NamedTuple):
    """One name in a text: ``text[start:end]`` is the name as written, title excluded.

    ``type`` is what a pattern says the name is; None for a plain name, which
    only counts towards a suggestion typed elsewhere. ``surname`` marks a lone
    word after a title (``President Putin``), ``located`` a plain name after
    ``in``, and ``acronym`` the bracketed acronym that followed the name.
    ``id`` is the id its entity file would have: spellings sharing it are one name.
    """

    name: str
    type: str | None
    start: int
    end: int
    surname: bool = False
    located: bool = False
    acronym: str = ""
    id: str = ""


class Token(NamedTuple):
    """One word of a run, with its offsets in the run."""

    text: str
    start: int
    end: int


# --- segments into mentions ---------------------------------------------------------------


class _Segment:
    """One segment being read: its words, and which are already part of a mention."""

    __slots__ = ("_runs", "names", "run", "tokens", "used", "words")

    def __init__(self, run: str, tokens: list[Token]) -> None:
        self.run = run
        self.tokens = tokens
        self.used = [False] * len(tokens)
        self.words = [t.text for t in tokens]
        self.names = [is_name_word(w) for w in self.words]  # may it be part of a name?
        self._runs: list[tuple[int, int]] | None = None

    def mention(self, first: int, last: int, kind: str | None, **flags: bool) -> Mention:
        """The words first..last (inclusive) as a mention, marked used."""
        for i in range(first, last + 1):
            self.used[i] = True
        self._runs = None
        start, end = self.tokens[first].start, self.tokens[last].end
        name = " ".join(self.run[start:end].split())
        return Mention(name, kind, start, end, id=cached_slug(name), **flags)


def segment_mentions(run: str, tokens: list[Token], located: bool) -> list[Mention]:
    """Each reading in turn, each skipped when the words cannot trigger it (most cannot)."""
    segment = _Segment(run, tokens)
    words = segment.words
    hyphenated = "-" in run
    found = []
    if not TITLES.isdisjoint(words) or (hyphenated and any(map(is_title, words))):
        found += _titled_people(segment)
    if not SURNAMES.isdisjoint(words):
        found += _korean_people(segment)
    if not TRIGGERS.isdisjoint(words) or (hyphenated and any(map(head_kind, words))):
        found += _institutions(segment)
    found += _plain_names(segment, located)
    if len(found) > 1:
        found.sort(key=lambda m: m.start)
    return found


def _name_runs(segment: _Segment) -> list[tuple[int, int]]:
    """(first, last) of each maximal run of unused name words; particles may join them."""
    if segment._runs is None:
        segment._runs = _find_name_runs(segment.words, segment.names, segment.used)
    return segment._runs


def _find_name_runs(words: list[str], names: list[bool], used: list[bool]) -> list[tuple[int, int]]:
    runs, first = [], None
    for i, word in enumerate(words):
        usable = not used[i]
        if usable and names[i]:
            first = i if first is None else first
            continue
        if first is not None and usable and word in PARTICLES:
            after = i + 1
            while after < len(words) and words[after] in PARTICLES:
                after += 1  # von der Leyen
            if after < len(words) and names[after] and not used[after]:
                continue
        if first is not None:
            runs.append((first, i - 1))
        first = None
    if first is not None:
        runs.append((first, len(words) - 1))
    return runs


def _capitalised_count(words: list[str]) -> int:
    return sum(1 for w in words if not is_connector(w))


def _followed_by_head(words: list[str], last: int) -> bool:
    return last + 1 < len(words) and head_kind(words[last + 1]) is not None


# --- people after a title -------------------------------------------------------------------


def _titled_people(segment: _Segment) -> list[Mention]:
    """People named after a title, directly or after the title's complement."""
    words, found = segment.words, []
    for first, last in _name_runs(segment):
        if _followed_by_head(words, last):
            continue
        title = _title_before(words, first)
        if title is None:
            continue
        direct = title == first - 1
        korean = korean_tail(words[first : last + 1])
        if korean is not None:
            name_first = first + korean
        elif direct:
            name_first, last = first, first + korean_length(words[first : last + 1]) - 1
        else:
            name_first = _trim_complement(words, first, last)
        if not direct and not _after_complement(words, first, name_first, last):
            continue
        count = _capitalised_count(words[name_first : last + 1])
        if count == 1:
            if not _lone_surname(words, name_first, last):
                continue
            found.append(segment.mention(name_first, last, PERSON, surname=True))
        elif 2 <= count <= _MAX_PERSON_WORDS:
            found.append(segment.mention(name_first, last, PERSON))
        else:
            continue
        _use_title_block(segment, title)
    return found


def _after_complement(words: list[str], first: int, name_first: int, last: int) -> bool:
    """A name reached through a title's complement ends the run and follows that complement.

    ``Secretary of State Antony Blinken`` (``State`` trimmed) and ``Chairman of
    the State Affairs Commission Kim Jong Un`` name people; ``Ambassador of South
    Africa`` and ``Committee for the Peaceful Reunification of Korea`` do not.
    """
    ends = all(w in CALENDAR for w in words[last + 1 :])
    return ends and (name_first > first or not is_connector(words[first - 1]))


def _lone_surname(words: list[str], first: int, last: int) -> bool:
    """One word after a title is a surname unless a common word or the head of an ``of``.

    ``President Putin``, but not ``General Staff of the KPA``.
    """
    taken = last + 1 < len(words) and words[last + 1] in ("of", "for")
    return first == last and not taken and not is_common_word(words[first])


def _title_before(words: list[str], first: int) -> int | None:
    """Index of the title a name at ``first`` follows, directly or through its complement.

    The complement either opens with ``of``/``for`` (``Chairman of the State Affairs
    Commission``) or holds only connectors, acronyms and complement words
    (``Foreign Affairs``); complement words at the name's front are trimmed later.
    """
    i = first - 1
    while i >= 0 and not is_title(words[i]):
        i -= 1
    if i < 0:
        return None
    between = words[i + 1 : first]
    if not between or between[0] in ("of", "for"):
        return i
    linked = all(is_connector(w) or is_acronym(w) or w in TITLE_COMPLEMENTS for w in between)
    return i if linked else None


def _trim_complement(words: list[str], first: int, last: int) -> int:
    """Drop the complement's words from the front of a name: ``State Antony Blinken``.

    Complement words go; then common English words while two names remain, so
    ``Economy Bruno Le Maire`` loses ``Economy`` but ``State John Kerry`` keeps ``John``.
    """
    while first < last and words[first] in TITLE_COMPLEMENTS:
        first += 1
    while _capitalised_count(words[first : last + 1]) > 2 and is_common_word(words[first]):
        first += 1
    return first


def _use_title_block(segment: _Segment, title: int) -> None:
    """Mark the title and the modifiers just before it used: ``First Vice Foreign Minister``."""
    i = title
    segment.used[i] = True
    while i > 0 and (is_title(segment.words[i - 1]) or segment.words[i - 1] in TITLE_MODIFIERS):
        i -= 1
        segment.used[i] = True


# --- Korean names, organisations and places, plain names ------------------------------------


def _korean_people(segment: _Segment) -> list[Mention]:
    """Korean names without a title: ``Ri Il Hwan``, ``Kim Yo-jong``."""
    words, found = segment.words, []
    for first, last in _name_runs(segment):
        if _followed_by_head(words, last):
            continue
        tail = korean_tail(words[first : last + 1])
        if tail is not None:
            found.append(segment.mention(first + tail, last, PERSON))
    return found


def _institutions(segment: _Segment) -> list[Mention]:
    """Organisations and places named by their head word, in each stretch of unused words."""
    found = []
    for first, last in _unused_stretches(segment):
        mention = _institution(segment, first, last)
        if mention is not None:
            found.append(mention)
    return found


def _unused_stretches(segment: _Segment) -> list[tuple[int, int]]:
    stretches, first = [], None
    for i, used in enumerate(segment.used):
        if not used and first is None:
            first = i
        elif used and first is not None:
            stretches.append((first, i - 1))
            first = None
    if first is not None:
        stretches.append((first, len(segment.used) - 1))
    return stretches


def _institution(segment: _Segment, first: int, last: int) -> Mention | None:
    """The organisation or place in words first..last, if a head word names one."""
    words = segment.words
    first, last = _trim_stretch(words, _past_title(words, first, last), last)
    if first > last:
        return None
    if words[first] in PLACE_PREFIXES and first < last and is_name_word(words[first + 1]):
        end = first + 1
        while end + 1 <= last and is_name_word(words[end + 1]):
            end += 1
        return segment.mention(first, end, PLACE)
    head = _main_head(words, first, last)
    if head is None:
        return None
    end = last if head < last and is_connector(words[head + 1]) else head
    first = _after_owner(words, first, head)
    single = first == end and not words[head].endswith(KOREAN_PLACE_SUFFIXES)
    if single:
        return None
    return segment.mention(first, end, head_kind(words[head]))


def _past_title(words: list[str], first: int, last: int) -> int:
    """Where an institution may start: after ``Title of``, when no head comes before the ``of``.

    ``General Secretary of the Party Central Committee`` names the committee;
    ``Eternal Leader of Our Party`` names nothing.
    """
    opener = next((i for i in range(first, last + 1) if words[i] in ("of", "for")), None)
    if opener is None:
        return first
    before = words[first:opener]
    if any(map(is_title, before)) and not any(head_kind(w) for w in before):
        return opener + 1
    return first


def _trim_stretch(words: list[str], first: int, last: int) -> tuple[int, int]:
    """Cut openers, dates, connectors and a title's own words from a stretch's ends.

    A title goes when it leads into ``of`` (``Chairman of the State Affairs
    Commission``) or trails a name (``Ministry of Foreign Affairs Spokesman``);
    ``General Bureau`` and ``Office of the President`` keep theirs.
    """
    while first <= last:
        word = words[first]
        leading_title = is_title(word) and first < last and words[first + 1] in ("of", "for")
        if not (is_connector(word) or word in OPENERS or word in CALENDAR or leading_title):
            break
        first += 1
    while last >= first:
        word = words[last]
        trailing_title = is_title(word) and last > first and not is_connector(words[last - 1])
        if not (is_connector(word) or word in CALENDAR or trailing_title):
            break
        last -= 1
    return first, last


def _after_owner(words: list[str], first: int, head: int) -> int:
    """Where an institution's name starts: after an ``of`` with no institution before it.

    ``Students of Kim Il Sung University``, ``Officials of Pyongyang City`` and
    ``State Affairs of the Democratic People's Republic of Korea`` name the
    university, the city and the country.
    """
    for i in range(head - 1, first - 1, -1):
        if words[i] in COMPLEMENT_OPENERS:
            if not any(head_kind(w) for w in words[first:i]):
                return _trim_stretch(words, i + 1, head)[0]
            break
    return first


def _main_head(words: list[str], first: int, last: int) -> int | None:
    """The head word that names the whole: the one taking an ``of``/``for`` part, else the last."""
    heads = [i for i in range(first, last + 1) if head_kind(words[i]) is not None]
    if not heads:
        return None
    for i in heads:
        if i < last and words[i + 1] in COMPLEMENT_OPENERS:
            return i
    return heads[-1]


def _plain_names(segment: _Segment, located: bool) -> list[Mention]:
    """Names without a pattern of their own; right after ``in`` they may be places."""
    found = []
    for first, last in _name_runs(segment):
        words = segment.words[first : last + 1]
        if _capitalised_count(words) > _MAX_PERSON_WORDS:
            continue
        place_like = (
            located
            and first == 0
            and last == len(segment.words) - 1
            and _capitalised_count(words) <= 3
            and is_place_like(words[-1])
        )
        found.append(segment.mention(first, last, None, located=place_like))
    return found
