// Fixtures of the JavaScript unit tests (*.test.mjs): encoders written from the
// rules newsarchive/search/shards.py documents (the tests' own, so a decoder is
// checked against an independent encoder), a tiny index made from a few
// articles, and a fetch that serves files from memory and records what it served.
import { createRequire } from 'node:module';

import { FORMAT } from '../../theme/static/js/search/shards.js';
import { PIPELINE_NAMES, register, terms } from '../../theme/static/js/search/pipeline.js';

export const lunr = register(createRequire(import.meta.url)('lunr'));

export const ALPHABET = [...Array(0x7f - 0x23).keys()]
  .map((i) => String.fromCharCode(0x23 + i))
  .filter((c) => c !== '\\')
  .join('');

/** Numbers packed: the last character 0-63, each one before it 64 + 0-26. */
export function pack(numbers) {
  return numbers.map((n) => {
    let out = ALPHABET[n % 64];
    for (let high = Math.floor(n / 64); high > 0; high = Math.floor(high / 27)) {
      out = ALPHABET[64 + (high % 27)] + out;
    }
    return out;
  }).join('');
}

export const gaps = (sorted) => sorted.map((n, i) => n - (i ? sorted[i - 1] : -1) - 1);

/** Sorted words front-coded: {shared, rest}. */
export function words(sorted) {
  const shared = [];
  const rest = [];
  let previous = [];
  for (const word of sorted) {
    const chars = [...word];
    let n = 0;
    while (n < chars.length && n < previous.length && chars[n] === previous[n]) n++;
    shared.push(n);
    rest.push(chars.slice(n).join(''));
    previous = chars;
  }
  return { shared: pack(shared), rest: rest.join(' ') };
}

/* A tiny compact index and document store (oracle.py's formats) of articles
 * {title, text, date, source, entities, tags}: terms from the real pipeline,
 * weight = 1000 x the term's count in the field (x 2 in the title). */
export function tinyIndex(articles) {
  const fields = ['title', 'body'];
  const firstSeen = new Map();
  const byTerm = new Map(); // term -> per field [[ref, weight]]
  articles.forEach((article, ref) => {
    [article.title, article.text].forEach((text, f) => {
      const counts = new Map();
      for (const term of terms(text, lunr)) counts.set(term, (counts.get(term) || 0) + 1);
      for (const [term, n] of counts) {
        if (!firstSeen.has(term)) firstSeen.set(term, firstSeen.size);
        if (!byTerm.has(term)) byTerm.set(term, fields.map(() => []));
        byTerm.get(term)[f].push([ref, n * 1000 * (f ? 1 : 2)]);
      }
    });
  });
  const sorted = [...byTerm.keys()].sort();
  const postings = sorted.map((term) => {
    const row = [firstSeen.get(term)];
    byTerm.get(term).forEach((pairs, f) => {
      if (!pairs.length) return;
      row.push(f, pairs.length);
      pairs.forEach(([ref, weight], i) => row.push(ref - (i ? pairs[i - 1][0] : 0), weight));
    });
    return row;
  });
  const compact = { v: 1, fields, pipeline: [...PIPELINE_NAMES], terms: sorted, postings };
  const store = {
    docs: articles.map((a, ref) => [
      a.title, `${ref}/`, a.date || '', a.source || '', a.entities || [], a.tags || [], a.text,
    ]),
    entities: Object.fromEntries(articles.flatMap((a) => a.entities || []).map((id) => [id, id.toUpperCase()])),
    tags: {},
  };
  return { compact, store };
}

/* fetchJson over files {path: value} below base: records each path fetched
 * (without the ?v= version); a path in failing fails once, then is served. */
export function memoryFetch(base, files, failing = new Set()) {
  const fetched = [];
  const fetchJson = async (url) => {
    const path = url.slice(base.length).split('?')[0];
    fetched.push(path);
    if (failing.has(path)) {
      failing.delete(path);
      throw new Error(`${path}: network down`);
    }
    if (!(path in files)) throw new Error(`${path}: HTTP 404`);
    return structuredClone(files[path]);
  };
  return { fetchJson, fetched };
}

const docset = (refs) => pack(gaps(refs));
const keyed = (entries) => {
  const keys = Object.keys(entries).sort();
  return { ...words(keys), entries: keys.map((key) => entries[key]) };
};

/* A sharded index of four articles (shards.py's files), fields title and body. "korea" is big: its head holds article 1,
 * a tail tier articles 0, 2 and 3 (each weighing at most 0.9 in all). */
export function miniSite() {
  const reversed = (w) => [...w].reverse().join('');
  const vocabulary = ['biegun', 'kim', 'korea', 'korean', 'north', 'talk'];
  return {
    'manifest.json': {
      format: FORMAT, v: 'abc123', docs: 4, fields: ['title', 'body'],
      membersBytes: 100000, // as big as members.json gets at 20,000 articles: it comes after
      pipeline: [...PIPELINE_NAMES], storeDocs: 2,
      files: { terms: ['biegun', 'korean'], ends: ['aerok'], heads: ['biegun'], tails: ['01\u0001korea'] },
    },
    'terms/0.json': words(vocabulary.slice(0, 3)),
    'terms/1.json': words(vocabulary.slice(3)),
    'ends/0.json': words(vocabulary.map(reversed).sort()),
    'heads/0.json': keyed({
      biegun: [0, docset([2]), pack([2]), pack([3000])],
      kim: [1, docset([0, 1]), pack([1, 1]), pack([1000, 1200])],
      // [index, articles, head masks, head weights, head positions, tau, tail tiers]
      korea: [2, docset([0, 1, 2, 3]), pack([3]), pack([2000, 1500]), pack(gaps([1])), 900, 1],
      korean: [3, docset([3]), pack([2]), pack([700])],
      north: [4, docset([0]), pack([1]), pack([500])],
      talk: [5, docset([1, 3]), pack([2, 2]), pack([400, 600])],
    }),
    'tails/0.json': keyed({
      // [positions, masks, weights (field-major), tau of the tiers after]
      '01\u0001korea': [pack(gaps([0, 2, 3])), pack([1, 2, 2]), pack([800, 500, 900]), 0],
    }),
    'facets.json': {
      entities: [['kim-jong-un', 'Kim Jong Un']], tags: [['summit', 'Summit']], sources: ['KCNA', 'Yonhap'],
      dates: [['2018-06-12', 2], ['2019-01-01', 1], ['', 1]],
      source: [docset([0]), docset([1, 2])],
    },
    'members.json': { entity: [docset([0, 1])], tag: [docset([1])] },
    'entity/0.json': docset([0, 1]),
    'docs/0.json': { docs: [['North', '2018/06/north/', pack([0]), '', 'n'], ['Kim', '2018/06/kim/', pack([0]), pack([0]), 'k']] },
    'docs/1.json': { docs: [['Biegun', '2019/01/biegun/', '', '', 'b'], ['Korean', 'undated/korean/', '', '', 'kr']] },
  };
}
