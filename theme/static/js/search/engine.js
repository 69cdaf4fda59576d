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
import { facetTables, filterAndCount, isFiltering, needsMembers, noFacets } from './facets.js';
import { presenter } from './highlight.js';
import { inOrder } from './order.js';
import { nameIndex, namesFirst, readNames } from './names.js';
import { register, STOP_WORDS, terms, tokenize } from './pipeline.js';
import { bitsOf } from './postings.js';
import { coordination } from './fallback.js';
import { PAGE_SIZE, UNDATED } from './protocol.js';
import { clausesFor, correctionsOf, covers, expand, parseQuery, settle, termsToLookUp } from './query.js';
import { scorer } from './score.js';
import { hasRun, parseSyntax, withoutQuestionWords } from './syntax.js';
import {
  articlesWith, correctionOf, linkedFirst, offered, queryFilters, readAs, withFallback, withNearMisses,
} from './rankings.js';

export const STALE = Object.freeze({ stale: true });
const NO_MATCH = Object.freeze({ mode: 'none', items: [], terms: () => [] });
// Phrases are checked on the loaded text of at most this many articles (docs/ files: 16 each).
export const PHRASE_VERIFY_MAX = 320;
// members.json up to this size (uncompressed; ~40 KB gzip, ~30 ms at 10 Mbit/s) loads with
// facets.json: less than a round trip. A bigger one comes after the first results.
export const MEMBERS_WITH_FACETS_BYTES = 64 * 1024;

/* The engine over source; lunr is lunr.js (its stemmer, query and token sets).
 * open() must resolve before anything else. */
