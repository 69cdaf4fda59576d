/* Sets of articles as bitmaps: one bit per article number, 32 to a word.
 *
 * A query's matches are unions and intersections of its terms' article sets;
 * over a Uint32Array these are a pass over count / 32 words, whatever the sets'
 * sizes. Every set of one search has the same length (the index's article
 * count), so two sets combine word by word.
 */

/** An empty set of articles numbered 0 to count - 1. */
export function bitset(count) {
  return new Uint32Array((count + 31) >>> 5);
}

/** The set of the given article numbers. */
export function fromRefs(refs, count) {
  const bits = bitset(count);
  for (const ref of refs) bits[ref >>> 5] |= 1 << (ref & 31);
  return bits;
}

export function has(bits, ref) {
  return (bits[ref >>> 5] & (1 << (ref & 31))) !== 0;
}

/** The article numbers of a set, ascending. */
export function refsOf(bits) {
  const refs = [];
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word) {
      const low = word & -word;
      refs.push((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
  return refs;
}

/** target becomes target ∪ bits. */
export function orInto(target, bits) {
  for (let w = 0; w < target.length; w++) target[w] |= bits[w];
  return target;
}

/** target becomes target ∩ bits. */
export function andInto(target, bits) {
  for (let w = 0; w < target.length; w++) target[w] &= bits[w];
  return target;
}
