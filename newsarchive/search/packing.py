"""Numbers and word lists packed for gzip: the shards' encoding, mirrored by ``pack.js``.

Each number is one character of a 91-character alphabet when below 64, more characters
when bigger, so gzip codes each small number in a few bits where JSON digits and commas
cost a byte or more. A set of articles is its gaps packed (first article, then the
distance minus one to each next one), or ``!`` and the gaps of the articles it does not
have when it has most of them, or ``~`` and a bitmap, six articles per character, in
between. A sorted word list is front-coded.

May import: the standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

ALPHABET = "".join(
    chr(c) for c in range(0x23, 0x7F) if c != 0x5C
)  # 91 characters, none escaped in JSON
_LAST, _MORE = 64, 27  # a number's last character holds 0-63; characters before it 0-26 each
BITMAP = "~"  # marks a docset written as a bitmap ("!" marks the complement)


def _pack_one(n: int) -> str:
    if n < _LAST:
        return ALPHABET[n]
    high, low = divmod(n, _LAST)
    digits = []
    while high:
        high, digit = divmod(high, _MORE)
        digits.append(ALPHABET[_LAST + digit])
    return "".join(reversed(digits)) + ALPHABET[low]


_PACKED = [_pack_one(n) for n in range(_LAST * _MORE * _MORE)]  # every number of up to 3 characters


def pack(values: Iterable[int]) -> str:
    """Non-negative integers as characters: 0-63 in one, up to 1,727 in two, 46,655 in three."""
    values = values if isinstance(values, list) else list(values)
    if values and min(values) >= 0 and max(values) < len(_PACKED):  # the common case, at C speed
        return "".join(map(_PACKED.__getitem__, values))
    return "".join([_PACKED[v] if 0 <= v < len(_PACKED) else _pack_one(v) for v in values])


def unpack(text: str) -> list[int]:
    """The inverse of ``pack`` (the browser's is in ``theme/static/js/search/pack.js``)."""
    out, high = [], 0
    for ch in text:
        digit = ALPHABET.index(ch)
        if digit >= _LAST:
            high = high * _MORE + digit - _LAST
        else:
            out.append(high * _LAST + digit)
            high = 0
    return out


def gaps(values: Sequence[int]) -> list[int]:
    """Ascending integers as the first one, then each distance to the next minus one."""
    before = chain((-1,), values)  # one longer than values: zip stops with values
    return [value - previous - 1 for previous, value in zip(before, values, strict=False)]


def docset(refs: Sequence[int], count: int) -> str:
    """A set of articles (ascending numbers below count), packed the smallest of three ways."""
    n = len(refs)
    if 4 * n <= count:
        packed = pack(gaps(refs))
        # A first number whose leading digit is the last character, "~", would read as the
        # bitmap form: a leading zero digit (same number to every decoder) keeps it gaps.
        return ALPHABET[_LAST] + packed if packed.startswith(BITMAP) else packed
    if 4 * n >= 3 * count:
        present = set(refs)
        return "!" + pack(gaps([r for r in range(count) if r not in present]))
    sixes = [0] * ((count + 5) // 6)
    for r in refs:
        sixes[r // 6] |= 1 << (r % 6)
    return BITMAP + "".join([ALPHABET[x] for x in sixes])


def words(sorted_words: Sequence[str]) -> dict[str, str]:
    """Sorted words front-coded: how many code points each shares with the one before, and the rest."""
    shared, rest = [], []
    previous = ""
    for word in sorted_words:
        n, limit = 0, min(len(word), len(previous))
        while n < limit and word[n] == previous[n]:
            n += 1
        shared.append(n)
        rest.append(word[n:])
        previous = word
    return {"shared": pack(shared), "rest": " ".join(rest)}
