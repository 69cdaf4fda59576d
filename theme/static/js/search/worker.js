/* The search page's module worker: the archive's search, off the main thread.
 *
 * Messages in:  {type: 'init', manifestUrl, manifest?} (the manifest, when the page inlines it)
 *               {type: 'search', id, q, filters: {entity: [], tag: [], year: [], month: [], source: []},
 *                sort: 'relevance' | 'newest' | 'oldest', offset, limit}
 * Messages out: {type: 'progress', phase: 'download', loaded, total} (files)
 *               {type: 'ready', count}: the manifest, and what the first query needed, are in
 *               {type: 'error', message}
 *               {type: 'results', id, ...} (engine.js: answer)
 *
 * Rules: only the newest search is answered (an older one stops at its next
 * fetch); a search sent before the index is open waits for it and still
 * counts as loading; the first error is reported once, and nothing after it.
 *
 * Rules of loading, for a slow network (benchmarks/latency.py), where each round
 * trip in sequence costs the reader a latency: this file imports nothing
 * statically, so it runs, and takes the page's init message, as soon as it
 * arrives; it then requests in one round every module of its graph (each
 * import() below, side by side, instead of one round per level of imports;
 * tests/search/test_modules.py checks that none is missing) with the manifest,
 * unless the page handed it over (search.html inlines it); lunr.min.js and,
 * when a search waits, facets.json follow in the next round, beside each
 * other, before the first terms are looked up. The page prefetches this graph
 * (search.html), so these imports are normally answered by the HTTP cache.
 */
// The worker's graph, requested at once (engine.js and shards.js import the rest);
// shards.js alone is enough to start fetching the index.
const modules = () => ({ shards: import('./shards.js'), engine: Promise.all([
  import('./engine.js'),
  import('./bitsets.js'),
  import('./facets.js'),
  import('./fallback.js'),
  import('./highlight.js'),
  import('./names.js'),
  import('./rankings.js'),
  import('./order.js'),
  import('./pack.js'),
  import('./pipeline.js'),
  import('./postings.js'),
  import('./protocol.js'),
  import('./query.js'),
  import('./score.js'),
  import('./sorted.js'),
  import('./syntax.js'),
]).then(([engine]) => engine) });

const lunrFrom = (url) => import('./load-lunr.js').then(({ loadLunr }) => loadLunr(url));

// The manifest, fetched before shards.js is here (it revalidates: see shards.js).
async function fetchManifest(url, fetchJson) {
  const init = { cache: 'no-cache' };
  if (fetchJson) return fetchJson(url, init);
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}

export const LUNR_URL = new URL('../../vendor/lunr.min.js', import.meta.url).href;

/* Answers the page's messages on scope (the worker's global scope, or a stand-in
 * with postMessage and onmessage). options: fetchJson (shards.js), lunrUrl (where
 * lunr.min.js is, when not beside the site's theme). */
export function serve(scope, options = {}) {
  let engine = null;
  let stale = null;   // engine.js's STALE, once it is here
  let failed = false;
  let latest = 0;     // id of the newest search asked for
  let waiting = null; // a search that came before the index was open
  let ready = false;
  // lunr first: it is a round further away (load-lunr.js, then lunr.min.js).
  const lunrLoading = lunrFrom(options.lunrUrl || LUNR_URL);
  lunrLoading.catch(() => {});

  function fail(error) {
    if (failed) return;
    failed = true;
    scope.postMessage({ type: 'error', message: String((error && error.message) || error) });
  }

  async function run(message) {
    try {
      const results = await engine.answer(message, () => message.id === latest);
      scope.postMessage(results);
    } catch (error) {
      if (error !== stale) fail(error);
    }
  }

  async function init(manifestUrl, inlined) {
    try {
      // The manifest, the code and lunr load side by side; the manifest is asked for
      // before the code, as a browser holds requests to one host beyond six in a queue.
      const manifest = inlined ? Promise.resolve(inlined) : fetchManifest(manifestUrl, options.fetchJson);
      manifest.catch(() => {});
      const code = modules();
      code.engine.catch(() => {});
      const source = (await code.shards).shardedSource(manifestUrl, {
        fetchJson: options.fetchJson,
        manifest,
        onProgress: ({ loaded, total }) => {
          if (!failed) scope.postMessage({ type: 'progress', phase: 'download', loaded, total });
        },
      });
      await source.open();
      // A waiting search will need the facets (counts, dates) once it has matches:
      // they load beside lunr and the first terms, not after them.
      if (waiting) source.facets().catch(() => {});
      const engineModule = await code.engine;
      stale = engineModule.STALE;
      engine = engineModule.createEngine(source, await lunrLoading);
      const meta = await engine.open();
      // What the first query needs still belongs to loading the search (the newest
      // one: a query typed meanwhile replaces it).
      while (waiting) {
        const message = waiting;
        waiting = null;
        await run(message);
      }
      ready = true;
      if (!failed) scope.postMessage({ type: 'ready', count: meta.count });
    } catch (error) {
      fail(error);
    }
  }

  scope.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'init') {
      init(message.manifestUrl, message.manifest);
    } else if (message.type === 'search') {
      latest = message.id;
      if (ready) run(message);
      else waiting = message;
    }
  };
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) serve(self);
