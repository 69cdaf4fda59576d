/* The words the search page and its worker share: the message protocol's
 * values (worker.js documents the messages) and the URL's (url-state.js).
 *
 * Both the page and the worker import this module (the browser fetches it
 * once for each), so each of these values is written in one place.
 */

/** The facets, in the order the page lists their values. */
export const FACET_NAMES = Object.freeze(['entity', 'tag', 'year', 'source']);
/** Every filter of the URL and the search message, in the order the URL lists them: the
 * facets, and month (YYYY-MM), which has no list of its own (links name its values). */
export const FILTER_NAMES = Object.freeze(['entity', 'tag', 'year', 'month', 'source']);
/** The orders of results; the first is the default, left out of the URL. */
export const SORTS = Object.freeze(['relevance', 'newest', 'oldest']);
/** The year value of undated articles (?year=undated). */
export const UNDATED = 'undated';
/** English month names: the page's dates and the worker's month labels read alike. */
export const MONTH_NAMES = Object.freeze(['January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December']);
/** Results per page, and per "show more". */
export const PAGE_SIZE = 20;
