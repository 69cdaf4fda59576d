// rankings.js: what a ranking becomes on the page (near misses, corrections, offers).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { offered, readAs, withNearMisses } from '../../theme/static/js/search/rankings.js';

// A fallback over refs 0..4 where refs 3 and 4 lack the second word and ref 2 both.
const fallback = () => ({
  items: [0, 1, 2, 3, 4],
  tier: () => 0,
  missing: (ref) => ({ 2: [0, 1], 3: [1], 4: [1] })[ref] || [],
});

test('few whole matches: those missing one word follow, saying which; two missing never', () => {
  const ranking = withNearMisses({ items: [0, 1] }, fallback, 2, ['kaesong', 'liaison']);
  assert.deepEqual(ranking.items, [0, 1, 3, 4]);
  assert.deepEqual([0, 3].map(ranking.tier), [1, 0]);
  assert.deepEqual([0, 3].map(ranking.without), [[], ['liaison']]);
});

test('enough whole matches, or a one-word query, stay as they are', () => {
  const many = { items: [0, 1, 2, 3, 4, 5] };
  assert.equal(withNearMisses(many, fallback, 2, ['a', 'b']), many);
  const one = { items: [0] };
  assert.equal(withNearMisses(one, fallback, 1, ['a']), one);
});

test('a corrected word is shown in the query as typed, whole words only', () => {
  assert.equal(readAs('Beigun in Stockholm', [['beigun', 'biegun']]), 'biegun in Stockholm');
  assert.equal(readAs('hea heat', [['hea', 'hae']]), 'hae heat');
});

test('entities the query names are offered unless already chosen', () => {
  const names = { entity: { 'hanoi-summit': 'Hanoi summit', kaesong: 'Kaesong' } };
  assert.deepEqual(offered(['hanoi-summit', 'kaesong'], { entity: ['kaesong'] }, names), [
    { value: 'hanoi-summit', label: 'Hanoi summit' },
  ]);
});

test('a misspelt word is said as the matched word most articles have', async () => {
  const { correctionOf } = await import('../../theme/static/js/search/rankings.js');
  const { fromRefs } = await import('../../theme/static/js/search/bitsets.js');
  const word = { token: 'denuclearisaton', stems: ['denuclearisaton'], edits: 1, prefixes: [], completions: [],
    corrections: ['denuclear', 'denuclearis'], variants: new Map([['denuclear', 'denuclearization']]) };
  const bits = { denuclear: fromRefs([1, 2, 3], 10), denuclearis: fromRefs([4], 10) };
  const datas = new Map([['denuclear', {}], ['denuclearis', {}]]);
  const read = correctionOf([word], datas, (term) => bits[term], 'denuclearisaton talks');
  assert.deepEqual(read, { q: 'denuclearization talks', words: [['denuclearisaton', 'denuclearization']] });
  assert.equal(correctionOf([{ ...word, edits: 0 }], datas, (term) => bits[term], 'x'), null);
});
