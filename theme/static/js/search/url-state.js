/* The search lives in the URL: reading it and writing it; and the site's
 * addresses the page links to.
 *
 * URL: ?q=words&entity=id&tag=id&year=2019&source=Yonhap&sort=newest
 * Rules: entity, tag, year and source repeat for several values (as a GET form
 * sends checkboxes), each value once, empty ones dropped; year=undated selects
 * undated articles; sort is relevance (left out of the URL), newest or oldest,
 * and anything else reads as relevance. Writing what was read gives the same
 * string back for any URL written by writeSearch.
 */
import { FACET_NAMES, SORTS } from './protocol.js';

/** The search state {q, filters: {facet: [values]}, sort} of a URL's search string. */
export function readSearch(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of FACET_NAMES) filters[name] = [...new Set(params.getAll(name).filter(Boolean))];
  const sort = params.get('sort');
  return { q: params.get('q') || '', filters, sort: SORTS.includes(sort) ? sort : SORTS[0] };
}

/** The search string ('?…', or '' for no search) of a search state. */
export function writeSearch(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of FACET_NAMES) for (const value of state.filters[name] || []) params.append(name, value);
  if (state.sort !== SORTS[0]) params.set('sort', state.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function hasFilters(state) {
  return FACET_NAMES.some((name) => (state.filters[name] || []).length > 0);
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
