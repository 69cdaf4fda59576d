// url-state.js: the search in the URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PAGE_SIZE } from '../../theme/static/js/search/protocol.js';
import {
  MAX_SHOWN, filterCount, hasFilters, hasSearch, readSearch, readShown, siteLinks, writeSearch,
} from '../../theme/static/js/search/url-state.js';

test('a URL\'s search: words, repeated filters (each once, none empty), a known sort', () => {
  const state = readSearch('?q=kim+jong+un&tag=summit&tag=summit&tag=&year=2019&year=undated&sort=oldest');
  assert.deepEqual(state, {
    q: 'kim jong un',
    filters: { entity: [], tag: ['summit'], year: ['2019', 'undated'], month: [], source: [] },
    sort: 'oldest',
    shown: PAGE_SIZE,
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

test('months repeat like years; only YYYY-MM with a month 01-12 is read', () => {
  const state = readSearch('?entity=kim-jong-un&month=2018-10&month=2018-11&month=2018-12&month=2018-12');
  assert.deepEqual(state.filters.month, ['2018-10', '2018-11', '2018-12']);
  assert.equal(writeSearch(state), '?entity=kim-jong-un&month=2018-10&month=2018-11&month=2018-12');
  const hostile = ['2018-13', '2018-00', '2018-1', '18-12', '2018-12-01', '2018-12x', ' 2018-12', '<b>'];
  const read = readSearch(`?${hostile.map((m) => `month=${encodeURIComponent(m)}`).join('&')}`);
  assert.deepEqual(read.filters.month, []);
  assert.ok(!hasSearch(read)); // nothing valid is nothing to search for
  // Year and month sit side by side in the URL, in the filters' order.
  assert.equal(writeSearch(readSearch('?month=2019-01&year=2018&source=KCNA')),
    '?year=2018&month=2019-01&source=KCNA');
});

test('shown= is written only past the first page, and read back the same', () => {
  const first = readSearch('?q=korea');
  assert.equal(first.shown, PAGE_SIZE);
  assert.equal(writeSearch(first), '?q=korea');
  const longer = { ...first, shown: 2 * PAGE_SIZE };
  assert.equal(writeSearch(longer), `?q=korea&shown=${2 * PAGE_SIZE}`);
  assert.deepEqual(readSearch(writeSearch(longer)), longer);
  // After the sort, whatever order the URL had.
  assert.equal(writeSearch(readSearch(`?shown=${3 * PAGE_SIZE}&sort=newest&q=x`)),
    `?q=x&sort=newest&shown=${3 * PAGE_SIZE}`);
  assert.equal(writeSearch({ ...first, shown: PAGE_SIZE }), '?q=korea');
});

test('shown= rounds up to whole pages, is capped, and reads anything else as one page', () => {
  assert.equal(readShown(String(PAGE_SIZE + 1)), 2 * PAGE_SIZE);
  assert.equal(readShown(String(2 * PAGE_SIZE)), 2 * PAGE_SIZE);
  assert.equal(readShown('999999999'), MAX_SHOWN);
  assert.equal(MAX_SHOWN % PAGE_SIZE, 0);
  for (const text of [null, '', '0', '1', '-40', '40.5', '4e3', 'abc', ' 40', '0x28', '1'.repeat(30)]) {
    assert.equal(readShown(text), PAGE_SIZE, String(text));
  }
  // A state the page could not have made is still written as a URL that reads back the same.
  const odd = { q: 'x', filters: {}, sort: 'relevance', shown: 45 };
  assert.equal(writeSearch(odd), `?q=x&shown=${Math.ceil(45 / PAGE_SIZE) * PAGE_SIZE}`);
  assert.equal(writeSearch(readSearch(writeSearch(odd))), writeSearch(odd));
});

test('the number of filters counts every chosen value, months included', () => {
  assert.equal(filterCount(readSearch('?q=x')), 0);
  assert.equal(filterCount(readSearch('?entity=a&entity=b&year=2018&month=2018-12&month=2018-11&source=S')), 6);
  assert.ok(hasFilters(readSearch('?month=2018-12')));
});
