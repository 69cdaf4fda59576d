"""Glue repair: put back the spaces that scraping and copy-and-paste lost.

Markup dropped between two words (``of<b>Kim</b>``, ``<a>Kim Jong Un</a>received``)
leaves them glued, and a glued name is a mention the entity matcher cannot
see. ``GlueRepair(names)`` repairs a paragraph with every rule below, using
the registry's names for the name rules; ``repair_glue(paragraph)`` applies
the rules that need no registry. Every repair inserts exactly one space, so
nothing but spaces is ever added and no character is removed.

Sentence glue (kept as it always was):

* A space goes between ``. ! ? ...`` (plus any closing quote or bracket) and
  a capital letter when the word before the stop is
    - a word of two or more letters ending in a lower-case letter
      (``added.The``, ``Un.He``, ``etc.Rodong``, and also ``Mr.Kim``, which
      becomes ``Mr. Kim``, the house spelling: the space is right whether or
      not the stop ends a sentence); after such a word an acronym or a
      one-letter word may follow too (``people.DPRK``, ``virtues.O Su Yong``);
    - an all-capitals word, a number or a closing bracket or quote, when a
      capitalised word follows (``DPRK.The``, ``2010.This``, but ``EE.UU``
      stays);
    - an initialism (``U.S.President``, ``a.m.The``, ``N.Korea``,
      ``D.M.Jayaratne``), again only when a capitalised word follows, so
      ``U.S.``, ``D.C.`` and ``U.N.`` themselves never gain a space.
  A capital followed by a period (``Ph.D.``) is never split off, a stop
  before a digit never (``3.5``, ``No.1``), nor anything already followed by
  a space (``Oct. 7``, ``N. Korea``), nor tokens holding ``/``, ``@`` or
  ``www`` (addresses).
* Straight double quotes: the stop is followed by ``"`` and a capital. The
  quote closes the quotation when an odd number of ``"`` precede it in the
  paragraph (the space goes after it: ``no one." South``), otherwise it opens
  one (the space goes before it: ``said. "I``). Curly quotes say which they are.

Word glue. A word is split in two only when both halves are real words or
names and the glued word itself is not a word:

* Title words (kept as they were): a lower-to-upper case step is split when
  the left part is a title or role word (``Supreme LeaderKim Jong Un``), or
  when the right part is a common Korean surname followed by a space and a
  capitalised given name and the left part has three or more letters
  (``visitedKim Jong Il``).
* Common word before a name (``ofKim Jong Un``, ``byComrade Kim``,
  ``theDPRK``, ``theU.S.``, ``onMonday``): the whole lower-case part before
  the case step is one of English's most frequent words and the part after it
  starts a name: an acronym or initialism, a Korean surname, a month or
  weekday, a registry name, or a capitalised word followed by another
  (``Comrade Kim``). A lone capitalised word does not count (``isGeneral
  once`` stays: that is how camelCase code looks).
* Registry name glued to a word (``GlueRepair`` only). The names are found as
  the entity matcher finds them (hyphens count as spaces, acronyms only in
  capitals, one-word names as written or, from four letters, in capitals,
  several words in any case but not starting inside a word: ``Songun
  commander`` holds no ``UN Command``).
    - Before the name (``receivedKim Jong Un``): a case step, or an
      all-capitals word before a name that is no acronym (headlines); the word
      before is a real word, a title word or another registry name. A
      capitalised word must be a title or a common word (``TheDPRK``), since
      a capitalised word plus a name makes a brand (``VisitSeoul``).
    - After the name (``Kim Jong Unreceived``, ``Kim Il SungUniversity``,
      ``DPRKhas``): the word after is a real word, a title word or another
      registry name; when a case step marks the joint, any word wordfreq knows
      will do (headline verbs: ``Kim Jong UnInspects``, ``inspects`` 2.6). After an acronym an all-capitals word is never split off
      (``UNFAO``, ``USAID``: where the first acronym ends is unknowable). A
      one-word name takes only a common word after it, in either case: it too
      often starts a longer word (``Xiyuan``, ``Abela``) or a brand
      (``AbeBooks``, ``SeoulTech``). A lower-case word after a name of several
      words or an acronym must be no suffix or compound head
      (``Pyongyangites``, ``DPRKside``): no case step marks that joint.
    - A name glued on both sides needs both joints, or it is part of a longer
      word; two overlapping names that put different joints in one glued word
      (``south Koreanspoke``: ``Korean spoke`` or ``Koreans poke``) make none.
    - A registry name of several words that lost one of its own spaces at a
      case step gets it back (``Republic ofKorea``, ``Kim JongUn``).
* Never split (any word rule):
    - a glued word that wordfreq knows (``KNOWN_ZIPF``): ``Unwin``,
      ``Xinhua``, ``Japanese``, ``YouTube``, ``WikiLeaks``, ``McDonald``,
      ``PyeongChang``, ``JoongAng``, ``Unification``. The glued word is the run
      of letters holding the joint, cut at the name's other edge (in
      ``inXian`` the joint after ``Xi`` would break ``Xian``);
    - inside a registry name as written (``PyeongChang``, ``McMaster``), so a
      glued longer name such as ``Kim Il SungUniversity`` becomes that name,
      ``Kim Il Sung University``: its joint is where a shorter one ends;
    - tokens that look like code or addresses: holding ``/ @ # _ = \\ < > { }
      | ~ ^ $`` or ``www``, a dot between two-letter runs (``kcna.kp``), a
      letter touching a digit other than an ordinal (``NigeriaSat2``, but
      ``15thPyongyang`` is glue), a call (``toJSON(``) or three case steps
      (``getElementById``, ``#KimJongUn``);
    - paragraphs that are not English: when fewer than ``ENGLISH_SHARE`` (15 %)
      of the lower-case words are common English words (counted when there are
      eight or more), only the sentence and title rules apply (KCNA's corpus
      holds Spanish stories, where ``Esperamos`` is no ``Esper amos``). Of that
      corpus' paragraphs with eight lower-case words or more, 0.13 % of the
      English ones fall below 15 % and 0.44 % of the Spanish ones stay above.

What "real word" means, from wordfreq's English frequencies (thresholds chosen
by measuring on KCNA 2011-2012 and the Rodong Sinmun sample):

* a common word is one of English's ``COMMON_WORDS`` (500) most frequent
  words: ``of in at by and has was the`` are, suffixes and foreign particles
  are not (``ing ers ism ian ese la de al`` rank beyond 500);
* a word of two or three letters is real only when it is common; a longer one
  when its zipf frequency is at least ``WORD_ZIPF`` (3.0): the verbs that
  follow names in wire copy pass (``received`` 5.2, ``inspected`` 3.5,
  ``underlined`` 3.1), fragments do not (``ites`` 2.2, ``tion`` 2.8);
* a suffix or compound head ends at least ``SUFFIX_WORDS`` (10) of wordfreq's
  50,000 most frequent words whose stem is a word too (``less`` 95, ``ship``
  54, ``land`` 61, ``side`` 37), while the words that follow names end very
  few (``said`` 0, ``sent`` 3, ``paid`` 3);
* a known word has a zipf frequency of at least ``KNOWN_ZIPF`` (1.5).
  wordfreq's list stops near 1.0 and its bottom band holds glue typos seen on
  the web (``ofjapan`` 1.08, ``theun`` 1.04, ``askim`` 1.08): of 8,799 glued
  word types made from the corpora's name mentions, 8,682 are unknown, 43
  fall below 1.5 and 74 above. Real rare words that could look glued sit
  higher (``joongang`` 1.67, ``usair`` 1.69, ``abela`` 1.72, ``unwin`` 2.83).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

import ahocorasick
from wordfreq import top_n_list, zipf_frequency

from newsarchive.content.matching import alias_form, alias_key
from newsarchive.content.names import GLUE_SURNAMES
from newsarchive.ingest.dates import MONTH_PATTERN, WEEKDAYS

COMMON_WORDS = 500
WORD_ZIPF = 3.0
KNOWN_ZIPF = 1.5
SUFFIX_WORDS = 10
ENGLISH_SHARE = 0.15
_SHORT_TEXT = 8  # lower-case words; a headline may be all names
_VOCABULARY = 50_000
_LANGUAGE = "en"

# --- sentence glue --------------------------------------------------------------

# Candidate glue points: a stop, optional closers, then a capital with no space between.
_SENTENCE_GLUE = re.compile(
    r"(?P<stop>[.!?\u2026]+)(?P<close>[\"\u201d\u2019)\]]*)(?P<open>[\u201c\u2018]?)(?=[A-Z])"
)
_WORD_BEFORE = re.compile(r"[A-Za-z0-9.%)\]\"\u201d\u2019]*$")
_TOKEN_END = re.compile(r"\S*$")
_TOKEN_START = re.compile(r"\S*")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")
_CAPS_OR_LETTER_WORD = re.compile(r"[A-Z]+(?![.\w])")
_URL_HINT = re.compile(r"[/@]|www", re.I)
_LOOK_BACK = 60


def word_before(text: str, end: int) -> str:
    """The word just before ``end``: letters, digits, dots, ``%`` and closers (``U.S.``)."""
    return _tail(_WORD_BEFORE, text, end)


def _repair_sentences(paragraph: str) -> str:
    """Put back the spaces lost between glued sentences (rules above)."""
    return _SENTENCE_GLUE.sub(lambda m: _sentence_space(m, paragraph), paragraph)


def _sentence_space(match: re.Match[str], paragraph: str) -> str:
    start, end = match.start(), match.end()
    if not _glue_is_real(paragraph, start, end):
        return match.group()
    stop, close, opening = match.group("stop"), match.group("close"), match.group("open")
    quote_at = start + len(stop) + len(close) - 1
    if close.endswith('"') and paragraph.count('"', 0, quote_at) % 2 == 0:
        # An even number of quotes before this one: it opens the next quotation.
        return f'{stop}{close[:-1]} "{opening}'
    return f"{stop}{close} {opening}"


def _glue_is_real(paragraph: str, start: int, end: int) -> bool:
    word = word_before(paragraph, start)
    if not any(ch.isalnum() for ch in word):
        return False
    token = _tail(_TOKEN_END, paragraph, start) + _TOKEN_START.match(paragraph, end).group()
    if _URL_HINT.search(token):
        return False
    if _CAPITALISED_WORD.match(paragraph, end):
        return True
    # An acronym or a one-letter word follows (DPRK, O, I): only after a real word.
    last = word.rsplit(".", 1)[-1]
    is_word = len(last) >= 2 and last.isalpha() and last[-1].islower()
    return is_word and "." not in word and _CAPS_OR_LETTER_WORD.match(paragraph, end) is not None


def _tail(pattern: re.Pattern[str], text: str, end: int) -> str:
    """The match of an end-anchored pattern just before ``end``, looking back a word's length."""
    return pattern.search(text[max(0, end - _LOOK_BACK) : end]).group()


