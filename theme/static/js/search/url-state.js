/* The search lives in the URL: reading it and writing it; and the site's
 * addresses the page links to.
 *
 * URL: ?q=words&entity=id&tag=id&year=2019&month=2018-12&source=Yonhap&sort=newest&shown=40
 * Rules: entity, tag, year, month and source repeat for several values (as a GET
 * form sends checkboxes), each value once, empty ones dropped; year=undated
 * selects undated articles; month is YYYY-MM (01-12) and anything else is dropped
 * (facets.js: year and month are one filter, the date). sort is relevance (left
 * out of the URL), newest or oldest, and anything else reads as relevance.
 * shown is how many results the list shows ("show more" adds PAGE_SIZE): written
 * only above the first page; read as a whole number rounded up to a multiple of
 * PAGE_SIZE, at most MAX_SHOWN (a URL cannot make the page fetch the whole
 * archive), and anything else, or PAGE_SIZE or less, reads as PAGE_SIZE. Writing
 * what was read gives the same string back for any URL written by writeSearch.
 */
import { FILTER_NAMES, PAGE_SIZE, SORTS } from './protocol.js';

/** The most results a URL can ask the list to show at once. */
export const MAX_SHOWN = 25 * PAGE_SIZE;
const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;
const VALID = { month: (value) => MONTH.test(value) };

/** The search state {q, filters: {filter: [values]}, sort, shown} of a URL's search string. */
export function readSearch(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of FILTER_NAMES) {
    const valid = VALID[name] || Boolean;
    filters[name] = [...new Set(params.getAll(name).filter(valid))];
  }
  const sort = params.get('sort');
  return {
    q: params.get('q') || '',
    filters,
    sort: SORTS.includes(sort) ? sort : SORTS[0],
    shown: readShown(params.get('shown')),
  };
}

/** The number of results a shown= value asks for (see the rules above). */
export function readShown(text) {
  if (!/^\d{1,9}$/.test(text || '')) return PAGE_SIZE;
  const pages = Math.ceil(Number(text) / PAGE_SIZE);
  return Math.min(MAX_SHOWN, Math.max(1, pages) * PAGE_SIZE);
}

/** The search string ('?…', or '' for no search) of a search state. */
export function writeSearch(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of FILTER_NAMES) for (const value of state.filters[name] || []) params.append(name, value);
  if (state.sort !== SORTS[0]) params.set('sort', state.sort);
  const shown = readShown(String(state.shown || ''));
  if (shown > PAGE_SIZE) params.set('shown', String(shown));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The number of filter values chosen (the "Filters (n)" of the page). */
export function filterCount(state) {
  return FILTER_NAMES.reduce((n, name) => n + (state.filters[name] || []).length, 0);
}

export function hasFilters(state) {
  return filterCount(state) > 0;
}

/** Whether there is anything to search for: words, or filters alone. */
export function hasSearch(state) {
  return state.q.trim() !== '' || hasFilters(state);
}

/* The addresses results link to, from the #search element's data-*-url
 * attributes (the template writes them from the site's one URL scheme): an
 * entity's and a topic's page (a pattern with {id}), and the pages to browse. */
export function siteLinks(dataset) {
  const pattern = (template) => (id) => template.replace('{id}', encodeURIComponent(id));
  return {
    site: dataset.siteRoot,
    entity: pattern(dataset.entityUrl),
    tag: pattern(dataset.tagUrl),
    archives: dataset.archivesUrl,
    entities: dataset.entitiesUrl,
    tags: dataset.tagsUrl,
  };
}

/* The text of q without the chunks read as years (and an `in` before one):
 * what the search box says once a year chip is removed. */
export function withoutYears(q, yearText) {
  let text = String(q);
  for (const chunk of yearText) {
    const escaped = chunk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(^|\\s)(?:in\\s+)?${escaped}(?=\\s|$)`, 'i'), '$1');
  }
  return text.replace(/\s+/g, ' ').trim();
}
