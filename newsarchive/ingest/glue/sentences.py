"""Sentence glue: the space lost between a sentence's stop and the next sentence.

Rules (kept as they always were):

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
"""

from __future__ import annotations

import re

# Candidate glue points: a stop, optional closers, then a capital with no space between.
_SENTENCE_GLUE = re.compile(
    r"(?P<stop>[.!?\u2026]+)(?P<close>[\"\u201d\u2019)\]]*)(?P<open>[\u201c\u2018]?)(?=[A-Z])"
)
_WORD_BEFORE = re.compile(r"[A-Za-z0-9.%)\]\"\u201d\u2019]*$")
TOKEN_END = re.compile(r"\S*$")
TOKEN_START = re.compile(r"\S*")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]")
_CAPS_OR_LETTER_WORD = re.compile(r"[A-Z]+(?![.\w])")
_URL_HINT = re.compile(r"[/@]|www", re.I)
LOOK_BACK = 60


def word_before(text: str, end: int) -> str:
    """The word just before ``end``: letters, digits, dots, ``%`` and closers (``U.S.``)."""
    return tail(_WORD_BEFORE, text, end)


def repair_sentences(paragraph: str) -> str:
    """Put back the spaces lost between glued sentences (rules at the top of this module)."""
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
    token = tail(TOKEN_END, paragraph, start) + TOKEN_START.match(paragraph, end).group()
    if _URL_HINT.search(token):
        return False
    if _CAPITALISED_WORD.match(paragraph, end):
        return True
    # An acronym or a one-letter word follows (DPRK, O, I): only after a real word.
    last = word.rsplit(".", 1)[-1]
    is_word = len(last) >= 2 and last.isalpha() and last[-1].islower()
    return is_word and "." not in word and _CAPS_OR_LETTER_WORD.match(paragraph, end) is not None


def tail(pattern: re.Pattern[str], text: str, end: int) -> str:
    """The match of an end-anchored pattern just before ``end``, looking back a word's length."""
    return pattern.search(text[max(0, end - LOOK_BACK) : end]).group()
