// fallback.js: coordination ranking when no article has every word.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fromRefs } from '../../theme/static/js/search/bitsets.js';
import { COMMON_MIN_ARTICLES, coordination, population, RARITY_STEPS } from '../../theme/static/js/search/fallback.js';

const COUNT = 1000;

test('more words held ranks first; each result says what it lacks', () => {
  const a = fromRefs([1, 2, 3], COUNT);
  const b = fromRefs([2, 3], COUNT);
  const c = fromRefs([3, 4], COUNT);
  const { items, tier, missing } = coordination([1, 2, 3, 4], [a, b, c], COUNT);
  assert.deepEqual(items, [1, 2, 3, 4]);
  assert.deepEqual(items.map((ref) => Math.floor(tier(ref) / RARITY_STEPS)), [1, 2, 3, 1]);
  assert.deepEqual(missing(2), [2]);
});

test('of those holding as many words, those holding the rarer ones first', () => {
  const fight = fromRefs(Array.from({ length: 60 }, (_, i) => i), COUNT); // 6%
  const coronavirus = fromRefs([100, 101, 102], COUNT);
  const { tier } = coordination([0, 1, 100, 101], [fight, coronavirus], COUNT);
  assert.ok(tier(100) > tier(0), 'lacking the common word ranks before lacking the rare one');
  assert.equal(tier(100), tier(101));
  assert.ok(tier(100) < RARITY_STEPS * 2, 'one word held stays below two');
});

test('an article holding only a very common word is left out', () => {
  const common = fromRefs(Array.from({ length: 400 }, (_, i) => i), COUNT); // 40% of the archive
  const rare = fromRefs([500], COUNT);
  const { items } = coordination([...Array(400).keys(), 500], [common, rare], COUNT);
  assert.deepEqual(items, [500]);
  assert.equal(population(common), 400);
  assert.ok(COMMON_MIN_ARTICLES < 400);
});