# --- words: what wordfreq says --------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _zipf(word: str) -> float:
    return zipf_frequency(word, _LANGUAGE)


@cache
def _common_words() -> frozenset[str]:
    """English's most frequent words, letters only (``the of in is by met``)."""
    return frozenset(w for w in top_n_list(_LANGUAGE, COMMON_WORDS) if w.isalpha())


@cache
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    """wordfreq's frequent words, and the same words spelt backwards, sorted."""
    words = frozenset(w for w in top_n_list(_LANGUAGE, _VOCABULARY) if w.isalpha())
    return words, tuple(sorted(w[::-1] for w in words))


def _is_word(word: str) -> bool:
    """A real English word: a common short word, or a longer one wordfreq knows well."""
    lowered = word.lower()
    if len(lowered) <= 3:
        return lowered in _common_words()
    return _zipf(lowered) >= WORD_ZIPF


def _is_known(word: str) -> bool:
    """wordfreq knows this word above its floor: a real word or name, however rare."""
    return _zipf(word.lower()) >= KNOWN_ZIPF


@lru_cache(maxsize=1 << 12)
def _is_suffix(word: str) -> bool:
    """``word`` ends many frequent words whose stem is a word too (``less``, ``ship``, ``land``)."""
    words, backwards = _vocabulary()
    key = word.lower()[::-1]
    count = 0
    index = bisect_left(backwards, key)
    while index < len(backwards) and backwards[index].startswith(key):
        stem = backwards[index][len(key) :][::-1]
        count += len(stem) >= 3 and stem in words
        if count >= SUFFIX_WORDS:
            return True
        index += 1
    return False


