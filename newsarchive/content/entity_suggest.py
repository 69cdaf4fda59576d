"""Suggest registry entries for names the archive mentions often but the registry lacks.

The registry was written for one period and place; an archive of other years
names people, bodies and places it has never heard of. This module reads article
bodies, finds names by their shape, and proposes entity files for the frequent
ones a human then checks and describes (``invoke entities suggest``).

Rules:

* A name is a run of capitalised words, which may hold the connectors of names
  (``of``, ``of the``, ``for``, ``and``, ``on``) and particles (``de``, ``van``,
  ``von der``, ``bin``, ``al-``). Sentence openers (``The``, ``When``), months,
  days and acronyms (``DPRK``) are never part of a person's name.
* A person is a name of two to four words after a title (``Premier Kim Tok Hun``,
  ``Russian President Vladimir Putin``, ``Mr. X``, ``Comrade X``), or after a title
  and its complement (``Secretary of State Antony Blinken``, ``Chief of the General
  Staff of the KPA Ri Yong Gil``: words such as ``State`` are trimmed from the
  front); or a Korean name anywhere: a Korean surname and two romanised syllables
  (``Ri Il Hwan``) or a hyphenated given name (``Kim Yo-jong``). The title never
  belongs to the name. A name followed by an institution word is that
  institution's name (``Kim Il Sung University``), not a person.
* An organisation or place is a run ending in an institution or place word
  (``... Committee``, ``... Province``), or one such word with its ``of``
  complement (``Ministry of Foreign Affairs``, ``Sea of Okhotsk``); ``Mount X``,
  ``Lake X``; a Korean place with its suffix (``Gyeonggi-do``); or one to three
  plain capitalised words after ``in`` or ``near`` (``in Kursk``), counted as a
  place only when that is a real share of how the name occurs.
* An acronym in brackets right after an organisation or place becomes an alias
  when its letters are the name's initials: ``Korean Central News Agency (KCNA)``.
* A surname alone after a title (``President Putin``) counts towards, and is an
  alias of, the one suggested person whose name ends with it, unless it is a
  Korean surname (``Mr. Kim`` names nobody in particular).
* Spellings that share a slug (``Kim Yo Jong``, ``Kim Yo-jong``) are one
  suggestion, named by the most frequent; the others are its aliases. A plain
  name (``Vladimir Putin said``) counts towards a suggestion once a pattern has
  given it a type, which is the one most of its patterns say.
* Nothing the registry already covers is suggested: a spelling the matcher
  finds whole, an alias key or id the registry holds, a word-prefix or
  word-suffix of a registry name (``Tok Hun``), a registry place followed by
  ``City``, ``Province`` and the like (``Pyongyang City``), or registry names
  joined by connectors (``State Affairs Commission of the DPRK``).
* Suggestions are sorted by the number of articles naming them, then mentions;
  each comes with one example sentence, and a description placeholder
  (``TODO: ...``) that ``is_placeholder`` recognises and a human must replace.

Speed: one regular expression scans each article for runs; each distinct run is
read once (cached, for the whole archive); shares of the files are counted on
every CPU and merged in order, so the result does not depend on the split.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from wordfreq import zipf_frequency

from newsarchive.content import frontmatter
from newsarchive.content.matching import EntityMatcher, alias_key
from newsarchive.content.names import SURNAMES
from newsarchive.content.registry import ENTITY_TYPES, Entity
from newsarchive.content.sentences import sentence_ends
from newsarchive.content.slugs import slugify

PLACEHOLDER_PREFIX = "TODO:"

# --- vocabularies -------------------------------------------------------------------------

# Words that make the next name a person's. Hyphenated titles (Vice-Chairman,
# Secretary-General) count by their last part.
_TITLES = frozenset(
    """
    President Premier Minister Secretary Chairman Chairwoman Chairperson Chair Comrade
    Mr Mrs Ms Dr Mr. Mrs. Ms. Dr. Gen. Lt. Col. Maj. Capt. Adm. Sgt. Sen. Rep. Gov.
    Prof. Amb. Rev. Pres. Cmdr. Brig. Supt. General Marshal Admiral Colonel Lieutenant
    Major Captain Commander Commissioner Ambassador Envoy Senator Congressman
    Congresswoman Representative Lawmaker Legislator Governor Mayor King Queen Prince
    Princess Emperor Empress Pope Chancellor Director Spokesman Spokeswoman Spokesperson
    Chief Leader Judge Justice Professor Speaker Deputy Counsellor Counselor Consul
    Attache Attaché Delegate Sheikh Emir Sultan Ayatollah Cardinal Bishop Archbishop
    Officer Inspector Superintendent Sergeant Corporal Coach Dean Rector Prosecutor
    Vice-President Vice-Premier Vice-Chairman Secretary-General Director-General
    Adviser Advisor Premier-designate Chairman-designate
    """.split()
)
# Words that, just before a title, belong to it (First Vice Foreign Minister).
_TITLE_MODIFIERS = frozenset(
    """
    First Second Vice Deputy Acting Foreign Defense Defence Prime Supreme Senior Executive
    Assistant Associate Special Permanent Presidential Former Interim Principal Grand
    Lieutenant Rear Chief Unification Interior Finance Trade Justice Health Industry
    Economy Security National
    """.split()
)
# Words that follow "Minister of" or "Secretary of" before the name: trimmed from its front.
_TITLE_COMPLEMENTS = frozenset(
    """
    State Foreign Affairs Defense Defence National Interior Home Justice Finance Economy
    Economic Trade Industry Commerce Treasury Health Education Labour Labor Agriculture
    Energy Environment Transport Transportation Unification Culture Science Technology
    Public Security Homeland War Information Communications Welfare Social Land Maritime
    Fisheries Oceans Gender Equality Family Veterans Development Planning Budget Strategy
    Immigration Tourism Sports Youth Women External Relations Cooperation Construction
    Mines Mining Power Railways Railway Staff Services Intelligence Personnel Overseas
    """.split()
)
_ORGANISATION_HEADS = frozenset(
    """
    Committee Committees Commission Ministry Party Agency Union Association Council
    Institute Institution Army Navy Force Forces Corps Command Guard Guards Bank University
    Academy Federation League Organization Organisation Assembly Company Corporation Corp.
    Co. Inc. Ltd. Group Bureau Department Office Front Society Foundation Fund Court
    Parliament Congress Senate Service Services Centre Center Studio Factory Works
    Enterprise Complex School College Hospital Newspaper Alliance Coalition Movement
    Secretariat Cabinet Presidium Tribunal Club Troupe Orchestra Ensemble Theatre Theater
    Museum Library Network Broadcasting Broadcaster Radio Television Times Post Herald
    Journal Gazette Tribune Sinmun Ilbo Shimbun Embassy Consulate Mission Delegation
    Administration Authority Board Fleet Division Brigade Regiment Battalion Headquarters
    Exchange Press Industries Holdings Airlines Airways Motors Electronics Farm Mine Plant
    Team Conference Symposium Festival Games Olympics Cup
    Partido Parti Partito Comité Comite Comitato Frente Movimiento Mouvement Asociación
    Federación Unión Instituto Institut Universidad Université Ministerio Ministère
    Consejo Conseil Banco Banque Agencia Agence Organización Confederación Sindicato
    """.split()
)
_PLACE_HEADS = frozenset(
    """
    Province Provinces City County District Prefecture Region Island Islands Isles Islet
    Islets River Sea Bay Gulf Strait Straits Peninsula Mountain Mountains Valley Lake Port
    Harbour Harbor Airport Square Street Avenue Boulevard Road Bridge Park Village Town
    Township Municipality Oblast Krai Plain Desert Reservoir Pass Cape Coast Beach Plateau
    Peak Falls Canal Ocean Territory Territories Governorate Station Zone Palace Stadium
    Hall Tower Monument Cemetery Plaza Republic Kingdom Emirate Emirates Canton Archipelago
    """.split()
)
_PLACE_PREFIXES = frozenset({"Mount", "Mt.", "Lake", "Cape", "Fort"})
# Suffixes of Korean place names written as one hyphenated word (Gyeonggi-do, Panmun-ri).
_KOREAN_PLACE_SUFFIXES = ("-do", "-gun", "-ri", "-dong", "-gu", "-si", "-eup", "-myeon", "-ku")
# Words that may start an organisation or place: segments without one skip that reading.
_TRIGGERS = _ORGANISATION_HEADS | _PLACE_HEADS | _PLACE_PREFIXES
# Place heads that only restate a registry place: "Pyongyang City" is Pyongyang.
_RESTATING_HEADS = frozenset({"city", "province", "county", "prefecture", "municipality"})
_CALENDAR = frozenset(
    """
    January February March April June July August September October November December
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
)
# Capitalised only because they open a sentence or a clause: never part of a name.
_OPENERS = frozenset(
    """
    The A An This That These Those Its It His Her Their Our My Your We They He She I You
    In On At By For From With To Of As But And Or Nor If When While Where Whereas After
    Before During Since Until Under Over Through Meanwhile However Also Then There Here
    Both All Some Many Most Such Each Every Other Another According Among Amid Despite
    Although Though Yet So Now Today Tonight Yesterday Tomorrow Last Next Dear Former Late
    What Why How Who Which Whose Unlike Like Upon Against Without Within Following
    Including Earlier Later Recently Currently Only Even Still Thus Hence Therefore
    Instead Indeed Moreover Furthermore Besides Please Let Yes No Not Neither Either
    Once Whether Because Unless Respected Beloved Is Are Was Were Will Would Shall Should
    Has Have Had Be Been Being Do Does Did Can Could Must Might
    """.split()
)
# Possessors that belong to the name after them: People's Assembly, Women's Union.
_NAME_POSSESSORS = frozenset({"People", "Children", "Women", "Men", "Worker", "Youth"})
_PARTICLES = frozenset("de del da das do dos van von der den du des la le al el bin ibn".split())
_CONNECTORS = frozenset({"of", "for", "and", "on", "the"}) | _PARTICLES
_SPLITTERS = frozenset({"and", "on"})
# Words after an institution that open its complement: Ministry of ..., Partido del ...
_COMPLEMENT_OPENERS = frozenset({"of", "for", "de", "del", "des", "du", "di", "da"})
# Languages and peoples: "in English" and "in Korean" are no places; nor is "in Heaven".
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "ch")
_NOWHERE = frozenset({"Heaven", "Hell", "Paradise", "God", "Christ", "Allah"})


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
_CONNECTOR = r"(?:of|for|and|on|the|" + "|".join(sorted(_PARTICLES)) + ")"
_SEP = r"[^\S\n]+"
# A run of capitalised words with the connectors names hold, never across lines; with what
# its neighbours say: ``in``/``near`` before it (a place, maybe), a number after it (``in
# Juche 101``, ``in Room 3``: no place), a bracketed acronym after it. The first lookahead
# lets the scan skip most positions at once.
_RUN = re.compile(
    rf"(?=[{_UPPER}in])(?<![\w'’.\-])(?:(in|near|In|Near){_SEP})?"
    rf"((?=[{_UPPER}]){_CAP}(?:(?:{_SEP}{_CONNECTOR}){{0,2}}{_SEP}{_CAP})*)"
    rf"(?:(?=[^\S\n]*[(\[]?(\d))|[^\S\n]?\(([A-Z][A-Z0-9&\-]{{1,11}})\))?"
)
_TOKEN = re.compile(r"\S+")
_MAX_RUN_TOKENS = 40  # longer capitalised runs are headline soup or garbage
_MAX_NAME_TOKENS = 12
_MAX_NAME_CHARS = 100
_MAX_PERSON_WORDS = 4
_COMMON_WORD_ZIPF = 4.5  # at least this frequent in English: a word, not a first name
_SHARE_MIN = 2_000  # fewer articles per worker than this are not worth a process
_IN_PLACE_SHARE = 0.25  # "in X" must be this share of X's mentions to make it a place
_EVERYDAY_ZIPF = 5.5  # "in God", "in Time": words this frequent are no place names

