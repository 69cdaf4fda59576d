// The reference the shipped search engine is proven against (the JavaScript
// half of oracle.py): the whole index in memory, and lunr.js itself.
//
// Not shipped. Three references, each an independent path to the same answer:
//   memorySource(compact, store): the whole compact index (oracle.py: compact)
//     and document store (document_store) in memory, as a source the shipped
//     engine (theme/static/js/search/engine.js) reads like the shards;
//   load(lunr, compact): the compact index back into lunr's serialised form,
//     for lunr.Index.load: lunr.js's own index and idx.query;
//   runQuery(engine, build): the engine's expansion and scores with every
//     posting fetched and every clause optional, which is what idx.query computes.
// Runs under Node and in a browser (test_search_browser.py serves it).
import { bitset, has, orInto, refsOf } from '../../theme/static/js/search/bitsets.js';
import { bitsOf, termData } from '../../theme/static/js/search/postings.js';
import { scorer } from '../../theme/static/js/search/score.js';

const COMPACT_VERSION = 1;

function checkVersion(compact) {
  if (compact.v !== COMPACT_VERSION) throw new Error('unknown search index format ' + compact.v);
}

// Walks a compact postings row: [term index, (field, n, (ref gap, weight x 1000) x n) ...].
function eachPosting(row, visit) {
  let i = 1;
  while (i < row.length) {
    const field = row[i];
    const n = row[i + 1];
    i += 2;
    let ref = 0;
    for (let k = 0; k < n; k++, i += 2) {
      ref += row[i];
      visit(field, ref, row[i + 1]);
    }
  }
}

/** The whole index in memory, answering as shards.js's shardedSource does. */
export function memorySource(compact, store) {
  checkVersion(compact);
  const fields = compact.fields;
  const count = store.docs.length;
  const rowOf = new Map(compact.terms.map((term, i) => [term, i]));
  const cache = new Map();
  let facetData = null;

  function data(term) {
    let found = cache.get(term);
    if (found) return found;
    const row = compact.postings[rowOf.get(term)];
    const masks = new Map(); // ref -> mask
    const byField = fields.map(() => []);
    eachPosting(row, (f, ref, weight) => {
      masks.set(ref, (masks.get(ref) || 0) | (1 << f));
      byField[f].push([ref, weight]);
    });
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
    // The whole vocabulary, as lunr.Index.load builds its token set from.
    async vocabulary() {
      return compact.terms;
    },
    async terms(list) {
      return new Map(list.map((term) => [term, data(term)]));
    },
    async complete() {},
    async facets() {
      if (!facetData) facetData = storeFacets(store);
      return facetData;
    },
    async members() {
      const { entityOf, tagOf } = facetData || (facetData = storeFacets(store));
      return { entityOf, tagOf };
    },
    async linked(n) {
      const { entityOf } = facetData || (facetData = storeFacets(store));
      return Int32Array.from(entityOf.flatMap((values, ref) => (values.includes(n) ? [ref] : [])));
    },
    async docs(refs) {
      return new Map(refs.map((ref) => [ref, store.docs[ref]]));
    },
  };
}

// Facet data from a document store's rows (oracle.py: document_store).
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

/* The compact index back into exactly the structure lunr.py's serialize()
 * writes, so lunr.Index.load gives the same index and the same scores. */
export function toSerialized(compact) {
  checkVersion(compact);
  const fields = compact.fields;
  const invertedIndex = new Array(compact.terms.length);
  const vectors = Object.create(null); // "field/ref" -> [[termIndex, weight], ...]
  const refOrder = [];
  compact.terms.forEach((term, t) => {
    const row = compact.postings[t];
    const termIndex = row[0];
    const posting = { _index: termIndex };
    for (const field of fields) posting[field] = {};
    eachPosting(row, (f, ref, weight) => {
      posting[fields[f]][ref] = {};
      const key = fields[f] + '/' + ref;
      if (!vectors[key]) {
        vectors[key] = [];
        refOrder.push(key);
      }
      vectors[key].push([termIndex, weight / 1000]);
    });
    invertedIndex[t] = [term, posting];
  });
  const fieldVectors = refOrder.map((key) => [key, vectors[key].sort((a, b) => a[0] - b[0]).flat()]);
  return { version: '2.3.9', fields, fieldVectors, invertedIndex, pipeline: compact.pipeline };
}

export function load(lunr, compact) {
  return lunr.Index.load(toSerialized(compact));
}

/* A lunr query run as lunr.Index#query runs it (every clause optional), with the
 * engine's expansion and scores and every posting fetched: [{ref, score, terms}],
 * best first, equal scores by ref; terms are the index terms the doc matched
 * (lunr's matchData keys). engine: an opened engine.js engine over source; meta:
 * what engine.open() returned. */
export async function runQuery({ engine, source, meta }, build) {
  const boosts = await engine.expand(build);
  const datas = await source.terms([...boosts.keys()]);
  for (;;) {
    const partial = [...datas.values()].filter((d) => d.known).map((d) => d.term);
    if (!partial.length) break;
    await source.complete(partial);
  }
  const scores = scorer(boosts, datas, meta.fields.length, meta.count);
  const bitsOfTerm = (term) => bitsOf(datas.get(term), meta.count);
  const hits = bitset(meta.count);
  for (const term of datas.keys()) orInto(hits, bitsOfTerm(term));
  return refsOf(hits)
    .map((ref) => ({
      ref,
      score: scores.score(ref),
      terms: [...boosts.keys()].filter((term) => has(bitsOfTerm(term), ref)),
    }))
    .sort((a, b) => b.score - a.score || a.ref - b.ref);
}

/** lunr's own results in runQuery's terms: [ref, score, sorted terms], best first, equal scores by ref. */
export function lunrResults(index, build) {
  return index.query(build)
    .map((r) => [Number(r.ref), r.score, Object.keys(r.matchData.metadata).sort()])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** runQuery's results as lunrResults gives them. */
export const rows = (results) => results.map((r) => [r.ref, r.score, r.terms.slice().sort()]);
