/* Sorted arrays: the one binary search of the search code.
 *
 * Arrays are sorted ascending by JavaScript's < : article numbers, or index
 * terms. Terms compare by UTF-16 code units, which is the code point order
 * newsarchive/search/shards.py sorts them in because no term holds a character
 * of U+E000-U+FFFF (the tokenizer splits there).
 */

/** The first index of sorted whose value is >= key (sorted.length when none is). */
export function lowerBound(sorted, key) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The values of sorted from lo (inclusive) to hi (exclusive). */
export function between(sorted, lo, hi) {
  return sorted.slice(lowerBound(sorted, lo), lowerBound(sorted, hi));
}
