// url-state.js: the search in the URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  hasFilters, hasSearch, readSearch, siteLinks, writeSearch,
} from '../../theme/static/js/search/url-state.js';

test('a URL\'s search: words, repeated filters (each once, none empty), a known sort', () => {
  const state = readSearch('?q=kim+jong+un&tag=summit&tag=summit&tag=&year=2019&year=undated&sort=oldest');
  assert.deepEqual(state, {
    q: 'kim jong un',
    filters: { entity: [], tag: ['summit'], year: ['2019', 'undated'], source: [] },
    sort: 'oldest',
  });
  assert.equal(readSearch('?sort=sideways').sort, 'relevance');
  assert.deepEqual(readSearch(''), readSearch('?'));
});

test('written back in a fixed order, relevance and empty parts left out', () => {
  const state = readSearch('?sort=newest&source=KCNA%20Watch&q=%EA%B9%80%EC%A0%95%EC%9D%80&entity=kim-jong-un');
  assert.equal(writeSearch(state), '?q=%EA%B9%80%EC%A0%95%EC%9D%80&entity=kim-jong-un&source=KCNA+Watch&sort=newest');
  assert.equal(writeSearch(readSearch(writeSearch(state))), writeSearch(state));
  assert.equal(writeSearch(readSearch('?sort=relevance')), '');
  assert.equal(writeSearch({ q: '', filters: {}, sort: 'relevance' }), '');
});

test('a search is words or filters; spaces alone are not', () => {
  assert.ok(hasSearch(readSearch('?q=x')));
  assert.ok(hasSearch(readSearch('?year=2019')) && hasFilters(readSearch('?year=2019')));
  assert.ok(!hasSearch(readSearch('?q=+++')));
  assert.ok(!hasFilters(readSearch('?q=x&sort=newest')));
});

test('the page\'s links come from the template\'s address patterns, ids encoded', () => {
  const links = siteLinks({
    siteRoot: '../', entityUrl: '../entities/{id}/', tagUrl: '../tags/{id}/',
    archivesUrl: '../archives/', entitiesUrl: '../entities/', tagsUrl: '../tags/',
  });
  assert.equal(links.entity('kim-jong-un'), '../entities/kim-jong-un/');
  assert.equal(links.tag('a/b c'), '../tags/a%2Fb%20c/');
  assert.deepEqual([links.site, links.archives, links.entities, links.tags],
    ['../', '../archives/', '../entities/', '../tags/']);
});
