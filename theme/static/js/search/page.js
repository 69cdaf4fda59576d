/* The search page: the search lives in the URL, a module worker (worker.js)
 * does the searching, this module keeps the page, the URL and the history in step.
 * (Over 400 lines: it is the page's one controller of state, URL, worker and
 * events; its DOM pieces are view.js's, and what is left shares that state.)
 *
 * History: typing rewrites the current entry (debounced); a search left alone
 *   for a second, submitted with Enter, or changed by a filter or the sort order
 *   is settled, and the next change starts a new entry, so Back returns to it.
 *   "Show more" rewrites the current entry (shown= in the URL: url-state.js), and
 *   the scroll position is kept in the entry's state (scroll-memory.js): Back,
 *   Forward and reload show as many results as were shown, then scroll back.
 * Filters: a disclosure on a phone, a sidebar on a wide screen (filters-panel.js).
 *   A removed chip or "remove all" takes the focus to the result count.
 * The page's state is on #search, for styles and for anyone watching the page
 *   (the browser tests, the keystroke benchmark): data-state (idle, loading,
 *   ready, error), data-results-for (the query whose results are shown),
 *   data-results-key (the URL search string of what is shown), data-total (its
 *   number of results) and data-history (draft, committed). Nothing else is
 *   exposed: the page adds no globals.
 */
import { count, statusText } from './format.js';
import { SIDEBAR, filtersPanel, toggleLabel } from './filters-panel.js';
import { FACET_NAMES, FILTER_NAMES, PAGE_SIZE, SORTS } from './protocol.js';
import { scrollMemory } from './scroll-memory.js';
import { filterCount, hasFilters, hasSearch, readSearch, siteLinks, withoutYears, writeSearch } from './url-state.js';
import {
  activeFilterItem, drawProgress, drawRead, facetControlKey, facetFieldset, failureMessage,
  queryFilterItems, resultItem,
} from './view.js';

const URL_DELAY_MS = 150;  // typing rewrites the URL at most this often
const SETTLE_MS = 1000;    // a search left alone this long gets its own history entry
const SLOW_FETCH_MS = 400; // once ready, a query's fetches show progress after this long

const root = document.getElementById('search');
if (root) start(root);

