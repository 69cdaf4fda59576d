// shards.js: the sharded files of a small index of the tests' own, fetched and decoded.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FORMAT, fuzzySplit, shardedSource } from '../../theme/static/js/search/shards.js';
import { memoryFetch, miniSite as site } from './fixtures.mjs';

const BASE = 'https://example.org/archive/search/';
function opened(options = {}) {
  const { fetchJson, fetched } = memoryFetch(BASE, site(), options.failing);
  const progress = [];
  const source = shardedSource(BASE + 'manifest.json', { fetchJson, onProgress: (p) => progress.push(p) });
  return { source, fetched, progress };
}

test('the manifest is read once, and files carry its version', async () => {
  const urls = [];
  const { fetchJson } = memoryFetch(BASE, site());
  const source = shardedSource(BASE + 'manifest.json', {
    fetchJson: (url, init) => { urls.push([url, init]); return fetchJson(url); },
  });
  const [meta] = await Promise.all([source.open(), source.open()]);
  assert.deepEqual(meta, {
    count: 4, fields: ['title', 'body'], pipeline: site()['manifest.json'].pipeline, version: 'abc123',
    membersBytes: 100000,
  });
  await source.has(['kim']);
  assert.deepEqual(urls, [
    [BASE + 'manifest.json', { cache: 'no-cache' }],
    [BASE + 'heads/0.json?v=abc123', undefined],
  ]);
});

test('a manifest handed over (the page inlines it) is not fetched', async () => {
  const { fetchJson, fetched } = memoryFetch(BASE, site());
  const manifest = site()['manifest.json'];
  const source = shardedSource(BASE + 'manifest.json', { fetchJson, manifest });
  assert.equal((await source.open()).count, 4);
  assert.deepEqual([...await source.has(['kim'])], ['kim']);
  assert.deepEqual(fetched, ['heads/0.json']);
});

test('a manifest of another format is refused', async () => {
  const files = site();
  files['manifest.json'].format = FORMAT + 1;
  const source = shardedSource(BASE + 'manifest.json', memoryFetch(BASE, files));
  await assert.rejects(source.open(), new RegExp(`unknown search index format ${FORMAT + 1}`));
});

test('has: terms found in the heads runs that would hold them, no vocabulary run read', async () => {
  const { source, fetched } = opened();
  await source.open();
  assert.deepEqual([...await source.has(['kim', 'talk', 'kor', 'zebra', 'a'])].sort(), ['kim', 'talk']);
  assert.deepEqual(fetched.sort(), ['heads/0.json', 'manifest.json']);
});

test('vocabulary: the terms an exact, prefix or fuzzy clause can reach, the same array again', async () => {
  const { source, fetched } = opened();
  await source.open();
  assert.deepEqual(await source.vocabulary({ term: 'korea' }), ['korea']);
  const prefix = await source.vocabulary({ term: 'kor*' });
  assert.deepEqual(prefix, ['korea', 'korean']); // across two runs
  assert.equal(await source.vocabulary({ term: 'kor*' }), prefix);
  assert.ok(!fetched.some((path) => path.startsWith('terms/')), 'exact and prefix read the heads');
  const fuzzy = await source.vocabulary({ term: 'beigun', editDistance: 1 });
  assert.ok(fuzzy.includes('biegun') && !fuzzy.includes('kim'));
  assert.ok(fetched.includes('ends/0.json'));
  // Two edits, or words too short to split, read the whole vocabulary.
  assert.equal((await source.vocabulary({ term: 'kx', editDistance: 1 })).length, 6);
});

test('fuzzySplit: every word one edit from a typo keeps its prefix or its ending', () => {
  const letters = 'abcdefgh';
  const edits = (word) => {
    const out = new Set();
    for (let i = 0; i <= word.length; i++) {
      for (const c of letters) {
        out.add(word.slice(0, i) + c + word.slice(i)); // insertion
        if (i < word.length) out.add(word.slice(0, i) + c + word.slice(i + 1)); // substitution
      }
      if (i < word.length) out.add(word.slice(0, i) + word.slice(i + 1)); // deletion
      if (i + 1 < word.length) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    }
    return out;
  };
  for (const typo of ['abc', 'abcd', 'abcde', 'hgfedcba', 'aaaaaa']) {
    const { prefix, ending } = fuzzySplit(typo);
    for (const word of edits(typo)) {
      assert.ok(word.startsWith(prefix) || word.endsWith(ending), `${typo} -> ${word}`);
    }
  }
});

