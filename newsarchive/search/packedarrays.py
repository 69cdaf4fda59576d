"""``packing``'s encodings of numpy arrays, computed over the whole array at once.

A big term's postings are thousands of numbers (20,000 articles name "Korea"), and its
weights are mostly past the numbers ``packing.pack`` has ready-made (a title's weight x
1000 reaches six figures), which it then packs one by one in Python: most of the index
workers' time went there. These give the same characters as ``pack``, ``gaps`` and
``docset`` (tested against them); a short array goes through ``packing`` itself, which is
quicker for a few numbers than setting up arrays.
"""

from __future__ import annotations

import numpy as np

from newsarchive.search.packing import _LAST, _MORE, ALPHABET, BITMAP, docset, pack

_CHARACTERS = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
SHORT = 48  # at most this many numbers: packed by ``packing``


def pack_array(values: np.ndarray) -> str:
    """``packing.pack`` of non-negative integers."""
    if len(values) <= SHORT:
        return pack(values.tolist())
    low = values.astype(np.int64)
    high = low // _LAST
    low -= high * _LAST
    digits = np.zeros(len(values), dtype=np.int64)  # characters before the last one
    bound, top = 1, int(high.max())
    while bound <= top:
        digits += high >= bound
        bound *= _MORE
    ends = np.cumsum(digits + 1)
    out = np.empty(int(ends[-1]), dtype=np.uint8)
    out[ends - 1] = _CHARACTERS[low]
    for k in range(1, int(digits.max()) + 1):  # the k-th digit from the end, base _MORE
        has = digits >= k
        out[(ends - 1 - k)[has]] = _CHARACTERS[_LAST + high[has] % _MORE]
        high //= _MORE
    return out.tobytes().decode("ascii")


def gaps_array(values: np.ndarray) -> np.ndarray:
    """``packing.gaps`` of ascending integers."""
    return np.diff(values, prepend=-1) - 1


def docset_array(refs: np.ndarray, count: int) -> str:
    """``packing.docset`` of ascending article numbers below ``count``."""
    n = len(refs)
    if n <= SHORT:
        return docset(refs.tolist(), count)
    if 4 * n <= count:
        packed = pack_array(gaps_array(refs))
        return ALPHABET[_LAST] + packed if packed.startswith(BITMAP) else packed
    if 4 * n >= 3 * count:
        absent = np.ones(count, dtype=bool)
        absent[refs] = False
        return "!" + pack_array(gaps_array(np.flatnonzero(absent)))
    bits = np.left_shift(1, refs % 6)  # each article one bit of its six: summed, they are or-ed
    sixes = np.bincount(refs // 6, weights=bits, minlength=(count + 5) // 6).astype(np.int64)
    return BITMAP + _CHARACTERS[sixes].tobytes().decode("ascii")


__all__ = ["SHORT", "docset_array", "gaps_array", "pack_array"]
