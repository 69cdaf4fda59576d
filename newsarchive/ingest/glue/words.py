"""Word glue without a registry: title words and common words glued to a name.

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
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsarchive.content.names import GLUE_SURNAMES
from newsarchive.ingest.dates import MONTH_PATTERN, WEEKDAYS
from newsarchive.ingest.glue.sentences import LOOK_BACK, TOKEN_END, TOKEN_START, tail
from newsarchive.ingest.glue.vocabulary import common_words, is_known

# --- words: shapes --------------------------------------------------------------

CASE_STEP = re.compile(r"[a-z][A-Z]")
_WORD_GLUE = re.compile(r"\b(?P<left>[A-Z]?[a-z]{2,})(?P<right>[A-Z][a-z]*)\b")
_GIVEN_NAME_NEXT = re.compile(r" [A-Z]")
_RIGHT_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z]+|[a-z]+")
_LEFT_WORD = re.compile(r"(?:[A-Z]?[a-z]+|[A-Z]+)$")
_CODE_LIKE = re.compile(
    r"[/@#_=\\<>{}|~^$`]|www|[a-z]{2}\.[a-z]{2}|[a-z]\d|\d(?!st|nd|rd|th)[a-z]|\w\(", re.I
)
_MAX_CASE_STEPS = 2
_MONTH = re.compile(MONTH_PATTERN)

TITLE_WORDS = frozenset(
    """
    leader secretary president chairman chairwoman chairperson premier minister marshal
    general comrade ambassador director commander envoy representative spokesman
    spokeswoman spokesperson vice-chairman officer governor mayor senator king queen
    prince princess emperor chancellor lieutenant colonel captain sergeant admiral
    professor doctor reporter correspondent
    """.split()
)


def letter_run(text: str, point: int) -> str:
    """The letters on both sides of ``point``: the glued word as written."""
    start, end = point, point
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def left_word(text: str, point: int) -> str:
    """The word that ends at ``point`` (``received`` in ``receivedKim``), '' if none."""
    found = _LEFT_WORD.search(text, max(0, point - LOOK_BACK), point)
    return found.group() if found else ""


def right_word(text: str, point: int) -> str:
    """The word that starts at ``point`` (``Kim``, ``DPRK``, ``received``), '' if none."""
    found = _RIGHT_WORD.match(text, point)
    return found.group() if found else ""


def is_code_like(text: str, point: int) -> bool:
    """The whitespace-delimited token around ``point`` is an address, a tag or code."""
    token = tail(TOKEN_END, text, point) + TOKEN_START.match(text, point).group()
    return _CODE_LIKE.search(token) is not None or len(CASE_STEP.findall(token)) > _MAX_CASE_STEPS


def title_points(text: str) -> Iterator[int]:
    """Joints of the title-word and surname rules (``LeaderKim``, ``visitedKim Jong``)."""
    for match in _WORD_GLUE.finditer(text):
        left, right = match.group("left"), match.group("right")
        if left.lower() in TITLE_WORDS or (
            right in GLUE_SURNAMES and len(left) >= 3 and _GIVEN_NAME_NEXT.match(text, match.end())
        ):
            yield match.start("right")


def _starts_name(text: str, point: int, name_starts: frozenset[int]) -> bool:
    """A name starts at ``point``: an acronym, a surname, a registry name, ``Comrade Kim``."""
    word = right_word(text, point)
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


def common_word_points(text: str, name_starts: frozenset[int]) -> Iterator[int]:
    """Joints where a whole lower-case common word meets a name (``ofKim``, ``theDPRK``)."""
    for step in CASE_STEP.finditer(text):
        point = step.start() + 1
        left = letter_run(text[:point], point)
        if (
            len(left) >= 2
            and left.islower()
            and left.isascii()
            and left in common_words()
            and _starts_name(text, point, name_starts)
            and not glued_word_is_known(text, point)
        ):
            yield point


def glued_word_is_known(text: str, point: int, start: int = 0, end: int | None = None) -> bool:
    """The letters around the joint, within ``start:end``, form a word wordfreq knows.

    The bounds keep a name glued on both sides apart: in ``inXian`` the joint after
    ``Xi`` would break ``Xian``. When one side is a single initial (``theU.S.``),
    the letters are no word at all.
    """
    before = letter_run(text[start:point], point - start)
    after = letter_run(text[point:end], 0)
    return len(before) > 1 and len(after) > 1 and is_known(before + after)
