/* A typed query: its words, what each may match, and the lunr query they make.
 *
 * Rules:
 * - At most MAX_WORDS distinct words count. A stop word matches nothing.
 * - A word matches its stems exactly (boost BOOST_EXACT). A word of at least
 *   FUZZY_MIN_LENGTH letters that the index does not hold also matches one edit
 *   away (BOOST_FUZZY): "beigun" finds "biegun", but "biegun" never "begun". One
 *   edit is tried on the stem (lunr's fuzzy clause) and on the word as typed,
 *   before stemming (corrections: the stems of typedVariants the index holds), so
 *   "denuclearisaton" finds "denuclearisation", whose stem is far from its own.
 *   The word being typed is never corrected when a word starts with it ("stockh"
 *   is Stockholm, not "stock" one edit away).
 * - A query ending in a letter or digit is still being typed: its last word, from
 *   PREFIX_MIN_LENGTH letters, also matches as a prefix (BOOST_PREFIX), and, from
 *   COMPLETION_MIN_LENGTH, the stems of itself completed with the rest of a
 *   common suffix ("negotiat" -> negoti), which neither a prefix nor one edit reach.
 * - Every word must match (covers): a word is up to three kinds of clause, and a
 *   typo or an unfinished last word must not empty the results.
 * - expand() gives the index terms of the clauses, with summed boosts, in the
 *   order lunr.Index#query meets them: scores are summed in that order (score.js).
 */

export const BOOST_EXACT = 10;
export const BOOST_PREFIX = 3;
export const BOOST_FUZZY = 1;
export const FUZZY_MIN_LENGTH = 5;
// Two edits from this length on. lunr 2.3.9 counts a transposition as one edit, so one
// already forgives the usual typo, and two on long words match too much and cost too much: off.
export const FUZZY_TWO_EDITS_MIN_LENGTH = Infinity;
export const PREFIX_MIN_LENGTH = 3;
export const COMPLETION_MIN_LENGTH = 4;
// Typed variants keep this many first letters: typos are rarer there, and the
// variants' stems then fall in the few index runs the word itself reads.
export const VARIANT_KEPT = 3;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
export const MAX_WORDS = 30;
// Every ending of these suffixes: what "negotiat", "denuclearizati" may still become.
const COMPLETION_TAILS = [...new Set([
  'ations', 'ation', 'ions', 'ion', 'ements', 'ement', 'ments', 'ment', 'ings', 'ing',
  'ness', 'ities', 'ity', 'ives', 'ive', 'ful', 'ous', 'ences', 'ence', 'ances', 'ance',
  'ers', 'er', 'ed', 'es', 'al', 'ally', 'isms', 'ism', 'ists', 'ist',
].flatMap((suffix) => [...suffix].map((_, i) => suffix.slice(i))))];

const codePoints = (text) => [...text].length;

/* The words of q: {token, stems, edits, prefixes, completions, length}, given
 * the pipeline's tokenize(text) and terms(text). edits is 0 until settle(). */
export function parseQuery(q, { tokenize, terms }) {
  const tokens = [...new Set(tokenize(q))].slice(0, MAX_WORDS);
  const open = /[\p{L}\p{N}]$/u.test(q);
  return tokens.map((token, i) => {
    const length = codePoints(token);
    const stems = terms(token); // [] for a stop word
    let prefixes = [];
    let completions = [];
    if (open && i === tokens.length - 1 && length >= PREFIX_MIN_LENGTH) {
      // The index holds stems, so the stem of what was typed is a prefix too.
      prefixes = [...new Set([token, ...stems])].filter((p) => codePoints(p) >= PREFIX_MIN_LENGTH);
      prefixes = prefixes.filter((p) => !prefixes.some((other) => other !== p && p.startsWith(other)));
      if (length >= COMPLETION_MIN_LENGTH && /^[a-z]+$/.test(token)) {
        completions = [...new Set(COMPLETION_TAILS.flatMap((tail) => terms(token + tail)))]
          .filter((term) => !stems.includes(term) && !prefixes.some((prefix) => term.startsWith(prefix)));
      }
    }
    return { token, length, stems, edits: 0, prefixes, completions, corrections: [] };
  });
}

