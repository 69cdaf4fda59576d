// query.js: a typed query's words, clauses and expansion.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { terms, tokenize } from '../../theme/static/js/search/pipeline.js';
import {
  BOOST_EXACT, BOOST_FUZZY, BOOST_PREFIX, MAX_WORDS, clausesFor, covers, expand, parseQuery, settle,
  termsToLookUp, withinEdits,
} from '../../theme/static/js/search/query.js';
import { lunr } from './fixtures.mjs';

const pipeline = { tokenize, terms: (text) => terms(text, lunr) };
const parse = (q) => parseQuery(q, pipeline);
const tokens = (words) => words.map((w) => w.token);

test('words: distinct tokens, stems, at most MAX_WORDS; a stop word has no stems', () => {
  const words = parse('The Korea talks, the TALKS');
  assert.deepEqual(tokens(words), ['the', 'korea', 'talks']);
  assert.deepEqual(words.map((w) => w.stems), [[], ['korea'], ['talk']]);
  const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
  assert.equal(parse(many).length, MAX_WORDS);
});

test('only the last word of a query still being typed matches as a prefix', () => {
  assert.deepEqual(parse('korea talks').map((w) => w.prefixes), [[], ['talk']]);
  assert.deepEqual(parse('korea talks ').map((w) => w.prefixes), [[], []]); // a space closes it
  assert.deepEqual(parse('korea talks.').map((w) => w.prefixes), [[], []]);
  assert.deepEqual(parse('kim jo').map((w) => w.prefixes), [[], []]); // too short
  assert.deepEqual(parse('pyong')[0].prefixes, ['pyong']);
});

test('an unfinished suffix also matches the stems of its completions', () => {
  const [word] = parse('negotiat');
  assert.deepEqual(word.completions, ['negoti']); // "negotiation" -> negoti: no prefix of "negotiat"
  assert.deepEqual(parse('negotiat ')[0].completions, []);
  assert.deepEqual(parse('김정')[0].completions, []); // a-z words only
});

test('settled: an unknown word of five letters or more may be a typo; completions must exist', () => {
  const words = parse('beigun kim negotiat');
  assert.deepEqual(termsToLookUp(words), ['beigun', 'kim', 'negotiat', 'negoti']);
  const settled = settle(words, new Set(['kim']));
  assert.deepEqual(settled.map((w) => w.edits), [1, 0, 1]);
  assert.deepEqual(settled[2].completions, []);
  assert.deepEqual(settle(parse('beigu'), new Set()).map((w) => w.edits), [1]);
  assert.deepEqual(settle(parse('beig'), new Set()).map((w) => w.edits), [0]);
  assert.deepEqual(settle(parse('biegun'), new Set(['biegun'])).map((w) => w.edits), [0]);
  assert.ok(!('length' in settled[0]));
});

test('the lunr clauses of the words, with their boosts', () => {
  const words = settle(parse('the beigun negotiat'), new Set(['negotiat', 'negoti']));
  const query = new lunr.Query(['title', 'body']);
  clausesFor(words, lunr)(query);
  const shown = query.clauses.map((c) => [c.term, c.boost, c.usePipeline, c.editDistance || 0, c.wildcard]);
  const { TRAILING, NONE } = lunr.Query.wildcard;
  assert.deepEqual(shown, [
    ['beigun', BOOST_EXACT, true, 0, NONE],
    ['beigun', BOOST_FUZZY, true, 1, NONE],
    ['negotiat', BOOST_EXACT, true, 0, NONE],
    ['negotiat*', BOOST_PREFIX, false, 0, TRAILING],
    ['negoti', BOOST_PREFIX, false, 0, NONE],
  ]);
});

test('expand: the index terms each clause reaches, boosts summed, in lunr\'s order', async () => {
  const vocabulary = ['biegun', 'kim', 'korea', 'korean', 'north', 'talk'];
  const index = {
    lunr,
    fields: ['title', 'body'],
    pipeline: lunr.Pipeline.load(['newsarchive-spelling', 'newsarchive-stopword', 'newsarchive-stem']),
    vocabulary: async () => vocabulary,
  };
  const words = settle(parse('beigun kore'), new Set());
  const boosts = await expand(clausesFor(words, lunr), index);
  assert.deepEqual([...boosts], [['biegun', BOOST_FUZZY], ['korea', BOOST_PREFIX], ['korean', BOOST_PREFIX]]);
  const exact = await expand(clausesFor(settle(parse('Korea korea talks'), new Set(['korea', 'talk'])), lunr), index);
  assert.deepEqual([...exact], [['korea', BOOST_EXACT], ['talk', BOOST_EXACT + BOOST_PREFIX]]);
});

test('covers: what each word matches, for "every word must match"', () => {
  const [beigun, korea] = settle(parse('beigun kore'), new Set());
  assert.ok(covers(beigun, 'biegun'));
  assert.ok(!covers(beigun, 'begin'));
  assert.ok(covers(korea, 'korean') && !covers(korea, 'kim'));
});

test('withinEdits counts edits as lunr does: a transposition is one', () => {
  assert.ok(withinEdits('beigun', 'biegun', 1));
  assert.ok(withinEdits('biegun', 'begun', 1));
  assert.ok(!withinEdits('biegun', 'bogun', 0));
  assert.ok(!withinEdits('sanctoins', 'santcions', 1));
  assert.ok(withinEdits('sanctoins', 'santcions', 2));
  assert.ok(withinEdits('김정은', '김정일', 1)); // code points, not UTF-16 units
  assert.ok(!withinEdits('a', 'abc', 1));
});
