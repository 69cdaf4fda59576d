// theme/static/js/filter-list.js: what matches a query, what the status says, and the
// wiring on a small stand-in of the index page's markup (no browser needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { enhance, fold, matcher, statusText } from '../../theme/static/js/filter-list.js';

test('folding drops case, accents and punctuation and keeps other scripts', () => {
  assert.deepEqual(fold('Moon Jae-in'), ['moon', 'jae', 'in']);
  assert.deepEqual(fold('  Pyeongchang, PyeongChang! '), ['pyeongchang', 'pyeongchang']);
  assert.deepEqual(fold('Ri Son-gwŏn'), ['ri', 'son', 'gwon']);
  assert.deepEqual(fold('문재인 文在寅'), ['문재인', '文在寅']);
});

test('every word of the query must begin a word of the entry', () => {
  const kim = 'Kim Jong Un Kim Jong Eun';
  assert.equal(matcher('jong')(kim), true);
  assert.equal(matcher('kim un')(kim), true);
  assert.equal(matcher('ong')(kim), false); // inside a word: no
  assert.equal(matcher('kim trump')(kim), false);
  assert.equal(matcher('jae-in')('Moon Jae-in'), true);
  assert.equal(matcher('JAE IN')('Moon Jae-in'), true);
  assert.equal(matcher('gwon')('Ri Son-gwŏn'), true);
  assert.equal(matcher('문재')('Moon Jae-in 문재인'), true);
});

test('an empty or blank query filters nothing', () => {
  assert.equal(matcher(''), null);
  assert.equal(matcher('  - '), null);
});

test('the status counts what shows, or says that nothing matches', () => {
  assert.equal(statusText('', 232, 232), '');
  assert.equal(statusText('kim', 4, 232), '4 of 232 shown.');
  assert.equal(statusText(' zzz ', 0, 232), 'No match for “zzz”.');
});

// A minimal DOM: enough of Element for enhance() (hidden, dataset, querySelector[All]).
function element(props = {}) {
  return { hidden: false, dataset: {}, textContent: '', listeners: {}, ...props,
    addEventListener(type, fn) { this.listeners[type] = fn; } };
}

function indexPage() {
  const items = [['Kim Jong Un Kim Jong Eun', 'people'], ['Moon Jae-in', 'people'],
    ['Workers\' Party of Korea', 'organisations']].map(([text, group]) =>
    element({ dataset: { filterText: text }, group }));
  const groups = ['people', 'organisations'].map((name) => element({
    name,
    querySelector: () => items.find((i) => i.group === name && !i.hidden) || null,
  }));
  const list = element({
    querySelectorAll: (sel) => (sel.startsWith('li') ? items : groups),
  });
  const input = element({ value: '' });
  const status = element();
  const box = element({ hidden: true, dataset: { filterFor: 'entity-index' },
    querySelector: (sel) => (sel === '.filter-box' ? input : status) });
  const doc = { getElementById: (id) => (id === 'entity-index' ? list : null) };
  return { items, groups, input, status, box, doc };
}

test('the box shows once wired, and typing narrows entries and groups', () => {
  const page = indexPage();
  enhance(page.box, page.doc);
  assert.equal(page.box.hidden, false);
  page.input.value = 'jae';
  page.input.listeners.input();
  assert.deepEqual(page.items.map((i) => i.hidden), [true, false, true]);
  assert.deepEqual(page.groups.map((g) => g.hidden), [false, true]);
  assert.equal(page.status.textContent, '1 of 3 shown.');
  page.input.value = 'nobody';
  page.input.listeners.input();
  assert.equal(page.status.textContent, 'No match for “nobody”.');
  assert.deepEqual(page.groups.map((g) => g.hidden), [true, true]);
  page.input.value = '';
  page.input.listeners.input();
  assert.deepEqual(page.items.map((i) => i.hidden), [false, false, false]);
  assert.equal(page.status.textContent, '');
});

test('a box whose list is missing stays hidden', () => {
  const page = indexPage();
  page.box.dataset.filterFor = 'elsewhere';
  enhance(page.box, page.doc);
  assert.equal(page.box.hidden, true);
});
