/* The words the search page and its worker share: the message protocol's
 * values (worker.js documents the messages) and the URL's (url-state.js).
 *
 * Both the page and the worker import this module (the browser fetches it
 * once for each), so each of these values is written in one place.
 */

/** The facets, in the order the page shows them and the URL lists them. */
export const FACET_NAMES = Object.freeze(['entity', 'tag', 'year', 'source']);
/** The orders of results; the first is the default, left out of the URL. */
export const SORTS = Object.freeze(['relevance', 'newest', 'oldest']);
/** The year value of undated articles (?year=undated). */
export const UNDATED = 'undated';
/** Results per page, and per "show more". */
export const PAGE_SIZE = 20;
