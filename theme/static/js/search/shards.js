/* The search index as the site ships it: files fetched as queries need them.
 *
 * shardedSource(manifestUrl, options) reads the files newsarchive/search/
 * shards.py writes (that module documents the layout; pack.js the encodings)
 * and answers the questions the engine (engine.js) asks of any source:
 *
 *   open()              the manifest: {count, fields, pipeline, version, membersBytes} (once)
 *   has(terms)          -> Set of those in the index
 *   vocabulary(clause)  -> sorted index terms holding every term the lunr clause
 *                          (exact, trailing wildcard or fuzzy) can expand to
 *   terms(list)         -> Map term -> term data (postings.js) with its head
 *   complete(list)      fetches the rest of those terms' postings (every tier left)
 *   facets()            -> {entities, tags, sources, dates, sourceOf}: names, dates, sources
 *   members()           -> {entityOf, tagOf}: each article's entities and topics
 *   linked(n)           -> Int32Array of the articles linked to entity number n
 *   docs(refs)          -> Map ref -> [title, url, date, source, entity ids, tag ids, text]
 *
 * Rules: a file is fetched once (a failed fetch may be retried); its URL
 * carries the manifest's version, so a reader never mixes two builds; the
 * manifest itself is revalidated (cache: 'no-cache') when it is fetched at all
 * (the search page inlines it: options.manifest). Files are found by a binary
 * search of the manifest's first keys, never by listing a folder.
 *
 * Rules of fetching, for a slow network: whether the index has a word, and the
 * words of a prefix, are read from the heads runs that would hold them (the
 * query needs those heads next anyway), so an exact or a prefix query costs one
 * round, not a vocabulary run and then heads; only fuzzy words read vocabulary
 * runs. A page of results reads one small file per article (doc/N.json); many
 * articles, or articles that share files (date orders), read the shared ones.
 */
import { docset, ungap, unpack, unwords } from './pack.js';
import { addPostings, termData } from './postings.js';
import { between, lowerBound } from './sorted.js';

export const FORMAT = 3;
const HIGHEST = '\uffff'; // no term has it (the tokenizer splits at U+E000-U+FFFF)
const VOCABULARY_CACHE = 500; // vocabulary runs kept per source
const SINGLE_DOCS_MAX = 40; // more articles at once than this read the shared docs files
const SHARED_DOCS_MIN = 4; // ... and so do articles whose shared files hold at least this many each

/* The index terms a fuzzy clause may reach, from two lookups. A term one
 * lunr edit from `word` (insertion, deletion, substitution or transposition
 * of neighbours) keeps word's first p code units when the edit is at p or
 * after, and else its last m - p - 1: one prefix run, one ending run. */
export function fuzzySplit(word) {
  const m = word.length;
  const p = Math.ceil((m - 1) / 2);
  return { prefix: word.slice(0, p), ending: word.slice(m - (m - 1 - p)) };
}

const reversed = (word) => Array.from(word).reverse().join('');
const hasSurrogates = (word) => /[\ud800-\udfff]/.test(word);

/** facets.json decoded: every article's date and source by number, and the names. */
export function decodeFacets(json, count) {
  const dates = [];
  for (const [date, n] of json.dates) for (let i = 0; i < n; i++) dates.push(date);
  const sourceOf = new Int32Array(count).fill(-1);
  json.source.forEach((text, value) => {
    for (const ref of docset(text, count)) sourceOf[ref] = value;
  });
  return { entities: json.entities, tags: json.tags, sources: json.sources, dates, sourceOf };
}

/** members.json decoded: every article's entities and topics by number. */
export function decodeMembers(json, count) {
  // Per article, the numbers of the values whose set holds it (ascending): views of one
  // array, filled in two passes, as 20,000 growing arrays made the first query wait.
  const per = (sets) => {
    const lists = sets.map((text) => docset(text, count));
    const start = new Int32Array(count + 1);
    for (const refs of lists) for (let i = 0; i < refs.length; i++) start[refs[i] + 1]++;
    for (let ref = 0; ref < count; ref++) start[ref + 1] += start[ref];
    const values = new Int32Array(start[count]);
    const next = start.slice(0, count);
    lists.forEach((refs, value) => {
      for (let i = 0; i < refs.length; i++) values[next[refs[i]]++] = value;
    });
    return Array.from({ length: count }, (_, ref) => values.subarray(start[ref], start[ref + 1]));
  };
  return { entityOf: per(json.entity), tagOf: per(json.tag) };
}

async function fetchJson(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}

/* options.fetchJson(url, init) -> Promise of the parsed file (default: fetch);
 * options.manifest: the manifest, or a Promise of it (inlined in the search page, or
 * already being fetched), used by the first open() in place of a fetch;
 * options.onProgress({loaded, total}): files fetched so far of those asked for, at each change. */
