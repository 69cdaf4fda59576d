/* The archive's search, off the main thread.
 *
 * Loads lunr, the archive's own pipeline (the same tokens, spelling folds, stop
 * words and stems the build indexed with), the serialised index and the docs
 * list, then answers the page's queries: ranking, word coverage, filters, facet
 * counts, sorting and the highlighted fields of one page of results. Typing
 * never waits for any of it.
 *
 * Messages in:  {type: 'init', indexUrl, docsUrl}
 *               {type: 'search', id, q, filters: {entity: [], tag: [], year: [], source: []},
 *                sort: 'relevance' | 'newest' | 'oldest', offset, limit}
 * Messages out: {type: 'progress', phase: 'download' | 'prepare', loaded, total}
 *               {type: 'ready', count}
 *               {type: 'error', message}
 *               {type: 'results', id, ...} (see answer())
 *
 * Loaded as a plain script in a page (after lunr, search-pipeline.js and
 * search-index.js), it runs nothing and exposes self.NewsarchiveSearchEngine
 * instead, so the browser tests can check the ranking against lunr's idx.query.
 */
'use strict';

(function () {
  const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
  // By URLs relative to this file: theme/js/ and theme/vendor/.
  if (inWorker) importScripts('../vendor/lunr.min.js', 'search-pipeline.js', 'search-index.js');
  const lunr = self.lunr;
  const Search = self.NewsarchiveSearch;
  Search.register(lunr);

  // Boosts of the clauses one typed word becomes: the word itself beats a
  // completion of it, which beats a neighbour one edit away.
  const BOOST_EXACT = 10;
  const BOOST_PREFIX = 3;
  const BOOST_FUZZY = 1;
  // Words of at least this many letters that the index does not hold also
  // match one edit away (beigun → biegun). A word the index knows is not taken
  // for a typo: "biegun" must not also find "begun".
  const FUZZY_MIN_LENGTH = 5;
  // ... and two edits away from this length on. lunr 2.3.9 counts a
  // transposition as one edit, so one edit already forgives the usual typo,
  // and two edits on long words match too much and cost too much: off.
  const FUZZY_TWO_EDITS_MIN_LENGTH = Infinity;
  // The last word, while still being typed, also matches as a prefix from this
  // length on (shorter prefixes match half the vocabulary).
  const PREFIX_MIN_LENGTH = 3;
  // A word typed partway into its suffix ("negotiat", "denuclearizati") is
  // neither a prefix of its stem ("negoti") nor one edit from it: the last word
  // also matches the stems of itself completed with the rest of a common suffix.
  const COMPLETION_MIN_LENGTH = 4;
  const COMPLETION_TAILS = [...new Set([
    'ations', 'ation', 'ions', 'ion', 'ements', 'ement', 'ments', 'ment', 'ings', 'ing',
    'ness', 'ities', 'ity', 'ives', 'ive', 'ful', 'ous', 'ences', 'ence', 'ances', 'ance',
    'ers', 'er', 'ed', 'es', 'al', 'ally', 'isms', 'ism', 'ists', 'ist',
  ].flatMap((suffix) => [...suffix].map((_, i) => suffix.slice(i))))];
  // At most this many words of a query count (each is a bit of a mask).
  const MAX_WORDS = 30;
  // Snippets: this many words around the first match, starting a few before it.
  const SNIPPET_WORDS = 40;
  const SNIPPET_LEAD = 8;
  // Chips per result: filtered and matched ones first.
  const MAX_ENTITY_CHIPS = 6;
  const MAX_TAG_CHIPS = 4;
  // Facet values sent per facet (the page shows the top ten, then all of these).
  const MAX_FACET_VALUES = 100;

  // docs.json row: [title, url, date, source, entity ids, tag ids, text]
  const TITLE = 0, URL = 1, DATE = 2, SOURCE = 3, ENTITIES = 4, TAGS = 5, TEXT = 6;

  let index = null;
  let docs = null;
  let entityNames = {};
  let tagNames = {};
  let vectors = null;     // field -> [field vector elements by doc number]
  let facetValues = null; // facet -> {values: [value], ids: Map(value -> number), of: [[number] by doc]}
  let lastRanking = null; // {q, ranking}: filters, sort and "show more" reuse it

  // --- loading -----------------------------------------------------------------------

  let failed = false;

  async function load(indexUrl, docsUrl) {
    try {
      const sizes = { index: [0, 0], docs: [0, 0] };
      const progress = (name) => (loaded, total) => {
        if (failed) return; // the other file may still be arriving
        sizes[name] = [loaded, total];
        const known = sizes.index[1] && sizes.docs[1];
        self.postMessage({
          type: 'progress',
          phase: 'download',
          loaded: sizes.index[0] + sizes.docs[0],
          total: known ? sizes.index[1] + sizes.docs[1] : 0,
        });
      };
      const [serialised, data] = await Promise.all([
        fetchJson(indexUrl, progress('index')),
        fetchJson(docsUrl, progress('docs')),
      ]);
      self.postMessage({ type: 'progress', phase: 'prepare', loaded: 0, total: 0 });
      prepare(serialised, data);
    } catch (error) {
      failed = true;
      self.postMessage({ type: 'error', message: String((error && error.message) || error) });
      return;
    }
    self.postMessage({ type: 'ready', count: docs.length });
  }

  // JSON with download progress; total is 0 when the size is unknown (or compressed).
  async function fetchJson(url, onProgress) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    const compressed = response.headers.get('Content-Encoding');
    const total = compressed ? 0 : Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !response.body.getReader) return response.json();
    const reader = response.body.getReader();
    const chunks = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onProgress(loaded, total);
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function prepare(serialised, data) {
    // The build writes the index compacted (search-index.js restores lunr's form).
    if (serialised.postings) serialised = self.NewsarchiveSearchIndex.toSerialized(serialised);
    index = lunr.Index.load(serialised);
    docs = data.docs;
    entityNames = data.entities || {};
    tagNames = data.tags || {};
    lastRanking = null;
    // Field vectors by field and doc number (refs are doc numbers), for scoring.
    vectors = {};
    for (const field of index.fields) vectors[field] = new Array(docs.length);
    for (const key of Object.keys(index.fieldVectors)) {
      const fieldRef = lunr.FieldRef.fromString(key);
      vectors[fieldRef.fieldName][Number(fieldRef.docRef)] = index.fieldVectors[key].elements;
    }
    // Facet values as small numbers per doc, so counting is array arithmetic.
    facetValues = {};
    for (const name of FACET_NAMES) {
      const values = [];
      const ids = new Map();
      const of = docs.map((doc) => FACETS[name].values(doc).map((value) => {
        let id = ids.get(value);
        if (id === undefined) {
          id = values.push(value) - 1;
          ids.set(value, id);
        }
        return id;
      }));
      facetValues[name] = { values, ids, of };
    }
  }

  // --- the query -----------------------------------------------------------------------

  // The words of a query and what each may match.
  function analyse(q) {
    const tokens = [...new Set(Search.tokenize(q))].slice(0, MAX_WORDS);
    // A query ending in a letter or digit is still being typed: its last word may be a prefix.
    const open = /[\p{L}\p{N}]$/u.test(q);
    return tokens.map((token, i) => {
      const length = [...token].length;
      const stems = Search.terms(token); // [] for a stop word
      const known = stems.some((stem) => index.invertedIndex[stem] !== undefined);
      let edits = 0;
      if (!known && length >= FUZZY_TWO_EDITS_MIN_LENGTH) edits = 2;
      else if (!known && length >= FUZZY_MIN_LENGTH) edits = 1;
      let prefixes = [];
      let completions = [];
      if (open && i === tokens.length - 1 && length >= PREFIX_MIN_LENGTH) {
        // The index holds stems, so the stem of what was typed is a prefix too.
        prefixes = [...new Set([token, ...stems])].filter((p) => [...p].length >= PREFIX_MIN_LENGTH);
        prefixes = prefixes.filter((p) => !prefixes.some((other) => other !== p && p.startsWith(other)));
        if (length >= COMPLETION_MIN_LENGTH && /^[a-z]+$/.test(token)) {
          completions = [...new Set(COMPLETION_TAILS.flatMap((tail) => Search.terms(token + tail)))]
            .filter((term) => index.invertedIndex[term] !== undefined && !stems.includes(term) &&
              !prefixes.some((prefix) => term.startsWith(prefix)));
        }
      }
      return { token, stems, edits, prefixes, completions };
    });
  }

  // The lunr query of those words, for idx.query() or runQuery().
  function clausesFor(words) {
    return (query) => {
      for (const word of words) {
        if (word.stems.length) {
          query.term(word.token, { usePipeline: true, boost: BOOST_EXACT });
          if (word.edits) {
            query.term(word.token, { usePipeline: true, editDistance: word.edits, boost: BOOST_FUZZY });
          }
        }
        for (const prefix of word.prefixes) {
          query.term(prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: BOOST_PREFIX });
        }
        for (const completion of word.completions) {
          query.term(completion, { usePipeline: false, boost: BOOST_PREFIX });
        }
      }
    };
  }

  /* Runs a lunr query the way lunr.Index#query does: the same term expansion
   * (pipeline, wildcard and fuzzy token sets) and the same score (each field's
   * vector dotted with the query vector, over the query vector's length, summed
   * over fields), for optional clauses. What it leaves out is lunr's MatchData
   * and Set per document and field: at 5,000 articles a word in every article
   * cost ~100 ms there and costs a few here. Returns [{ref, score, terms}], best
   * first, terms being the index terms the doc matched (lunr's matchData keys). */
  function runQuery(build) {
    const query = new lunr.Query(index.fields);
    build(query);
    const boosts = new Map(); // expanded term -> summed boost (the query vector)
    for (const clause of query.clauses) {
      const terms = clause.usePipeline
        ? index.pipeline.runString(clause.term, { fields: clause.fields })
        : [clause.term];
      for (const term of terms) {
        const tokenSet = lunr.TokenSet.fromClause(Object.assign({}, clause, { term }));
        for (const expanded of index.tokenSet.intersect(tokenSet).toArray()) {
          boosts.set(expanded, (boosts.get(expanded) || 0) + clause.boost);
        }
      }
    }
    let squares = 0;
    for (const boost of boosts.values()) squares += boost * boost;
    const length = Math.sqrt(squares);
    const scores = new Float64Array(docs.length);
    const matched = new Array(docs.length); // doc number -> terms
    const hits = [];
    for (const [term, boost] of boosts) {
      const posting = index.invertedIndex[term];
      const position = posting._index;
      for (const field of index.fields) {
        const byDoc = vectors[field];
        for (const ref in posting[field]) {
          const doc = +ref;
          scores[doc] += boost * valueAt(byDoc[doc], position);
          const terms = matched[doc];
          if (terms === undefined) {
            matched[doc] = [term];
            hits.push(doc);
          } else if (terms[terms.length - 1] !== term) {
            terms.push(term);
          }
        }
      }
    }
    const results = hits.map((ref) => ({ ref, score: scores[ref] / length || 0, terms: matched[ref] }));
    return results.sort((a, b) => b.score - a.score || a.ref - b.ref);
  }

  // The value of one term in a lunr vector's [index, value, index, value, …] elements.
  function valueAt(elements, position) {
    if (!elements) return 0;
    let low = 0;
    let high = elements.length / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = elements[middle * 2];
      if (at === position) return elements[middle * 2 + 1];
      if (at < position) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /* Every doc that matches, best first. All words must match; when no doc has
   * them all, docs with any of them are returned and mode says so. */
  function rank(q) {
    const words = analyse(q);
    if (!words.length) return { mode: 'none', items: [] };
    const items = runQuery(clausesFor(words));
    /* "All words" is checked here, per word, rather than with lunr's REQUIRED
     * presence: a word is up to three clauses (exact, fuzzy, prefix), lunr
     * requires each clause on its own, and a typo or an unfinished last word
     * would empty the results. Stop words are not required. */
    const required = words.filter((word) => word.stems.length);
    if (!required.length) return { mode: 'all', items };
    const full = 2 ** required.length - 1;
    const masks = new Map(); // index term -> the required words it stands for
    const maskOf = (term) => {
      let mask = masks.get(term);
      if (mask === undefined) {
        mask = 0;
        required.forEach((word, bit) => {
          if (covers(word, term)) mask |= 1 << bit;
        });
        masks.set(term, mask);
      }
      return mask;
    };
    const all = items.filter((item) => item.terms.reduce((m, term) => m | maskOf(term), 0) === full);
    if (all.length || !items.length) return { mode: 'all', items: all };
    return { mode: 'any', items };
  }

  // Whether an index term is one of the forms a query word matches.
  function covers(word, term) {
    if (word.stems.includes(term)) return true;
    if (word.prefixes.some((prefix) => term.startsWith(prefix))) return true;
    if (word.completions.includes(term)) return true;
    return word.edits > 0 && word.stems.some((stem) => withinEdits(stem, term, word.edits));
  }

  // Optimal string alignment distance ≤ max (the edits lunr's fuzzy token sets allow).
  function withinEdits(a, b, max) {
    a = [...a];
    b = [...b];
    if (Math.abs(a.length - b.length) > max) return false;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return false;
      before = previous;
      previous = row;
    }
    return previous[b.length] <= max;
  }

  function rankingFor(q) {
    if (!lastRanking || lastRanking.q !== q) lastRanking = { q, ranking: rank(q) };
    return lastRanking.ranking;
  }

  // --- filters and facets --------------------------------------------------------------

  const yearOf = (doc) => (doc[DATE] ? doc[DATE].slice(0, 4) : 'undated');

  /* A doc has several entities and tags, so choosing some narrows (all must be
   * there); it has one year and one source, so choosing some widens (any of them). */
  const FACETS = {
    entity: { all: true, values: (doc) => doc[ENTITIES], label: (v) => entityNames[v] || v },
    tag: { all: true, values: (doc) => doc[TAGS], label: (v) => tagNames[v] || v },
    year: { all: false, values: (doc) => [yearOf(doc)], label: (v) => (v === 'undated' ? 'Date unknown' : v) },
    source: { all: false, values: (doc) => (doc[SOURCE] ? [doc[SOURCE]] : []), label: (v) => v },
  };
  const FACET_NAMES = Object.keys(FACETS);

  /* Filters the ranked docs and counts facet values over the result set. Counts
   * of an any-of facet (year, source) leave out that facet's own filter, so its
   * other values still say what choosing them would add. */
  function filterAndCount(items, filters) {
    const chosen = {}; // facet -> chosen value numbers (-1: a value no doc has)
    const counts = {};
    for (const name of FACET_NAMES) {
      const { ids, values } = facetValues[name];
      chosen[name] = (filters[name] || []).map((value) => (ids.has(value) ? ids.get(value) : -1));
      counts[name] = new Uint32Array(values.length);
    }
    const active = FACET_NAMES.filter((name) => chosen[name].length);
    const kept = [];
    for (const item of items) {
      let failed = null; // the one facet this doc fails, or '*' for more than one
      for (const name of active) {
        const has = facetValues[name].of[item.ref];
        const ok = FACETS[name].all
          ? chosen[name].every((id) => has.includes(id))
          : chosen[name].some((id) => has.includes(id));
        if (!ok) {
          failed = failed === null ? name : '*';
          if (failed === '*') break;
        }
      }
      if (failed === null) {
        kept.push(item);
        for (const name of FACET_NAMES) for (const id of facetValues[name].of[item.ref]) counts[name][id]++;
      } else if (failed !== '*' && !FACETS[failed].all) {
        for (const id of facetValues[failed].of[item.ref]) counts[failed][id]++;
      }
    }
    const facets = {};
    for (const name of FACET_NAMES) {
      const { values } = facetValues[name];
      const selected = filters[name] || [];
      let list = [];
      counts[name].forEach((count, id) => {
        if (count || selected.includes(values[id])) {
          list.push({ value: values[id], label: FACETS[name].label(values[id]), count, selected: selected.includes(values[id]) });
        }
      });
      for (const value of selected) {
        if (!facetValues[name].ids.has(value)) list.push({ value, label: FACETS[name].label(value), count: 0, selected: true });
      }
      list.sort(
        name === 'year'
          ? (a, b) => (a.value === 'undated') - (b.value === 'undated') || b.value.localeCompare(a.value)
          : (a, b) => b.count - a.count || a.label.localeCompare(b.label)
      );
      // Keep every selected value, however far down.
      facets[name] = list.filter((v, i) => i < MAX_FACET_VALUES || v.selected);
    }
    return { kept, facets };
  }

  // --- sorting -------------------------------------------------------------------------

  const byScore = (a, b) => b.score - a.score;
  const dateOf = (item) => docs[item.ref][DATE];
  function byDate(direction) {
    // Undated docs come last either way.
    return (a, b) => {
      const da = dateOf(a);
      const db = dateOf(b);
      if (!da || !db) return (!da) - (!db) || byScore(a, b) || a.ref - b.ref;
      return direction * (da < db ? -1 : da > db ? 1 : 0) || byScore(a, b) || a.ref - b.ref;
    };
  }
  const SORTS = { newest: byDate(-1), oldest: byDate(1) };
  SORTS.relevance = (a, b) => byScore(a, b) || SORTS.newest(a, b);

  function sortItems(items, sort, browsing) {
    // Without words every score is equal: "relevance" is then newest first.
    const compare = browsing && sort !== 'oldest' ? SORTS.newest : SORTS[sort] || SORTS.relevance;
    return items.slice().sort(compare);
  }

  // --- highlighting ----------------------------------------------------------------------

  const termsOfChunk = new Map(); // a word of text -> the index terms it stands for

  function chunkTerms(chunk) {
    let terms = termsOfChunk.get(chunk);
    if (!terms) {
      if (termsOfChunk.size > 50000) termsOfChunk.clear();
      terms = [];
      for (const token of Search.tokenize(chunk)) terms.push(...Search.terms(token));
      termsOfChunk.set(chunk, terms);
    }
    return terms;
  }

  /* A text as alternating runs, [plain, marked, plain, …, plain], marking each
   * word whose terms the doc matched (so stemmed and fuzzy matches light up
   * too). With window, only about that many words around the first match. */
  function highlight(text, matched, window) {
    const pieces = String(text || '').split(/(\s+)/); // words at even positions
    const wordCount = Math.ceil(pieces.length / 2);
    const marks = new Array(wordCount).fill(null);
    let first = -1;
    for (let w = 0; w < wordCount; w++) {
      // Mark the letters and digits, not the punctuation around them.
      const core = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(pieces[w * 2]);
      if (core[2] && chunkTerms(core[2]).some((term) => matched.has(term))) {
        marks[w] = core;
        if (first < 0) first = w;
      }
    }
    let start = 0;
    let end = wordCount;
    if (window && wordCount > window) {
      start = Math.max(0, Math.min(first - SNIPPET_LEAD, wordCount - window));
      end = start + window;
    }
    const runs = [start > 0 ? '… ' : ''];
    for (let w = start; w < end; w++) {
      if (w > start) runs[runs.length - 1] += pieces[w * 2 - 1];
      const core = marks[w];
      if (core) {
        runs[runs.length - 1] += core[1];
        runs.push(core[2], core[3]);
      } else {
        runs[runs.length - 1] += pieces[w * 2];
      }
    }
    if (end < wordCount) runs[runs.length - 1] += ' …';
    return { runs, marked: first >= 0 };
  }

  // The fields of one result, ready to show.
  function present(item, filters) {
    const doc = docs[item.ref];
    const matched = new Set(item.terms);
    const chips = (ids, names, selected, max) => {
      const all = ids.map((id) => {
        const name = highlight(names[id] || id, matched);
        return { id, name: name.runs, rank: selected.includes(id) ? 0 : name.marked ? 1 : 2 };
      });
      all.sort((a, b) => a.rank - b.rank); // stable: as listed within a rank
      return {
        shown: all.slice(0, max).map(({ id, name }) => ({ id, name })),
        more: Math.max(0, all.length - max),
      };
    };
    return {
      ref: item.ref,
      url: doc[URL],
      title: highlight(doc[TITLE], matched).runs,
      date: doc[DATE],
      source: doc[SOURCE],
      snippet: highlight(doc[TEXT], matched, SNIPPET_WORDS).runs,
      entities: chips(doc[ENTITIES], entityNames, filters.entity || [], MAX_ENTITY_CHIPS),
      tags: chips(doc[TAGS], tagNames, filters.tag || [], MAX_TAG_CHIPS),
    };
  }

  // --- answering -------------------------------------------------------------------------

  function answer(message) {
    const started = performance.now();
    const filters = message.filters || {};
    const browsing = !Search.tokenize(message.q).length;
    const filtering = FACET_NAMES.some((name) => (filters[name] || []).length);
    let ranking;
    if (!browsing) ranking = rankingFor(message.q);
    else if (filtering) ranking = { mode: 'browse', items: docs.map((_, ref) => ({ ref, score: 0, terms: [] })) };
    else ranking = { mode: 'none', items: [] };
    const { kept, facets } = filterAndCount(ranking.items, filters);
    const sorted = sortItems(kept, message.sort, browsing);
    const offset = message.offset || 0;
    return {
      type: 'results',
      id: message.id,
      q: message.q,
      mode: ranking.mode,   // all | any (no doc has every word) | browse (filters only) | none
      total: sorted.length, // after filters
      offset,
      items: sorted.slice(offset, offset + (message.limit || 20)).map((item) => present(item, filters)),
      facets,               // {entity|tag|year|source: [{value, label, count, selected}]}
      workerMs: performance.now() - started,
    };
  }

  if (!inWorker) {
    self.NewsarchiveSearchEngine = Object.freeze({
      prepare, answer, analyse, clausesFor, runQuery,
      get index() { return index; },
    });
    return;
  }

  let pending = null; // the newest query not answered yet
  let scheduled = false;

  // Only the newest query matters: queries that arrive while one runs replace each other.
  function schedule() {
    if (scheduled || !pending || !index) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const message = pending;
      pending = null;
      if (message) self.postMessage(answer(message));
    }, 0);
  }

  self.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'init') {
      load(message.indexUrl, message.docsUrl).then(schedule);
    } else if (message.type === 'search') {
      pending = message;
      schedule();
    }
  };
})();