# One romanised Korean syllable, McCune-Reischauer or Revised Romanization.
_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|ts|sh|th|kh|ph|[gkndtrlmbpsjch])?"
    r"(?:[wy]?(?:eui|ae|ai|eo|eu|ee|ea|oe|oo|ou|ui|[aeiouŏŭ]))"
    r"(?:ng|nk|ck|[kngmlptrb])?",
    re.IGNORECASE,
)


# --- what a text holds ------------------------------------------------------------------


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


class _Token(NamedTuple):
    text: str
    start: int
    end: int


_PERSON, _ORGANISATION, _PLACE = ENTITY_TYPES


def find_mentions(text: str) -> list[Mention]:
    """Every name in ``text`` with what its shape says it is, in text order."""
    mentions: list[Mention] = []
    for match in _RUN.finditer(text):
        locative, run, number, acronym = match.groups()
        found = _run_mentions(run, bool(locative) and not number)
        start = match.start(2)
        for m in found:
            mentions.append(m._replace(start=start + m.start, end=start + m.end))
        if found and _acronym_of(found[-1], run, acronym):
            mentions[-1] = mentions[-1]._replace(acronym=acronym)
    return mentions


def _acronym_of(last: Mention, run: str, acronym: str) -> bool:
    """A bracketed acronym is an alias of the organisation or place ending the run before it,
    when it spells that name's initials."""
    return (
        bool(acronym)
        and last.end == len(run)
        and last.type in (_ORGANISATION, _PLACE)
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
def _run_mentions(run: str, located: bool) -> tuple[Mention, ...]:
    """The mentions in one capitalised run, offsets relative to the run (cached: runs repeat)."""
    if run.count(" ") >= _MAX_RUN_TOKENS:
        return ()
    one_word = len(run.split()) == 1
    if one_word and _possessor(_Token(run, 0, len(run))) is None and not _head_kind(run):
        return _single_word(run, located)  # a fifth of all runs: no segments to find
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(run)]
    if len(tokens) > _MAX_RUN_TOKENS:
        return ()
    found: list[Mention] = []
    for index, (segment, possessive) in enumerate(_segments(tokens)):
        found.extend(_segment_mentions(run, segment, located and index == 0 and not possessive))
    return tuple(m for m in found if _acceptable(m.name))


