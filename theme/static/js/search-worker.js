/* The archive's search, off the main thread.
 *
 * Loads lunr, the archive's own pipeline (the same tokens, spelling folds, stop
 * words and stems the build indexed with) and the search index's manifest,
 * then answers the page's queries: ranking, word coverage, filters, facet
 * counts, sorting and the highlighted fields of one page of results, fetching
 * the index shards each query needs as it goes (search-index.js). Typing never
 * waits for any of it.
 *
 * Messages in:  {type: 'init', manifestUrl}
 *               {type: 'search', id, q, filters: {entity: [], tag: [], year: [], source: []},
 *                sort: 'relevance' | 'newest' | 'oldest', offset, limit}
 * Messages out: {type: 'progress', phase: 'download', loaded, total} (files)
 *               {type: 'ready', count}: the manifest, and what the first query needed, are in
 *               {type: 'error', message}
 *               {type: 'results', id, ...} (see answer())
 *
 * Loaded as a plain script in a page (after lunr, search-pipeline.js and
 * search-index.js) it runs nothing and exposes self.NewsarchiveSearchEngine;
 * from Node, module.exports: {createEngine}. The tests use these to check the
 * ranking against lunr's idx.query and the sharded source against the whole
 * index in memory.
 */
'use strict';

(function (root) {
  const inWorker = typeof WorkerGlobalScope !== 'undefined' && root instanceof WorkerGlobalScope;
  // By URLs relative to this file: theme/js/ and theme/vendor/.
  if (inWorker) importScripts('../vendor/lunr.min.js', 'search-pipeline.js', 'search-index.js');

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
  // A bound on a score computed in another order than the score itself may be
  // off by rounding: bounds get this much room (it only ever fetches more).
  const SLACK = 1e-9;

  // A document row: [title, url, date, source, entity ids, tag ids, text]
  const TITLE = 0, URL = 1, DATE = 2, SOURCE = 3, ENTITIES = 4, TAGS = 5, TEXT = 6;

  /* The search over one source (search-index.js). lunr and Search (search-
   * pipeline.js) are passed in; open() must resolve before anything else. */
  function createEngine(source, lunr, Search) {
    Search.register(lunr);
    let fields = [];
    let count = 0;
    let pipeline = null;
    let facetValues = null; // facet -> {values, ids: Map(value -> number), of: [[number] by doc]}
    let entityNames = {};
    let tagNames = {};
    let dates = null;       // doc -> 'YYYY-MM-DD' or ''
    let lastRanking = null; // {q, promise}: filters, sort and "show more" reuse it

    async function open() {
      const meta = await source.open();
      fields = meta.fields;
      count = meta.count;
      pipeline = lunr.Pipeline.load(meta.pipeline);
      return meta;
    }

    // --- the query ---------------------------------------------------------------------

    // The words of a query and what each may match.
    async function analyse(q) {
      const tokens = [...new Set(Search.tokenize(q))].slice(0, MAX_WORDS);
      // A query ending in a letter or digit is still being typed: its last word may be a prefix.
      const open = /[\p{L}\p{N}]$/u.test(q);
      const words = tokens.map((token, i) => {
        const length = [...token].length;
        const stems = Search.terms(token); // [] for a stop word
        let prefixes = [];
        let completions = [];
        if (open && i === tokens.length - 1 && length >= PREFIX_MIN_LENGTH) {
          // The index holds stems, so the stem of what was typed is a prefix too.
          prefixes = [...new Set([token, ...stems])].filter((p) => [...p].length >= PREFIX_MIN_LENGTH);
          prefixes = prefixes.filter((p) => !prefixes.some((other) => other !== p && p.startsWith(other)));
          if (length >= COMPLETION_MIN_LENGTH && /^[a-z]+$/.test(token)) {
            completions = [...new Set(COMPLETION_TAILS.flatMap((tail) => Search.terms(token + tail)))]
              .filter((term) => !stems.includes(term) && !prefixes.some((prefix) => term.startsWith(prefix)));
          }
        }
        return { token, length, stems, edits: 0, prefixes, completions };
      });
      const held = await source.has([...new Set(words.flatMap((w) => [...w.stems, ...w.completions]))]);
      for (const word of words) {
        const known = word.stems.some((stem) => held.has(stem));
        if (!known && word.length >= FUZZY_TWO_EDITS_MIN_LENGTH) word.edits = 2;
        else if (!known && word.length >= FUZZY_MIN_LENGTH) word.edits = 1;
        word.completions = word.completions.filter((term) => held.has(term));
        delete word.length;
      }
      return words;
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

    /* The index terms a lunr query expands to, with their summed boosts (the
     * query vector), in the order lunr.Index#query meets them: the same
     * pipeline, and the same token set intersections (on the terms the clause
     * can reach, which gives lunr's terms in lunr's order). */
    async function expand(build) {
      const query = new lunr.Query(fields);
      build(query);
      const boosts = new Map();
      for (const clause of query.clauses) {
        const terms = clause.usePipeline
          ? pipeline.runString(clause.term, { fields: clause.fields })
          : [clause.term];
        for (const term of terms) {
          const single = Object.assign({}, clause, { term });
          const vocabulary = await source.vocabulary(single);
          for (const expanded of vocabulary.intersect(lunr.TokenSet.fromClause(single)).toArray()) {
            boosts.set(expanded, (boosts.get(expanded) || 0) + clause.boost);
          }
        }
      }
      return boosts;
    }

    // --- sets of documents as bitmaps ------------------------------------------------------

    const newBits = () => new Uint32Array((count + 31) >>> 5);
    function bitsOf(data) {
      if (!data.bits) {
        data.bits = newBits();
        for (const ref of data.refs) data.bits[ref >>> 5] |= 1 << (ref & 31);
      }
      return data.bits;
    }
    const hasBit = (bits, ref) => (bits[ref >>> 5] & (1 << (ref & 31))) !== 0;
    function refsOf(bits) {
      const refs = [];
      for (let w = 0; w < bits.length; w++) {
        let word = bits[w];
        while (word) {
          const low = word & -word;
          refs.push((w << 5) + 31 - Math.clz32(low));
          word ^= low;
        }
      }
      return refs;
    }

    /* Scores, the way lunr.Index#query computes them, to the bit: per field, the
     * dot product of the query vector and the document's field vector (terms in
     * lunr term index order) over the query vector's magnitude, summed over the
     * fields in the order lunr first meets them for that document. A document
     * whose postings are not all known yet gets bounds instead: `lower`, what
     * the known postings give, and `upper`, that plus what each term whose
     * posting is still unknown can weigh at most (its tau). */
    function scorer(boosts, datas) {
      const terms = [...boosts].map(([term, boost], seq) => ({ boost, seq, data: datas.get(term) }));
      const byIndex = terms.slice().sort((a, b) => a.data.index - b.data.index);
      let squares = 0;
      for (const t of byIndex) squares += t.boost * t.boost;
      const magnitude = Math.sqrt(squares);
      const nf = fields.length;
      let state = null;

      function compute() {
        const dot = new Float64Array(nf * count);
        const first = new Int32Array(nf * count).fill(-1); // seq of the first term per field and doc
        const open = new Float64Array(count);              // summed upper bounds of unknown postings
        const pending = new Uint16Array(count);            // terms whose posting is unknown
        for (const t of byIndex) {
          const { fieldRefs, fieldWeights, known, refs, tau } = t.data;
          for (let f = 0; f < nf; f++) {
            const at = fieldRefs[f];
            const weights = fieldWeights[f];
            const base = f * count;
            for (let i = 0; i < at.length; i++) {
              const k = base + at[i];
              dot[k] += t.boost * weights[i];
              if (first[k] < 0 || first[k] > t.seq) first[k] = t.seq;
            }
          }
          if (known) {
            for (let p = 0; p < refs.length; p++) {
              if (!known[p]) {
                open[refs[p]] += t.boost * tau / 1000;
                pending[refs[p]]++;
              }
            }
          }
        }
        // Per doc, its fields in the order lunr meets them, each field's share summed in turn.
        const scores = new Float64Array(count);
        const order = new Int32Array(nf);
        for (let doc = 0; doc < count; doc++) {
          let n = 0;
          for (let f = 0; f < nf; f++) {
            const seq = first[f * count + doc];
            if (seq < 0) continue;
            let i = n++;
            while (i > 0 && first[order[i - 1] * count + doc] > seq) {
              order[i] = order[i - 1];
              i--;
            }
            order[i] = f;
          }
          let total = 0;
          for (let i = 0; i < n; i++) {
            const value = dot[order[i] * count + doc] / magnitude || 0;
            total = i ? total + value : value;
          }
          scores[doc] = total;
        }
        return { scores, open, pending };
      }

      return {
        /* {scores, open, pending, magnitude} for the postings known now: lunr's
         * score of each doc (exact when pending[doc] is 0, else what its known
         * postings give) and what its unknown postings can add at most (open,
         * before dividing by the query vector's magnitude). */
        state() {
          const version = terms.reduce((sum, t) => sum + t.data.version, 0);
          if (!state || state.version !== version) {
            state = compute();
            state.version = version;
            state.magnitude = magnitude;
          }
          return state;
        },
        score(doc) {
          return this.state().scores[doc];
        },
        // Terms whose postings for doc are not known yet.
        unknown: (doc) => terms.filter((t) => t.data.known && hasBit(bitsOf(t.data), doc) &&
          !t.data.known[lowerBoundOf(t.data.refs, doc)]).map((t) => t.data),
      };
    }

    function lowerBoundOf(sorted, value) {
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (sorted[middle] < value) low = middle + 1;
        else high = middle;
      }
      return low;
    }

    /* Runs a lunr query the way lunr.Index#query does (optional clauses): the
     * same expanded terms, the same scores. Fetches every posting it needs.
     * Returns [{ref, score, terms}], best first (equal scores by ref), terms being
     * the index terms the doc matched (lunr's matchData keys). */
    async function runQuery(build) {
      const boosts = await expand(build);
      const datas = await source.terms([...boosts.keys()]);
      for (;;) {
        const partial = [...datas.values()].filter((d) => d.known).map((d) => d.term);
        if (!partial.length) break;
        await source.complete(partial);
      }
      const s = scorer(boosts, datas);
      const hits = newBits();
      for (const data of datas.values()) orInto(hits, bitsOf(data));
      const results = refsOf(hits).map((ref) => ({
        ref,
        score: s.score(ref),
        terms: [...boosts.keys()].filter((term) => hasBit(bitsOf(datas.get(term)), ref)),
      }));
      return results.sort((a, b) => b.score - a.score || a.ref - b.ref);
    }

    function orInto(target, bits) {
      for (let w = 0; w < target.length; w++) target[w] |= bits[w];
    }

    /* Every doc that matches (refs, ascending) and how to score them. All words
     * must match; when no doc has them all, docs with any of them are returned
     * and mode says so. */
    async function rank(q) {
      const words = await analyse(q);
      if (!words.length) return { mode: 'none', items: [], terms: () => [] };
      const boosts = await expand(clausesFor(words));
      const datas = await source.terms([...boosts.keys()]);
      const hits = newBits();
      for (const data of datas.values()) orInto(hits, bitsOf(data));
      const scores = scorer(boosts, datas);
      const terms = (ref) => [...boosts.keys()].filter((term) => hasBit(bitsOf(datas.get(term)), ref));
      const ranking = { mode: 'all', items: refsOf(hits), scores, terms };
      /* "All words" is checked here, per word, rather than with lunr's REQUIRED
       * presence: a word is up to three clauses (exact, fuzzy, prefix), lunr
       * requires each clause on its own, and a typo or an unfinished last word
       * would empty the results. Stop words are not required. */
      const required = words.filter((word) => word.stems.length);
      if (!required.length || !ranking.items.length) return ranking;
      const all = hits.slice();
      for (const word of required) {
        const covered = newBits();
        for (const [term, data] of datas) if (covers(word, term)) orInto(covered, bitsOf(data));
        for (let w = 0; w < all.length; w++) all[w] &= covered[w];
      }
      const items = refsOf(all);
      if (items.length) return Object.assign(ranking, { items });
      return Object.assign(ranking, { mode: 'any' });
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
      if (!lastRanking || lastRanking.q !== q) {
        const promise = rank(q);
        lastRanking = { q, promise };
        promise.catch(() => { if (lastRanking && lastRanking.promise === promise) lastRanking = null; });
      }
      return lastRanking.promise;
    }

    // --- filters and facets --------------------------------------------------------------

    const yearOf = (date) => (date ? date.slice(0, 4) : 'undated');

    /* A doc has several entities and tags, so choosing some narrows (all must be
     * there); it has one year and one source, so choosing some widens (any of them). */
    const FACETS = {
      entity: { all: true, label: (v) => entityNames[v] || v },
      tag: { all: true, label: (v) => tagNames[v] || v },
      year: { all: false, label: (v) => (v === 'undated' ? 'Date unknown' : v) },
      source: { all: false, label: (v) => v },
    };
    const FACET_NAMES = Object.keys(FACETS);

    async function loadFacets() {
      if (facetValues) return;
      const data = await source.facets();
      if (facetValues) return;
      entityNames = Object.fromEntries(data.entities);
      tagNames = Object.fromEntries(data.tags);
      dates = data.dates;
      const facet = (values, of) => ({ values, ids: new Map(values.map((v, n) => [v, n])), of });
      const years = [...new Set(dates.map(yearOf))].sort();
      const yearNumber = new Map(years.map((y, n) => [y, n]));
      facetValues = {
        entity: facet(data.entities.map(([id]) => id), data.entityOf),
        tag: facet(data.tags.map(([id]) => id), data.tagOf),
        year: facet(years, dates.map((date) => [yearNumber.get(yearOf(date))])),
        source: facet(data.sources, Array.from(data.sourceOf, (n) => (n < 0 ? [] : [n]))),
      };
    }

    /* Filters the matching docs and counts facet values over the result set.
     * Counts of an any-of facet (year, source) leave out that facet's own
     * filter, so its other values still say what choosing them would add. */
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
      for (const ref of items) {
        let failed = null; // the one facet this doc fails, or '*' for more than one
        for (const name of active) {
          const has = facetValues[name].of[ref];
          const ok = FACETS[name].all
            ? chosen[name].every((id) => has.includes(id))
            : chosen[name].some((id) => has.includes(id));
          if (!ok) {
            failed = failed === null ? name : '*';
            if (failed === '*') break;
          }
        }
        if (failed === null) {
          kept.push(ref);
          for (const name of FACET_NAMES) for (const id of facetValues[name].of[ref]) counts[name][id]++;
        } else if (failed !== '*' && !FACETS[failed].all) {
          for (const id of facetValues[failed].of[ref]) counts[failed][id]++;
        }
      }
      const facets = {};
      for (const name of FACET_NAMES) {
        const { values } = facetValues[name];
        const selected = filters[name] || [];
        const list = [];
        counts[name].forEach((n, id) => {
          if (n || selected.includes(values[id])) {
            list.push({ value: values[id], label: FACETS[name].label(values[id]), count: n, selected: selected.includes(values[id]) });
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

    function noFacets(filters) {
      const facets = {};
      for (const name of FACET_NAMES) {
        facets[name] = (filters[name] || []).map((value) => ({ value, label: value, count: 0, selected: true }));
      }
      return facets;
    }

    // --- sorting -------------------------------------------------------------------------

    // Comparators of refs, given each ref's exact score.
    function comparators(scoreOf) {
      const byScore = (a, b) => scoreOf(b) - scoreOf(a);
      function byDate(direction) {
        // Undated docs come last either way.
        return (a, b) => {
          const da = dates[a];
          const db = dates[b];
          if (!da || !db) return (!da) - (!db) || byScore(a, b) || a - b;
          return direction * (da < db ? -1 : da > db ? 1 : 0) || byScore(a, b) || a - b;
        };
      }
      const sorts = { newest: byDate(-1), oldest: byDate(1) };
      sorts.relevance = (a, b) => byScore(a, b) || sorts.newest(a, b);
      return sorts;
    }

    /* The first `end` docs of kept in the order asked for, fetching the tails of
     * postings only when that order depends on them. */
    async function ordered(ranking, kept, sort, browsing, end) {
      if (browsing || !ranking.scores) {
        // Without words every score is equal: "relevance" is then newest first.
        const sorts = comparators(() => 0);
        return kept.slice().sort(browsing && sort !== 'oldest' ? sorts.newest : sorts[sort] || sorts.relevance).slice(0, end);
      }
      const s = ranking.scores;
      for (;;) {
        const { scores, pending, open, magnitude } = s.state();
        const needed = sort === 'newest' || sort === 'oldest'
          ? sameDateGroups(kept, sort, end)
          : contenders(kept, end, scores, pending, open, magnitude);
        const unknown = needed.filter((ref) => pending[ref]);
        if (!unknown.length) {
          const sorts = comparators((ref) => scores[ref]);
          return needed.sort(sorts[sort] || sorts.relevance).slice(0, end);
        }
        const terms = new Set();
        for (const ref of unknown) for (const data of s.unknown(ref)) terms.add(data.term);
        await source.complete([...terms]);
      }
    }

    /* The docs that can be among the `end` best: those whose score can reach the
     * end-th best score known for sure. The known part of a score is summed in
     * another order than the whole score, so bounds get a little room (SLACK). */
    function contenders(kept, end, scores, pending, open, magnitude) {
      if (kept.length <= end) return kept.slice();
      const lowers = new Float64Array(kept.length);
      kept.forEach((ref, i) => { lowers[i] = pending[ref] ? scores[ref] * (1 - SLACK) : scores[ref]; });
      lowers.sort();
      const threshold = lowers[lowers.length - end];
      return kept.filter((ref) => (pending[ref]
        ? (scores[ref] + open[ref] / magnitude) * (1 + SLACK) + SLACK
        : scores[ref]) >= threshold);
    }

    /* The docs that can be among the first `end` by date: the first `end`, and
     * every doc sharing a date with one of them (scores order a date). */
    function sameDateGroups(kept, sort, end) {
      const byDateOnly = comparators(() => 0)[sort];
      const sorted = kept.slice().sort(byDateOnly);
      if (sorted.length <= end) return sorted;
      const lastDate = dates[sorted[end - 1]];
      let stop = end;
      while (stop < sorted.length && dates[sorted[stop]] === lastDate) stop++;
      return sorted.slice(0, stop);
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
    function present(ref, doc, terms, score, filters) {
      const matched = new Set(terms);
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
        ref,
        score,
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

    /* The answer to a search message; `current()`, when given, says whether it
     * is still wanted (checked after every fetch: a newer query replaces it). */
    async function answer(message, current) {
      const started = performance.now();
      const check = () => { if (current && !current()) throw STALE; };
      const filters = message.filters || {};
      const browsing = !Search.tokenize(message.q).length;
      const filtering = FACET_NAMES.some((name) => (filters[name] || []).length);
      let ranking;
      if (!browsing) ranking = await rankingFor(message.q);
      else if (filtering) ranking = { mode: 'browse', items: Array.from({ length: count }, (_, ref) => ref), terms: () => [] };
      else ranking = { mode: 'none', items: [], terms: () => [] };
      check();
      const offset = message.offset || 0;
      const end = offset + (message.limit || 20);
      let kept = [];
      let facets = noFacets(filters);
      let shown = [];
      if (ranking.items.length || filtering) {
        await loadFacets();
        check();
        ({ kept, facets } = filterAndCount(ranking.items, filters));
        shown = (await ordered(ranking, kept, message.sort, browsing, end)).slice(offset);
        check();
      }
      const docs = await source.docs(shown);
      check();
      return {
        type: 'results',
        id: message.id,
        q: message.q,
        mode: ranking.mode,   // all | any (no doc has every word) | browse (filters only) | none
        total: kept.length,   // after filters
        offset,
        items: shown.map((ref) => present(
          ref, docs.get(ref), ranking.terms(ref), ranking.scores ? ranking.scores.score(ref) : 0, filters
        )),
        facets,               // {entity|tag|year|source: [{value, label, count, selected}]}
        workerMs: performance.now() - started,
      };
    }

    return { open, analyse, clausesFor, expand, runQuery, rank, answer };
  }

  const STALE = { stale: true };

  if (typeof module === 'object' && module.exports) {
    module.exports = { createEngine, STALE };
    return;
  }
  if (!inWorker) {
    root.NewsarchiveSearchEngine = Object.freeze({ createEngine, STALE });
    return;
  }

  // --- the worker ------------------------------------------------------------------------

  const lunr = root.lunr;
  const Search = root.NewsarchiveSearch;
  let engine = null;
  let failed = false;
  let latest = 0;       // id of the newest search asked for
  let waiting = null;   // a search that came before the manifest
  let ready = false;

  function fail(error) {
    if (failed) return;
    failed = true;
    root.postMessage({ type: 'error', message: String((error && error.message) || error) });
  }

  async function run(message) {
    try {
      const results = await engine.answer(message, () => message.id === latest);
      root.postMessage(results);
    } catch (error) {
      if (error !== STALE) fail(error);
    }
  }

  async function init(manifestUrl) {
    try {
      const source = root.NewsarchiveSearchIndex.shardedSource(lunr, manifestUrl, {
        onProgress: ({ loaded, total }) => {
          if (!failed) root.postMessage({ type: 'progress', phase: 'download', loaded, total });
        },
      });
      engine = createEngine(source, lunr, Search);
      const meta = await engine.open();
      // What the first query needs still belongs to loading the search (the newest
      // one: a query typed meanwhile replaces it).
      while (waiting) {
        const message = waiting;
        waiting = null;
        await run(message);
      }
      ready = true;
      if (!failed) root.postMessage({ type: 'ready', count: meta.count });
    } catch (error) {
      fail(error);
    }
  }

  root.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'init') {
      init(message.manifestUrl);
    } else if (message.type === 'search') {
      latest = message.id;
      if (ready) run(message);
      else waiting = message;
    }
  };
})(typeof self !== 'undefined' ? self : globalThis);
