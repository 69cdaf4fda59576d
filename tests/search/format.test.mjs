// format.js: the page's words for dates, counts and the result status.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { count, formatDate, plural, statusText } from '../../theme/static/js/search/format.js';

test('dates in words, English months; anything else as it is', () => {
  assert.equal(formatDate('2019-10-05'), '5 October 2019');
  assert.equal(formatDate('2018-01-31'), '31 January 2018');
  assert.equal(formatDate('2019-13-01'), '2019-13-01');
  assert.equal(formatDate(''), '');
});

test('counts with English grouping, singular for one', () => {
  assert.equal(count(1204), '1,204');
  assert.equal(plural(1, 'article', 'articles'), '1 article');
  assert.equal(plural(0, 'article', 'articles'), '0 articles');
  assert.equal(plural(12000, 'article has', 'articles have'), '12,000 articles have');
});

test('the status says what was found, for what, and whether filters narrowed it', () => {
  assert.equal(statusText({ mode: 'all', total: 181, q: ' kim jong un ' }, false), '181 articles for “kim jong un”.');
  assert.equal(statusText({ mode: 'all', total: 0, q: 'xyzzy' }, true), 'No articles for “xyzzy” with the chosen filters.');
  assert.equal(
    statusText({ mode: 'any', total: 1, q: 'biegun xyzzy' }, false),
    'No article has every word of “biegun xyzzy”; 1 article has some of them.'
  );
  assert.equal(statusText({ mode: 'browse', total: 2, q: '' }, true), '2 articles with the chosen filters.');
  assert.equal(statusText({ mode: 'none', total: 0, q: 'the' }, false), '');
});