export function createEngine(source, lunr) {
  register(lunr);
  // The terms of a text, kept: each keystroke stems again the words typed before it, and
  // a misspelt word's hundreds of variants (query.js). Callers never change the arrays.
  const termCache = new Map();
  const termsOf = (text) => {
    let found = termCache.get(text);
    if (found === undefined) {
      if (termCache.size > 50000) termCache.clear();
      found = terms(text, lunr);
      termCache.set(text, found);
    }
    return found;
  };
  const present = presenter((word) => tokenize(word).flatMap(termsOf));
  let meta = null;       // {count, fields, pipeline}
  let pipeline = null;   // the lunr pipeline the index was built with
  let tables = null;     // facets.js tables, once loaded
  let facetData = null;  // facets.json, once loaded
  let members = null;    // members.json, once loaded (the entity and topic tables)
  let nameWords = null;   // the words of the entities' names (as phrases compare them)
  let entityNames = null; // names.js index of the entities' names, once the facets are here
  let lastRanking = null; // {q, promise}: filters, sort and "show more" reuse it

  async function open() {
    meta = await source.open();
    pipeline = lunr.Pipeline.load(meta.pipeline);
    return meta;
  }

  /* The settled words of a query (query.js): a misspelt word with the stems its
   * typed variants have that the index holds; the word being typed with no
   * correction at all when a word of the index starts with it. */
  async function analyse(q) {
    const parsed = parseQuery(q, { tokenize, terms: termsOf });
    const words = settle(parsed, await source.has(termsToLookUp(parsed)));
    return Promise.all(words.map(async (word) => {
      if (!word.edits) return word;
      if (word.prefixes.length && (await startsAWord(word.prefixes))) return { ...word, edits: 0 };
      const variants = correctionsOf(word, termsOf);
      const held = await source.has([...variants.keys()]);
      const corrections = [...variants.keys()].filter((stem) => held.has(stem));
      return { ...word, corrections, variants };
    }));
  }

  /** Whether a word of the index starts with one of prefixes. */
  async function startsAWord(prefixes) {
    for (const prefix of prefixes) {
      // As lunr.Query#term spells a trailing wildcard clause: the term ends in "*".
      const clause = { term: `${prefix}${lunr.Query.wildcard}`, fields: meta.fields, boost: 1,
        usePipeline: false, editDistance: 0, wildcard: lunr.Query.wildcard.TRAILING };
      if ((await source.vocabulary(clause)).some((term) => term.startsWith(prefix))) return true;
    }
    return false;
  }

  /** A lunr query (a function adding clauses) as Map index term -> summed boost. */
  function expandQuery(build) {
    const vocabulary = (clause) => source.vocabulary(clause);
    return expand(build, { lunr, fields: meta.fields, pipeline, vocabulary });
  }

  /* Every article that matches (ascending) and how to score them. A plain query
   * (syntax.js) is ranked as lunr ranks it; a query using the syntax gets its
   * year filter, phrases, exclusions and alternatives. */
  async function rank(q) {
    const span = /\d{4}/.test(q) ? await yearSpan() : null;
    const syntax = parseSyntax(q, span);
    if (!syntax.plain) {
      const text = [syntax.words, ...syntax.phrases, ...syntax.alternatives.flat()].join(' ');
      const read = await readQuery(text, false);
      // Closed: no word of it is being typed.
      return entitiesFirst(await rankWords(`${text} `, syntax), read.named);
    }
    const read = await readQuery(q, /[\p{L}\p{N}]$/u.test(q));
    if (!read.changed) return entitiesFirst(await rankWords(q, null), read.named);
    const ranking = await rankWords(read.text, null);
    // Said as the reader typed it, corrected words replaced (question words kept).
    const words = [...read.corrected, ...(ranking.corrected ? ranking.corrected.words : [])];
    const corrected = words.length ? { q: readAs(q, words), words } : null;
    return entitiesFirst(corrected ? { ...ranking, corrected } : ranking, read.named);
  }

  /* The entities a query's words name (names.js), and the words as read when
   * one was being typed or misspelt in a name: {named, text, changed, corrected}. */
  async function readQuery(q, open) {
    const typed = tokenize(q);
    const tokens = withoutQuestionWords(typed);
    if (!tokens.length) return { named: [], text: q, changed: false, corrected: [] };
    // The facets (the names) and the query's terms load side by side.
    const [held] = await Promise.all([source.has([...new Set(tokens.flatMap(termsOf))]), loadFacets()]);
    const read = readNames({
      tokens,
      keys: tokens.map(phraseKey),
      open,
      known: (token) => termsOf(token).some((term) => held.has(term)),
      stop: (key) => STOP_WORDS.has(key),
    }, entityNames);
    const changed = tokens !== typed || read.tokens.some((token, i) => token !== tokens[i]);
    const text = read.tokens.join(' ') + (open ? '' : ' ');
    return { named: read.named.filter((id) => tables.entity.ids.has(id)), text, changed, corrected: read.corrected };
  }

  // The named entities' articles: from every article's entities when they are in, else
  // from each entity's file alone (entity/N.json).
  const entitiesFirst = (ranking, named) => linkedFirst(ranking, named, (numbers) => (members
    ? numbers.map((n) => articlesWith(members.entityOf, n))
    : Promise.all(numbers.map((n) => source.linked(n)))), tables.entity.ids, meta.count);

  /** The archive's first and last dated year, from the facets (null if none is dated). */
  async function yearSpan() {
    await loadFacets();
    const years = tables.year.values.filter((y) => y !== UNDATED).map(Number);
    return years.length ? [Math.min(...years), Math.max(...years)] : null;
  }

  /* The groups of tokens of which one must match: each plain word, each word of
   * a phrase, each set of alternatives (syntax: null for a plain query). */
  function requiredGroups(words, syntax) {
    const required = words.filter((word) => word.stems.length).map((word) => [word.token]);
    if (!syntax) return required;
    const alternative = new Map();
    for (const group of syntax.alternatives) {
      const tokens = group.flatMap((text) => tokenize(text));
      for (const token of tokens) alternative.set(token, tokens);
    }
    const groups = required.filter(([token]) => !alternative.has(token));
    return [...groups, ...new Set(alternative.values())];
  }

  /* The ranking of the words of text: every required group must match; when no
   * article matches them all, the fallback (coordination) ranks those with most. */
  async function rankWords(text, syntax) {
    const words = await analyse(text);
    if (!words.length && syntax && syntax.years.length) {
      // Only a year: the year's articles, as browsing them would list them.
      return { ...browseAll(), years: syntax.years, syntax };
    }
    if (!words.length) return NO_MATCH;
    const boosts = namesFirst(words, await expandQuery(clausesFor(words, lunr)), nameWords);
    const datas = await source.terms([...boosts.keys()]);
    const bitsOfTerm = (term) => bitsOf(datas.get(term), meta.count);
    const hits = bitset(meta.count);
    for (const term of datas.keys()) orInto(hits, bitsOfTerm(term));
    const ranking = {
      mode: 'all',
      items: refsOf(hits),
      scores: scorer(boosts, datas, meta.fields.length, meta.count),
      terms: (ref) => [...boosts.keys()].filter((term) => has(bitsOfTerm(term), ref)),
      years: syntax ? syntax.years : [],
      syntax,
    };
    const corrected = correctionOf(words, datas, bitsOfTerm, text.trim());
    if (corrected) ranking.corrected = corrected;
    const groups = requiredGroups(words, syntax);
    if (!groups.length || !ranking.items.length) return ranking;
    const coveredBy = groups.map((group) => {
      const covered = bitset(meta.count);
      const members = words.filter((word) => group.includes(word.token));
      for (const term of datas.keys()) {
        if (members.some((word) => covers(word, term))) orInto(covered, bitsOfTerm(term));
      }
      return covered;
    });
    const excluded = syntax ? await excludedBits(syntax.excluded) : null;
    const all = hits.slice();
    for (const covered of coveredBy) andInto(all, covered);
    const keep = (refs) => (excluded ? refs.filter((ref) => !has(excluded, ref)) : refs);
    const items = keep(refsOf(all));
    const fallback = () => coordination(keep(ranking.items), coveredBy, meta.count);
    const labels = groups.map((group) => group.join(' or '));
    if (items.length) {
      const phrased = syntax ? await phraseTier(items, syntax.phrases) : null;
      if (phrased) return { ...ranking, items, tier: phrased };
      return nearRuns(withNearMisses({ ...ranking, items }, fallback, groups.length, labels), words);
    }
    const near = fallback();
    return {
      ...ranking,
      mode: 'any',
      items: near.items,
      tier: near.tier,
      without: (ref) => near.missing(ref).map((g) => labels[g]),
    };
  }

  /** The articles having any word of the excluded texts (null: none excluded). */
  async function excludedBits(texts) {
    const stems = [...new Set(texts.flatMap((text) => termsOf(text)))];
    if (!stems.length) return null;
    const held = await source.has(stems);
    const datas = await source.terms(stems.filter((stem) => held.has(stem)));
    const bits = bitset(meta.count);
    for (const data of datas.values()) orInto(bits, bitsOf(data, meta.count));
    return bits;
  }

  /* When articles missing a word follow the few having them all, two query words
   * side by side in an article's title or opening count as much as a word held:
   * "liaison office" written as such outweighs "close liaison" in an article that
   * also names Kaesong. */
  async function nearRuns(ranking, words) {
    if (!ranking.without) return ranking;
    const tokens = words.filter((word) => word.stems.length).map((word) => word.token);
    const pairs = tokens.slice(1).map((token, i) => `${tokens[i]} ${token}`);
    const runs = pairs.length ? await phraseTier(ranking.items, pairs) : null;
    if (!runs) return ranking;
    const held = ranking.tier;
    return { ...ranking, tier: (ref) => held(ref) + runs(ref) };
  }

  /* Phrases: each article's number of phrases found as a run of words in the
   * text the results show (title and the opening of the body, docs/ files):
   * those rank first. The body past its opening is not loaded, so an article
   * whose phrase is further down still matches, after them (phraseTierOf). */
  async function phraseTier(items, phrases) {
    const runs = phrases.map((text) => tokenize(text).map(phraseKey)).filter((run) => run.length > 1);
    if (!runs.length || items.length > PHRASE_VERIFY_MAX) return null;
    const docs = await source.docs(items);
    const tiers = new Map();
    for (const ref of items) {
      const row = docs.get(ref);
      const tokens = tokenize(`${row[0]} \n ${row[6]}`).map(phraseKey);
      tiers.set(ref, runs.filter((run) => hasRun(tokens, run)).length);
    }
    return (ref) => tiers.get(ref) || 0;
  }

  // A word as phrases compare it: its stem (spellings folded), or itself for a stop word.
  const phraseKeys = new Map();
  function phraseKey(token) {
    let key = phraseKeys.get(token);
    if (key === undefined) {
      if (phraseKeys.size > 50000) phraseKeys.clear();
      key = termsOf(token)[0] || token;
      phraseKeys.set(token, key);
    }
    return key;
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
    // members.json too when it is small: less than the round entity/N.json would cost.
    const early = meta.membersBytes <= MEMBERS_WITH_FACETS_BYTES;
    const [data, loaded] = await Promise.all([source.facets(), early ? source.members() : null]);
    if (!tables) {
      facetData = data;
      members = members || loaded;
      tables = facetTables(data, members);
      entityNames = nameIndex(data.entities, (name) => {
        const tokens = tokenize(name);
        return { tokens, keys: tokens.map(phraseKey) };
      });
      nameWords = new Set(entityNames.flatMap((name) => name.keys));
    }
  }

  async function loadMembers() {
    if (members) return;
    const [loaded] = await Promise.all([source.members(), loadFacets()]);
    if (!members) {
      members = loaded;
      tables = facetTables(facetData, members);
    }
  }

  // Every article, for filters to narrow: a search without words.
  const browseAll = () => ({ mode: 'browse', items: Array.from({ length: meta.count }, (_, ref) => ref), terms: () => [] });

  /* What a search message asks for: the ranking of its words (kept: see
   * rankingFor), its filters with the years its words name, and how it reads. */
  async function matching(message) {
    const asked = message.filters || {};
    const browsing = !tokenize(message.q).length;
    let ranking = browsing ? NO_MATCH : await rankingFor(message.q);
    const fromQuery = queryFilters(ranking);
    const filters = fromQuery ? { ...asked, year: [...new Set([...(asked.year || []), ...fromQuery.year])] } : asked;
    const filtering = isFiltering(filters);
    if (browsing && filtering) ranking = browseAll();
    return { ranking, asked, filters, fromQuery, browsing, filtering };
  }

  /* The answer to a search message {id, q, filters, sort, offset, limit}:
   * {type: 'results', id, q, mode, total, offset, items, facets, countsLater?}.
   * mode: all | any (no article has every word) | browse (filters only) | none.
   * Until members.json is in, an answer that chooses no entity or topic comes
   * without their counts (countsLater: counts() gives them): the first results
   * need not wait for the biggest file of the index. */
  async function answer(message, current) {
    const check = () => { if (current && !current()) throw STALE; };
    const { ranking, asked, filters, fromQuery, browsing, filtering } = await matching(message);
    check();
    const offset = message.offset || 0;
    const end = offset + (message.limit || PAGE_SIZE);
    let kept = [];
    let facets = noFacets(filters);
    let shown = [];
    let later = false;
    if (ranking.items.length || filtering) {
      await (members || needsMembers(filters) ? loadMembers() : loadFacets());
      check();
      ({ kept, facets } = filterAndCount(ranking.items, filters, tables));
      later = !members; // fetched once the answer is out (counts), not beside its docs
      shown = (await inOrder(ranking, kept, { sort: message.sort, browsing, end }, tables.dates, source)).slice(offset);
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
      items: shown.map((ref) => withFallback(ranking, ref, present(
        ref, docs.get(ref), ranking.terms(ref), ranking.scores ? ranking.scores.score(ref) : 0, asked, names
      ))),
      facets, // {entity|tag|year|month|source: [{value, label, count, selected}]}
      ...(later ? { countsLater: true } : {}),
      ...(fromQuery ? { fromQuery } : {}),
      ...(ranking.named ? { named: offered(ranking.named, filters, names) } : {}),
      ...(ranking.corrected ? { corrected: ranking.corrected } : {}),
    };
  }

  /** Every facet of a search message, entities and topics counted: {type: 'facets', id, facets}. */
  async function counts(message, current) {
    await loadMembers();
    const { ranking, filters, filtering } = await matching(message);
    if (current && !current()) throw STALE;
    const { facets } = ranking.items.length || filtering
      ? filterAndCount(ranking.items, filters, tables)
      : { facets: noFacets(filters) };
    return { type: 'facets', id: message.id, facets };
  }

  /* Starts ranking q and loading the facets, before a search for q is asked for
   * (the page's code may still be loading): answer() then finds both under way. */
  function warm(q) {
    loadFacets().catch(() => {});
    if (tokenize(q).length) rankingFor(q).catch(() => {});
  }

  return { open, analyse, expand: expandQuery, rank, answer, counts, warm };
}