_LETTERS = re.compile(r"[^\W\d_]+")


def _looks_english(text: str) -> bool:
    """Enough of the lower-case words are English's most frequent ones; texts with
    few lower-case words (headlines, lists of names) pass.

    The word rules are English rules: in Spanish copy (``Esperamos``) an English
    name plus an English-looking ending is no glue. Capitalised words are left out
    of the count because names are the same in every language.
    """
    words = [w for w in _LETTERS.findall(text) if w[0].islower()]
    if len(words) < _SHORT_TEXT:
        return True
    common = _common_words()
    return sum(w in common for w in words) >= ENGLISH_SHARE * len(words)


# --- words: shapes --------------------------------------------------------------

_CASE_STEP = re.compile(r"[a-z][A-Z]")
_WORD_GLUE = re.compile(r"\b(?P<left>[A-Z]?[a-z]{2,})(?P<right>[A-Z][a-z]*)\b")
_GIVEN_NAME_NEXT = re.compile(r" [A-Z]")
_RIGHT_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z]+|[a-z]+")
_LEFT_WORD = re.compile(r"(?:[A-Z]?[a-z]+|[A-Z]+)$")
_CODE_LIKE = re.compile(
    r"[/@#_=\\<>{}|~^$`]|www|[a-z]{2}\.[a-z]{2}|[a-z]\d|\d(?!st|nd|rd|th)[a-z]|\w\(", re.I
)
_MAX_CASE_STEPS = 2
_MONTH = re.compile(MONTH_PATTERN)

