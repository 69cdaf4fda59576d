// The browser side of the search pipeline (pipeline.js) against the shared vectors.
// Run by test_node_units.py (node --test), as every tests/search/*.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import {
  PIPELINE_NAMES, STOP_WORDS, foldSpelling, register, stem, terms, tokenize,
} from '../../theme/static/js/search/pipeline.js';

const require = createRequire(import.meta.url);
const lunr = require('lunr');
const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));

for (const vector of vectors) {
  test(`vector ${JSON.stringify(vector.text)}`, () => {
    assert.deepEqual(tokenize(vector.text), vector.tokens, vector.note);
    assert.deepEqual(terms(vector.text, lunr), vector.terms, vector.note);
  });
}

test('the pipeline names, in order', () => {
  assert.deepEqual(
    [...PIPELINE_NAMES],
    ['newsarchive-spelling', 'newsarchive-stopword', 'newsarchive-stem']
  );
});

test('a lunr pipeline loaded by name gives exactly terms()', () => {
  register(lunr);
  const pipeline = lunr.Pipeline.load(PIPELINE_NAMES);
  for (const vector of vectors) {
    const tokens = tokenize(vector.text).map((token) => new lunr.Token(token));
    assert.deepEqual(pipeline.run(tokens).map(String), vector.terms, vector.note);
  }
});

test('stems need lunr passed in: the module keeps none of its own', () => {
  assert.throws(() => terms('talks'), /pass lunr/);
  assert.throws(() => stem('talks'), /pass lunr/);
  assert.throws(() => register(undefined), /pass lunr/);
  assert.deepEqual(tokenize('Talks'), ['talks']); // the tokenizer needs nothing
});

test('registering twice, or with a second copy of lunr, does not warn', () => {
  const warn = console.warn;
  const warnings = [];
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    register(lunr);
    register(lunr);
    // A second, separate lunr (another page's or worker's) gets functions of its own.
    delete require.cache[require.resolve('lunr')];
    const other = require('lunr');
    assert.notEqual(other, lunr);
    register(other);
    assert.deepEqual(
      other.Pipeline.load(PIPELINE_NAMES).run([new other.Token('denuclearisation')]).map(String),
      ['denuclear']
    );
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
});

test('spelling folds British forms only, and only of plain a-z words', () => {
  assert.equal(foldSpelling('defence'), 'defense');
  assert.equal(foldSpelling('organisation'), 'organization');
  assert.equal(foldSpelling('colourful'), 'colorful');
  assert.equal(foldSpelling('premise'), 'premise'); // an -ise word that is not British
  assert.equal(foldSpelling('défence'), 'défence');
});

test('a stop word has no terms, but "us" (U.S.) and "no" are words', () => {
  assert.ok(STOP_WORDS.has('the'));
  assert.deepEqual(terms('the of and', lunr), []);
  assert.deepEqual(terms('U.S. no', lunr), ['us', 'no']);
});