function start(root) {
  const byId = (id) => document.getElementById(id);
  const form = byId('search-form');
  const input = byId('search-q');
  const sortSelect = byId('search-sort');
  const loadingBox = {
    loading: byId('search-loading'), progress: byId('search-progress'), text: byId('search-progress-text'),
  };
  const { loading } = loadingBox;
  const errorBox = byId('search-error');
  const status = byId('search-status');
  const list = byId('search-results');
  const more = byId('search-more');
  const empty = byId('search-empty');
  const emptyFilters = byId('search-empty-filters');
  const facetsSection = byId('search-facets');
  const facetGroups = byId('search-facet-groups');
  const filtersToggle = byId('search-filters-toggle');
  const activeBox = byId('search-active');
  const activeList = byId('search-active-list');
  const offerList = byId('search-offer-list');
  const readNodes = { corrected: byId('search-corrected'), offerBox: byId('search-offer'), offerList };
  const skipResults = byId('search-skip-results');
  const skipFilters = byId('search-skip-filters');
  const panel = filtersPanel({
    panel: facetsSection, toggle: filtersToggle, status, heading: byId('search-facets-heading'),
    sidebar: window.matchMedia(SIDEBAR),
  });
  const memory = scrollMemory(window);
  const links = siteLinks(root.dataset);
  const baseTitle = document.title;

  let state = readSearch(location.search);
  let committed = hasSearch(state); // whether the current history entry is a settled search
  let request = 0;                  // id of the newest query sent; older answers are dropped
  let shown = 0;                    // results in the list
  let lastFacets = {};              // facet values of the results shown
  let lastFromQuery = null;         // filters the query's words set (a year), for their chips
  const expanded = new Set();       // facets showing all their values
  let urlTimer = 0;
  let settleTimer = 0;
  let slowFetch = null;             // {timer, last}: a ready search waiting for index files
  let worker = null;

  // --- URL and history -------------------------------------------------------------

  // Puts the state in the URL: a new entry when the current one is settled, else in place.
  function writeUrl() {
    const wanted = writeSearch(state);
    if (wanted === writeSearch(readSearch(location.search))) return;
    const url = location.pathname + wanted + location.hash;
    if (committed) {
      memory.save(); // the settled entry keeps the reader's place
      history.pushState(null, '', url);
    } else {
      history.replaceState(history.state, '', url);
    }
    committed = false;
    root.dataset.history = 'draft';
  }

  // Settles the current search: the next change starts a new history entry.
  function commit() {
    clearTimeout(urlTimer);
    clearTimeout(settleTimer);
    writeUrl();
    committed = hasSearch(state);
    root.dataset.history = committed ? 'committed' : 'draft';
  }

  // A filter or sort change: the search as it stood keeps its own entry; the new one starts
  // at its first page.
  function change(apply) {
    if (!committed) commit();
    apply();
    state.shown = PAGE_SIZE;
    commit();
    search();
  }

  // "Show more": the same search, one page longer, in the same entry.
  function showMore() {
    state.shown = shown + PAGE_SIZE;
    const url = location.pathname + writeSearch(state) + location.hash;
    history.replaceState(history.state, '', url);
    search(shown);
  }

  function showState() {
    if (input.value !== state.q) input.value = state.q;
    sortSelect.value = state.sort;
    document.title = state.q.trim() ? `“${state.q.trim()}” · ${baseTitle}` : baseTitle;
  }

  // --- talking to the worker -----------------------------------------------------------

  function search(offset = 0) {
    request += 1;
    showState();
    if (!hasSearch(state)) {
      renderIdle();
      return;
    }
    if (!worker) return; // search could not start; the page says so
    worker.postMessage({
      type: 'search', id: request, q: state.q, filters: state.filters, sort: state.sort, offset,
      limit: offset ? PAGE_SIZE : state.shown, // the first answer shows what the URL asks for
    });
  }

  // The worker search.html started as its head was parsed (window.archiveSearchStart), and
  // the messages it sent before this module ran.
  function startWorker() {
    const start = window.archiveSearchStart;
    if (!start || !start.worker) {
      fail((start && start.failed) || 'this browser could not start it here');
      return false;
    }
    worker = start.worker;
    worker.onmessage = (event) => receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault(); // shown in the page instead
      fail('its code could not be loaded');
    };
    showProgress({ phase: 'download', loaded: 0, total: 0 });
    start.messages.splice(0).forEach(receive);
    if (start.failed) fail(start.failed);
    return true;
  }

  function receive(message) {
    if (root.dataset.state === 'error') return; // nothing more to show
    if (message.type === 'progress') {
      if (root.dataset.state !== 'ready') showProgress(message);
      else fetchingMore(message);
    } else if (message.type === 'ready') {
      loading.hidden = true;
      root.dataset.state = 'ready';
    } else if (message.type === 'error') {
      fail(`the search index could not be loaded (${message.message})`);
    } else if (message.type === 'results' && message.id === request) {
      fetchingMore(null);
      render(message);
    } else if (message.type === 'facets' && message.id === request) {
      renderFacets(message.facets);
      renderActive(message.facets);
      delete root.dataset.counts;
    }
  }

  /* Once ready, a query may still need parts of the index: the progress bar
   * comes back only when fetching them takes a while. progressMessage: the
   * worker's message, or null when the results are in. */
  function fetchingMore(progressMessage) {
    if (!progressMessage || progressMessage.loaded >= progressMessage.total) {
      clearTimeout(slowFetch && slowFetch.timer);
      slowFetch = null;
      // Results in: no bar (while loading too: 'ready' follows, and the place restored
      // with these results must not move when the bar goes).
      if (root.dataset.state === 'ready' || !progressMessage) loading.hidden = true;
      return;
    }
    if (!slowFetch) {
      slowFetch = {
        timer: setTimeout(() => { if (slowFetch) drawProgress(loadingBox, slowFetch.last); }, SLOW_FETCH_MS),
      };
    }
    slowFetch.last = progressMessage;
    if (!loading.hidden) drawProgress(loadingBox, progressMessage);
  }

  function showProgress(progressMessage) {
    root.dataset.state = 'loading';
    drawProgress(loadingBox, progressMessage);
  }

  function fail(reason) {
    root.dataset.state = 'error';
    loading.hidden = true;
    errorBox.replaceChildren(...failureMessage(reason, links));
    errorBox.hidden = false;
  }

  // --- rendering ------------------------------------------------------------------------

  function renderIdle() {
    list.replaceChildren();
    more.hidden = true;
    empty.hidden = true;
    facetsSection.hidden = true;
    filtersToggle.hidden = true;
    activeBox.hidden = true;
    drawRead(readNodes, null);
    skipResults.hidden = true;
    skipFilters.hidden = true;
    status.textContent = '';
    shown = 0;
    memory.restore();
    markRendered('', 0);
  }

  function render(message) {
    const append = message.offset > 0;
    if (!append) list.replaceChildren();
    const fragment = document.createDocumentFragment();
    for (const item of message.items) fragment.append(resultItem(item, links));
    list.append(fragment);
    shown = message.offset + message.items.length;
    more.hidden = shown >= message.total;
    more.firstElementChild.textContent = `Show more results (${count(shown)} of ${count(message.total)} shown)`;
    if (append) {
      // The reader asked for more: take them to the first new one.
      const first = list.children[message.offset];
      if (first) first.querySelector('a').focus();
    } else {
      status.textContent = statusText(message, hasFilters(state));
      empty.hidden = message.total > 0 || message.mode === 'none';
      emptyFilters.hidden = !hasFilters(state);
      renderFacets(message.facets);
      lastFromQuery = message.fromQuery || null;
      renderActive(message.facets);
      // The first results may come before the entities' and topics' counts (a 'facets' message).
      if (message.countsLater) root.dataset.counts = 'later';
      else delete root.dataset.counts;
      drawRead(readNodes, message);
      skipResults.hidden = !shown;
      memory.restore(); // once the results are in, the reader's place is there again
    }
    markRendered(message.q, message.total);
  }

  function markRendered(q, total) {
    root.dataset.resultsFor = q;
    root.dataset.resultsKey = writeSearch(state);
    root.dataset.total = String(total);
  }

  function renderFacets(facets) {
    lastFacets = facets;
    // Rebuilding the lists must not lose the reader's place in them.
    const active = document.activeElement;
    const focusKey = active && facetGroups.contains(active) ? facetControlKey(active) : null;
    facetGroups.replaceChildren();
    for (const name of FACET_NAMES) {
      const values = facets[name] || [];
      if (values.length) facetGroups.append(facetFieldset(name, values, expanded.has(name)));
    }
    facetsSection.hidden = !facetGroups.children.length && !hasFilters(state);
    filtersToggle.hidden = facetsSection.hidden;
    skipFilters.hidden = facetsSection.hidden;
    filtersToggle.textContent = toggleLabel(filterCount(state));
    if (focusKey) {
      const again = [...facetGroups.querySelectorAll('input, button')].find(
        (node) => facetControlKey(node) === focusKey
      );
      if (again) again.focus();
    }
  }

  /* The chosen filters as chips that remove them, labelled by the worker (facets:
   * every chosen value is listed, month included). */
  function renderActive(facets) {
    const items = [];
    for (const name of FILTER_NAMES) {
      for (const value of state.filters[name] || []) {
        const known = (facets[name] || []).find((v) => v.value === value);
        items.push(activeFilterItem(name, value, known ? known.label : value));
      }
    }
    items.push(...queryFilterItems(lastFromQuery, state.filters.year || []));
    activeList.replaceChildren(...items);
    activeBox.hidden = !items.length;
  }

  // --- events ---------------------------------------------------------------------------

  input.addEventListener('input', () => {
    state.q = input.value;
    state.shown = PAGE_SIZE;
    search();
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
    clearTimeout(settleTimer);
    settleTimer = setTimeout(commit, SETTLE_MS);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault(); // the results are already here: no reload
    if (state.q !== input.value) {
      state.q = input.value;
      state.shown = PAGE_SIZE;
      search();
    }
    commit();
  });

  sortSelect.addEventListener('change', () => {
    change(() => { state.sort = SORTS.includes(sortSelect.value) ? sortSelect.value : SORTS[0]; });
  });

  facetGroups.addEventListener('change', (event) => {
    const box = event.target;
    if (box.type !== 'checkbox') return;
    change(() => {
      const others = state.filters[box.name].filter((value) => value !== box.value);
      state.filters[box.name] = box.checked ? [...others, box.value] : others;
    });
    panel.afterChoice();
  });

  facetGroups.addEventListener('click', (event) => {
    const toggle = event.target.closest('button.facet-more');
    if (!toggle) return;
    const name = toggle.dataset.facet;
    if (expanded.has(name)) expanded.delete(name);
    else expanded.add(name);
    renderFacets(lastFacets);
  });

  // The buttons below go away with the filters they remove: the focus goes to the count.
  for (const button of root.querySelectorAll('.search-clear-filters')) {
    button.addEventListener('click', () => {
      change(() => { for (const name of FILTER_NAMES) state.filters[name] = []; });
      panel.open(false);
      panel.focusStatus();
    });
  }

  // A chip removes its filter (a year read from the query: its words leave the box);
  // an offered entity adds its filter.
  const chipChange = ({ filter, value, queryText }, adding) => (adding
    ? () => { state.filters[filter] = [...new Set([...(state.filters[filter] || []), value])]; }
    : queryText !== undefined
      ? () => { state.q = withoutYears(state.q, queryText.split(' ')); input.value = state.q; }
      : () => { state.filters[filter] = state.filters[filter].filter((v) => v !== value); });
  for (const [list, selector] of [[activeList, 'button.search-active-chip'], [offerList, 'button.search-offer-chip']]) {
    list.addEventListener('click', (event) => {
      const chip = event.target.closest(selector);
      if (!chip) return;
      change(chipChange(chip.dataset, list === offerList));
      panel.focusStatus();
    });
  }

  // The skip links move the focus themselves: a #fragment would be a history entry.
  skipResults.addEventListener('click', (event) => {
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) first.focus();
  });
  skipFilters.addEventListener('click', (event) => {
    event.preventDefault();
    panel.focusFilters();
  });

  more.firstElementChild.addEventListener('click', showMore);

  window.addEventListener('popstate', () => {
    clearTimeout(urlTimer);
    clearTimeout(settleTimer);
    memory.arrive(0);
    panel.open(false);
    state = readSearch(location.search);
    committed = hasSearch(state);
    root.dataset.history = committed ? 'committed' : 'draft';
    search();
  });

  // "/" anywhere but in a field goes to the search box.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  root.querySelector('.search-app').hidden = false;
  root.dataset.history = committed ? 'committed' : 'draft';
  showState();
  if (startWorker()) search();
}
