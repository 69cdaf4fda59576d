// pack.js: the index files' number encodings decode to what shards.py wrote.
// The literal strings below are what newsarchive.search.shards writes for these numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { docset, ungap, unpack, unwords } from '../../theme/static/js/search/pack.js';
import { gaps, pack, words } from './fixtures.mjs';

test('packed numbers: one character below 64, more above, no separator', () => {
  assert.deepEqual(unpack('#$ce#~ced#~~cedd#'), [0, 1, 63, 64, 1727, 1728, 46655, 46656]);
  assert.deepEqual(unpack(''), []);
});

test('any number round-trips through the tests\' own encoder', () => {
  const numbers = [0, 63, 64, 1727, 1728, 46655, 46656, 2 ** 31 - 1, ...Array.from({ length: 500 }, (_, i) => i * 97)];
  assert.deepEqual(unpack(pack(numbers)), numbers);
});

test('a character outside the alphabet is an error, not a wrong number', () => {
  assert.throws(() => unpack('#\\#'), /packed numbers/);
  assert.throws(() => unpack('# '), /packed numbers/);
});

test('gaps back to ascending numbers', () => {
  assert.deepEqual(ungap([0, 0, 0, 3]), [0, 1, 2, 6]);
  assert.deepEqual(ungap(gaps([4, 9, 10, 1000])), [4, 9, 10, 1000]);
  assert.deepEqual(ungap([]), []);
});

test('a set of articles in each of its three forms', () => {
  // gaps (few articles), '!' + the gaps of those missing (most), '~' + a bitmap (between)
  assert.deepEqual([...docset('%%&', 100)], [2, 5, 9]);
  assert.deepEqual([...docset('!', 5)], [0, 1, 2, 3, 4]);
  assert.deepEqual([...docset('!&', 10)], [0, 1, 2, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual([...docset("~*&#'", 21)], [0, 1, 2, 6, 7, 20]);
  assert.deepEqual([...docset('', 7)], []);
  assert.ok(docset('%%&', 100) instanceof Int32Array);
});

test('front-coded words, shared prefixes counted in code points', () => {
  assert.deepEqual(
    unwords({ shared: '#&$#%', rest: 'kim chi orea 김정은 일' }),
    ['kim', 'kimchi', 'korea', '김정은', '김정일']
  );
  const list = ['a', 'ab', 'abc', 'b', '𝒜x', '𝒜y', '북한', '북한군'];
  assert.deepEqual(unwords(words(list)), list);
  assert.deepEqual(unwords({ shared: '', rest: '' }), []);
});
