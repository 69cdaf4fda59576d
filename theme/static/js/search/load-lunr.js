/* lunr.js, the npm package's own build (theme/vendor/lunr.min.js), in a module worker.
 *
 * lunr 2.3.9 ships only a UMD script, and a module worker has no importScripts().
 * Imported as a module, the script runs in strict mode with no `this`, but its
 * wrapper still hands lunr to an AMD define() when there is one: loadLunr offers
 * one for the time of the import, and takes it away again. (Under Node the file
 * is CommonJS, and the same define() is asked first.)
 */

const loads = new Map(); // url -> Promise of lunr

/** lunr, loaded once per URL. */
export function loadLunr(url) {
  const key = String(url);
  if (!loads.has(key)) {
    const loading = importWithDefine(key);
    loading.catch(() => loads.delete(key));
    loads.set(key, loading);
  }
  return loads.get(key);
}

async function importWithDefine(url) {
  let lunr = null;
  const define = (factory) => { lunr = factory(); };
  define.amd = {};
  const before = Object.getOwnPropertyDescriptor(globalThis, 'define');
  globalThis.define = define;
  try {
    await import(url);
  } finally {
    if (before) Object.defineProperty(globalThis, 'define', before);
    else delete globalThis.define;
  }
  if (!lunr || typeof lunr.Index !== 'function') throw new Error(`${url} did not define lunr`);
  return lunr;
}
