// bitsets.js: sets of articles as bitmaps.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { andInto, bitset, fromRefs, has, orInto, refsOf } from '../../theme/static/js/search/bitsets.js';

test('a set gives back its articles, ascending, across word boundaries', () => {
  const refs = [0, 1, 30, 31, 32, 63, 64, 99];
  const bits = fromRefs(refs, 100);
  assert.equal(bits.length, 4);
  assert.deepEqual(refsOf(bits), refs);
  assert.ok(has(bits, 31) && has(bits, 32) && !has(bits, 33));
  assert.deepEqual(refsOf(fromRefs([5, 1, 5], 10)), [1, 5]); // unordered and repeated in
  assert.deepEqual(refsOf(bitset(0)), []);
});

test('union and intersection, word by word', () => {
  const a = fromRefs([1, 40, 70], 80);
  const b = fromRefs([40, 41, 79], 80);
  assert.deepEqual(refsOf(orInto(a.slice(), b)), [1, 40, 41, 70, 79]);
  assert.deepEqual(refsOf(andInto(a.slice(), b)), [40]);
  assert.deepEqual(refsOf(a), [1, 40, 70]); // the sliced copies changed, not a
});
