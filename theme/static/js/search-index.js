/* Where the search worker's data comes from: the whole index in memory, or
 * shards fetched as queries need them.
 *
 * Both sources answer the same questions (search-worker.js asks them and ranks
 * with lunr's own arithmetic, so both give the same results, to the bit):
 *
 *   open()              the manifest: {count, fields, pipeline}
 *   has(terms)          -> Set of those in the index
 *   vocabulary(clause)  -> a lunr.TokenSet holding every index term the clause
 *                          (exact, trailing wildcard or fuzzy) can expand to
 *   terms(list)         -> Map term -> {term, index, refs, known, masks,
 *                          fieldRefs, fieldWeights, tau}: the articles with the
 *                          term (refs, ascending) and the postings known so far
 *   complete(list)      fetch more of those terms' postings: the next tier of
 *                          their tails (the whole index in memory has them all)
 *   facets()            -> {entities, tags, sources, dates, entityOf, tagOf, sourceOf}
 *   docs(refs)          -> Map ref -> [title, url, date, source, entity ids, tag ids, text]
 *
 * memorySource(lunr, compact, store): the compact index (newsarchive/search/
 * index.py, `compact`) and the document store (`document_store`), in memory.
 * shardedSource(lunr, manifestUrl, options): the files newsarchive/search/
 * shards.py writes; see that module for the layout and the encodings.
 *
 * Also toSerialized(compact) / load(lunr, compact): the compact index back into
 * lunr's own serialised form, for lunr.Index.load (the tests compare them).
 *
 * Works as a classic script (page or worker: self.NewsarchiveSearchIndex) and
 * from Node (module.exports).
 */
