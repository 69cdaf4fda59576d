// facets.js: filters and facet counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  MAX_FACET_VALUES, facetTables, filterAndCount, isFiltering, monthLabel, monthOf, noFacets, yearOf,
} from '../../theme/static/js/search/facets.js';

// Five articles: entities by number into `entities`, one source each (or none), dates.
const data = {
  entities: [['kim-jong-un', 'Kim Jong Un'], ['moon-jae-in', 'Moon Jae-in'], ['trump', 'Donald Trump']],
  tags: [['summit', 'Summit']],
  sources: ['KCNA', 'Yonhap'],
  dates: ['2018-06-12', '2018-09-19', '2019-02-28', '', '2019-06-30'],
  entityOf: [[0, 2], [0, 1], [0, 2], [1], [0, 1, 2]],
  tagOf: [[0], [0], [0], [], [0]],
  sourceOf: Int32Array.from([1, 0, 1, -1, 0]),
};
const tables = facetTables(data);
const all = [0, 1, 2, 3, 4];
const counts = (list) => Object.fromEntries(list.map((v) => [v.value, v.count]));

test('no filter: every article kept, every value counted', () => {
  const { kept, facets } = filterAndCount(all, {}, tables);
  assert.deepEqual(kept, all);
  assert.deepEqual(counts(facets.entity), { 'kim-jong-un': 4, 'moon-jae-in': 3, trump: 3 });
  assert.deepEqual(counts(facets.year), { 2018: 2, 2019: 2, undated: 1 });
  assert.deepEqual(counts(facets.source), { KCNA: 2, Yonhap: 2 });
});

test('entities narrow: an article must have every chosen one', () => {
  const { kept, facets } = filterAndCount(all, { entity: ['kim-jong-un', 'trump'] }, tables);
  assert.deepEqual(kept, [0, 2, 4]);
  assert.deepEqual(counts(facets.entity), { 'kim-jong-un': 3, trump: 3, 'moon-jae-in': 1 });
});

test('years and sources widen, and their own counts leave their own filter out', () => {
  const { kept, facets } = filterAndCount(all, { year: ['2018', 'undated'] }, tables);
  assert.deepEqual(kept, [0, 1, 3]);
  // The other year still says what choosing it would add.
  assert.deepEqual(counts(facets.year), { 2018: 2, 2019: 2, undated: 1 });
  assert.deepEqual(counts(facets.source), { KCNA: 1, Yonhap: 1 });
});

test('an article failing two filters counts nowhere', () => {
  const { kept, facets } = filterAndCount(all, { year: ['2019'], source: ['KCNA'] }, tables);
  assert.deepEqual(kept, [4]);
  // Article 0 (2018, Yonhap) fails both: neither year nor source counts it.
  assert.deepEqual(counts(facets.year), { 2018: 1, 2019: 1 });
  assert.deepEqual(counts(facets.source), { KCNA: 1, Yonhap: 1 });
});

test('a chosen value no article has is listed, selected, at 0 (a URL may name one)', () => {
  const { kept, facets } = filterAndCount(all, { tag: ['no-such-tag'] }, tables);
  assert.deepEqual(kept, []);
  assert.deepEqual(facets.tag, [{ value: 'no-such-tag', label: 'no-such-tag', count: 0, selected: true }]);
});

test('labels, and the orders of the lists', () => {
  const { facets } = filterAndCount(all, {}, tables);
  assert.deepEqual(facets.entity.map((v) => v.label), ['Kim Jong Un', 'Donald Trump', 'Moon Jae-in']);
  assert.deepEqual(facets.year.map((v) => [v.value, v.label]),
    [['2019', '2019'], ['2018', '2018'], ['undated', 'Date unknown']]);
});

test('a list stops at MAX_FACET_VALUES but keeps a chosen value further down', () => {
  const n = MAX_FACET_VALUES + 20;
  const id = (i) => `e${String(i).padStart(3, '0')}`;
  const many = facetTables({
    entities: Array.from({ length: n }, (_, i) => [id(i), id(i).toUpperCase()]),
    tags: [], sources: [], dates: Array(n).fill('2019-01-01'),
    // article ref has entities 0 .. n - ref - 1: entity i is in n - i articles
    entityOf: Array.from({ length: n }, (_, ref) => Array.from({ length: n - ref }, (_, i) => i)),
    tagOf: Array.from({ length: n }, () => []),
    sourceOf: new Int32Array(n).fill(-1),
  });
  const articles = [...Array(n).keys()];
  const unfiltered = filterAndCount(articles, {}, many).facets.entity;
  assert.equal(unfiltered.length, MAX_FACET_VALUES);
  assert.deepEqual(unfiltered.slice(0, 2).map((v) => v.count), [n, n - 1]);
  // Choosing the last entity keeps article 0, where every entity counts 1: sorted by label,
  // the chosen one comes last, past the cap, and is still listed.
  const chosen = filterAndCount(articles, { entity: [id(n - 1)] }, many).facets.entity;
  assert.equal(chosen.length, MAX_FACET_VALUES + 1);
  assert.deepEqual(chosen.at(-1), { value: id(n - 1), label: id(n - 1).toUpperCase(), count: 1, selected: true });
});

