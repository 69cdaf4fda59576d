// highlight.js: marked runs, snippets and chips.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  MAX_TAG_CHIPS, SNIPPET_LEAD, SNIPPET_WORDS, chips, highlight, presenter,
} from '../../theme/static/js/search/highlight.js';
import { terms, tokenize } from '../../theme/static/js/search/pipeline.js';
import { lunr } from './fixtures.mjs';

const matching = (...words) => (word) => words.includes(word.toLowerCase());

test('runs alternate plain and marked text, plain first; punctuation stays plain', () => {
  const { runs, marked } = highlight('Biegun met "Kim," in Stockholm.', matching('biegun', 'kim'));
  assert.deepEqual(runs, ['', 'Biegun', ' met "', 'Kim', '," in Stockholm.']);
  assert.ok(marked);
  assert.deepEqual(highlight('nothing here', matching('x')), { runs: ['nothing here'], marked: false });
  assert.deepEqual(highlight('', matching('x')).runs, ['']);
  assert.deepEqual(highlight(null, matching('x')).runs, ['']);
});

test('a snippet: the window of words from a few before the first match, cut with …', () => {
  const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
  const { runs } = highlight(words.join(' '), matching('w50'), SNIPPET_WORDS);
  const start = 50 - SNIPPET_LEAD;
  assert.equal(runs.length, 3);
  assert.equal(runs[0], `… ${words.slice(start, 50).join(' ')} `);
  assert.equal(runs[1], 'w50');
  assert.equal(runs[2], ` ${words.slice(51, start + SNIPPET_WORDS).join(' ')} …`);
  // Near the end, the window stops at the end; with no match, the text's start.
  assert.equal(highlight(words.join(' '), matching('w99'), SNIPPET_WORDS).runs.at(-1), '');
  assert.ok(highlight(words.join(' '), matching('zz'), SNIPPET_WORDS).runs[0].startsWith('w0 w1'));
  // A short text is never cut.
  assert.deepEqual(highlight('a b c', matching('b'), SNIPPET_WORDS).runs, ['a ', 'b', ' c']);
});

test('chips: chosen first, then those whose name matched, then as listed; capped', () => {
  const names = { a: 'Alpha', b: 'Beta', c: 'Gamma', d: 'Delta', e: 'Epsilon' };
  const shown = chips(['a', 'b', 'c', 'd', 'e'], names, ['d'], matching('gamma'), MAX_TAG_CHIPS);
  assert.deepEqual(shown.shown.map((chip) => chip.id), ['d', 'c', 'a', 'b']);
  assert.deepEqual(shown.shown[1].name, ['', 'Gamma', '']);
  assert.equal(shown.more, 1);
  assert.deepEqual(chips(['x'], {}, [], matching(), 4).shown, [{ id: 'x', name: ['x'] }]);
});

test('a result: stemmed and British-spelt words of the text light up as the article has them', () => {
  const present = presenter((word) => tokenize(word).flatMap((token) => terms(token, lunr)));
  const row = ['Denuclearisation talks stall', '2019/10/x/', '2019-10-05', 'Yonhap',
    ['kim-jong-un'], ['denuclearization'], 'The talks on denuclearization stalled.'];
  const item = present(3, row, ['denuclear', 'talk'], 1.5, { tag: ['denuclearization'] },
    { entity: { 'kim-jong-un': 'Kim Jong Un' }, tag: { denuclearization: 'Denuclearization' } });
  assert.deepEqual(item.title, ['', 'Denuclearisation', ' ', 'talks', ' stall']);
  assert.deepEqual(item.snippet, ['The ', 'talks', ' on ', 'denuclearization', ' stalled.']);
  assert.deepEqual(item.tags, { shown: [{ id: 'denuclearization', name: ['', 'Denuclearization', ''] }], more: 0 });
  assert.deepEqual(item.entities.shown, [{ id: 'kim-jong-un', name: ['Kim Jong Un'] }]);
  assert.deepEqual([item.ref, item.score, item.url, item.date, item.source], [3, 1.5, '2019/10/x/', '2019-10-05', 'Yonhap']);
});
