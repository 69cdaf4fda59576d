/* The page's words for dates, counts and the result status (for readers and
 * screen readers alike: the status is a live region).
 *
 * Rules: dates read "5 October 2019" (English month names, whatever the
 * browser's locale, as everywhere on the site); counts use English digit
 * grouping; the status says what was searched for, how many articles match,
 * whether filters narrowed it, and when no article has every word.
 */
import { MONTH_NAMES } from './protocol.js';

/** 'YYYY-MM-DD' as '5 October 2019'; anything else unchanged. */
export function formatDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12
    ? `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`
    : date;
}

export function count(n) {
  return n.toLocaleString('en');
}

/** n and its noun, singular for exactly one: "1 article", "1,204 articles". */
export function plural(n, one, many) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/* The status line of a results message ({mode, total, q}); filtered: whether
 * filters were chosen. '' when there is nothing to say. */
export function statusText({ mode, total, q }, filtered) {
  const words = `“${q.trim()}”`;
  const withFilters = filtered ? ' with the chosen filters' : '';
  if (mode === 'none') return '';
  if (mode === 'browse') return `${plural(total, 'article', 'articles')}${withFilters}.`;
  if (!total) return `No articles for ${words}${withFilters}.`;
  if (mode === 'any') {
    return `No article has every word of ${words}; ${plural(total, 'article has', 'articles have')} some of them${withFilters}.`;
  }
  return `${plural(total, 'article', 'articles')} for ${words}${withFilters}.`;
}