test('noFacets and isFiltering', () => {
  assert.deepEqual(noFacets({ year: ['2019'] }).year, [{ value: '2019', label: '2019', count: 0, selected: true }]);
  assert.deepEqual(noFacets({}).entity, []);
  assert.ok(isFiltering({ tag: ['x'] }) && !isFiltering({ tag: [] }) && !isFiltering({}));
  assert.equal(yearOf('2019-10-05'), '2019');
  assert.equal(yearOf(''), 'undated');
});

// A timeline's periods: articles across the turn of 2018, a second kim-jong-un-less one in
// December, one undated; entities as in `data` above.
const period = facetTables({
  entities: data.entities,
  tags: [],
  sources: ['KCNA', 'Yonhap'],
  dates: ['2018-10-02', '2018-11-30', '2018-12-01', '2018-12-31', '2019-01-01', '', '2017-12-15', '2018-12-10'],
  entityOf: [[0], [0], [0], [0], [0], [0], [0], [1]],
  tagOf: Array.from({ length: 8 }, () => []),
  sourceOf: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 0]),
});
const everything = [0, 1, 2, 3, 4, 5, 6, 7];
const kept = (filters) => filterAndCount(everything, filters, period).kept;

test('a month keeps the articles dated in it, first and last day included', () => {
  assert.deepEqual(kept({ month: ['2018-12'] }), [2, 3, 7]);
  assert.deepEqual(kept({ entity: ['kim-jong-un'], month: ['2018-12'] }), [2, 3]);
  // A December of another year is another month.
  assert.deepEqual(kept({ month: ['2017-12'] }), [6]);
});

test('months widen: a quarter is any of its three months', () => {
  assert.deepEqual(kept({ entity: ['kim-jong-un'], month: ['2018-10', '2018-11', '2018-12'] }), [0, 1, 2, 3]);
});

test('year and month are one filter, the date: any chosen year or any chosen month', () => {
  assert.deepEqual(kept({ year: ['2019'], month: ['2018-12'] }), [2, 3, 4, 7]);
  // A month inside a chosen year adds nothing, and takes nothing away.
  assert.deepEqual(kept({ year: ['2018'], month: ['2018-12'] }), kept({ year: ['2018'] }));
  // An undated article is in no month; only year=undated keeps it.
  assert.deepEqual(kept({ month: ['2018-12'], year: ['undated'] }), [2, 3, 5, 7]);
  // Other filters still narrow the date.
  assert.deepEqual(kept({ year: ['2019'], month: ['2018-12'], source: ['Yonhap'] }), [3]);
});

test('a month no article has keeps nothing, and is listed to be removed', () => {
  const { kept: none, facets } = filterAndCount(everything, { month: ['2030-01'] }, period);
  assert.deepEqual(none, []);
  assert.deepEqual(facets.month, [{ value: '2030-01', label: 'January 2030', count: 0, selected: true }]);
});

test('months list only the chosen ones, newest first; date counts leave the date filter out', () => {
  const { facets } = filterAndCount(everything, { entity: ['kim-jong-un'], month: ['2018-11', '2018-12'] }, period);
  assert.deepEqual(facets.month.map((v) => [v.value, v.label, v.count]),
    [['2018-12', 'December 2018', 2], ['2018-11', 'November 2018', 1]]);
  // The years still say what choosing them would add, within kim-jong-un.
  assert.deepEqual(counts(facets.year), { 2019: 1, 2018: 4, 2017: 1, undated: 1 });
  assert.deepEqual(counts(filterAndCount(everything, {}, period).facets.month), {});
});

test('month words: labels in English, the month of a date', () => {
  assert.equal(monthLabel('2018-12'), 'December 2018');
  assert.equal(monthLabel('2019-01'), 'January 2019');
  assert.equal(monthLabel('2019-13'), '2019-13');
  assert.equal(monthOf('2018-12-31'), '2018-12');
  assert.equal(monthOf(''), '');
  assert.deepEqual(noFacets({ month: ['2018-12'] }).month,
    [{ value: '2018-12', label: 'December 2018', count: 0, selected: true }]);
  assert.ok(isFiltering({ month: ['2018-12'] }));
});
