// order.js: the orders of results.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { comparators, sameDateGroups } from '../../theme/static/js/search/order.js';

const dates = ['2019-10-05', '', '2018-02-01', '2019-10-05', '2020-01-01', ''];
const scores = [0.5, 0.9, 0.5, 0.7, 0.1, 0.2];
const sorts = comparators((ref) => scores[ref], dates);
const all = [0, 1, 2, 3, 4, 5];
const sorted = (by) => all.slice().sort(sorts[by]);

test('relevance: best score first, equal scores newest first, then by article', () => {
  assert.deepEqual(sorted('relevance'), [1, 3, 0, 2, 5, 4]);
});

test('newest and oldest: by date, then score; undated last either way', () => {
  assert.deepEqual(sorted('newest'), [4, 3, 0, 2, 1, 5]);
  assert.deepEqual(sorted('oldest'), [2, 3, 0, 4, 1, 5]);
});

test('equal dates and scores end by article number, whatever the input order', () => {
  const flat = comparators(() => 0, ['2019-01-01', '2019-01-01', '2019-01-01']);
  assert.deepEqual([2, 0, 1].sort(flat.newest), [0, 1, 2]);
  assert.deepEqual([1, 2, 0].sort(flat.relevance), [0, 1, 2]);
});

test('sameDateGroups: the first `end` by date, and everything sharing the last one\'s date', () => {
  // newest: 4 (2020), then 0 and 3 (2019-10-05): a page of 2 may be 4, 0 or 4, 3 by score.
  assert.deepEqual(sameDateGroups(all, 'newest', 2, dates), [4, 0, 3]);
  assert.deepEqual(sameDateGroups(all, 'newest', 1, dates), [4]);
  assert.deepEqual(sameDateGroups([1, 5], 'oldest', 1, dates), [1, 5]); // undated share ''
  assert.deepEqual(sameDateGroups([2], 'oldest', 20, dates), [2]);
});
