// names.js: the entities a query names, completed while typed, corrected when misspelt.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { nameIndex, readNames } from '../../theme/static/js/search/names.js';

// Words as the engine gives them: tokens in lower case; keys a crude stem (trailing s).
const words = (text) => {
  const tokens = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return { tokens, keys: tokens.map((t) => t.replace(/s$/, '')) };
};
const ROWS = [
  ['kim-jong-un', 'Kim Jong Un', 'Kim Jong-un'],
  ['kim-jong-il', 'Kim Jong Il'],
  ['choe-ryong-hae', 'Choe Ryong Hae'],
  ['stephen-biegun', 'Stephen Biegun', 'Biegun'],
  ['hanoi-summit', 'Hanoi summit', 'DPRK-U.S. summit'],
  ['singapore-summit', 'Singapore summit', 'DPRK-U.S. summit'],
  ['un', 'United Nations', 'UN'],
];
const NAMES = nameIndex(ROWS, words);
const KNOWN = new Set(['begun', 'kim', 'jong', 'un', 'summit', 'at', 'the', 'hanoi']);

function read(q, { open = false } = {}) {
  const { tokens, keys } = words(q);
  return readNames({ tokens, keys, open, known: (t) => KNOWN.has(t), stop: (k) => k === 'the' }, NAMES);
}

test('names said in the query, longest first; short one-word names are not', () => {
  assert.deepEqual(read('kim jong un at the UN in hanoi summits').named, ['kim-jong-un', 'hanoi-summit']);
});

test('a name several events share names them all', () => {
  assert.deepEqual(read('DPRK-U.S. summit').named, ['hanoi-summit', 'singapore-summit']);
});

test('the word being typed completes a name of several words', () => {
  const r = read('Kim Jong U', { open: true });
  assert.deepEqual([r.named, r.tokens, r.corrected], [['kim-jong-un'], ['kim', 'jong', 'un'], []]);
  assert.deepEqual(read('Kim Jong U').named, [], 'a closed query is not being typed');
  assert.deepEqual(read('kim jong', { open: true }).named, [], 'Un or Il: not yet a name');
});

test('one edit in a name is corrected and said', () => {
  const r = read('Choe Ryong Hea');
  assert.deepEqual([r.named, r.tokens, r.corrected], [['choe-ryong-hae'], ['choe', 'ryong', 'hae'], [['hea', 'hae']]]);
  assert.deepEqual(read('Beigun').corrected, [['beigun', 'biegun']]);
});

test('a word the index holds is not corrected into a short name, nor an ambiguous one', () => {
  assert.deepEqual(read('begun').named, []);
  assert.deepEqual(read('kim jong ul').named, [], 'Un and Il are both one edit away');
  assert.deepEqual(read('Bigun talks').corrected, [['bigun', 'biegun']]);
  assert.deepEqual(read('Bgun').named, [], 'a single word shorter than five letters');
});