(function (root) {
  'use strict';

  // --- packed numbers (shards.py: pack, gaps, docset, words) ---------------------------

  const LAST = 64;  // a number's last character holds 0-63
  const MORE = 27;  // each character before it 0-26
  // Digit of each character: the 91 characters from '#' to '~' but the backslash.
  const DIGIT = new Int8Array(128).fill(-1);
  for (let c = 0x23, d = 0; c < 0x7f; c++) if (c !== 0x5c) DIGIT[c] = d++;

  function unpack(text) {
    const out = [];
    let high = 0;
    for (let i = 0; i < text.length; i++) {
      const digit = DIGIT[text.charCodeAt(i)];
      if (digit >= LAST) high = high * MORE + digit - LAST;
      else {
        out.push(high * LAST + digit);
        high = 0;
      }
    }
    return out;
  }

  // Gaps (first number, then each distance minus one) back to ascending numbers.
  function ungap(values) {
    let at = -1;
    for (let i = 0; i < values.length; i++) values[i] = at = at + values[i] + 1;
    return values;
  }

  // A packed set of articles -> Int32Array of article numbers, ascending.
  function docset(text, count) {
    if (text[0] === '~') {
      const refs = [];
      for (let i = 1; i < text.length; i++) {
        const bits = DIGIT[text.charCodeAt(i)];
        for (let b = 0; b < 6; b++) if (bits & (1 << b)) refs.push((i - 1) * 6 + b);
      }
      return Int32Array.from(refs);
    }
    if (text[0] === '!') {
      const absent = ungap(unpack(text.slice(1)));
      const refs = new Int32Array(count - absent.length);
      for (let r = 0, a = 0, n = 0; r < count; r++) {
        if (a < absent.length && absent[a] === r) a++;
        else refs[n++] = r;
      }
      return refs;
    }
    return Int32Array.from(ungap(unpack(text)));
  }

  // Front-coded words (shared prefix lengths in code points, and the rest).
  function unwords(coded) {
    const shared = unpack(coded.shared);
    const rest = coded.rest ? coded.rest.split(' ') : [];
    const out = new Array(rest.length);
    let previous = [];
    for (let i = 0; i < rest.length; i++) {
      const word = previous.slice(0, shared[i]).join('') + rest[i];
      out[i] = word;
      previous = Array.from(word);
    }
    return out;
  }

  const reversed = (word) => Array.from(word).reverse().join('');
  const HIGHEST = '\uffff'; // no term has it (the tokenizer splits at U+E000-U+FFFF)

  // First index in a sorted array whose value is >= key.
  function lowerBound(sorted, key) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // The words of a sorted array from lo (inclusive) to hi (exclusive).
  const between = (sorted, lo, hi) => sorted.slice(lowerBound(sorted, lo), lowerBound(sorted, hi));

  /* The index terms a fuzzy clause may reach, from two lookups. A term one
   * lunr edit from `word` (insertion, deletion, substitution or transposition
   * of neighbours) keeps word's first p code units when the edit is at p or
   * after, and else its last m - p - 1: one prefix run, one ending run. */
  function fuzzySplit(word) {
    const m = word.length;
    const p = Math.ceil((m - 1) / 2);
    return { prefix: word.slice(0, p), ending: word.slice(m - (m - 1 - p)) };
  }

  const hasSurrogates = (word) => /[\ud800-\udfff]/.test(word);

  // --- term data --------------------------------------------------------------------------

  /* One term's articles and postings: refs (ascending), and per article
   * position whether its postings are known (known: null when all are), its
   * field mask, and per field the known postings as refs and weights. tau: the
   * largest summed weight (x 1000) of an article whose postings are not known. */
  function termData(term, index, refs, fieldCount) {
    return {
      term, index, refs,
      known: null,
      masks: new Uint8Array(refs.length),
      fieldRefs: new Array(fieldCount).fill(null).map(() => new Int32Array(0)),
      fieldWeights: new Array(fieldCount).fill(null).map(() => new Float64Array(0)),
      tau: 0,
      level: 0,    // the next tail tier to fetch
      tiers: 0,    // how many tail tiers there are
      version: 0,  // counts the postings added, for whoever caches scores
      bits: null,
    };
  }

  /* Sets the postings of the articles at positions (ascending) from packed
   * masks and field-major weights, merging them with those already known. */
  function addPostings(data, positions, masks, weights) {
    const fieldCount = data.fieldRefs.length;
    const refs = new Array(fieldCount).fill(null).map(() => []);
    const values = new Array(fieldCount).fill(null).map(() => []);
    for (let i = 0; i < positions.length; i++) data.masks[positions[i]] = masks[i];
    let w = 0;
    for (let f = 0; f < fieldCount; f++) {
      const bit = 1 << f;
      for (let i = 0; i < positions.length; i++) {
        if (masks[i] & bit) {
          refs[f].push(data.refs[positions[i]]);
          values[f].push(weights[w++] / 1000);
        }
      }
    }
    for (let f = 0; f < fieldCount; f++) {
      const oldRefs = data.fieldRefs[f];
      const oldValues = data.fieldWeights[f];
      const n = oldRefs.length + refs[f].length;
      const mergedRefs = new Int32Array(n);
      const mergedValues = new Float64Array(n);
      for (let a = 0, b = 0, k = 0; k < n; k++) {
        if (b >= refs[f].length || (a < oldRefs.length && oldRefs[a] < refs[f][b])) {
          mergedRefs[k] = oldRefs[a];
          mergedValues[k] = oldValues[a++];
        } else {
          mergedRefs[k] = refs[f][b];
          mergedValues[k] = values[f][b++];
        }
      }
      data.fieldRefs[f] = mergedRefs;
      data.fieldWeights[f] = mergedValues;
    }
    data.version++;
  }

  // --- the whole index in memory ----------------------------------------------------------

  function memorySource(lunr, compact, store) {
    if (compact.v !== 1) throw new Error('unknown search index format ' + compact.v);
    const fields = compact.fields;
    const count = store.docs.length;
    const rowOf = new Map();
    compact.terms.forEach((term, i) => rowOf.set(term, i));
    const cache = new Map();
    let tokenSet = null;
    let facetData = null;

    function data(term) {
      let found = cache.get(term);
      if (found) return found;
      const row = compact.postings[rowOf.get(term)];
      const masks = new Map(); // ref -> mask
      const byField = fields.map(() => []);
      let i = 1;
      while (i < row.length) {
        const f = row[i];
        const n = row[i + 1];
        i += 2;
        let ref = 0;
        for (let k = 0; k < n; k++, i += 2) {
          ref += row[i];
          masks.set(ref, (masks.get(ref) || 0) | (1 << f));
          byField[f].push([ref, row[i + 1]]);
        }
      }
      const refs = Int32Array.from([...masks.keys()].sort((a, b) => a - b));
      found = termData(term, row[0], refs, fields.length);
      refs.forEach((ref, p) => { found.masks[p] = masks.get(ref); });
      byField.forEach((pairs, f) => {
        found.fieldRefs[f] = Int32Array.from(pairs, (pair) => pair[0]);
        found.fieldWeights[f] = Float64Array.from(pairs, (pair) => pair[1] / 1000);
      });
      cache.set(term, found);
      return found;
    }

    return {
      async open() {
        return { count, fields, pipeline: compact.pipeline };
      },
      async has(terms) {
        return new Set(terms.filter((term) => rowOf.has(term)));
      },
      async vocabulary() {
        // The whole vocabulary, as lunr.Index.load builds it.
        if (!tokenSet) tokenSet = lunr.TokenSet.fromArray(compact.terms);
        return tokenSet;
      },
      async terms(list) {
        return new Map(list.map((term) => [term, data(term)]));
      },
      async complete() {},
      async facets() {
        if (!facetData) facetData = storeFacets(store);
        return facetData;
      },
      async docs(refs) {
        return new Map(refs.map((ref) => [ref, store.docs[ref]]));
      },
    };
  }

  // Facet data from a document store's rows (newsarchive/search/index.py, document_store).
  function storeFacets(store) {
    const rows = store.docs;
    const entities = [...new Set(rows.flatMap((row) => row[4]))].sort();
    const tags = [...new Set(rows.flatMap((row) => row[5]))].sort();
    const sources = [...new Set(rows.map((row) => row[3]).filter(Boolean))].sort();
    const number = (list) => new Map(list.map((value, n) => [value, n]));
    const entityNumber = number(entities);
    const tagNumber = number(tags);
    const sourceNumber = number(sources);
    const ids = (list, numbers) => [...new Set(list)].map((id) => numbers.get(id)).sort((a, b) => a - b);
    return {
      entities: entities.map((id) => [id, (store.entities || {})[id] || id]),
      tags: tags.map((id) => [id, (store.tags || {})[id] || id]),
      sources,
      dates: rows.map((row) => row[2]),
      entityOf: rows.map((row) => ids(row[4], entityNumber)),
      tagOf: rows.map((row) => ids(row[5], tagNumber)),
      sourceOf: rows.map((row) => (row[3] ? sourceNumber.get(row[3]) : -1)),
    };
  }

  // --- shards, fetched as needed --------------------------------------------------------------

  async function fetchJson(url, init) {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.json();
  }

  /* options.fetchJson(url, init) -> Promise of the parsed file (default: fetch);
   * options.onProgress({loaded, total}): files fetched so far of those asked for, at each change. */
  function shardedSource(lunr, manifestUrl, options) {
    options = options || {};
    const get = options.fetchJson || fetchJson;
    const onProgress = options.onProgress || (() => {});
    let manifest = null;
    let count = 0;
    const files = new Map();   // path -> Promise of its JSON
    const chunks = new Map();  // path -> decoded content
    const cache = new Map();   // term -> term data
    const tokenSets = new Map();
    let asked = 0;
    let done = 0;

    function file(path, decode) {
      let promise = files.get(path);
      if (!promise) {
        asked++;
        onProgress({ loaded: done, total: asked });
        const url = new URL(`${path}?v=${manifest.v}`, manifestUrl).href;
        promise = get(url).then(
          (json) => {
            done++;
            onProgress({ loaded: done, total: asked });
            const value = decode(json);
            chunks.set(path, value);
            return value;
          },
          (error) => {
            files.delete(path);
            throw error;
          }
        );
        files.set(path, promise);
      }
      return promise;
    }

    // The files of a family whose keys fall in [lo, hi): the first key <= lo to the last < hi.
    function numbersBetween(family, lo, hi) {
      const keys = manifest.files[family];
      const first = Math.max(0, lowerBound(keys, lo) - (keys[lowerBound(keys, lo)] === lo ? 0 : 1));
      const last = Math.max(first, lowerBound(keys, hi) - 1);
      const out = [];
      for (let n = first; n <= last && n < keys.length; n++) out.push(n);
      return out;
    }

    // Sorted words of a vocabulary family ('terms' or 'ends') in [lo, hi).
    async function wordsBetween(family, lo, hi) {
      const runs = await Promise.all(
        numbersBetween(family, lo, hi).map((n) => file(`${family}/${n}.json`, unwords))
      );
      return runs.flatMap((run) => between(run, lo, hi));
    }

    // A file of per-term entries: its terms, sorted, and the entries.
    const keyed = (json) => ({ terms: unwords(json), entries: json.entries });

    async function entryOf(family, term) {
      const [n] = numbersBetween(family, term, term + '\0');
      const run = await file(`${family}/${n}.json`, keyed);
      const at = lowerBound(run.terms, term);
      if (run.terms[at] !== term) throw new Error(`search index: no ${family} entry for ${term}`);
      return run.entries[at];
    }

    async function head(term) {
      let data = cache.get(term);
      if (data) return data;
      const entry = await entryOf('heads', term);
      data = cache.get(term); // fetched meanwhile
      if (data) return data;
      const refs = docset(entry[1], count);
      data = termData(term, entry[0], refs, manifest.fields.length);
      if (entry.length > 4) {
        // [index, articles, masks, weights, head positions, tau, number of tail tiers]
        data.known = new Uint8Array(refs.length);
        data.level = 1;
        data.tiers = entry[6];
        addTier(data, entry[4], entry[2], entry[3], entry[5]);
      } else {
        addPostings(data, refs.map((_, p) => p), unpack(entry[2]), unpack(entry[3]));
      }
      cache.set(term, data);
      return data;
    }

    // The postings of one tier (positions as packed gaps), and the bound on the later ones.
    function addTier(data, gaps, masks, weights, tau) {
      const positions = ungap(unpack(gaps));
      for (const p of positions) data.known[p] = 1;
      addPostings(data, positions, unpack(masks), unpack(weights));
      data.tau = tau;
    }

    // Fetches the next tail tier of a term's postings.
    async function tail(data) {
      if (!data || !data.known) return;
      const level = data.level;
      const entry = await entryOf('tails', `${String(level).padStart(2, '0')}\u0001${data.term}`);
      if (data.level !== level) return; // fetched meanwhile
      addTier(data, entry[0], entry[1], entry[2], entry[3]);
      data.level++;
      if (data.level > data.tiers) {
        data.known = null;
        data.tau = 0;
      }
    }

    return {
      async open() {
        manifest = await get(manifestUrl, { cache: 'no-cache' });
        if (!manifest || manifest.format !== 2) {
          throw new Error('unknown search index format ' + (manifest && manifest.format));
        }
        count = manifest.docs;
        return { count, fields: manifest.fields, pipeline: manifest.pipeline };
      },
      async has(terms) {
        const found = new Set();
        await Promise.all(terms.map(async (term) => {
          if ((await wordsBetween('terms', term, term + '\0')).length) found.add(term);
        }));
        return found;
      },
      async vocabulary(clause) {
        const key = `${clause.editDistance || 0}\n${clause.term}`;
        let set = tokenSets.get(key);
        if (set) return set;
        const term = clause.term;
        let words;
        if (clause.editDistance) {
          if (clause.editDistance > 1 || hasSurrogates(term) || term.length < 3) {
            words = await wordsBetween('terms', '', HIGHEST);
          } else {
            const { prefix, ending } = fuzzySplit(term);
            const back = reversed(ending);
            const [starting, ends] = await Promise.all([
              wordsBetween('terms', prefix, prefix + HIGHEST),
              wordsBetween('ends', back, back + HIGHEST),
            ]);
            words = [...new Set([...starting, ...ends.map(reversed)])].sort();
          }
        } else if (term.includes('*')) {
          const prefix = term.slice(0, term.indexOf('*'));
          words = await wordsBetween('terms', prefix, prefix + HIGHEST);
        } else {
          words = await wordsBetween('terms', term, term + '\0');
        }
        set = lunr.TokenSet.fromArray(words);
        if (tokenSets.size > 500) tokenSets.clear();
        tokenSets.set(key, set);
        return set;
      },
      async terms(list) {
        const datas = await Promise.all(list.map(head));
        return new Map(list.map((term, i) => [term, datas[i]]));
      },
      // Fetches the next tier of each term's postings (a term with all its postings: nothing).
      async complete(list) {
        await Promise.all(list.map((term) => tail(cache.get(term))));
      },
      async facets() {
        return file('facets.json', (json) => shardFacets(json, count));
      },
      async docs(refs) {
        const size = manifest.storeDocs;
        const [facetData, ...runs] = await Promise.all([
          this.facets(),
          ...[...new Set(refs.map((ref) => Math.floor(ref / size)))].map((n) =>
            file(`docs/${n}.json`, (json) => json.docs).then((rows) => [n, rows])
          ),
        ]);
        const byNumber = new Map(runs);
        return new Map(refs.map((ref) => {
          const row = byNumber.get(Math.floor(ref / size))[ref % size];
          return [ref, [
            row[0],
            row[1],
            facetData.dates[ref],
            facetData.sourceOf[ref] < 0 ? '' : facetData.sources[facetData.sourceOf[ref]],
            unpack(row[2]).map((n) => facetData.entities[n][0]),
            unpack(row[3]).map((n) => facetData.tags[n][0]),
            row[4],
          ]];
        }));
      },
    };
  }

  function shardFacets(json, count) {
    const dates = [];
    for (const [date, n] of json.dates) for (let i = 0; i < n; i++) dates.push(date);
    const per = (sets) => {
      const of = Array.from({ length: count }, () => []);
      sets.forEach((text, value) => { for (const ref of docset(text, count)) of[ref].push(value); });
      return of;
    };
    const sourceOf = new Int32Array(count).fill(-1);
    json.source.forEach((text, value) => { for (const ref of docset(text, count)) sourceOf[ref] = value; });
    return {
      entities: json.entities,
      tags: json.tags,
      sources: json.sources,
      dates,
      entityOf: per(json.entity),
      tagOf: per(json.tag),
      sourceOf,
    };
  }

  // --- lunr's own serialised form -----------------------------------------------------------

  /* The compact index back into exactly the structure lunr.py's serialize()
   * writes, so lunr.Index.load gives the same index and the same scores. */
  function toSerialized(compact) {
    if (compact.v !== 1) throw new Error('unknown search index format ' + compact.v);
    const fields = compact.fields;
    const invertedIndex = new Array(compact.terms.length);
    const vectors = Object.create(null); // "field/ref" -> [[termIndex, weight], ...]
    const refOrder = [];
    for (let t = 0; t < compact.terms.length; t++) {
      const row = compact.postings[t];
      const termIndex = row[0];
      const posting = { _index: termIndex };
      for (const field of fields) posting[field] = {};
      let i = 1;
      while (i < row.length) {
        const field = fields[row[i]];
        const n = row[i + 1];
        i += 2;
        let ref = 0;
        for (let k = 0; k < n; k++, i += 2) {
          ref += row[i];
          posting[field][ref] = {};
          const key = field + '/' + ref;
          if (!vectors[key]) {
            vectors[key] = [];
            refOrder.push(key);
          }
          vectors[key].push([termIndex, row[i + 1] / 1000]);
        }
      }
      invertedIndex[t] = [compact.terms[t], posting];
    }
    const fieldVectors = refOrder.map((key) => {
      const pairs = vectors[key].sort((a, b) => a[0] - b[0]);
      return [key, pairs.flat()];
    });
    return { version: '2.3.9', fields, fieldVectors, invertedIndex, pipeline: compact.pipeline };
  }

  function load(lunr, compact) {
    return lunr.Index.load(toSerialized(compact));
  }

  const api = {
    memorySource, shardedSource, toSerialized, load,
    unpack, docset, unwords, fuzzySplit,
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (root) root.NewsarchiveSearchIndex = root.NewsarchiveSearchIndex || api;
})(typeof self !== 'undefined' ? self : (typeof globalThis !== 'undefined' ? globalThis : this));