_TITLE_WORDS = frozenset(
    """
    leader secretary president chairman chairwoman chairperson premier minister marshal
    general comrade ambassador director commander envoy representative spokesman
    spokeswoman spokesperson vice-chairman officer governor mayor senator king queen
    prince princess emperor chancellor lieutenant colonel captain sergeant admiral
    professor doctor reporter correspondent
    """.split()
)


def _letter_run(text: str, point: int) -> str:
    """The letters on both sides of ``point``: the glued word as written."""
    start, end = point, point
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def _left_word(text: str, point: int) -> str:
    """The word that ends at ``point`` (``received`` in ``receivedKim``), '' if none."""
    found = _LEFT_WORD.search(text, max(0, point - _LOOK_BACK), point)
    return found.group() if found else ""


def _right_word(text: str, point: int) -> str:
    """The word that starts at ``point`` (``Kim``, ``DPRK``, ``received``), '' if none."""
    found = _RIGHT_WORD.match(text, point)
    return found.group() if found else ""


def _is_code_like(text: str, point: int) -> bool:
    """The whitespace-delimited token around ``point`` is an address, a tag or code."""
    token = _tail(_TOKEN_END, text, point) + _TOKEN_START.match(text, point).group()
    return _CODE_LIKE.search(token) is not None or len(_CASE_STEP.findall(token)) > _MAX_CASE_STEPS


def _title_points(text: str) -> Iterator[int]:
    """Joints of the title-word and surname rules (``LeaderKim``, ``visitedKim Jong``)."""
    for match in _WORD_GLUE.finditer(text):
        left, right = match.group("left"), match.group("right")
        if left.lower() in _TITLE_WORDS or (
            right in GLUE_SURNAMES and len(left) >= 3 and _GIVEN_NAME_NEXT.match(text, match.end())
        ):
            yield match.start("right")


