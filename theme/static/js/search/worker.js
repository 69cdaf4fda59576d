/* The search page's module worker: the archive's search, off the main thread.
 *
 * Messages in:  {type: 'init', manifestUrl}
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
 * Every module of the worker is imported here, even those only engine.js
 * uses: the browser then requests them all as soon as this file arrives, in one
 * round instead of one per level of imports (tests/search/test_modules.py checks
 * that none is missing).
 */
import { createEngine, STALE } from './engine.js';
import { loadLunr } from './load-lunr.js';
import { shardedSource } from './shards.js';
import './bitsets.js';
import './facets.js';
import './highlight.js';
import './order.js';
import './pack.js';
import './pipeline.js';
import './postings.js';
import './protocol.js';
import './query.js';
import './score.js';
import './sorted.js';

export const LUNR_URL = new URL('../../vendor/lunr.min.js', import.meta.url).href;

/* Answers the page's messages on scope (the worker's global scope, or a stand-in
 * with postMessage and onmessage). options: fetchJson (shards.js), lunrUrl (where
 * lunr.min.js is, when not beside the site's theme). */
export function serve(scope, options = {}) {
  let engine = null;
  let failed = false;
  let latest = 0;     // id of the newest search asked for
  let waiting = null; // a search that came before the index was open
  let ready = false;

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
      if (error !== STALE) fail(error);
    }
  }

  async function init(manifestUrl) {
    try {
      const source = shardedSource(manifestUrl, {
        fetchJson: options.fetchJson,
        onProgress: ({ loaded, total }) => {
          if (!failed) scope.postMessage({ type: 'progress', phase: 'download', loaded, total });
        },
      });
      // lunr and the manifest load side by side.
      const [lunr] = await Promise.all([loadLunr(options.lunrUrl || LUNR_URL), source.open()]);
      engine = createEngine(source, lunr);
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
      init(message.manifestUrl);
    } else if (message.type === 'search') {
      latest = message.id;
      if (ready) run(message);
      else waiting = message;
    }
  };
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) serve(self);