def _single_word(word: str, located: bool) -> tuple[Mention, ...]:
    """What ``_segment_mentions`` finds in a one-word run: at most a plain name."""
    if not _is_name_word(word) or not _acceptable(word):
        return ()
    return (
        Mention(word, None, 0, len(word), located=located and _place_like(word), id=_slug(word)),
    )


def _acceptable(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(name) <= _MAX_NAME_CHARS and len(words) <= _MAX_NAME_TOKENS and bool(_slug(name))
    )


# --- runs into segments -----------------------------------------------------------------


def _segments(tokens: list[_Token]) -> Iterator[tuple[list[_Token], bool]]:
    """Split a run where one name ends: after a possessive, and at most ``and``/``on``.

    ``Korea's Ministry`` is two names but ``People's Assembly`` one; ``Kim and
    Choe`` two but ``Ministry of Trade and Industry`` one.
    """
    if not any(t.text[-1] in "'’sS" or t.text in _SPLITTERS for t in tokens):
        yield tokens, False  # most runs: nothing to split at
        return
    current: list[_Token] = []
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


def _possessor(token: _Token, ends_run: bool = True) -> _Token | None:
    """The owner in ``Korea's`` (or ``Forces'`` ending a run), or None for no possessive.

    A plural possessive inside a run is part of a name (``Workers' Party``).
    """
    text = token.text
    if len(text) >= 3 and text[-1] in "'’" and text[-2] in "sS" and ends_run:
        return _Token(text[:-1], token.start, token.end - 1)
    if len(text) < 3 or text[-1] not in "sS" or text[-2] not in "'’":
        return None
    owner = text[:-2]
    if owner in _NAME_POSSESSORS:
        return None
    return _Token(owner, token.start, token.end - 2)