def _starts_name(text: str, point: int, name_starts: frozenset[int]) -> bool:
    """A name starts at ``point``: an acronym, a surname, a registry name, ``Comrade Kim``."""
    word = _right_word(text, point)
    after = point + len(word)
    if word.isupper() and text.startswith(".", after):
        return True  # an initialism: ``theU.S.``, ``theC.C.``
    if len(word) < 2 or not word[0].isupper():
        return False
    return (
        word.isupper()
        or word in GLUE_SURNAMES
        or word in WEEKDAYS
        or _MONTH.fullmatch(word) is not None
        or point in name_starts
        or _GIVEN_NAME_NEXT.match(text, after) is not None
    )


def _common_word_points(text: str, name_starts: frozenset[int]) -> Iterator[int]:
    """Joints where a whole lower-case common word meets a name (``ofKim``, ``theDPRK``)."""
    for step in _CASE_STEP.finditer(text):
        point = step.start() + 1
        left = _letter_run(text[:point], point)
        if (
            len(left) >= 2
            and left.islower()
            and left.isascii()
            and left in _common_words()
            and _starts_name(text, point, name_starts)
            and not _glued_word_is_known(text, point)
        ):
            yield point


# --- registry names -------------------------------------------------------------

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SPACES = "\t\n\r\xa0\u202f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_APOSTROPHES = "\u2018\u2019\u02bc\u2032\uff07"
# Length-preserving version of the matcher's normalisation: dashes and odd spaces
# become spaces and curly apostrophes straight ones, so offsets stay put.
_FOLD = {**dict.fromkeys(_DASHES + _SPACES, " "), **dict.fromkeys(_APOSTROPHES, "'")}
_TO_FOLD = re.compile(f"[{re.escape(''.join(_FOLD))}]")


def _fold(text: str) -> str:
    """``text`` with dashes as spaces and straight apostrophes, each character in place."""
    for char in set(_TO_FOLD.findall(text)):
        text = text.replace(char, _FOLD[char])
    return text


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_acronym(form: str) -> bool:
    return not any(c.islower() for c in form)


def _is_phrase(form: str) -> bool:
    """Several words with lower-case letters: the matcher takes these in any case."""
    return " " in form and not _is_acronym(form)


def _exact_keys(form: str) -> Iterator[str]:
    """How a name that is not a phrase may be written: as is, or in capitals from four letters."""
    yield form
    if not _is_acronym(form) and len(form) >= 4:
        yield form.upper()


class _Hit(NamedTuple):
    """A registry name found in a paragraph, written as the registry allows."""

    start: int
    end: int
    acronym: bool = False
    phrase: bool = False  # several words, such as ``Kim Jong Un``
    joint: int | None = None  # where the name lost one of its own spaces (``Republic ofKorea``)


def _touches(text: str, hit: _Hit) -> tuple[bool, bool]:
    """Whether a letter touches the name's first letter on the left, its last on the right."""
    left = hit.start > 0 and text[hit.start - 1].isalpha() and text[hit.start].isalpha()
    right = hit.end < len(text) and text[hit.end].isalpha() and text[hit.end - 1].isalpha()
    return left, right


def _left_glue(text: str, hit: _Hit, name_ends: frozenset[int]) -> bool:
    """``receivedKim Jong Un``: split before a registry name (rules above)."""
    point = hit.start
    before = text[point - 1]
    step = before.islower() and text[point].isupper()
    left = _left_word(text, point)
    shouted = left.isupper() and not hit.acronym
    if not (step or shouted) or not left:
        return False
    named = left.lower() in _TITLE_WORDS or point in name_ends
    # A capitalised word before a name makes a brand (``VisitSeoul``), unless it is a
    # title or a common word starting a sentence (``TheDPRK``).
    capitalised = left[0].isupper() and not left.isupper()
    common = left.lower() in _common_words()
    real = named or common or (not capitalised and _is_word(left))
    return real and not _glued_word_is_known(text, point, end=hit.end)


