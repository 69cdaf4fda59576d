// protocol.js: the page and the worker speak of the same facets and sorts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { facetTables, filterAndCount, noFacets, yearOf } from '../../theme/static/js/search/facets.js';
import { comparators } from '../../theme/static/js/search/order.js';
import {
  FACET_NAMES, FILTER_NAMES, MONTH_NAMES, SORTS, UNDATED,
} from '../../theme/static/js/search/protocol.js';
import { formatDate } from '../../theme/static/js/search/format.js';
import { monthLabel } from '../../theme/static/js/search/facets.js';
import { readSearch, writeSearch } from '../../theme/static/js/search/url-state.js';

test('the URL\'s filters are the filters the worker counts, in the same order', () => {
  const state = readSearch('?source=KCNA&month=2019-01&year=2019&tag=t&entity=e');
  assert.deepEqual(Object.keys(state.filters), [...FILTER_NAMES]);
  // Every facet the page lists is a filter; month is the one filter without a list.
  assert.deepEqual(FILTER_NAMES.filter((name) => !FACET_NAMES.includes(name)), ['month']);
  const tables = facetTables({
    entities: [], tags: [], sources: [], dates: [''], entityOf: [[]], tagOf: [[]], sourceOf: [-1],
  });
  assert.deepEqual(Object.keys(filterAndCount([0], state.filters, tables).facets), [...FILTER_NAMES]);
  assert.deepEqual(Object.keys(noFacets(state.filters)), [...FILTER_NAMES]);
});

test('every sort the URL accepts is an order the worker has, the first the default', () => {
  const sorts = comparators(() => 0, []);
  for (const sort of SORTS) {
    assert.equal(readSearch(`?q=x&sort=${sort}`).sort, sort);
    assert.equal(typeof sorts[sort], 'function', sort);
  }
  assert.equal(writeSearch(readSearch(`?q=x&sort=${SORTS[0]}`)), '?q=x');
});

test('the year of an undated article is the value ?year= names it by', () => {
  assert.equal(yearOf(''), UNDATED);
  assert.deepEqual(readSearch(`?year=${UNDATED}`).filters.year, [UNDATED]);
});

test('the page\'s dates and the worker\'s month labels use the same month names', () => {
  assert.equal(MONTH_NAMES.length, 12);
  assert.equal(formatDate('2018-12-05'), `5 ${MONTH_NAMES[11]} 2018`);
  assert.equal(monthLabel('2018-12'), `${MONTH_NAMES[11]} 2018`);
});
