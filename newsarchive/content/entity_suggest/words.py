"""What one word can be in a name: the vocabularies and the roles of a capitalised word.

Rules:

* A title (``President``, ``Vice-Chairman``: hyphenated titles count by their last
  part) makes the next name a person's; modifiers before it (``First Vice Foreign``)
  belong to it, and complement words after ``Minister of`` (``State``, ``Foreign
  Affairs``) are not the name.
* An institution word (``Committee``) or place word (``Province``, a Korean suffix
  such as ``-do``) is the head of an organisation's or place's name.
* Sentence openers, months, days, acronyms, titles, heads and connectors are never
  part of a person's name (``is_name_word``).
* A Korean name is a Korean surname and two romanised syllables, or a surname and a
  hyphenated given name of two syllables.
* A word at least as frequent in English as ``_COMMON_WORD_ZIPF`` is a word, not a
  first name; a place after ``in`` is no language, people or everyday word.

The lists are data, kept in one module so that a reviewer adding a title or an
institution word finds them together.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from newsarchive.content.names import SURNAMES
from newsarchive.content.registry import ENTITY_TYPES
from newsarchive.content.slugs import slugify

# --- vocabularies -------------------------------------------------------------------------

# Words that make the next name a person's. Hyphenated titles (Vice-Chairman,
# Secretary-General) count by their last part.
TITLES = frozenset(
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
TITLE_MODIFIERS = frozenset(
    """
    First Second Vice Deputy Acting Foreign Defense Defence Prime Supreme Senior Executive
    Assistant Associate Special Permanent Presidential Former Interim Principal Grand
    Lieutenant Rear Chief Unification Interior Finance Trade Justice Health Industry
    Economy Security National
    """.split()
)
# Words that follow "Minister of" or "Secretary of" before the name: trimmed from its front.
TITLE_COMPLEMENTS = frozenset(
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
PLACE_PREFIXES = frozenset({"Mount", "Mt.", "Lake", "Cape", "Fort"})
# Suffixes of Korean place names written as one hyphenated word (Gyeonggi-do, Panmun-ri).
KOREAN_PLACE_SUFFIXES = ("-do", "-gun", "-ri", "-dong", "-gu", "-si", "-eup", "-myeon", "-ku")
# Words that may start an organisation or place: segments without one skip that reading.
TRIGGERS = _ORGANISATION_HEADS | _PLACE_HEADS | PLACE_PREFIXES
# Place heads that only restate a registry place: "Pyongyang City" is Pyongyang.
RESTATING_HEADS = frozenset({"city", "province", "county", "prefecture", "municipality"})
CALENDAR = frozenset(
    """
    January February March April June July August September October November December
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
)
# Capitalised only because they open a sentence or a clause: never part of a name.
OPENERS = frozenset(
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
NAME_POSSESSORS = frozenset({"People", "Children", "Women", "Men", "Worker", "Youth"})
PARTICLES = frozenset("de del da das do dos van von der den du des la le al el bin ibn".split())
_CONNECTORS = frozenset({"of", "for", "and", "on", "the"}) | PARTICLES
SPLITTERS = frozenset({"and", "on"})
# Words after an institution that open its complement: Ministry of ..., Partido del ...
COMPLEMENT_OPENERS = frozenset({"of", "for", "de", "del", "des", "du", "di", "da"})
# Languages and peoples: "in English" and "in Korean" are no places; nor is "in Heaven".
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "ch")
_NOWHERE = frozenset({"Heaven", "Hell", "Paradise", "God", "Christ", "Allah"})
_COMMON_WORD_ZIPF = 4.5  # at least this frequent in English: a word, not a first name
_EVERYDAY_ZIPF = 5.5  # "in God", "in Time": words this frequent are no place names

PERSON, ORGANISATION, PLACE = ENTITY_TYPES[:3]  # suggestions never draft events

# One romanised Korean syllable, McCune-Reischauer or Revised Romanization.
_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|ts|sh|th|kh|ph|[gkndtrlmbpsjch])?"
    r"(?:[wy]?(?:eui|ae|ai|eo|eu|ee|ea|oe|oo|ou|ui|[aeiouŏŭ]))"
    r"(?:ng|nk|ck|[kngmlptrb])?",
    re.IGNORECASE,
)


# --- token roles --------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def is_title(word: str) -> bool:
    return word in TITLES or ("-" in word and word.rsplit("-", 1)[-1].capitalize() in TITLES)


@lru_cache(maxsize=100_000)
def head_kind(word: str) -> str | None:
    """``organisation`` or ``place`` for an institution or place word, else None."""
    if word in _ORGANISATION_HEADS:
        return ORGANISATION
    if word in _PLACE_HEADS or word.endswith(KOREAN_PLACE_SUFFIXES):
        return PLACE
    return None


def is_connector(word: str) -> bool:
    return word in _CONNECTORS


@lru_cache(maxsize=100_000)
def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=100_000)
def is_name_word(word: str) -> bool:
    """A word that may be part of a person's name."""
    return not (
        is_connector(word)
        or is_acronym(word)
        or is_title(word)
        or head_kind(word) is not None
        or word in CALENDAR
        or word in OPENERS
        or word in PLACE_PREFIXES
    )


# --- how common a word is -----------------------------------------------------------------


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") >= _COMMON_WORD_ZIPF


@lru_cache(maxsize=50_000)
def is_place_like(word: str) -> bool:
    """Not a language or people (``in English``), nor a common word (``in God``)."""
    return (
        word not in _NOWHERE
        and not word.lower().endswith(_DEMONYM_ENDINGS)
        and zipf_frequency(word.lower(), "en") < _EVERYDAY_ZIPF
    )


# --- Korean names -------------------------------------------------------------------------


def korean_tail(words: list[str]) -> int | None:
    """Where a Korean name ending ``words`` starts (``Railways Jon Kil Su`` -> 1), or None."""
    if len(words) >= 3 and _is_surname(words[-3]) and all(map(_is_syllable, words[-2:])):
        return len(words) - 3
    if len(words) >= 2 and _is_surname(words[-2]) and "-" in words[-1]:
        parts = words[-1].split("-")
        if len(parts) == 2 and all(map(_is_syllable, parts)):
            return len(words) - 2
    return None


def korean_length(words: list[str]) -> int:
    """How many words a Korean name opening ``words`` takes: ``Kim Il Sung Is`` -> 3.

    All the words when they do not open with a Korean name.
    """
    for length in (3, 2):
        if len(words) > length and korean_tail(words[:length]) == 0:
            return length
    return len(words)


def _is_surname(word: str) -> bool:
    return word in SURNAMES


def _is_syllable(word: str) -> bool:
    return len(word) <= 6 and _SYLLABLE.fullmatch(word) is not None


@lru_cache(maxsize=200_000)
def cached_slug(name: str) -> str:
    return slugify(name)