def _split_connectors(
    tokens: list[_Token], possessive: bool
) -> Iterator[tuple[list[_Token], bool]]:
    pieces: list[list[_Token]] = [[]]
    for index, token in enumerate(tokens):
        if token.text in _SPLITTERS and not _joins(tokens, index):
            pieces.append([])
        else:
            pieces[-1].append(token)
    for number, piece in enumerate(pieces):
        if piece:
            yield piece, possessive and number == len(pieces) - 1


def _joins(tokens: list[_Token], index: int) -> bool:
    """``on`` joins after an institution (Committee on ...); ``and`` inside its ``of`` part."""
    words = [t.text for t in tokens]
    if words[index] == "on":
        return index > 0 and _head_kind(words[index - 1]) is not None
    seen_head_of = any(
        _head_kind(words[i]) is not None and words[i + 1] in ("of", "for") for i in range(index - 1)
    )
    if not seen_head_of:
        return False
    after = words[index + 1 :]
    following = after[: after.index("of")] if "of" in after else after
    return (
        following[:1] != ["the"]
        and len(following) <= 3
        and _korean_tail(following) is None
        and not any(_head_kind(w) or _is_title(w) for w in following)
    )


# --- token roles --------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def _is_title(word: str) -> bool:
    return word in _TITLES or ("-" in word and word.rsplit("-", 1)[-1].capitalize() in _TITLES)


@lru_cache(maxsize=100_000)
def _head_kind(word: str) -> str | None:
    """``organisation`` or ``place`` for an institution or place word, else None."""
    if word in _ORGANISATION_HEADS:
        return _ORGANISATION
    if word in _PLACE_HEADS or word.endswith(_KOREAN_PLACE_SUFFIXES):
        return _PLACE
    return None


def _is_connector(word: str) -> bool:
    return word in _CONNECTORS


@lru_cache(maxsize=100_000)
def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=100_000)
def _is_name_word(word: str) -> bool:
    """A word that may be part of a person's name."""
    return not (
        _is_connector(word)
        or _is_acronym(word)
        or _is_title(word)
        or _head_kind(word) is not None
        or word in _CALENDAR
        or word in _OPENERS
        or word in _PLACE_PREFIXES
    )


# --- segments into mentions ---------------------------------------------------------------


class _Segment:
    """One segment being read: its words, and which are already part of a mention."""

    __slots__ = ("_runs", "names", "run", "tokens", "used", "words")

    def __init__(self, run: str, tokens: list[_Token]) -> None:
        self.run = run
        self.tokens = tokens
        self.used = [False] * len(tokens)
        self.words = [t.text for t in tokens]
        self.names = [_is_name_word(w) for w in self.words]  # may it be part of a name?
        self._runs: list[tuple[int, int]] | None = None

    def mention(self, first: int, last: int, kind: str | None, **flags: bool) -> Mention:
        """The words first..last (inclusive) as a mention, marked used."""
        for i in range(first, last + 1):
            self.used[i] = True
        self._runs = None
        start, end = self.tokens[first].start, self.tokens[last].end
        name = " ".join(self.run[start:end].split())
        return Mention(name, kind, start, end, id=_slug(name), **flags)


