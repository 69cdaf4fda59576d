/* What a ranking becomes on the page: pure functions over a ranking (engine.js).
 *
 * Rules: tiers order whole groups of articles (words held, phrases found, the
 * entities named) and lunr's scores order each group; articles missing a word say
 * which; what the engine read in the query (a year, a corrected word, an entity)
 * goes back to the page as filters it offers or words it shows.
 */
import { population } from './fallback.js';
import { covers } from './query.js';
import { contenders } from './score.js';

/* Few articles have every word (FEW_RESULTS): those that miss only one come
 * after them, each saying which ("Kaesong liaison office": the article on the
 * joint liaison office that never names Kaesong). Queries of one word have none. */
export const FEW_RESULTS = 5;
export function withNearMisses(ranking, fallback, groups, labels) {
  if (ranking.items.length >= FEW_RESULTS || groups < 2) return ranking;
  const all = new Set(ranking.items);
  const near = fallback();
  const missing = (ref) => (all.has(ref) ? [] : near.missing(ref));
  const extra = near.items.filter((ref) => !all.has(ref) && near.missing(ref).length === 1);
  if (!extra.length) return ranking;
  // Those missing one word rank by score: each holds all words but one.
  return {
    ...ranking,
    items: [...ranking.items, ...extra].sort((a, b) => a - b),
    tier: (ref) => (all.has(ref) ? 1 : 0),
    without: (ref) => missing(ref).map((g) => labels[g]),
  };
}

/* The filters a query's own words set ({year: [...], text: [the words read as
 * years]}), or null: the page shows them as chips that take the words out. */
export function queryFilters(ranking) {
  if (!ranking.years || !ranking.years.length) return null;
  return { year: ranking.years, text: ranking.syntax.yearText };
}

/** q with each corrected word (corrected: [[typed, read]]) as it was read. */
export function readAs(q, corrected) {
  let out = q;
  for (const [typed, read] of corrected) {
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');
    out = out.replace(word, read);
  }
  return out;
}

/* The entities a query names that are not chosen yet, as filters the page offers:
 * [{value, label}]. */
export function offered(named, filters, names) {
  const chosen = filters.entity || [];
  return named.filter((id) => !chosen.includes(id)).map((id) => ({ value: id, label: names.entity[id] || id }));
}

/** A fallback result says which of the query's words it lacks ("without: comfort"). */
export function withFallback(ranking, ref, item) {
  return ranking.without ? { ...item, without: ranking.without(ref) } : item;
}

/* Contenders of a ranking in tiers (fallback: words held; phrases: phrases
 * found): a whole better tier comes before any of a worse one, and within the
 * last tier reached, the docs whose score can reach the page. */
export function tierContenders(kept, end, state, tier) {
  const byTier = new Map();
  for (const ref of kept) {
    const t = tier(ref);
    if (!byTier.has(t)) byTier.set(t, []);
    byTier.get(t).push(ref);
  }
  const out = [];
  let left = end;
  for (const t of [...byTier.keys()].sort((a, b) => b - a)) {
    if (left <= 0) break;
    const group = byTier.get(t);
    out.push(...contenders(group, left, state));
    left -= group.length;
  }
  return out;
}

/* How the query was read when a word the index does not hold matched through a
 * correction: each such word as the matched word most articles have ({q, words:
 * [[typed, read]]}), or null. */
export function correctionOf(words, datas, bitsOfTerm, q) {
  const pairs = [];
  for (const word of words) {
    if (!word.edits) continue;
    let best = null;
    let most = 0;
    for (const term of datas.keys()) {
      if (!covers(word, term)) continue;
      const n = population(bitsOfTerm(term));
      if (n > most) [best, most] = [term, n];
    }
    if (best) pairs.push([word.token, (word.variants && word.variants.get(best)) || best]);
  }
  return pairs.length ? { q: readAs(q, pairs), words: pairs } : null;
}

/* Articles linked to an entity the query names (names.js) rank before the others
 * of their tier (words held, phrases found), and the answer offers the entity's
 * filter. The scores stay lunr's: only the order within a tier moves. setsOf
 * (entity numbers) -> (a Promise of) each one's articles; ids: entity id -> number. */
export async function linkedFirst(ranking, named, setsOf, ids, count) {
  if (!ranking.items.length || !named.length) return ranking;
  const linked = new Uint8Array(count);
  for (const refs of await setsOf(named.map((id) => ids.get(id)))) {
    for (let i = 0; i < refs.length; i++) linked[refs[i]]++;
  }
  const within = ranking.tier || (() => 0);
  // A tier counts at most MAX_WORDS words or phrases: 64 leaves room for the entities.
  return { ...ranking, named, tier: (ref) => within(ref) * 64 + linked[ref] };
}

/** The articles whose values (per article, ascending numbers) hold n. */
export function articlesWith(valuesOf, n) {
  const refs = [];
  valuesOf.forEach((values, ref) => { if (values.includes(n)) refs.push(ref); });
  return refs;
}
