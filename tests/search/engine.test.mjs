// engine.js: a page of results for a search message, over a small index of the tests' own.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { STALE, createEngine } from '../../theme/static/js/search/engine.js';
import { lunr, tinyIndex } from './fixtures.mjs';
import { memorySource } from './oracle.mjs';

const ARTICLES = [
  { title: 'Kim meets Moon', text: 'Kim Jong Un and Moon Jae-in met in Pyongyang.', date: '2018-09-19', source: 'Yonhap', entities: ['kim-jong-un', 'moon-jae-in'] },
  { title: 'Sanctions talks', text: 'Kim Jong Un\'s talks on sanctions stalled in Hanoi.', date: '2019-02-28', source: 'KCNA', entities: ['kim-jong-un'], tags: ['sanctions'] },
  { title: 'Biegun in Stockholm', text: 'Stephen Biegun met Kim Myong Gil for talks.', date: '2019-10-05', source: 'Yonhap', tags: ['talks'] },
  { title: 'Railway', text: 'Kim Jong Un inspected an inter-Korean railway.', date: '', source: '', entities: ['moon-jae-in'] },
];

// An opened engine over the articles, with the source's calls counted.
async function engine() {
  const { compact, store } = tinyIndex(ARTICLES);
  const source = memorySource(compact, store);
  const calls = { terms: 0, facets: 0 };
  const counted = {
    ...source,
    terms: (list) => { calls.terms++; return source.terms(list); },
    facets: () => { calls.facets++; return source.facets(); },
  };
  const search = createEngine(counted, lunr);
  await search.open();
  return { search, calls };
}

const ask = (search, message) =>
  search.answer({ id: 1, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...message });
const urls = (answer) => answer.items.map((item) => item.url);

test('every word must match; a word is found in any field, stemmed', async () => {
  const { search } = await engine();
  const answer = await ask(search, { q: 'kim talks' });
  assert.equal(answer.mode, 'all');
  assert.deepEqual(urls(answer).sort(), ['1/', '2/']);
  assert.equal(answer.total, 2);
  assert.ok(answer.items[0].score >= answer.items[1].score);
});

test('when no article has every word, those with some are shown, and mode says so', async () => {
  const { search } = await engine();
  const answer = await ask(search, { q: 'railway sanctions ' });
  assert.equal(answer.mode, 'any');
  assert.deepEqual(urls(answer).sort(), ['1/', '3/']);
});

test('a typo finds the word, an unfinished word its completions, stop words nothing', async () => {
  const { search } = await engine();
  assert.deepEqual(urls(await ask(search, { q: 'Beigun ' })), ['2/']);
  assert.deepEqual(urls(await ask(search, { q: 'stockh' })), ['2/']);
  const stopWords = await ask(search, { q: 'the of ' });
  assert.deepEqual([stopWords.total, stopWords.items], [0, []]);
  assert.equal((await ask(search, { q: '  ' })).mode, 'none');
});

test('filters narrow and facets count; the ranking is reused, not fetched again', async () => {
  const { search, calls } = await engine();
  const all = await ask(search, { q: 'kim' });
  assert.equal(all.total, 4);
  const filtered = await ask(search, { q: 'kim', filters: { source: ['Yonhap'] } });
  assert.deepEqual(urls(filtered).sort(), ['0/', '2/']);
  assert.deepEqual(filtered.facets.source.map((v) => [v.value, v.count, v.selected]),
    [['Yonhap', 2, true], ['KCNA', 1, false]]);
  assert.equal(calls.terms, 1);
  assert.equal(calls.facets, 1);
});

test('filters alone browse, newest first; sorts by date keep undated last', async () => {
  const { search } = await engine();
  const browse = await ask(search, { q: '', filters: { entity: ['moon-jae-in'] } });
  assert.equal(browse.mode, 'browse');
  assert.deepEqual(urls(browse), ['0/', '3/']);
  assert.deepEqual(urls(await ask(search, { q: 'kim', sort: 'oldest' })), ['0/', '1/', '2/', '3/']);
  assert.deepEqual(urls(await ask(search, { q: 'kim', sort: 'newest' })), ['2/', '1/', '0/', '3/']);
});

test('pages: offset and limit', async () => {
  const { search } = await engine();
  const first = await ask(search, { q: 'kim', limit: 2 });
  const second = await ask(search, { q: 'kim', offset: 2, limit: 2 });
  assert.equal(first.items.length, 2);
  assert.equal(second.offset, 2);
  assert.equal(second.items.length, 2);
  assert.deepEqual([...urls(first), ...urls(second)].sort(), ['0/', '1/', '2/', '3/']);
});

test('an answer no longer wanted stops with STALE', async () => {
  const { search } = await engine();
  await assert.rejects(search.answer({ id: 1, q: 'kim', filters: {} }, () => false), (e) => e === STALE);
});

test('results carry marked titles and chips with names', async () => {
  const { search } = await engine();
  const [item] = (await ask(search, { q: 'biegun' })).items;
  assert.deepEqual(item.title, ['', 'Biegun', ' in Stockholm']);
  assert.deepEqual(item.tags.shown, [{ id: 'talks', name: ['talks'] }]);
  assert.equal(item.date, '2019-10-05');
});
