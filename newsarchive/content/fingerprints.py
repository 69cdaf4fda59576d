"""When two texts are the same story, or nearly: story keys and near-duplicate detection.

A news agency files one story under several topics and addresses, and a scraper
brings back every listing. Ingest and `invoke check` must see those as one story,
whatever the record around it says, so a story is known by its words:

* ``story_words`` reduces a text to its words: Markdown and HTML markup, case,
  punctuation and whitespace removed (NFKC, case-folded; letters and digits only).
  Two copies that differ only in spacing, glue (``added.The``), quotes or Markdown
  escapes have the same words.
* ``story_key`` is the SHA-256 of those words: equal keys, same story. A text of
  fewer than ``MIN_WORDS`` words is too short to tell stories apart (a stub, a
  one-line brief) and has no key.
* ``NearDuplicates`` finds stories re-filed with a corrected word or an added line:
  MinHash signatures of word 3-grams, banded in a MinHash LSH index (datasketch), so
  each text is compared with a handful of candidates instead of every other text.
  Candidates are confirmed with their exact Jaccard similarity, which is what gets
  reported. The default threshold, 0.8, is met by a 50-word brief with one word
  changed (about 0.88) and by a story with a tenth of its length added; on the KCNA
  corpus the only unrelated stories above it are the agency's fill-in-the-country
  templates ("... posted on its Internet homepage the full text of ..."), which a
  reader would call near-copies too. 64 permutations cost ~0.2 ms per story.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy

MIN_WORDS = 8
SHINGLE = 3
NUM_PERM = 64
THRESHOLD = 0.8
# LSH bands x rows: a pair at 0.8 becomes a candidate 99 % of the time (1 - (1 - 0.8^5)^12),
# a pair at 0.5 a third of the time and is then dropped by its exact similarity. (datasketch's
# own choice for 64 permutations, 5 x 11, finds a pair at 0.83 only half the time.)
BANDS = (12, 5)
_SEED = 20_181_218

_MARKUP = re.compile(r"<[^<>]*>|&[#\w]+;|\]\([^)]*\)")  # tags, entities, link targets
_WORD = re.compile(r"[^\W_]+")


def story_words(text: str) -> list[str]:
    """The words of a text, lower-cased, without markup or punctuation."""
    text = _MARKUP.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(text)


def story_key(text: str) -> str | None:
    """SHA-256 of the text's words; None when it has too few words to name a story."""
    return words_key(story_words(text))


def words_key(words: Sequence[str]) -> str | None:
    """``story_key`` of a text whose words are already known."""
    if len(words) < MIN_WORDS:
        return None
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def shingles(words: Sequence[str]) -> set[bytes]:
    """Word 3-grams (the whole text for shorter ones), the units of similarity."""
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - 2)}


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    """Exact similarity of two word lists: shared 3-grams over all 3-grams."""
    left, right = shingles(a), shingles(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


@cache
def _template() -> Any:
    """One MinHash whose permutations every signature shares (making them is the slow part)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32)


def signature(words: Sequence[str]) -> numpy.ndarray | None:
    """The MinHash signature of a word list; None when it is too short to compare."""
    if len(words) < MIN_WORDS:
        return None
    from datasketch import MinHash

    base = _template()
    minhash = MinHash(
        num_perm=NUM_PERM,
        hashfunc=zlib.crc32,
        permutations=base.permutations,
        scheme=base.scheme,
    )
    minhash.update_batch(list(shingles(words)))
    return minhash.hashvalues


@dataclass(frozen=True)
class NearPair:
    """Two texts that are nearly the same story, and how similar they are (0-1)."""

    first: Hashable
    second: Hashable
    similarity: float


class NearDuplicates:
    """An LSH index of signatures; ``add`` returns the earlier texts a new one nearly repeats.

    Candidates come from the LSH bands; ``words_of`` gives any indexed text's words
    back so that a candidate is confirmed by its exact similarity.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=BANDS)
        self._keys: set[Hashable] = set()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._keys

    def add(
        self,
        key: Hashable,
        hashvalues: numpy.ndarray | None,
        words_of: Callable[[Hashable], Sequence[str]],
    ) -> list[NearPair]:
        """Index one text; return its near-duplicates among the texts indexed before it.

        ``words_of(key)`` returns the words of a text, asked only to confirm a
        candidate (so the index holds signatures, and texts are read on demand).
        """
        if hashvalues is None or key in self._keys:
            return []
        minhash = self._minhash(hashvalues)
        pairs = []
        for other in sorted(self._lsh.query(minhash), key=str):
            similarity = jaccard(words_of(other), words_of(key))
            if similarity >= self.threshold:
                pairs.append(NearPair(other, key, round(similarity, 2)))
        self._lsh.insert(key, minhash)
        self._keys.add(key)
        return pairs

    def _minhash(self, hashvalues: numpy.ndarray) -> Any:
        from datasketch import MinHash

        base = _template()
        return MinHash(
            hashfunc=zlib.crc32,
            hashvalues=hashvalues,
            permutations=base.permutations,
            scheme=base.scheme,
        )


def near_pairs(
    texts: Iterable[tuple[Hashable, Sequence[str]]], threshold: float = THRESHOLD
) -> list[NearPair]:
    """Every pair of near-duplicate texts among (key, words), each pair once, in input order."""
    index = NearDuplicates(threshold)
    words: dict[Hashable, Sequence[str]] = {}
    pairs: list[NearPair] = []
    for key, text_words in texts:
        words[key] = text_words
        pairs += index.add(key, signature(text_words), words.__getitem__)
    return pairs