def _glued_word_is_known(text: str, point: int, start: int = 0, end: int | None = None) -> bool:
    """The letters around the joint, within ``start:end``, form a word wordfreq knows.

    The bounds keep a name glued on both sides apart: in ``inXian`` the joint after
    ``Xi`` would break ``Xian``. When one side is a single initial (``theU.S.``),
    the letters are no word at all.
    """
    before = _letter_run(text[start:point], point - start)
    after = _letter_run(text[point:end], 0)
    return len(before) > 1 and len(after) > 1 and _is_known(before + after)


def _right_glue(text: str, hit: _Hit, name_starts: frozenset[int]) -> bool:
    """``Kim Jong Unreceived``, ``DPRKhas``: split after a registry name (rules above)."""
    point = hit.end
    right = _right_word(text, point)
    if len(right) < 2 or _glued_word_is_known(text, point, start=hit.start):
        return False
    if hit.acronym and right.isupper():
        return False  # UNFAO, USAID: where the first acronym ends is unknowable
    if point in name_starts or right.lower() in _TITLE_WORDS:
        return True
    if right.islower():
        return _lower_case_glue(text, hit, right)
    if not (hit.phrase or hit.acronym):
        return right.lower() in _common_words()  # ``AbeBooks``, ``SeoulTech`` are brands
    return _is_known(right)  # the case step marks the joint: ``Kim Jong UnInspects``


def _lower_case_glue(text: str, hit: _Hit, right: str) -> bool:
    """A lower-case word after a name: no case step marks the joint. After a name of
    several words or an acronym any real word that is no suffix may follow; a one-word
    name too often starts a longer word (``Xiyuan``, ``Abela``), so only a common
    word may follow it (``Japanand``)."""
    end = hit.end + len(right)
    ends_word = end == len(text) or not text[end].isalpha() or text[end].isupper()
    if not ends_word:
        return False
    if not (hit.phrase or hit.acronym):
        return right in _common_words()
    return _is_word(right) and not (len(right) > 3 and _is_suffix(right))


# --- the repairer ---------------------------------------------------------------


