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
  const calls = { terms: 0, facets: 0, members: 0 };
  const counted = {
    ...source,
    terms: (list) => { calls.terms++; return source.terms(list); },
    facets: () => { calls.facets++; return source.facets(); },
    members: () => { calls.members++; return source.members(); },
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
  const whole = answer.items.filter((item) => !item.without.length);
  assert.deepEqual(whole.map((item) => item.url).sort(), ['1/', '2/']);
  assert.ok(whole[0].score >= whole[1].score);
});

test('few articles have every word: those missing one follow, each saying which', async () => {
  const { search } = await engine();
  const answer = await ask(search, { q: 'kim talks' });
  assert.deepEqual(answer.items.map((item) => item.without), [[], [], ['talks'], ['talks']]);
  assert.deepEqual(urls(answer).slice(2).sort(), ['0/', '3/']);
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

test('a first answer does not wait for every article\'s entities: their counts come after', async () => {
  const { search, calls } = await engine();
  const first = await ask(search, { q: 'kim' });
  assert.equal(first.countsLater, true);
  assert.deepEqual([first.facets.entity, first.facets.tag], [[], []]);
  assert.deepEqual(first.facets.source.map((v) => [v.value, v.count]), [['Yonhap', 2], ['KCNA', 1]]);
  const counted = await search.counts({ id: 1, q: 'kim', filters: {} });
  assert.equal(counted.type, 'facets');
  assert.deepEqual(counted.facets.entity.map((v) => [v.value, v.count]), [['kim-jong-un', 2], ['moon-jae-in', 2]]);
  const again = await ask(search, { q: 'kim' });
  assert.equal(again.countsLater, undefined);
  assert.deepEqual(again.facets, counted.facets);
  assert.equal(calls.members, 1);
});

test('an entity or topic filter waits for the members, and its answer has every count', async () => {
  const { search } = await engine();
  const answer = await ask(search, { q: 'kim', filters: { entity: ['moon-jae-in'] } });
  assert.deepEqual(urls(answer).sort(), ['0/', '3/']);
  assert.equal(answer.countsLater, undefined);
  assert.deepEqual(answer.facets.tag, []); // neither kept article has a topic
  assert.deepEqual(answer.facets.entity.map((v) => [v.value, v.count, v.selected]),
    [['moon-jae-in', 2, true], ['kim-jong-un', 1, false]]);
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

// The query syntax (syntax.js), as a reader notices it in the results.
const SYNTAX_ARTICLES = [
  { title: 'Missile launch', text: 'North Korea fired a missile from the east coast.', date: '2019-05-04', source: 'Yonhap' },
  { title: 'Another launch', text: 'A missile launch was reported by the military.', date: '2020-03-02', source: 'KCNA' },
  { title: 'Rocket report', text: 'A rocket was seen over the sea; talks stalled.', date: '2019-07-01', source: 'Yonhap' },
  { title: 'Talks', text: 'Maximum pressure remained, officials said of the talks.', date: '2018-01-01', source: 'Yonhap' },
  { title: 'Pressure', text: 'The pressure was at its maximum before the summit.', date: '2018-02-01', source: 'KCNA' },
];

async function askSyntax(q, filters = {}) {
  const { compact, store } = tinyIndex(SYNTAX_ARTICLES);
  const search = createEngine(memorySource(compact, store), lunr);
  await search.open();
  return search.answer({ id: 1, q, filters, sort: 'relevance', offset: 0, limit: 20 });
}
const sortedUrls = (answer) => answer.items.map((item) => item.url).sort();

test('a year in the query filters by it and is reported for a chip', async () => {
  const answer = await askSyntax('missile 2019');
  assert.deepEqual(sortedUrls(answer), ['0/']);
  assert.deepEqual(answer.fromQuery, { year: ['2019'], text: ['2019'] });
  const outside = await askSyntax('missile 1950'); // out of the span: a word, which no article has
  assert.equal(outside.fromQuery, undefined);
  assert.deepEqual([outside.mode, outside.items[0].without], ['any', ['1950']]);
});

test('a quoted phrase ranks the articles that have it as a run first', async () => {
  const answer = await askSyntax('"maximum pressure"');
  assert.deepEqual(sortedUrls(answer), ['3/', '4/']);
  assert.equal(answer.items[0].url, '3/');
});

test('-word excludes, OR widens', async () => {
  assert.deepEqual(sortedUrls(await askSyntax('missile -coast')), ['1/']);
  assert.deepEqual(sortedUrls(await askSyntax('missile OR rocket')), ['0/', '1/', '2/']);
});

test('the fallback ranks by words held and says which are missing', async () => {
  const answer = await askSyntax('missile launch comfort ');
  assert.equal(answer.mode, 'any');
  assert.deepEqual(answer.items.map((item) => item.without), [['comfort'], ['comfort']]);
});