/* The words one edit from token (a-z only; VARIANT_KEPT first letters kept):
 * insertions, deletions, substitutions and swaps of neighbours. */
export function typedVariants(token) {
  if (!/^[a-z]+$/.test(token) || token.length < FUZZY_MIN_LENGTH) return [];
  const out = new Set();
  for (let i = VARIANT_KEPT; i <= token.length; i++) {
    const head = token.slice(0, i);
    const tail = token.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of LETTERS) {
      if (tail) out.add(head + letter + tail.slice(1));
      out.add(head + letter + tail);
    }
  }
  out.delete(token);
  return [...out];
}

/* The stems a misspelt word may have meant: per stem of typedVariants (terms:
 * the pipeline), the variant it came from (Map stem -> variant word). */
export function correctionsOf(word, terms) {
  const found = new Map();
  if (!word.edits) return found;
  for (const variant of typedVariants(word.token)) {
    for (const stem of terms(variant)) {
      if (!word.stems.includes(stem) && !found.has(stem)) found.set(stem, variant);
    }
  }
  return found;
}

/** The terms whether the index holds decides the words' clauses (for settle). */
export function termsToLookUp(words) {
  return [...new Set(words.flatMap((w) => [...w.stems, ...w.completions]))];
}

/* The words once the index has said which of those terms it holds (held: a
 * Set): a word it does not know may be a typo; completions it lacks go. */
export function settle(words, held) {
  return words.map(({ length, ...word }) => {
    const known = word.stems.some((stem) => held.has(stem));
    let edits = 0;
    if (!known && length >= FUZZY_TWO_EDITS_MIN_LENGTH) edits = 2;
    else if (!known && length >= FUZZY_MIN_LENGTH) edits = 1;
    return { ...word, edits, completions: word.completions.filter((term) => held.has(term)) };
  });
}

/** The lunr query of the words: a function that adds their clauses to a lunr.Query. */
export function clausesFor(words, lunr) {
  return (query) => {
    for (const word of words) {
      if (word.stems.length) {
        query.term(word.token, { usePipeline: true, boost: BOOST_EXACT });
        if (word.edits) {
          query.term(word.token, { usePipeline: true, editDistance: word.edits, boost: BOOST_FUZZY });
        }
        for (const correction of word.corrections) {
          query.term(correction, { usePipeline: false, boost: BOOST_FUZZY });
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

// lunr token sets of vocabulary runs, made once per run (sources return the same array).
const tokenSets = new WeakMap();

function tokenSetOf(lunr, words) {
  let set = tokenSets.get(words);
  if (!set) {
    set = lunr.TokenSet.fromArray(words);
    tokenSets.set(words, set);
  }
  return set;
}

/* The index terms a lunr query expands to, with their summed boosts (the query
 * vector), in the order lunr.Index#query meets them: the same pipeline, and the
 * same token set intersections, on the terms each clause can reach.
 * index: {lunr, fields, pipeline (a lunr.Pipeline), vocabulary(clause) -> sorted terms}. */
export async function expand(build, { lunr, fields, pipeline, vocabulary }) {
  const query = new lunr.Query(fields);
  build(query);
  const boosts = new Map();
  for (const clause of query.clauses) {
    const terms = clause.usePipeline
      ? pipeline.runString(clause.term, { fields: clause.fields })
      : [clause.term];
    for (const term of terms) {
      const single = Object.assign({}, clause, { term });
      const reachable = tokenSetOf(lunr, await vocabulary(single));
      for (const expanded of reachable.intersect(lunr.TokenSet.fromClause(single)).toArray()) {
        boosts.set(expanded, (boosts.get(expanded) || 0) + clause.boost);
      }
    }
  }
  return boosts;
}

/** Whether an index term is one of the forms a (settled) query word matches. */
export function covers(word, term) {
  if (word.stems.includes(term)) return true;
  if (word.prefixes.some((prefix) => term.startsWith(prefix))) return true;
  if (word.completions.includes(term)) return true;
  if (word.corrections.includes(term)) return true;
  return word.edits > 0 && word.stems.some((stem) => withinEdits(stem, term, word.edits));
}

/** Optimal string alignment distance ≤ max (the edits lunr's fuzzy token sets allow). */
export function withinEdits(a, b, max) {
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
