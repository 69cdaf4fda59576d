// syntax.js: years, phrases, -word and OR read from a query; plain queries stay plain.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasRun, parseSyntax, yearsOf } from '../../theme/static/js/search/syntax.js';
import { withoutYears } from '../../theme/static/js/search/url-state.js';

const SPAN = [2018, 2021];

test('a year within the archive becomes a filter and leaves the words', () => {
  const s = parseSyntax('missile launch 2019', SPAN);
  assert.deepEqual([s.words, s.years, s.plain], ['missile launch', ['2019'], false]);
  assert.deepEqual(parseSyntax('talks in 2019', SPAN).words, 'talks');
  assert.deepEqual(parseSyntax('summit 2019-2020', SPAN).years, ['2019', '2020']);
  assert.deepEqual(parseSyntax('summit 2019–2020', SPAN).years, ['2019', '2020']);
});

test('numbers outside the span, decades and unknown spans stay words', () => {
  for (const q of ['korean war 1950', 'the 1950s', 'budget 2099', 'troops 2000-2019', '1000 troops']) {
    const s = parseSyntax(q, SPAN);
    assert.equal(s.plain, true, q);
    assert.equal(s.words, q);
  }
  assert.equal(parseSyntax('launch 2019', null).plain, true);
  assert.equal(yearsOf('2020-2019', SPAN), null);
});

test('quoted phrases, unclosed while typing, and curly quotes', () => {
  assert.deepEqual(parseSyntax('"six-party talks" beijing', SPAN).phrases, ['six-party talks']);
  assert.deepEqual(parseSyntax('beijing "six-party tal', SPAN).phrases, ['six-party tal']);
  assert.deepEqual(parseSyntax('\u201cmaximum pressure\u201d', SPAN).phrases, ['maximum pressure']);
});

test('-word excludes; OR in upper case joins alternatives; lower-case or is a word', () => {
  const s = parseSyntax('sanctions -china', SPAN);
  assert.deepEqual([s.words, s.excluded], ['sanctions', ['china']]);
  const alt = parseSyntax('missile OR rocket OR projectile launch', SPAN);
  assert.deepEqual([alt.alternatives, alt.words], [[['missile', 'rocket', 'projectile']], 'launch']);
  assert.equal(parseSyntax('missile or rocket', SPAN).plain, true);
  assert.equal(parseSyntax('OR rocket', SPAN).plain, true); // nothing to join
  assert.equal(parseSyntax('inter-Korean -', SPAN).plain, true); // a dash alone is punctuation
});

test('removing a year chip takes the year (and its "in") out of the box', () => {
  assert.equal(withoutYears('talks in 2019 Hanoi', ['2019']), 'talks Hanoi');
  assert.equal(withoutYears('summit 2019-2020', ['2019-2020']), 'summit');
});

test('a phrase is a run of words', () => {
  assert.equal(hasRun(['kim', 'jong', 'un', 'said'], ['jong', 'un']), true);
  assert.equal(hasRun(['jong', 'said', 'un'], ['jong', 'un']), false);
});
