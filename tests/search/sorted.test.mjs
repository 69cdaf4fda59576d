// sorted.js: the one binary search.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { between, lowerBound } from '../../theme/static/js/search/sorted.js';

test('lowerBound: the first position whose value is not below the key', () => {
  const numbers = [1, 3, 3, 3, 7];
  assert.equal(lowerBound(numbers, 0), 0);
  assert.equal(lowerBound(numbers, 1), 0);
  assert.equal(lowerBound(numbers, 3), 1); // the first of equal values
  assert.equal(lowerBound(numbers, 4), 4);
  assert.equal(lowerBound(numbers, 8), 5);
  assert.equal(lowerBound([], 1), 0);
  assert.equal(lowerBound(Int32Array.from([2, 4, 6]), 5), 2);
});

test('lowerBound agrees with a linear scan on every key', () => {
  const values = Array.from({ length: 200 }, (_, i) => Math.floor(i / 3) * 2).sort((a, b) => a - b);
  for (let key = -1; key <= 140; key++) {
    const expected = values.findIndex((v) => v >= key);
    assert.equal(lowerBound(values, key), expected < 0 ? values.length : expected, `key ${key}`);
  }
});

test('between: the words from lo to just before hi, as prefix lookups use it', () => {
  const terms = ['kim', 'kimchi', 'kor', 'korea', 'korean', 'kp'];
  assert.deepEqual(between(terms, 'kor', 'kor\uffff'), ['kor', 'korea', 'korean']);
  assert.deepEqual(between(terms, 'kim', 'kim\0'), ['kim']);
  assert.deepEqual(between(terms, 'x', 'y'), []);
});
