/* The fallback ranking, when no article has every word of a query: coordination.
 *
 * Rules:
 * - An article ranks by how many of the query's required words (groups: a word,
 *   or alternatives joined by OR) it has, common words (below) not counted, then
 *   by how rare the words it has are
 *   (the sum of their idf, log(articles / articles having the word)), then by
 *   score: articles that miss one word come before those that miss two, and of
 *   those missing one, those missing the more common word first ("how did North
 *   Korea fight the coronavirus": lacking "fight" before lacking "coronavirus").
 *   Each says which words it lacks.
 * - A word is common when more than COMMON_SHARE of the archive has it (a
 *   stop-word-like word: "said", "korea" in a Korea archive) and more than
 *   COMMON_MIN_ARTICLES articles have it. An article that
 *   has only common words is no answer to the query and is left out; stop
 *   words never count at all (they have no terms).
 */
import { has } from './bitsets.js';

export const COMMON_SHARE = 0.2;
// In a small archive no word is common: a share of a few articles is no noise.
export const COMMON_MIN_ARTICLES = 20;
// A tier per words held spans this many steps of rarity (tenths of summed idf).
export const RARITY_STEPS = 10000;

/** How many articles of bits are set (bits: a bitsets.js set). */
export function population(bits) {
  let n = 0;
  for (const word of bits) {
    let v = word >>> 0;
    while (v) {
      v &= v - 1;
      n++;
    }
  }
  return n;
}

/* items: articles with any word (ascending); coveredBy: per group, the articles
 * having it; count: articles in the archive. Returns {items, tier(ref): groups
 * held, missing(ref): numbers of the groups it lacks}. */
export function coordination(items, coveredBy, count) {
  const common = Math.max(COMMON_SHARE * count, COMMON_MIN_ARTICLES);
  const populations = coveredBy.map(population);
  const informative = populations.map((n) => n <= common);
  const idf = populations.map((n) => Math.log(count / Math.max(1, n)));
  const held = new Map();
  const kept = [];
  for (const ref of items) {
    const groups = coveredBy.map((bits) => has(bits, ref));
    if (!groups.some((on, g) => on && informative[g])) continue;
    held.set(ref, groups);
    kept.push(ref);
  }
  return {
    items: kept,
    // Words held, then their rarity (tenths of idf: RARITY_STEPS per word held).
    tier: (ref) => {
      const groups = (held.get(ref) || []).map((on, g) => on && informative[g]);
      const rarity = groups.reduce((sum, on, g) => sum + (on ? idf[g] : 0), 0);
      return groups.filter(Boolean).length * RARITY_STEPS + Math.min(RARITY_STEPS - 1, Math.round(rarity * 10));
    },
    missing: (ref) => (held.get(ref) || []).flatMap((on, g) => (on ? [] : [g])),
  };
}
