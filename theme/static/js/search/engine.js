/* The search engine: one page of results for a search message, from a source
 * of index data (shards.js; the tests' oracle holds the whole index in memory).
 *
 * A search: the query's words (query.js) expand to index terms; the articles
 * of those terms are the matches (all words, else any: mode says which); the
 * filters keep some and the facets count them (facets.js); the order asked for
 * (order.js) picks one page, fetching the tails of postings only when the order
 * of that page depends on them (score.js: bounds); the page's fields come
 * highlighted (highlight.js). Scores are lunr's own, to the bit.
 *
 * Rules: the ranking of a query is kept, so filters, sorts and "show more" on
 * it fetch nothing again; an answer that is no longer wanted (current() false
 * after a fetch) stops with STALE, so a newer query never waits for an older one.
 */
import { andInto, bitset, has, orInto, refsOf } from './bitsets.js';
import { facetTables, filterAndCount, isFiltering, noFacets } from './facets.js';
import { presenter } from './highlight.js';
import { comparators, sameDateGroups } from './order.js';
import { register, terms, tokenize } from './pipeline.js';
import { bitsOf } from './postings.js';
import { PAGE_SIZE } from './protocol.js';
import { clausesFor, covers, expand, parseQuery, settle, termsToLookUp } from './query.js';
import { contenders, scorer } from './score.js';

export const STALE = Object.freeze({ stale: true });
const NO_MATCH = Object.freeze({ mode: 'none', items: [], terms: () => [] });

/* The engine over source; lunr is lunr.js (its stemmer, query and token sets).
 * open() must resolve before anything else. */
export function createEngine(source, lunr) {
  register(lunr);
  const termsOf = (text) => terms(text, lunr);
  const present = presenter((word) => tokenize(word).flatMap(termsOf));
  let meta = null;       // {count, fields, pipeline}
  let pipeline = null;   // the lunr pipeline the index was built with
  let tables = null;     // facets.js tables, once loaded
  let lastRanking = null; // {q, promise}: filters, sort and "show more" reuse it

  async function open() {
    meta = await source.open();
    pipeline = lunr.Pipeline.load(meta.pipeline);
    return meta;
  }

  /** The settled words of a query (query.js). */
  async function analyse(q) {
    const words = parseQuery(q, { tokenize, terms: termsOf });
    return settle(words, await source.has(termsToLookUp(words)));
  }

  /** A lunr query (a function adding clauses) as Map index term -> summed boost. */
  function expandQuery(build) {
    const vocabulary = (clause) => source.vocabulary(clause);
    return expand(build, { lunr, fields: meta.fields, pipeline, vocabulary });
  }

  /* Every article that matches (ascending) and how to score them: all words
   * must match; when no article has them all, those with any are returned and
   * mode says so. Stop words are not required. */
  async function rank(q) {
    const words = await analyse(q);
    if (!words.length) return NO_MATCH;
    const boosts = await expandQuery(clausesFor(words, lunr));
    const datas = await source.terms([...boosts.keys()]);
    const bitsOfTerm = (term) => bitsOf(datas.get(term), meta.count);
    const hits = bitset(meta.count);
    for (const term of datas.keys()) orInto(hits, bitsOfTerm(term));
    const ranking = {
      mode: 'all',
      items: refsOf(hits),
      scores: scorer(boosts, datas, meta.fields.length, meta.count),
      terms: (ref) => [...boosts.keys()].filter((term) => has(bitsOfTerm(term), ref)),
    };
    const required = words.filter((word) => word.stems.length);
    if (!required.length || !ranking.items.length) return ranking;
    const all = hits.slice();
    for (const word of required) {
      const covered = bitset(meta.count);
      for (const term of datas.keys()) if (covers(word, term)) orInto(covered, bitsOfTerm(term));
      andInto(all, covered);
    }
    const items = refsOf(all);
    return items.length ? { ...ranking, items } : { ...ranking, mode: 'any' };
  }

  function rankingFor(q) {
    if (!lastRanking || lastRanking.q !== q) {
      const promise = rank(q);
      lastRanking = { q, promise };
      promise.catch(() => { if (lastRanking && lastRanking.promise === promise) lastRanking = null; });
    }
    return lastRanking.promise;
  }

  async function loadFacets() {
    if (tables) return;
    const data = await source.facets();
    if (!tables) tables = facetTables(data);
  }

  /* The first `end` articles of kept in the order asked for, fetching the tails
   * of postings only when that order depends on them. */
  async function ordered(ranking, kept, sort, browsing, end) {
    if (browsing || !ranking.scores) {
      const sorts = comparators(() => 0, tables.dates);
      const by = browsing && sort !== 'oldest' ? sorts.newest : sorts[sort] || sorts.relevance;
      return kept.slice().sort(by).slice(0, end);
    }
    const s = ranking.scores;
    for (;;) {
      const state = s.state();
      const needed = sort === 'newest' || sort === 'oldest'
        ? sameDateGroups(kept, sort, end, tables.dates)
        : contenders(kept, end, state);
      const unknown = needed.filter((ref) => state.pending[ref]);
      if (!unknown.length) {
        const sorts = comparators((ref) => state.scores[ref], tables.dates);
        return needed.sort(sorts[sort] || sorts.relevance).slice(0, end);
      }
      const pending = new Set();
      for (const ref of unknown) for (const data of s.unknown(ref)) pending.add(data.term);
      await source.complete([...pending]);
    }
  }

  /* The answer to a search message {id, q, filters, sort, offset, limit}:
   * {type: 'results', id, q, mode, total, offset, items, facets}. mode: all |
   * any (no article has every word) | browse (filters only) | none. */
  async function answer(message, current) {
    const check = () => { if (current && !current()) throw STALE; };
    const filters = message.filters || {};
    const browsing = !tokenize(message.q).length;
    const filtering = isFiltering(filters);
    let ranking = NO_MATCH;
    if (!browsing) ranking = await rankingFor(message.q);
    else if (filtering) ranking = { mode: 'browse', items: Array.from({ length: meta.count }, (_, ref) => ref), terms: () => [] };
    check();
    const offset = message.offset || 0;
    const end = offset + (message.limit || PAGE_SIZE);
    let kept = [];
    let facets = noFacets(filters);
    let shown = [];
    if (ranking.items.length || filtering) {
      await loadFacets();
      check();
      ({ kept, facets } = filterAndCount(ranking.items, filters, tables));
      shown = (await ordered(ranking, kept, message.sort, browsing, end)).slice(offset);
      check();
    }
    const docs = await source.docs(shown);
    check();
    const names = tables ? tables.names : { entity: {}, tag: {} };
    return {
      type: 'results',
      id: message.id,
      q: message.q,
      mode: ranking.mode,
      total: kept.length, // after filters
      offset,
      items: shown.map((ref) => present(
        ref, docs.get(ref), ranking.terms(ref), ranking.scores ? ranking.scores.score(ref) : 0, filters, names
      )),
      facets, // {entity|tag|year|month|source: [{value, label, count, selected}]}
    };
  }

  return { open, analyse, expand: expandQuery, rank, answer };
}
