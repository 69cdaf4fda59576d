// load-lunr.js: lunr.js's own UMD build, loaded as a module worker must load it.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { loadLunr } from '../../theme/static/js/search/load-lunr.js';

const LUNR = pathToFileURL(createRequire(import.meta.url).resolve('lunr/lunr.min.js')).href;

test('lunr from its UMD file, through a define() that is gone afterwards', async () => {
  const lunr = await loadLunr(LUNR);
  assert.equal(lunr.version, '2.3.9');
  assert.equal(await loadLunr(LUNR), lunr); // once per URL
  assert.equal(typeof globalThis.define, 'undefined');
  await assert.rejects(loadLunr('data:text/javascript,export default 1;'), /did not define lunr/);
  assert.equal(typeof globalThis.define, 'undefined');
});