def _segment_mentions(run: str, tokens: list[_Token], located: bool) -> list[Mention]:
    """Each reading in turn, each skipped when the words cannot trigger it (most cannot)."""
    segment = _Segment(run, tokens)
    words = segment.words
    hyphenated = "-" in run
    found = []
    if not _TITLES.isdisjoint(words) or (hyphenated and any(map(_is_title, words))):
        found += _titled_people(segment)
    if not SURNAMES.isdisjoint(words):
        found += _korean_people(segment)
    if not _TRIGGERS.isdisjoint(words) or (hyphenated and any(map(_head_kind, words))):
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
        if first is not None and usable and word in _PARTICLES:
            after = i + 1
            while after < len(words) and words[after] in _PARTICLES:
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
    return sum(1 for w in words if not _is_connector(w))


def _followed_by_head(words: list[str], last: int) -> bool:
    return last + 1 < len(words) and _head_kind(words[last + 1]) is not None


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
        korean = _korean_tail(words[first : last + 1])
        if korean is not None:
            name_first = first + korean
        elif direct:
            name_first, last = first, first + _korean_length(words[first : last + 1]) - 1
        else:
            name_first = _trim_complement(words, first, last)
        if not direct and not _after_complement(words, first, name_first, last):
            continue
        count = _capitalised_count(words[name_first : last + 1])
        if count == 1:
            if not _lone_surname(words, name_first, last):
                continue
            found.append(segment.mention(name_first, last, _PERSON, surname=True))
        elif 2 <= count <= _MAX_PERSON_WORDS:
            found.append(segment.mention(name_first, last, _PERSON))
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
    ends = all(w in _CALENDAR for w in words[last + 1 :])
    return ends and (name_first > first or not _is_connector(words[first - 1]))


def _lone_surname(words: list[str], first: int, last: int) -> bool:
    """One word after a title is a surname unless a common word or the head of an ``of``.

    ``President Putin``, but not ``General Staff of the KPA``.
    """
    taken = last + 1 < len(words) and words[last + 1] in ("of", "for")
    return first == last and not taken and not _is_common_word(words[first])


def _title_before(words: list[str], first: int) -> int | None:
    """Index of the title a name at ``first`` follows, directly or through its complement.

    The complement either opens with ``of``/``for`` (``Chairman of the State Affairs
    Commission``) or holds only connectors, acronyms and complement words
    (``Foreign Affairs``); complement words at the name's front are trimmed later.
    """
    i = first - 1
    while i >= 0 and not _is_title(words[i]):
        i -= 1
    if i < 0:
        return None
    between = words[i + 1 : first]
    if not between or between[0] in ("of", "for"):
        return i
    linked = all(_is_connector(w) or _is_acronym(w) or w in _TITLE_COMPLEMENTS for w in between)
    return i if linked else None


def _trim_complement(words: list[str], first: int, last: int) -> int:
    """Drop the complement's words from the front of a name: ``State Antony Blinken``.

    Complement words go; then common English words while two names remain, so
    ``Economy Bruno Le Maire`` loses ``Economy`` but ``State John Kerry`` keeps ``John``.
    """
    while first < last and words[first] in _TITLE_COMPLEMENTS:
        first += 1
    while _capitalised_count(words[first : last + 1]) > 2 and _is_common_word(words[first]):
        first += 1
    return first


@lru_cache(maxsize=50_000)
def _is_common_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") >= _COMMON_WORD_ZIPF


def _use_title_block(segment: _Segment, title: int) -> None:
    """Mark the title and the modifiers just before it used: ``First Vice Foreign Minister``."""
    i = title
    segment.used[i] = True
    while i > 0 and (_is_title(segment.words[i - 1]) or segment.words[i - 1] in _TITLE_MODIFIERS):
        i -= 1
        segment.used[i] = True


def _korean_tail(words: list[str]) -> int | None:
    """Where a Korean name ending ``words`` starts (``Railways Jon Kil Su`` -> 1), or None."""
    if len(words) >= 3 and _is_surname(words[-3]) and all(map(_is_syllable, words[-2:])):
        return len(words) - 3
    if len(words) >= 2 and _is_surname(words[-2]) and "-" in words[-1]:
        parts = words[-1].split("-")
        if len(parts) == 2 and all(map(_is_syllable, parts)):
            return len(words) - 2
    return None


def _korean_length(words: list[str]) -> int:
    """How many words a Korean name opening ``words`` takes: ``Kim Il Sung Is`` -> 3.

    All the words when they do not open with a Korean name.
    """
    for length in (3, 2):
        if len(words) > length and _korean_tail(words[:length]) == 0:
            return length
    return len(words)


def _is_surname(word: str) -> bool:
    return word in SURNAMES


def _is_syllable(word: str) -> bool:
    return len(word) <= 6 and _SYLLABLE.fullmatch(word) is not None


