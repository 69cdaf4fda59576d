/* The orders results are shown in.
 *
 * Rules: relevance is best score first, then newest; newest and oldest are by
 * date, then best score; undated articles come last in every order; ties end
 * by article number, so an order never depends on the sort algorithm. Without
 * words every score is equal, so relevance is then newest first.
 * dates: per article 'YYYY-MM-DD', or '' when undated.
 */

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
