/* The search page's module worker: the archive's search, off the main thread.
 *
 * Messages in:  {type: 'init', manifestUrl, manifest?, q?} (the manifest, when the page inlines
 *               it; q, the query the page opens at, ranked as soon as the index is open)
 *               {type: 'search', id, q, filters: {entity: [], tag: [], year: [], month: [], source: []},
 *                sort: 'relevance' | 'newest' | 'oldest', offset, limit}
 * Messages out: {type: 'progress', phase: 'download', loaded, total} (files)
 *               {type: 'ready', count}: the manifest, and what the first query needed, are in
 *               {type: 'error', message}
 *               {type: 'results', id, ...} (engine.js: answer)
 *               {type: 'facets', id, facets}: the counts of entities and topics of an
 *               answer that came without them (countsLater; engine.js: counts)
 *
 * Rules: only the newest search is answered (an older one stops at its next
 * fetch); a search sent before the index is open waits for it and still
 * counts as loading; the first error is reported once, and nothing after it.
 *
 * Rules of loading, for a slow network (benchmarks/latency.py), where each round
 * trip in sequence costs the reader a latency: the build bundles this file with
 * everything it imports, lunr included (from npm: NPM_ASSETS_BUNDLES), into one
 * file, which search.html starts as soon as the page's head is parsed, and hands
 * the manifest it inlines; so the worker's first request is for the index.
 * facets.json, when a search waits, is fetched beside the first terms.
 */
import lunr from 'lunr';

import { STALE, createEngine } from './engine.js';
import { shardedSource } from './shards.js';

// The manifest, when the page did not inline it (it revalidates: see shards.js).
async function fetchManifest(url, fetchJson) {
  const init = { cache: 'no-cache' };
  if (fetchJson) return fetchJson(url, init);
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}

/* Answers the page's messages on scope (the worker's global scope, or a stand-in
 * with postMessage and onmessage). options: fetchJson (shards.js). */
export function serve(scope, options = {}) {
  let engine = null;
  let meta = null;    // the open index's {count, fields, pipeline, version}
  let failed = false;
  let latest = 0;     // id of the newest search asked for
  let waiting = null; // a search that came before the index was open
  let ready = false;
  let check = null;   // Promise of manifest.json, fetched beside an inlined manifest
  let reopen = null;  // (manifest) => the index opened anew with it

  function fail(error) {
    if (failed) return;
    failed = true;
    scope.postMessage({ type: 'error', message: String((error && error.message) || error) });
  }

  /* Whether the page's inlined manifest was older than the index served (a page
   * cached across a deploy: Pages keeps HTML for ten minutes, and serves the new
   * files whatever version their URL names). manifest.json is fetched beside the
   * first index files, so the check costs no round of its own; when it differs,
   * the index opens anew with it. Asked once. */
  async function outdated(version) {
    if (!check) return false;
    const pending = check;
    check = null;
    const fresh = await pending;
    if (!fresh || fresh.v === version) return false;
    await reopen(fresh);
    return true;
  }

  // The answer to message, made again over the index served when the page's was older.
  async function answer(message) {
    const current = () => message.id === latest;
    const { version } = meta;
    const first = await engine.answer(message, current).then(
      (results) => ({ results }),
      (error) => ({ error })
    );
    if (first.error === STALE) throw STALE;
    if (await outdated(version)) return engine.answer(message, current);
    if (first.error) throw first.error;
    return first.results;
  }

  // The answer, then, when it came without them, the entities' and topics' counts.
  async function run(message) {
    try {
      const results = await answer(message);
      scope.postMessage(results);
      if (results.countsLater) scope.postMessage(await engine.counts(message, () => message.id === latest));
    } catch (error) {
      if (error !== STALE) fail(error);
    }
  }

  async function open(manifestUrl, manifest) {
    const source = shardedSource(manifestUrl, {
      fetchJson: options.fetchJson,
      manifest,
      onProgress: ({ loaded, total }) => {
        if (!failed) scope.postMessage({ type: 'progress', phase: 'download', loaded, total });
      },
    });
    await source.open();
    // A waiting search will need the facets (counts, dates) once it has matches:
    // they load beside the first terms, not after them.
    if (waiting) source.facets().catch(() => {});
    const opened = createEngine(source, lunr);
    meta = await opened.open();
    engine = opened;
  }

  async function init(manifestUrl, inlined, q) {
    try {
      reopen = (fresh) => open(manifestUrl, Promise.resolve(fresh));
      if (inlined) check = fetchManifest(manifestUrl, options.fetchJson).catch(() => null);
      const manifest = inlined ? Promise.resolve(inlined) : fetchManifest(manifestUrl, options.fetchJson);
      manifest.catch(() => {});
      await open(manifestUrl, manifest);
      if (q !== undefined && !waiting) engine.warm(q);
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
      init(message.manifestUrl, message.manifest, message.q);
    } else if (message.type === 'search') {
      latest = message.id;
      if (ready) run(message);
      else waiting = message;
    }
  };
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) serve(self);
