/* The orders results are shown in.
 *
 * Rules: relevance is best score first, then newest; newest and oldest are by
 * date, then best score; undated articles come last in every order; ties end
 * by article number, so an order never depends on the sort algorithm. Without
 * words every score is equal, so relevance is then newest first.
 * dates: per article 'YYYY-MM-DD', or '' when undated.
 */
import { tierContenders } from './rankings.js';
import { contenders } from './score.js';

// Contenders for a page whose rows are fetched beside the tails: up to this many per place.
export const CONTENDER_DOCS = 2;

/** Comparators of article numbers by sort name, given each one's score. */
export function comparators(scoreOf, dates) {
  const byScore = (a, b) => scoreOf(b) - scoreOf(a);
  function byDate(direction) {
    return (a, b) => {
      const da = dates[a];
      const db = dates[b];
      if (!da || !db) return (!da) - (!db) || byScore(a, b) || a - b;
      return direction * (da < db ? -1 : da > db ? 1 : 0) || byScore(a, b) || a - b;
    };
  }
  const sorts = { newest: byDate(-1), oldest: byDate(1) };
  sorts.relevance = (a, b) => byScore(a, b) || sorts.newest(a, b);
  return sorts;
}

/* The docs of kept that can be among the first `end` by date (sort: newest or
 * oldest) whatever their scores: the first `end`, and every doc sharing a date
 * with the last of them (scores order a date). */
export function sameDateGroups(kept, sort, end, dates) {
  const sorted = kept.slice().sort(comparators(() => 0, dates)[sort]);
  if (sorted.length <= end) return sorted;
  const lastDate = dates[sorted[end - 1]];
  let stop = end;
  while (stop < sorted.length && dates[sorted[stop]] === lastDate) stop++;
  return sorted.slice(0, stop);
}

/* The first `end` articles of kept in the order asked for ({sort, browsing, end}),
 * fetching the tails of postings (source.complete) only when that order depends
 * on them: ranking.scores bounds what the postings not yet fetched can add. */
export async function inOrder(ranking, kept, { sort, browsing, end }, dates, source) {
  if (browsing || !ranking.scores) {
    const sorts = comparators(() => 0, dates);
    const by = browsing && sort !== 'oldest' ? sorts.newest : sorts[sort] || sorts.relevance;
    return kept.slice().sort(by).slice(0, end);
  }
  const s = ranking.scores;
  const byDate = sort === 'newest' || sort === 'oldest';
  const tiered = !byDate && ranking.tier;
  for (;;) {
    const state = s.state();
    const needed = byDate
      ? sameDateGroups(kept, sort, end, dates)
      : tiered ? tierContenders(kept, end, state, ranking.tier) : contenders(kept, end, state);
    const unknown = needed.filter((ref) => state.pending[ref]);
    if (!unknown.length) {
      const sorts = comparators((ref) => state.scores[ref], dates);
      const by = sorts[sort] || sorts.relevance;
      const order = tiered ? (a, b) => ranking.tier(b) - ranking.tier(a) || by(a, b) : by;
      return needed.sort(order).slice(0, end);
    }
    const pending = new Set();
    for (const ref of unknown) for (const data of s.unknown(ref)) pending.add(data.term);
    // The page is among the contenders whatever the tails say: when they are few, their
    // rows come beside the tails rather than a round after them.
    if (needed.length <= CONTENDER_DOCS * end) source.docs(needed).catch(() => {});
    await source.complete([...pending]);
  }
}