class GlueRepair:
    """Repairs glued sentences, words and registry names in one paragraph at a time.

    Built once per run from every registry name and alias as written (one
    Aho-Corasick automaton, so thousands of names cost one pass over the text),
    then called on each paragraph and headline. ``repairs`` counts the spaces
    inserted so far; read it before and after a call to count one article's.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.repairs = 0
        self._exact, self._phrases = _name_automata(names)
        self._names = self._exact is not None or self._phrases is not None
        if self._names:
            # Load the word lists now, so that forked workers inherit them.
            _common_words()
            _vocabulary()

    def __call__(self, paragraph: str) -> str:
        """``paragraph`` with the lost spaces put back (rules in the module docstring)."""
        repaired = self._repair_words(_repair_sentences(paragraph))
        self.repairs += len(repaired) - len(paragraph)
        return repaired

    def _repair_words(self, text: str) -> str:
        hits = self._hits(text)
        glued = [(hit, *_touches(text, hit)) for hit in hits]
        glued = [item for item in glued if item[1] or item[2] or item[0].joint]
        if not glued and _CASE_STEP.search(text) is None:
            return text
        starts = frozenset(hit.start for hit in hits)
        ends = frozenset(hit.end for hit in hits)
        points = set(_title_points(text))
        english = [*_common_word_points(text, starts), *_name_points(text, glued, starts, ends)]
        if english and _looks_english(text):
            points.update(english)
        kept = [p for p in sorted(points) if _may_split(text, p, hits)]
        return _insert_spaces(text, kept)

    def _hits(self, text: str) -> list[_Hit]:
        """Registry names in ``text`` written as the registry allows, wherever they are."""
        if not self._names or not text:
            return []
        kept = _fold(text)
        hits = []
        if self._exact is not None:
            for last, (length, acronym) in self._exact.iter(kept):
                hits.append(_Hit(last + 1 - length, last + 1, acronym))
        if self._phrases is not None:
            for last, (length, joint) in self._phrases.iter(_lower_keeping_length(kept)):
                start = last + 1 - length
                # Any case, but ``Songun commander`` is no UN Command: a name in lower
                # case (``south Korean``) must not start inside a word.
                if not kept[start].islower() or start == 0 or not kept[start - 1].isalnum():
                    at = start + joint if joint else None
                    hits.append(_Hit(start, last + 1, phrase=True, joint=at))
        return hits


def _name_points(
    text: str,
    glued: list[tuple[_Hit, bool, bool]],
    starts: frozenset[int],
    ends: frozenset[int],
) -> list[int]:
    """Joints at the edges of registry names and inside them (rules above)."""
    joints = [
        (point, hit)
        for hit, left, right in glued
        for point in _joints(text, hit, left, right, starts, ends)
    ]
    return [point for point, hit in joints if not _ambiguous(text, point, hit, joints)]


def _joints(
    text: str,
    hit: _Hit,
    left_touch: bool,
    right_touch: bool,
    starts: frozenset[int],
    ends: frozenset[int],
) -> list[int]:
    """A name glued on both sides needs both joints, or it is part of a longer word."""
    left = left_touch and _left_glue(text, hit, ends)
    right = right_touch and _right_glue(text, hit, starts)
    if (left_touch and not left) or (right_touch and not right):
        return []
    found = [hit.start] if left else []
    found += [hit.end] if right else []
    return found + ([hit.joint] if hit.joint is not None else [])


def _ambiguous(text: str, point: int, hit: _Hit, joints: list[tuple[int, _Hit]]) -> bool:
    """Two overlapping names put different joints in one glued word (``south
    Koreanspoke``: ``Korean spoke`` or ``Koreans poke``): make neither."""
    return any(
        other != point
        and other_hit is not hit
        and other_hit.start < hit.end
        and hit.start < other_hit.end
        and text[min(point, other) : max(point, other)].isalpha()
        for other, other_hit in joints
    )


def _may_split(text: str, point: int, hits: list[_Hit]) -> bool:
    inside_name = any(hit.start < point < hit.end and hit.joint is None for hit in hits)
    return not inside_name and not _is_code_like(text, point)


def _insert_spaces(text: str, points: list[int]) -> str:
    if not points:
        return text
    bounds = [0, *points, len(text)]
    return " ".join(text[a:b] for a, b in pairwise(bounds))


def _name_automata(
    names: Iterable[str],
) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None]:
    """Acronyms and one-word names matched case-sensitively; phrases folded to lower case."""
    exact: dict[str, tuple[int, bool]] = {}
    phrases: dict[str, tuple[int, int]] = {}
    glued: dict[str, tuple[int, int]] = {}
    for name in names:
        form = alias_form(name)
        if not any(c.isascii() and c.isalpha() for c in form) or any(map(_is_hangul, form)):
            continue  # Korean particles glue to Hangul names by design
        if _is_phrase(form):
            phrases[alias_key(name)] = (len(form), 0)
            glued.update((_lower_keeping_length(v), (len(v), at)) for v, at in _glued_forms(form))
        else:
            exact.update((key, (len(key), _is_acronym(form))) for key in _exact_keys(form))
    return _automaton(exact), _automaton(glued | phrases)


def _glued_forms(form: str) -> Iterator[tuple[str, int]]:
    """The phrase with one space lost at a case step (``Kim JongUn``), and where it was."""
    for at in range(1, len(form) - 1):
        if form[at] == " " and form[at - 1].islower() and form[at + 1].isupper():
            yield form[:at] + form[at + 1 :], at


def _is_hangul(char: str) -> bool:
    return (
        "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    )


def _automaton(entries: dict[str, object]) -> ahocorasick.Automaton | None:
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in entries.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


_PLAIN = GlueRepair()


def repair_glue(paragraph: str) -> str:
    """Every glue rule that needs no registry: sentences, title words, common words."""
    return _PLAIN(paragraph)
