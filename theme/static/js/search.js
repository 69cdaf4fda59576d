/* The search page: the search lives in the URL, a worker does the searching,
 * this file keeps the page, the URL and the history in step.
 *
 * URL: ?q=words&entity=id&tag=id&year=2019&source=Yonhap&sort=newest
 *   entity, tag, year and source repeat for several values (as a GET form sends
 *   checkboxes); year=undated selects undated articles; sort is relevance
 *   (left out), newest or oldest.
 * History: typing rewrites the current entry (debounced); a search left alone
 *   for a second, submitted with Enter, or changed by a filter or the sort order
 *   is settled, and the next change starts a new entry, so Back returns to it.
 * Tests and the benchmark read: #search[data-state] (idle, loading, ready,
 *   error), [data-results-for] (the query last shown), [data-results-key] (the
 *   URL search string of what is shown), [data-total] (its number of results),
 *   [data-history] (draft, committed), and window.__searchTimings (ms from each
 *   input event to its results in the DOM).
 */
(function () {
  'use strict';

  const PAGE_SIZE = 20;
  const URL_DELAY_MS = 150;  // typing rewrites the URL at most this often
  const SETTLE_MS = 1000;    // a search left alone this long gets its own history entry
  const FACET_TOP = 10;      // facet values shown before "Show all"
  const SLOW_FETCH_MS = 400; // once ready, a query's fetches show progress after this long
  const FACETS = [
    { name: 'entity', legend: 'People, organisations and places', noun: 'people, organisations and places' },
    { name: 'tag', legend: 'Topics', noun: 'topics' },
    { name: 'year', legend: 'Year', noun: 'years' },
    { name: 'source', legend: 'Source', noun: 'sources' },
  ];
  const SORTS = ['relevance', 'newest', 'oldest'];
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];

  const root = document.getElementById('search');
  if (!root) return;
  const byId = (id) => document.getElementById(id);
  const form = byId('search-form');
  const input = byId('search-q');
  const sortSelect = byId('search-sort');
  const loading = byId('search-loading');
  const progress = byId('search-progress');
  const progressText = byId('search-progress-text');
  const errorBox = byId('search-error');
  const status = byId('search-status');
  const list = byId('search-results');
  const more = byId('search-more');
  const empty = byId('search-empty');
  const emptyFilters = byId('search-empty-filters');
  const facetsSection = byId('search-facets');
  const facetGroups = byId('search-facet-groups');
  const clearFilters = byId('search-clear');
  const siteRoot = root.dataset.siteRoot;
  const baseTitle = document.title;

  // For the benchmark: ms from each input event to its results being in the DOM.
  const timings = (window.__searchTimings = []);
  // The same, with the query and the worker's share of it.
  const details = (window.__searchTimingDetails = []);

  let state = readUrl();
  let committed = hasSearch(state); // whether the current history entry is a settled search
  let request = { id: 0, started: null }; // the newest query sent; older answers are dropped
  let shown = 0;                    // results in the list
  let lastFacets = {};              // facet values of the results shown
  const expanded = new Set();       // facets showing all their values
  let urlTimer = 0;
  let settleTimer = 0;
  let worker = null;

  // --- URL state ---------------------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const { name } of FACETS) filters[name] = [...new Set(params.getAll(name).filter(Boolean))];
    const sort = params.get('sort');
    return { q: params.get('q') || '', filters, sort: SORTS.includes(sort) ? sort : 'relevance' };
  }

  function searchString(s) {
    const params = new URLSearchParams();
    if (s.q) params.set('q', s.q);
    for (const { name } of FACETS) for (const value of s.filters[name]) params.append(name, value);
    if (s.sort !== 'relevance') params.set('sort', s.sort);
    const text = params.toString();
    return text ? `?${text}` : '';
  }

  function hasFilters(s) {
    return FACETS.some(({ name }) => s.filters[name].length > 0);
  }

  function hasSearch(s) {
    return s.q.trim() !== '' || hasFilters(s);
  }

  // Puts the state in the URL: a new entry when the current one is settled, else in place.
  function writeUrl() {
    const wanted = searchString(state);
    if (wanted === searchString(readUrl())) return;
    const url = location.pathname + wanted + location.hash;
    if (committed) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
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

  // A filter or sort change: the search as it stood keeps its own entry.
  function change(apply) {
    if (!committed) commit();
    apply();
    commit();
    search(null);
  }

  function showState() {
    if (input.value !== state.q) input.value = state.q;
    sortSelect.value = state.sort;
    document.title = state.q.trim() ? `“${state.q.trim()}” · ${baseTitle}` : baseTitle;
  }

  // --- talking to the worker -----------------------------------------------------------

  function search(started, offset = 0) {
    request = { id: request.id + 1, started, offset };
    showState();
    if (!hasSearch(state)) {
      renderIdle();
      return;
    }
    if (!worker) return; // search could not start; the page says so
    worker.postMessage({
      type: 'search',
      id: request.id,
      q: state.q,
      filters: state.filters,
      sort: state.sort,
      offset,
      limit: PAGE_SIZE,
    });
  }

  function startWorker() {
    try {
      worker = new Worker(root.dataset.workerUrl);
    } catch (error) {
      worker = null;
      fail('this browser could not start it here');
      return false;
    }
    worker.onmessage = (event) => receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault(); // shown in the page instead
      fail('its code could not be loaded');
    };
    const absolute = (url) => new URL(url, document.baseURI).href; // the worker resolves against itself
    worker.postMessage({ type: 'init', manifestUrl: absolute(root.dataset.manifestUrl) });
    showProgress({ phase: 'download', loaded: 0, total: 0 });
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
    } else if (message.type === 'error') fail(`the search index could not be loaded (${message.message})`);
    else if (message.type === 'results' && message.id === request.id) {
      fetchingMore(null);
      render(message);
    }
  }

  /* Once ready, a query may still need parts of the index: the progress bar
   * comes back only when fetching them takes a while. progress: the worker's
   * message, or null when the results are in. */
  let slowFetch = null;
  function fetchingMore(progressMessage) {
    if (!progressMessage || progressMessage.loaded >= progressMessage.total) {
      clearTimeout(slowFetch && slowFetch.timer);
      slowFetch = null;
      if (root.dataset.state === 'ready') loading.hidden = true;
      return;
    }
    if (!slowFetch) slowFetch = { timer: setTimeout(() => { if (slowFetch) drawProgress(slowFetch.last); }, SLOW_FETCH_MS) };
    slowFetch.last = progressMessage;
    if (!loading.hidden) drawProgress(progressMessage);
  }

  function showProgress(progressMessage) {
    root.dataset.state = 'loading';
    drawProgress(progressMessage);
  }

  function drawProgress({ phase, loaded, total }) {
    loading.hidden = false;
    if (phase === 'prepare') {
      progress.removeAttribute('value');
      progressText.textContent = 'Preparing the index…';
    } else if (total) {
      const percent = Math.min(99, Math.floor((100 * loaded) / total));
      progress.value = percent;
      progressText.textContent = `${percent}%`;
    } else {
      progress.removeAttribute('value'); // indeterminate: the size is not known
      progressText.textContent = 'Starting…';
    }
  }

  function fail(reason) {
    root.dataset.state = 'error';
    loading.hidden = true;
    const help = el('p', null, 'Reload the page to try again, or browse the ');
    help.append(
      link('archives/', 'articles by year and month'), ', the ',
      link('entities/', 'people, organisations and places'), ' or the ',
      link('tags/', 'topics'), '.'
    );
    errorBox.replaceChildren(el('p', null, `Search is not available: ${reason}.`), help);
    errorBox.hidden = false;
  }

  // --- rendering ------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function link(path, text) {
    const a = el('a', null, text);
    a.href = siteRoot + path;
    return a;
  }

  // Runs alternate plain and marked text, starting with plain (see the worker).
  function appendRuns(parent, runs) {
    runs.forEach((text, i) => {
      if (text) parent.append(i % 2 ? el('mark', null, text) : text);
    });
    return parent;
  }

  function formatDate(date) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : date;
  }

  const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

  function renderIdle() {
    list.replaceChildren();
    more.hidden = true;
    empty.hidden = true;
    facetsSection.hidden = true;
    status.textContent = '';
    shown = 0;
    markRendered('', 0);
  }

  function render(message) {
    const append = message.offset > 0;
    if (!append) list.replaceChildren();
    const fragment = document.createDocumentFragment();
    for (const item of message.items) fragment.append(resultItem(item));
    list.append(fragment);
    shown = message.offset + message.items.length;
    more.hidden = shown >= message.total;
    more.firstElementChild.textContent = `Show more results (${shown.toLocaleString('en')} of ${message.total.toLocaleString('en')} shown)`;
    if (append) {
      // The reader asked for more: take them to the first new one.
      const first = list.children[message.offset];
      if (first) first.querySelector('a').focus();
    } else {
      status.textContent = statusText(message);
      empty.hidden = message.total > 0 || message.mode === 'none';
      emptyFilters.hidden = !hasFilters(state);
      renderFacets(message.facets);
    }
    markRendered(message.q, message.total, message.workerMs);
  }

  function markRendered(q, total, workerMs) {
    root.dataset.resultsFor = q;
    root.dataset.resultsKey = searchString(state);
    root.dataset.total = String(total);
    if (request.started != null) {
      const ms = Math.round((performance.now() - request.started) * 10) / 10;
      timings.push(ms);
      details.push({ q, ms, workerMs: Math.round((workerMs || 0) * 10) / 10 });
      request.started = null;
    }
  }

  function statusText({ mode, total, q }) {
    const words = `“${q.trim()}”`;
    const filtered = hasFilters(state) ? ' with the chosen filters' : '';
    if (mode === 'none') return '';
    if (mode === 'browse') return `${plural(total, 'article', 'articles')}${filtered}.`;
    if (!total) return `No articles for ${words}${filtered}.`;
    if (mode === 'any') return `No article has every word of ${words}; ${plural(total, 'article has', 'articles have')} some of them${filtered}.`;
    return `${plural(total, 'article', 'articles')} for ${words}${filtered}.`;
  }

  function resultItem(item) {
    const li = el('li', 'search-result');
    const article = el('article');
    const heading = el('h3', 'article-list-title');
    const title = el('a');
    title.href = siteRoot + item.url;
    heading.append(appendRuns(title, item.title));
    const meta = el('p', 'meta');
    if (item.date) {
      const time = el('time', null, formatDate(item.date));
      time.dateTime = item.date;
      meta.append(time);
    } else {
      meta.append(el('span', 'date date-unknown', 'Date unknown'));
    }
    if (item.source) meta.append(' · ', el('span', 'source', item.source));
    article.append(heading, meta);
    if (item.snippet.join('')) article.append(appendRuns(el('p', 'summary search-snippet'), item.snippet));

    const chips = el('ul', 'chip-list search-chips');
    chips.setAttribute('aria-label', 'Mentioned and topics');
    const chip = (path, className, name) => {
      const a = el('a', className);
      a.href = siteRoot + path;
      const li = el('li');
      li.append(appendRuns(a, name));
      chips.append(li);
    };
    for (const { id, name } of item.entities.shown) chip(`entities/${encodeURIComponent(id)}/`, 'chip', name);
    for (const { id, name } of item.tags.shown) chip(`tags/${encodeURIComponent(id)}/`, 'chip chip-tag', name);
    const hidden = item.entities.more + item.tags.more;
    if (hidden) chips.append(el('li', 'chip-more', `and ${hidden} more`));
    if (chips.children.length) article.append(chips);
    li.append(article);
    return li;
  }

  function renderFacets(facets) {
    lastFacets = facets;
    // Rebuilding the lists must not lose the reader's place in them.
    const active = document.activeElement;
    const focusKey = active && facetGroups.contains(active)
      ? (active.type === 'checkbox' ? `${active.name}\n${active.value}` : `more\n${active.dataset.facet}`)
      : null;
    facetGroups.replaceChildren();
    for (const { name, legend, noun } of FACETS) {
      const values = facets[name] || [];
      if (!values.length) continue;
      const open = expanded.has(name);
      const fieldset = el('fieldset', 'search-facet');
      fieldset.append(el('legend', null, legend));
      const ul = el('ul', 'facet-list');
      values.forEach((value, i) => {
        if (!open && i >= FACET_TOP && !value.selected) return;
        const id = `facet-${name}-${i}`;
        const box = el('input');
        box.type = 'checkbox';
        box.id = id;
        box.name = name;
        box.value = value.value;
        box.checked = value.selected;
        const label = el('label', null, `${value.label} `);
        label.htmlFor = id;
        const count = el('span', 'count', value.count.toLocaleString('en'));
        count.append(el('span', 'visually-hidden', value.count === 1 ? ' article' : ' articles'));
        label.append(count);
        const li = el('li');
        li.append(box, label);
        ul.append(li);
      });
      fieldset.append(ul);
      if (values.length > FACET_TOP) {
        const toggle = el('button', 'facet-more', open ? 'Show fewer' : `Show all ${values.length}`);
        toggle.append(el('span', 'visually-hidden', ` ${noun}`)); // heard out of the fieldset too
        toggle.type = 'button';
        toggle.dataset.facet = name;
        toggle.setAttribute('aria-expanded', String(open));
        fieldset.append(toggle);
      }
      facetGroups.append(fieldset);
    }
    facetsSection.hidden = !facetGroups.children.length && !hasFilters(state);
    clearFilters.hidden = !hasFilters(state);
    if (focusKey) {
      const again = [...facetGroups.querySelectorAll('input, button')].find((node) =>
        (node.type === 'checkbox' ? `${node.name}\n${node.value}` : `more\n${node.dataset.facet}`) === focusKey);
      if (again) again.focus();
    }
  }

  // --- events ---------------------------------------------------------------------------

  input.addEventListener('input', (event) => {
    state.q = input.value;
    search(event.timeStamp);
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
    clearTimeout(settleTimer);
    settleTimer = setTimeout(commit, SETTLE_MS);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault(); // the results are already here: no reload
    if (state.q !== input.value) {
      state.q = input.value;
      search(null);
    }
    commit();
  });

  sortSelect.addEventListener('change', () => {
    change(() => { state.sort = SORTS.includes(sortSelect.value) ? sortSelect.value : 'relevance'; });
  });

  facetGroups.addEventListener('change', (event) => {
    const box = event.target;
    if (box.type !== 'checkbox') return;
    change(() => {
      const others = state.filters[box.name].filter((value) => value !== box.value);
      state.filters[box.name] = box.checked ? [...others, box.value] : others;
    });
  });

  facetGroups.addEventListener('click', (event) => {
    const toggle = event.target.closest('button.facet-more');
    if (!toggle) return;
    const name = toggle.dataset.facet;
    if (expanded.has(name)) expanded.delete(name);
    else expanded.add(name);
    renderFacets(lastFacets);
  });

  for (const button of root.querySelectorAll('.search-clear-filters')) {
    button.addEventListener('click', () => {
      change(() => { for (const { name } of FACETS) state.filters[name] = []; });
      input.focus(); // the button goes away with the filters
    });
  }

  more.firstElementChild.addEventListener('click', () => search(null, shown));

  window.addEventListener('popstate', () => {
    clearTimeout(urlTimer);
    clearTimeout(settleTimer);
    state = readUrl();
    committed = hasSearch(state);
    root.dataset.history = committed ? 'committed' : 'draft';
    search(null);
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

  // --- start ----------------------------------------------------------------------------

  root.querySelector('.search-app').hidden = false;
  root.dataset.history = committed ? 'committed' : 'draft';
  showState();
  if (startWorker()) search(null);
})();
