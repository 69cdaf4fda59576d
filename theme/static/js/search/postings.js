/* One index term's articles and postings, as far as they are known.
 *
 * A term's data: refs, the articles that have it (ascending; exact from the
 * start, so result sets, totals and facets never wait for postings); per
 * article position its field mask; and per field the known postings as
 * parallel arrays of article numbers and lunr weights. A big term's postings
 * arrive in tiers (its head, then tails, best-weighted articles first): known
 * marks the positions whose postings are in (null once all are), and tau
 * bounds what an article still unknown can weigh (x 1000, summed over fields).
 * version counts the postings added, for whoever caches scores computed from them.
 */
import { fromRefs } from './bitsets.js';
import { lowerBound } from './sorted.js';

export function termData(term, index, refs, fieldCount) {
  const empty = (Type) => Array.from({ length: fieldCount }, () => new Type(0));
  return {
    term, index, refs,
    known: null,
    masks: new Uint8Array(refs.length),
    fieldRefs: empty(Int32Array),
    fieldWeights: empty(Float64Array),
    tau: 0,
    level: 0,   // the next tail tier to fetch
    tiers: 0,   // how many tail tiers there are
    version: 0,
    bits: null, // refs as a bitset, made when first asked for
  };
}

/* Sets the postings of the articles at positions (ascending) from their field
 * masks and field-major weights (x 1000), merged with those already known. */
export function addPostings(data, positions, masks, weights) {
  const fieldCount = data.fieldRefs.length;
  const refs = Array.from({ length: fieldCount }, () => []);
  const values = Array.from({ length: fieldCount }, () => []);
  for (let i = 0; i < positions.length; i++) data.masks[positions[i]] = masks[i];
  let w = 0;
  for (let f = 0; f < fieldCount; f++) {
    const bit = 1 << f;
    for (let i = 0; i < positions.length; i++) {
      if (masks[i] & bit) {
        refs[f].push(data.refs[positions[i]]);
        values[f].push(weights[w++] / 1000);
      }
    }
  }
  for (let f = 0; f < fieldCount; f++) {
    [data.fieldRefs[f], data.fieldWeights[f]] = merged(
      data.fieldRefs[f], data.fieldWeights[f], refs[f], values[f]
    );
  }
  data.version++;
}

// Two runs of (article, weight), each ascending by article, as one.
function merged(oldRefs, oldValues, newRefs, newValues) {
  const n = oldRefs.length + newRefs.length;
  const refs = new Int32Array(n);
  const values = new Float64Array(n);
  for (let a = 0, b = 0, k = 0; k < n; k++) {
    if (b >= newRefs.length || (a < oldRefs.length && oldRefs[a] < newRefs[b])) {
      refs[k] = oldRefs[a];
      values[k] = oldValues[a++];
    } else {
      refs[k] = newRefs[b];
      values[k] = newValues[b++];
    }
  }
  return [refs, values];
}

/** Whether the term is in article ref but that posting is not known yet. */
export function isPending(data, ref) {
  if (!data.known) return false;
  const at = lowerBound(data.refs, ref);
  return at < data.refs.length && data.refs[at] === ref && !data.known[at];
}

/** The term's articles as a bitset (made once). */
export function bitsOf(data, count) {
  if (!data.bits) data.bits = fromRefs(data.refs, count);
  return data.bits;
}