export function shardedSource(manifestUrl, options = {}) {
  const get = options.fetchJson || fetchJson;
  const onProgress = options.onProgress || (() => {});
  let opened = null;
  let early = options.manifest || null;
  let manifest = null;
  let count = 0;
  const files = new Map(); // path -> Promise of its decoded content
  const cache = new Map(); // term -> term data
  const vocabularies = new Map(); // clause key -> sorted terms
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
          return decode(json);
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
    const at = lowerBound(keys, lo);
    const first = Math.max(0, at - (keys[at] === lo ? 0 : 1));
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

  // Sorted index terms in [lo, hi), from the heads runs that hold them.
  async function headTermsBetween(lo, hi) {
    const runs = await Promise.all(
      numbersBetween('heads', lo, hi).map((n) => file(`heads/${n}.json`, keyed))
    );
    return runs.flatMap((run) => between(run.terms, lo, hi));
  }

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

  /* Fetches every tail tier of a term's postings not yet known, side by side, and
   * adds them in order: on a slow link a round trip costs more than the bytes of
   * the tiers a ranking might have done without (a term has at most a few). */
  async function tail(data) {
    if (!data || !data.known) return;
    if (!data.rest) {
      const levels = [];
      for (let level = data.level; level <= data.tiers; level++) levels.push(level);
      data.rest = Promise.all(levels.map((level) => entryOf('tails', `${String(level).padStart(2, '0')}\u0001${data.term}`)))
        .then((entries) => {
          for (const entry of entries) addTier(data, entry[0], entry[1], entry[2], entry[3]);
          data.level = data.tiers + 1;
          data.known = null;
          data.tau = 0;
        }, (error) => {
          data.rest = null; // a failed fetch may be retried
          throw error;
        });
    }
    return data.rest;
  }

  async function readManifest() {
    const pending = early || get(manifestUrl, { cache: 'no-cache' });
    early = null; // a failed open fetches anew
    manifest = await pending;
    if (!manifest || manifest.format !== FORMAT) {
      throw new Error('unknown search index format ' + (manifest && manifest.format));
    }
    count = manifest.docs;
    return {
      count, fields: manifest.fields, pipeline: manifest.pipeline, version: manifest.v,
      membersBytes: manifest.membersBytes,
    };
  }

  async function vocabularyOf(term, editDistance) {
    if (editDistance) {
      if (editDistance > 1 || hasSurrogates(term) || term.length < 3) {
        return wordsBetween('terms', '', HIGHEST);
      }
      const { prefix, ending } = fuzzySplit(term);
      const back = reversed(ending);
      const [starting, ends] = await Promise.all([
        wordsBetween('terms', prefix, prefix + HIGHEST),
        wordsBetween('ends', back, back + HIGHEST),
      ]);
      return [...new Set([...starting, ...ends.map(reversed)])].sort();
    }
    if (term.includes('*')) {
      const prefix = term.slice(0, term.indexOf('*'));
      return headTermsBetween(prefix, prefix + HIGHEST);
    }
    return headTermsBetween(term, term + '\0');
  }

  const source = {
    open() {
      if (!opened) {
        opened = readManifest();
        opened.catch(() => { opened = null; });
      }
      return opened;
    },
    async has(terms) {
      const found = new Set();
      await Promise.all(terms.map(async (term) => {
        if ((await headTermsBetween(term, term + '\0')).length) found.add(term);
      }));
      return found;
    },
    // The same array for the same clause while it is cached (engines cache by it).
    async vocabulary(clause) {
      const key = `${clause.editDistance || 0}\n${clause.term}`;
      let words = vocabularies.get(key);
      if (!words) {
        words = await vocabularyOf(clause.term, clause.editDistance);
        if (vocabularies.has(key)) return vocabularies.get(key); // found meanwhile
        if (vocabularies.size >= VOCABULARY_CACHE) vocabularies.clear();
        vocabularies.set(key, words);
      }
      return words;
    },
    async terms(list) {
      const datas = await Promise.all(list.map(head));
      return new Map(list.map((term, i) => [term, datas[i]]));
    },
    async complete(list) {
      await Promise.all(list.map((term) => tail(cache.get(term))));
    },
    facets() {
      return file('facets.json', (json) => decodeFacets(json, count));
    },
    members() {
      return file('members.json', (json) => decodeMembers(json, count));
    },
    linked(n) {
      return file(`entity/${n}.json`, (text) => docset(text, count));
    },
    async docs(refs) {
      const size = manifest.storeDocs;
      const shared = (ref) => `docs/${Math.floor(ref / size)}.json`;
      const fetched = refs.filter((ref) => files.has(shared(ref)));
      const rest = refs.filter((ref) => !files.has(shared(ref)));
      const groups = new Set(rest.map(shared)).size;
      const single = manifest.singleDocs && rest.length <= SINGLE_DOCS_MAX
        && groups * SHARED_DOCS_MIN > rest.length;
      const sharedRow = (ref) => file(shared(ref), (json) => json.docs).then((rows) => rows[ref % size]);
      const singleRow = (ref) => file(`doc/${ref}.json`, (row) => row);
      const [facetData, ...rows] = await Promise.all([
        source.facets(),
        ...fetched.map(sharedRow),
        ...rest.map(single ? singleRow : sharedRow),
      ]);
      const byRef = new Map([...fetched, ...rest].map((ref, i) => [ref, rows[i]]));
      return new Map(refs.map((ref) => [ref, documentRow(byRef.get(ref), ref, facetData)]));
    },
  };
  return source;
}

// A docs/N.json row and facets.json as one document row (see shardedSource: docs).
function documentRow(row, ref, facets) {
  return [
    row[0],
    row[1],
    facets.dates[ref],
    facets.sourceOf[ref] < 0 ? '' : facets.sources[facets.sourceOf[ref]],
    unpack(row[2]).map((n) => facets.entities[n][0]),
    unpack(row[3]).map((n) => facets.tags[n][0]),
    row[4],
  ];
}
