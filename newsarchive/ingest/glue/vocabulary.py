"""Which words are real: what wordfreq's English frequencies say, for the word-glue rules.

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
from functools import cache, lru_cache

from wordfreq import top_n_list, zipf_frequency

COMMON_WORDS = 500
WORD_ZIPF = 3.0
KNOWN_ZIPF = 1.5
SUFFIX_WORDS = 10
ENGLISH_SHARE = 0.15
_SHORT_TEXT = 8  # lower-case words; a headline may be all names
_VOCABULARY = 50_000
_LANGUAGE = "en"


# --- words: what wordfreq says --------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _zipf(word: str) -> float:
    return zipf_frequency(word, _LANGUAGE)


@cache
def common_words() -> frozenset[str]:
    """English's most frequent words, letters only (``the of in is by met``)."""
    return frozenset(w for w in top_n_list(_LANGUAGE, COMMON_WORDS) if w.isalpha())


@cache
def frequent_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """wordfreq's frequent words, and the same words spelt backwards, sorted."""
    words = frozenset(w for w in top_n_list(_LANGUAGE, _VOCABULARY) if w.isalpha())
    return words, tuple(sorted(w[::-1] for w in words))


def is_word(word: str) -> bool:
    """A real English word: a common short word, or a longer one wordfreq knows well."""
    lowered = word.lower()
    if len(lowered) <= 3:
        return lowered in common_words()
    return _zipf(lowered) >= WORD_ZIPF


def is_known(word: str) -> bool:
    """wordfreq knows this word above its floor: a real word or name, however rare."""
    return _zipf(word.lower()) >= KNOWN_ZIPF


@lru_cache(maxsize=1 << 12)
def is_suffix(word: str) -> bool:
    """``word`` ends many frequent words whose stem is a word too (``less``, ``ship``, ``land``)."""
    words, backwards = frequent_words()
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


def looks_english(text: str) -> bool:
    """Enough of the lower-case words are English's most frequent ones; texts with
    few lower-case words (headlines, lists of names) pass.

    The word rules are English rules: in Spanish copy (``Esperamos``) an English
    name plus an English-looking ending is no glue. Capitalised words are left out
    of the count because names are the same in every language.
    """
    words = [w for w in _LETTERS.findall(text) if w[0].islower()]
    if len(words) < _SHORT_TEXT:
        return True
    common = common_words()
    return sum(w in common for w in words) >= ENGLISH_SHARE * len(words)
