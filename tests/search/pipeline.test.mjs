// The browser side of the search pipeline against the shared vectors.
// Run with `node --test tests/search/pipeline.test.mjs` (test_pipeline_parity.py does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const lunrPath = require.resolve(path.join(root, 'node_modules', 'lunr'));
const lunr = require(lunrPath);
const scriptPath = path.join(root, 'theme', 'static', 'js', 'search-pipeline.js');
const search = require(scriptPath);
const vectors = JSON.parse(readFileSync(path.join(here, 'vectors.json'), 'utf8'));

search.register(lunr);

for (const vector of vectors) {
  test(`vector ${JSON.stringify(vector.text)}`, () => {
    assert.deepEqual(search.tokenize(vector.text), vector.tokens, vector.note);
    assert.deepEqual(search.terms(vector.text, lunr), vector.terms, vector.note);
  });
}

test('the pipeline names, in order', () => {
  assert.deepEqual(
    [...search.PIPELINE_NAMES],
    ['newsarchive-spelling', 'newsarchive-stopword', 'newsarchive-stem']
  );
});

test('a lunr pipeline loaded by name gives exactly terms()', () => {
  const pipeline = lunr.Pipeline.load(search.PIPELINE_NAMES);
  for (const vector of vectors) {
    const tokens = search.tokenize(vector.text).map((token) => new lunr.Token(token));
    assert.deepEqual(pipeline.run(tokens).map(String), vector.terms, vector.note);
  }
});

test('as a classic script (page or worker): self.NewsarchiveSearch, safe to load twice', () => {
  const warnings = [];
  const context = { console: { warn: (...args) => warnings.push(args.join(' ')) } };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(readFileSync(lunrPath, 'utf8'), context);
  const source = readFileSync(scriptPath, 'utf8');

  vm.runInContext(source, context);
  const first = context.NewsarchiveSearch;
  assert.throws(() => vm.runInContext("NewsarchiveSearch.terms('talks')", context), /register/);
  vm.runInContext('NewsarchiveSearch.register(lunr)', context);

  vm.runInContext(source, context);
  vm.runInContext('NewsarchiveSearch.register(lunr)', context);
  assert.equal(context.NewsarchiveSearch, first);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    Array.from(vm.runInContext("NewsarchiveSearch.terms('Denuclearisation talks')", context)),
    ['denuclear', 'talk']
  );
});

test('registering twice in Node does not warn', () => {
  const warn = console.warn;
  const warnings = [];
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    search.register(lunr);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
});