def _korean_people(segment: _Segment) -> list[Mention]:
    """Korean names without a title: ``Ri Il Hwan``, ``Kim Yo-jong``."""
    words, found = segment.words, []
    for first, last in _name_runs(segment):
        if _followed_by_head(words, last):
            continue
        tail = _korean_tail(words[first : last + 1])
        if tail is not None:
            found.append(segment.mention(first + tail, last, _PERSON))
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
    if words[first] in _PLACE_PREFIXES and first < last and _is_name_word(words[first + 1]):
        end = first + 1
        while end + 1 <= last and _is_name_word(words[end + 1]):
            end += 1
        return segment.mention(first, end, _PLACE)
    head = _main_head(words, first, last)
    if head is None:
        return None
    end = last if head < last and _is_connector(words[head + 1]) else head
    first = _after_owner(words, first, head)
    single = first == end and not words[head].endswith(_KOREAN_PLACE_SUFFIXES)
    if single:
        return None
    return segment.mention(first, end, _head_kind(words[head]))


def _past_title(words: list[str], first: int, last: int) -> int:
    """Where an institution may start: after ``Title of``, when no head comes before the ``of``.

    ``General Secretary of the Party Central Committee`` names the committee;
    ``Eternal Leader of Our Party`` names nothing.
    """
    opener = next((i for i in range(first, last + 1) if words[i] in ("of", "for")), None)
    if opener is None:
        return first
    before = words[first:opener]
    if any(map(_is_title, before)) and not any(_head_kind(w) for w in before):
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
        leading_title = _is_title(word) and first < last and words[first + 1] in ("of", "for")
        if not (_is_connector(word) or word in _OPENERS or word in _CALENDAR or leading_title):
            break
        first += 1
    while last >= first:
        word = words[last]
        trailing_title = _is_title(word) and last > first and not _is_connector(words[last - 1])
        if not (_is_connector(word) or word in _CALENDAR or trailing_title):
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
        if words[i] in _COMPLEMENT_OPENERS:
            if not any(_head_kind(w) for w in words[first:i]):
                return _trim_stretch(words, i + 1, head)[0]
            break
    return first


def _main_head(words: list[str], first: int, last: int) -> int | None:
    """The head word that names the whole: the one taking an ``of``/``for`` part, else the last."""
    heads = [i for i in range(first, last + 1) if _head_kind(words[i]) is not None]
    if not heads:
        return None
    for i in heads:
        if i < last and words[i + 1] in _COMPLEMENT_OPENERS:
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
            and _place_like(words[-1])
        )
        found.append(segment.mention(first, last, None, located=place_like))
    return found


@lru_cache(maxsize=50_000)
def _place_like(word: str) -> bool:
    """Not a language or people (``in English``), nor a common word (``in God``)."""
    return (
        word not in _NOWHERE
        and not word.lower().endswith(_DEMONYM_ENDINGS)
        and zipf_frequency(word.lower(), "en") < _EVERYDAY_ZIPF
    )


# --- tallying an archive ------------------------------------------------------------------


class _Tally:
    """Everything seen of one id across the archive (slotted: there are tens of thousands)."""

    __slots__ = ("acronyms", "articles", "example", "forms", "last", "located", "mentions", "votes")

    def __init__(self) -> None:
        self.articles: list[int] = []  # article indexes, ascending, no repeats
        self.last = -1  # the last article counted
        self.mentions = 0
        self.forms: dict[str, int] = {}  # spellings and how often each was seen
        self.votes: Counter[str] = Counter()  # entity types patterns gave
        self.located = 0  # mentions right after "in" or "near"
        self.acronyms: Counter[str] = Counter()
        self.example: tuple[int, int, int] | None = None  # (article, start, end) of a pattern

    def state(self) -> tuple:
        """Plain containers only: pickling slotted objects one by one is slow."""
        return (
            self.articles,
            self.mentions,
            self.forms,
            dict(self.votes),
            self.located,
            dict(self.acronyms),
            self.example,
        )

    @classmethod
    def from_state(cls, state: tuple) -> _Tally:
        tally = cls()
        (
            tally.articles,
            tally.mentions,
            tally.forms,
            votes,
            tally.located,
            acronyms,
            tally.example,
        ) = state
        tally.votes, tally.acronyms = Counter(votes), Counter(acronyms)
        tally.last = tally.articles[-1] if tally.articles else -1
        return tally

    def merge(self, later: _Tally) -> None:
        """Add the tally of later articles (a higher share of the files)."""
        self.articles.extend(later.articles)
        self.last = later.last
        self.mentions += later.mentions
        for form, count in later.forms.items():
            self.forms[form] = self.forms.get(form, 0) + count
        self.votes.update(later.votes)
        self.located += later.located
        self.acronyms.update(later.acronyms)
        self.example = self.example or later.example


