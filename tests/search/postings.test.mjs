// postings.js: a term's postings, known in tiers.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { addPostings, bitsOf, isPending, termData } from '../../theme/static/js/search/postings.js';

// A term in articles 2, 5, 9 of a two-field index.
function term() {
  return termData('korea', 7, Int32Array.from([2, 5, 9]), 2);
}

test('postings arrive by field, weights divided by 1000', () => {
  const data = term();
  // article 2: both fields; 5: field 0; 9: field 1. Weights field-major.
  addPostings(data, [0, 1, 2], [3, 1, 2], [1500, 700, 250, 125]);
  assert.deepEqual([...data.masks], [3, 1, 2]);
  assert.deepEqual([...data.fieldRefs[0]], [2, 5]);
  assert.deepEqual([...data.fieldWeights[0]], [1.5, 0.7]);
  assert.deepEqual([...data.fieldRefs[1]], [2, 9]);
  assert.deepEqual([...data.fieldWeights[1]], [0.25, 0.125]);
  assert.equal(data.version, 1);
});

test('a later tier merges in article order, and only unknown postings are pending', () => {
  const data = term();
  data.known = new Uint8Array(3);
  data.known[1] = 1;
  addPostings(data, [1], [1], [900]); // the head: article 5
  assert.ok(isPending(data, 2) && !isPending(data, 5) && isPending(data, 9));
  assert.ok(!isPending(data, 3)); // not an article of the term at all
  data.known[0] = data.known[2] = 1;
  addPostings(data, [0, 2], [1, 1], [100, 300]); // the tail: articles 2 and 9
  assert.deepEqual([...data.fieldRefs[0]], [2, 5, 9]);
  assert.deepEqual([...data.fieldWeights[0]], [0.1, 0.9, 0.3]);
  assert.equal(data.version, 2);
  data.known = null; // all known
  assert.ok(!isPending(data, 2));
});

test('the term\'s articles as a bitset, made once', () => {
  const data = term();
  const bits = bitsOf(data, 12);
  assert.equal(bitsOf(data, 12), bits);
  assert.equal(bits[0], (1 << 2) | (1 << 5) | (1 << 9));
});
