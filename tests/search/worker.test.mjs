// worker.js: the page's messages answered, over a small sharded index of the tests' own.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { serve } from '../../theme/static/js/search/worker.js';
import { memoryFetch, miniSite } from './fixtures.mjs';

const BASE = 'https://example.org/archive/search/';

// A stand-in for the worker's global scope: what the page would post, and what it receives.
function worker(files = miniSite()) {
  const received = [];
  let next = null;
  const scope = {
    postMessage(message) {
      received.push(message);
      if (next && next.until(message)) next.resolve();
    },
  };
  const { fetchJson, fetched } = memoryFetch(BASE, files);
  serve(scope, { fetchJson });
  return {
    received,
    fetched,
    post: (data) => scope.onmessage({ data }),
    until: (predicate) => new Promise((resolve) => {
      if (received.some(predicate)) resolve();
      else next = { until: predicate, resolve };
    }),
  };
}

// What the worker tells a page that opens at q, up to 'ready' (progress left out); init:
// more of the init message (the manifest the page inlines).
async function untilReady(page, q, init = {}) {
  page.post({ type: 'init', manifestUrl: BASE + 'manifest.json', ...init });
  page.post(search(1, q));
  await page.until((m) => m.type === 'ready');
  return page.received.filter((m) => m.type !== 'progress');
}

const search = (id, q, extra = {}) =>
  ({ type: 'search', id, q, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...extra });

test('a search sent while the index loads is answered, and only then is the worker ready', async () => {
  const page = worker();
  page.post({ type: 'init', manifestUrl: BASE + 'manifest.json' });
  page.post(search(1, 'korea'));
  await page.until((m) => m.type === 'ready');
  const types = page.received.map((m) => m.type);
  assert.ok(types.indexOf('results') < types.indexOf('ready'), types.join(' '));
  assert.ok(types.includes('progress'));
  const results = page.received.find((m) => m.type === 'results');
  assert.deepEqual([results.id, results.q, results.total], [1, 'korea', 4]);
  assert.deepEqual(page.received.find((m) => m.type === 'ready'), { type: 'ready', count: 4 });
});

test('only the newest search is answered', async () => {
  const page = worker();
  page.post({ type: 'init', manifestUrl: BASE + 'manifest.json' });
  await page.until((m) => m.type === 'ready');
  page.post(search(2, 'kim'));
  page.post(search(3, 'talk'));
  await page.until((m) => m.type === 'results' && m.id === 3);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(page.received.filter((m) => m.type === 'results').map((m) => m.id), [3]);
});

test('an index that cannot load is reported once, and nothing after it', async () => {
  const files = miniSite();
  files['manifest.json'].format = 99;
  const page = worker(files);
  page.post({ type: 'init', manifestUrl: BASE + 'manifest.json' });
  page.post(search(1, 'korea'));
  await page.until((m) => m.type === 'error');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(page.received.filter((m) => m.type !== 'progress'), [
    { type: 'error', message: 'unknown search index format 99' },
  ]);
});

test('a page cached across a deploy: its inlined manifest is checked, and the index served answers', async () => {
  const files = miniSite();
  const served = files['manifest.json'];
  const inlined = { ...served, v: 'an-older-build', docs: served.docs + 1 };
  const told = await untilReady(worker(files), 'korea', { manifest: inlined });
  assert.deepEqual(told.filter((m) => m.type === 'results').map((m) => m.total), [4]);
  assert.deepEqual(told.find((m) => m.type === 'ready'), { type: 'ready', count: 4 });
});

test('an inlined manifest of the index served is used as it is', async () => {
  const files = miniSite();
  const told = await untilReady(worker(files), 'korea', { manifest: files['manifest.json'] });
  assert.deepEqual(told.filter((m) => m.type === 'results').map((m) => m.total), [4]);
  assert.deepEqual(told.find((m) => m.type === 'ready'), { type: 'ready', count: 4 });
});

test('the query the page opens at is looked up before the page asks for it', async () => {
  const page = worker();
  page.post({ type: 'init', manifestUrl: BASE + 'manifest.json', q: 'korea' });
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));
  await settled();
  const before = page.fetched.filter((path) => path.startsWith('heads/') || path === 'facets.json');
  assert.ok(before.includes('facets.json') && before.some((path) => path.startsWith('heads/')), before);
  assert.deepEqual(page.received.filter((m) => m.type === 'results'), []); // nothing unasked is answered
  page.post(search(1, 'korea'));
  await page.until((m) => m.type === 'results');
  assert.equal(page.received.find((m) => m.type === 'results').total, 4);
  assert.deepEqual(page.fetched.filter((path) => path.startsWith('heads/')), before.filter((path) => path.startsWith('heads/')));
});

test('the first results come before the counts of entities and topics, and only then is it ready', async () => {
  const page = worker();
  const told = await untilReady(page, 'korea');
  assert.deepEqual(told.map((m) => m.type), ['results', 'facets', 'ready']);
  assert.equal(told[0].countsLater, true);
  assert.deepEqual(told[0].facets.entity, []);
  assert.equal(told[1].id, 1);
  assert.deepEqual(told[1].facets.entity.map((v) => [v.value, v.count]), [['kim-jong-un', 2]]);
  assert.ok(page.fetched.indexOf('members.json') > page.fetched.indexOf('facets.json'));
});

test('a small members.json comes with the facets: the first results have every count', async () => {
  const files = miniSite();
  files['manifest.json'].membersBytes = 40;
  const page = worker(files);
  const told = await untilReady(page, 'korea');
  assert.deepEqual(told.map((m) => m.type), ['results', 'ready']);
  assert.equal(told[0].countsLater, undefined);
  assert.deepEqual(told[0].facets.entity.map((v) => [v.value, v.count]), [['kim-jong-un', 2]]);
  assert.equal(page.fetched.some((path) => path.startsWith('entity/')), false);
});

test('when the order waits for the tails of a word, the few contenders\' rows are asked for beside them', async () => {
  const page = worker();
  await untilReady(page, 'korea');
  const docs = page.fetched.findIndex((path) => path.startsWith('docs/') || path.startsWith('doc/'));
  const tails = page.fetched.indexOf('tails/0.json');
  assert.ok(tails >= 0 && docs >= 0 && docs < tails, page.fetched.join(' '));
});