@dataclass
class ArchiveTally:
    """Names counted over an archive: what ``suggest`` ranks.

    ``first`` is the index of the first article counted here (a worker's share
    starts further on); ``texts`` holds the articles that give an example, and
    ``paths`` lets an example be read again instead (a worker sends no texts).
    """

    names: dict[str, _Tally] = field(default_factory=dict)
    surnames: dict[str, _Tally] = field(default_factory=dict)
    first: int = 0
    articles: int = 0
    texts: dict[int, str] = field(default_factory=dict)
    paths: Sequence[Path] = ()

    def add(self, text: str) -> None:
        """Count the names of one article's text.

        The hot loop of the module: each distinct run of an article is read once
        (``Counter`` over the regex's matches), and offsets are looked up only for
        the first pattern mention of an id, its example.
        """
        index = self.first + self.articles
        self.articles += 1
        names, surnames = self.names, self.surnames
        for (locative, run, number, acronym), seen in Counter(_RUN.findall(text)).items():
            found = _run_mentions(run, bool(locative) and not number)
            for mention in found:
                table = surnames if mention.surname else names
                tally = table.get(mention.id)
                if tally is None:
                    tally = table[mention.id] = _Tally()
                if tally.last != index:
                    tally.articles.append(index)
                    tally.last = index
                tally.mentions += seen
                tally.forms[mention.name] = tally.forms.get(mention.name, 0) + seen
                if mention.type is not None or mention.located:
                    self._count_pattern(tally, mention, seen, text, locative, run, index)
            if acronym and found and _acronym_of(found[-1], run, acronym):
                names[found[-1].id].acronyms[acronym] += seen

    def _count_pattern(
        self,
        tally: _Tally,
        mention: Mention,
        seen: int,
        text: str,
        locative: str,
        run: str,
        index: int,
    ) -> None:
        """Count what a pattern says of a name; its first such mention is the example."""
        if mention.located:
            tally.located += seen
        if mention.type is not None:
            tally.votes[mention.type] += seen
        if tally.example is None:
            offset = _run_offset(text, locative, run)
            tally.example = (index, offset + mention.start, offset + mention.end)
            self.texts[index] = text

    def example(self, key: str) -> str:
        """The sentence of the first pattern mention of ``key``, on one line."""
        seen = self.names[key].example
        if seen is None:
            return ""
        index, start, end = seen
        text = self.texts.get(index)
        if text is None:
            text = read_body(self.paths[index]) if index < len(self.paths) else ""
        return _example(text, start, end)

    def merge(self, later: ArchiveTally) -> None:
        """Add the tally of the articles that follow these (the next worker's share)."""
        for mine, theirs in ((self.names, later.names), (self.surnames, later.surnames)):
            for key, tally in theirs.items():
                if key in mine:
                    mine[key].merge(tally)
                else:
                    mine[key] = tally
        self.articles += later.articles
        self.texts.update(later.texts)

    def __getstate__(self) -> dict:
        return {
            "names": {key: t.state() for key, t in self.names.items()},
            "surnames": {key: t.state() for key, t in self.surnames.items()},
            "first": self.first,
            "articles": self.articles,
        }

    def __setstate__(self, state: dict) -> None:
        self.names = {key: _Tally.from_state(t) for key, t in state["names"].items()}
        self.surnames = {key: _Tally.from_state(t) for key, t in state["surnames"].items()}
        self.first, self.articles = state["first"], state["articles"]
        self.texts, self.paths = {}, ()


def _run_offset(text: str, locative: str, run: str) -> int:
    """Where a run counted by ``findall`` stands in the text (looked up for examples only).

    The first occurrence that is a whole run, after its ``in`` when it had one.
    """
    at = text.find(run)
    while at >= 0:
        end = at + len(run)
        alone = (at == 0 or not _joins_word(text[at - 1])) and (
            end == len(text) or not _joins_word(text[end])
        )
        before = text[max(0, at - len(locative) - 4) : at].rstrip()
        if alone and (not locative or before.endswith(locative)):
            return at
        at = text.find(run, at + 1)
    return max(text.find(run), 0)


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in "_'’-"


@lru_cache(maxsize=200_000)
def _slug(name: str) -> str:
    return slugify(name)


