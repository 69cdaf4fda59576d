// score.js: lunr's scores to the bit, and bounds while postings are missing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { addPostings, termData } from '../../theme/static/js/search/postings.js';
import { SLACK, contenders, scorer } from '../../theme/static/js/search/score.js';

// A term of a three-field index over `count` articles with postings [ref, field, weight].
function term(name, index, postings, count = 4) {
  const refs = [...new Set(postings.map(([ref]) => ref))].sort((a, b) => a - b);
  const data = termData(name, index, Int32Array.from(refs), 3);
  const masks = refs.map((ref) => postings.filter(([r]) => r === ref).reduce((m, [, f]) => m | (1 << f), 0));
  const weights = [0, 1, 2].flatMap((f) =>
    refs.flatMap((ref) => postings.filter(([r, g]) => r === ref && g === f).map(([, , w]) => w * 1000)));
  addPostings(data, refs.map((_, p) => p), masks, weights);
  return data;
}

test('per field, the dot product over the query vector\'s magnitude, fields summed as lunr meets them', () => {
  // Terms in lunr's order: first (boost 3), then second (boost 4): the magnitude is 5.
  const first = term('first', 1, [[0, 2, 0.1]]);
  const second = term('second', 0, [[0, 0, 0.1], [0, 1, 0.2], [1, 0, 0.5]]);
  const boosts = new Map([['first', 3], ['second', 4]]);
  const s = scorer(boosts, new Map([['first', first], ['second', second]]), 3, 4);
  // Article 0 meets field 2 first (through the first term), then fields 0 and 1.
  const v2 = (3 * 0.1) / 5;
  const v0 = (4 * 0.1) / 5;
  const v1 = (4 * 0.2) / 5;
  assert.notEqual((v2 + v0) + v1, (v0 + v1) + v2); // the order shows in the bits
  assert.equal(s.score(0), (v2 + v0) + v1);
  assert.equal(s.score(1), (4 * 0.5) / 5);
  assert.equal(s.score(2), 0); // no term
  assert.deepEqual(s.unknown(0), []);
});

test('an article whose postings are still unknown gets what each unknown term can add', () => {
  // A term of articles 0-2 whose head holds article 0's posting only.
  const big = termData('big', 0, Int32Array.from([0, 1, 2]), 3);
  big.known = Uint8Array.from([1, 0, 0]);
  addPostings(big, [0], [1], [1000]);
  big.tau = 2000; // later tiers weigh at most 2 (x 1000)
  const s = scorer(new Map([['big', 2]]), new Map([['big', big]]), 3, 4);
  const { scores, pending, open, magnitude } = s.state();
  assert.equal(magnitude, 2);
  assert.deepEqual([...pending], [0, 1, 1, 0]);
  assert.deepEqual([...open], [0, 4, 4, 0]); // boost x tau / 1000, before the magnitude
  assert.equal(scores[0], 1);
  assert.deepEqual(s.unknown(1), [big]);

  // The article whose bound can reach the best known score is a contender; not one that cannot.
  assert.deepEqual(contenders([0, 1, 2], 1, s.state()), [0, 1, 2]);
  big.tau = 100;
  big.version++; // new postings or bounds: the state is computed again
  assert.deepEqual([...s.state().open], [0, 0.2, 0.2, 0]);
  assert.deepEqual(contenders([0, 1, 2], 1, s.state()), [0]);
});

test('contenders: all of kept when it fits, else those that can reach the end-th best', () => {
  const state = {
    scores: Float64Array.from([0.9, 0.5, 0.4, 0.1]),
    pending: Uint16Array.from([0, 0, 1, 1]),
    open: Float64Array.from([0, 0, 0.2, 0.1]),
    magnitude: 1,
  };
  assert.deepEqual(contenders([0, 1, 2, 3], 4, state), [0, 1, 2, 3]);
  // The second best known for sure is 0.5 (article 1): article 2 may reach 0.6, article 3 only 0.2.
  assert.deepEqual(contenders([0, 1, 2, 3], 2, state), [0, 1, 2]);
  // A bound exactly at the threshold still counts (rounding room).
  state.open[3] = 0.4;
  assert.deepEqual(contenders([0, 1, 3], 2, state), [0, 1, 3]);
  assert.ok(SLACK > 0 && SLACK < 1e-6);
});
