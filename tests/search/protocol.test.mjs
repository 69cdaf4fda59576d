// protocol.js: the page and the worker speak of the same facets and sorts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { facetTables, filterAndCount, noFacets, yearOf } from '../../theme/static/js/search/facets.js';
import { comparators } from '../../theme/static/js/search/order.js';
import { FACET_NAMES, SORTS, UNDATED } from '../../theme/static/js/search/protocol.js';
import { readSearch, writeSearch } from '../../theme/static/js/search/url-state.js';

test('the URL\'s filters are the facets the worker counts, in the same order', () => {
  const state = readSearch('?source=KCNA&year=2019&tag=t&entity=e');
  assert.deepEqual(Object.keys(state.filters), [...FACET_NAMES]);
  const tables = facetTables({
    entities: [], tags: [], sources: [], dates: [''], entityOf: [[]], tagOf: [[]], sourceOf: [-1],
  });
  assert.deepEqual(Object.keys(filterAndCount([0], state.filters, tables).facets), [...FACET_NAMES]);
  assert.deepEqual(Object.keys(noFacets(state.filters)), [...FACET_NAMES]);
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