def tally_texts(texts: Iterable[str], first: int = 0) -> ArchiveTally:
    """Count the names of every text (article bodies), in one pass."""
    tally = ArchiveTally(first=first)
    with _collector_paused():
        for text in texts:
            tally.add(text)
    return tally


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while tallies are built or unpickled.

    Counting makes hundreds of thousands of small containers and no cycles;
    collections that walk them all again and again would cost more than the
    counting itself.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def tally_files(paths: Sequence[Path], jobs: int | None = None) -> ArchiveTally:
    """Count the names of the articles at ``paths``, on every CPU (or ``jobs`` of them).

    The files are cut into consecutive shares; this process counts the first
    while worker processes count the others, and the shares are merged in
    order, so the result does not depend on how the work was split.
    """
    workers = min(jobs or os.cpu_count() or 1, max(1, len(paths) // _SHARE_MIN))
    size = -(-len(paths) // workers) if paths else 0
    starts = list(range(0, len(paths), size)) if paths else [0]
    with _collector_paused():
        if len(starts) == 1:
            tally = tally_texts(map(read_body, paths))
        else:
            with ProcessPoolExecutor(max_workers=len(starts) - 1) as pool:
                later = [pool.submit(_tally_share, paths[i : i + size], i) for i in starts[1:]]
                tally = tally_texts(map(read_body, paths[:size]))
                for share in later:
                    tally.merge(share.result())
    tally.paths = paths
    return tally


def _tally_share(paths: Sequence[Path], first: int) -> ArchiveTally:
    return tally_texts(map(read_body, paths), first)


# --- ranking ------------------------------------------------------------------------------


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
                if entity.type == _PLACE:
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
            and words[-1] in _RESTATING_HEADS
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
            _is_connector(word.group())
            or any(s <= word.start() and word.end() <= e for s, e, _ in spans)
            for word in _TOKEN.finditer(form)
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


def _decide_type(item: _Tally) -> str | None:
    """The type most patterns gave; a plain name after ``in`` only when that is common for it."""
    if item.votes:  # ties go to the first type of ENTITY_TYPES, whatever the counting order
        return max(ENTITY_TYPES, key=lambda kind: item.votes.get(kind, 0))
    if item.located and item.located >= _IN_PLACE_SHARE * item.mentions:
        return _PLACE
    return None


def _surname_owners(
    tally: ArchiveTally, types: Mapping[str, str], registry: _Registry
) -> dict[str, tuple[str, _Tally]]:
    """Lone surnames (``President Putin``) by the one person name ending with them."""
    people: dict[str, list[str]] = {}
    for key, entity_type in types.items():
        if entity_type == _PERSON and "-" in key:
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
    key: str, entity_type: str, item: _Tally, surname: tuple[str, _Tally] | None
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
    spellings = [suggestion.name, *(a for a in suggestion.aliases if _slug(a) == suggestion.id)]
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


# --- examples and output ------------------------------------------------------------------

_EXAMPLE_CHARS = 240
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\ufeff]")


def _example(text: str, start: int, end: int) -> str:
    """The sentence around a mention, on one line, cut around the mention when long."""
    para_start = text.rfind("\n\n", 0, start) + 1
    para_end = text.find("\n\n", end)
    paragraph = text[para_start : para_end if para_end >= 0 else len(text)]
    offset = start - para_start
    bounds = [0, *sentence_ends(paragraph), len(paragraph)]
    left = max(b for b in bounds if b <= offset)
    right = min(b for b in bounds if b >= offset + (end - start))
    sentence = paragraph[left:right]
    if len(sentence) > _EXAMPLE_CHARS:
        middle = offset - left
        cut = max(0, middle - _EXAMPLE_CHARS // 3)
        sentence = "…" + sentence[cut : cut + _EXAMPLE_CHARS] + "…"
    return " ".join(_UNPRINTABLE.sub(" ", sentence).split())


def placeholder(name: str) -> str:
    """The description a suggestion carries until a human writes one."""
    return f"{PLACEHOLDER_PREFIX} one line saying who or what {name} is (replace this text)"


def is_placeholder(description: str) -> bool:
    """True for a description still reading as ``placeholder`` wrote it."""
    return description.strip().upper().startswith(PLACEHOLDER_PREFIX)


def render(suggestions: Iterable[Suggestion], folder: str = "content/entities") -> str:
    """YAML documents ready to paste as entity files, each headed by its path and evidence.

    Fields are written the way the registry's files are (``aliases`` as a flow
    list); values are quoted by the YAML dumper, and the evidence lines are
    comments cleaned of line breaks, so no text from an article can add a field.
    """
    documents = []
    for s in suggestions:
        lines = [
            f"# {folder}/{s.id}.yaml ({s.type}; {_plural(s.articles, 'article')}, "
            f"{_plural(s.mentions, 'mention')})"
        ]
        if s.example:
            lines.append(f"# e.g. {s.example}")
        lines.append(_field("name", s.name))
        lines.append(_field("type", s.type))
        if s.aliases:
            lines.append(_field("aliases", list(s.aliases)))
        lines.append(_field("description", placeholder(s.name)))
        documents.append("---\n" + "\n".join(lines) + "\n")
    return "".join(documents)


def _field(key: str, value: str | list[str]) -> str:
    """One ``key: value`` line; a list in brackets, as the registry's files write aliases."""
    text = (
        yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
        .removesuffix("\n...\n")
        .strip()
    )
    return f"{key}: {text}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


# --- reading an archive -------------------------------------------------------------------


def article_paths(content_dir: Path) -> list[Path]:
    """Every article file under ``content_dir/articles``, in path order."""
    return sorted((content_dir / "articles").rglob("*.md"))


def read_body(path: Path) -> str:
    """An article's body: text after the front matter; bytes not UTF-8 become U+FFFD.

    Only the front-matter fence is cut (``frontmatter.split``), not the YAML
    parsed: names live in the body, and parsing 20,000 headers would take
    longer than finding every name.
    """
    return frontmatter.split(path.read_bytes().decode("utf-8", errors="replace"))[1]