test('terms: heads first; a big term\'s tail tier only when asked, then every posting', async () => {
  const { source, fetched } = opened();
  await source.open();
  const datas = await source.terms(['korea', 'biegun']);
  const korea = datas.get('korea');
  assert.deepEqual([...korea.refs], [0, 1, 2, 3]);
  assert.deepEqual([...korea.known], [0, 1, 0, 0]);
  assert.equal(korea.tau, 900);
  assert.deepEqual([...korea.fieldRefs[0]], [1]);
  assert.equal(datas.get('biegun').known, null); // all its postings in its head
  assert.deepEqual([...datas.get('biegun').fieldWeights[1]], [3]);
  assert.ok(!fetched.some((path) => path.startsWith('tails/')));

  await source.complete(['korea', 'biegun']);
  assert.equal(korea.known, null);
  assert.equal(korea.tau, 0);
  assert.deepEqual([...korea.fieldRefs[0]], [0, 1]);
  assert.deepEqual([...korea.fieldWeights[0]], [0.8, 2]);
  assert.deepEqual([...korea.fieldRefs[1]], [1, 2, 3]);
  assert.deepEqual([...korea.fieldWeights[1]], [1.5, 0.5, 0.9]);
  await source.complete(['korea']);
  assert.equal(fetched.filter((path) => path === 'tails/0.json').length, 1);
  assert.equal((await source.terms(['korea'])).get('korea'), korea); // kept
});

test('a file is fetched once however often it is asked for; a failure can be retried', async () => {
  const { source, fetched, progress } = opened({ failing: new Set(['heads/0.json']) });
  await source.open();
  await assert.rejects(source.terms(['kim']), /network down/);
  const [a, b] = await Promise.all([source.terms(['kim']), source.terms(['kim', 'talk'])]);
  assert.equal(a.get('kim'), b.get('kim'));
  assert.equal(fetched.filter((path) => path === 'heads/0.json').length, 2);
  assert.deepEqual(progress.at(-1), { loaded: 1, total: 2 }); // the failed fetch never loaded
});

test('facets, members, the articles of an entity and document rows, each from its own file', async () => {
  const { source, fetched } = opened();
  await source.open();
  const facets = await source.facets();
  assert.deepEqual(facets.dates, ['2018-06-12', '2018-06-12', '2019-01-01', '']);
  assert.deepEqual([...facets.sourceOf], [0, 1, 1, -1]);
  assert.equal('entityOf' in facets, false);
  assert.deepEqual([...(await source.linked(0))], [0, 1]);
  assert.equal(fetched.includes('members.json'), false); // neither needs every article's entities
  const members = await source.members();
  assert.deepEqual(members.entityOf.map((values) => [...values]), [[0], [0], [], []]);
  assert.deepEqual(members.tagOf.map((values) => [...values]), [[], [0], [], []]);
  const docs = await source.docs([3, 1]);
  assert.deepEqual(docs.get(1), ['Kim', '2018/06/kim/', '2018-06-12', 'Yonhap', ['kim-jong-un'], ['summit'], 'k']);
  assert.deepEqual(docs.get(3), ['Korean', 'undated/korean/', '', '', [], [], 'kr']);
});

test('document rows: a page of scattered articles reads one small file each, many read the shared files', async () => {
  const files = site();
  files['manifest.json'].singleDocs = true;
  const shared = files['docs/0.json'].docs.concat(files['docs/1.json'].docs);
  shared.forEach((row, ref) => { files[`doc/${ref}.json`] = row; });
  const { fetchJson, fetched } = memoryFetch(BASE, files);
  const source = shardedSource(BASE + 'manifest.json', { fetchJson });
  await source.open();
  const docs = await source.docs([3, 1]);
  assert.deepEqual(docs.get(1), ['Kim', '2018/06/kim/', '2018-06-12', 'Yonhap', ['kim-jong-un'], ['summit'], 'k']);
  assert.deepEqual(fetched.filter((path) => path.startsWith('doc')).sort(), ['doc/1.json', 'doc/3.json']);
  // Articles that fill their shared files read those; a shared file once read serves its rows.
  fetched.length = 0;
  const many = await source.docs([0, 1, 2, 3, 0, 1, 2, 3]);
  assert.deepEqual(many.get(2)[0], 'Biegun');
  assert.deepEqual(fetched.sort(), ['docs/0.json', 'docs/1.json']);
  fetched.length = 0;
  assert.equal((await source.docs([2])).get(2)[0], 'Biegun');
  assert.deepEqual(fetched, []);
});
