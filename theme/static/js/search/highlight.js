/* A result's fields as the page shows them: words the article matched marked,
 * a snippet of its text around the first match, and its chips.
 *
 * Rules: marked text is "runs", alternating plain and marked strings, plain
 * first, so the page builds it with text nodes only (never HTML). A word is
 * marked when one of its terms is among the index terms the article matched, so
 * stemmed, prefix and fuzzy matches light up as the word the article has; the
 * punctuation around a word stays unmarked. A snippet is SNIPPET_WORDS words
 * from SNIPPET_LEAD before the first match, with … where text was cut. Chips
 * (entities, topics) come chosen first, then matched, then as listed, capped.
 */

export const SNIPPET_WORDS = 40;
export const SNIPPET_LEAD = 8;
export const MAX_ENTITY_CHIPS = 6;
export const MAX_TAG_CHIPS = 4;
const CACHED_WORDS = 50000; // words whose terms are remembered between results

// A document row: [title, url, date, source, entity ids, tag ids, text]
const TITLE = 0, URL = 1, DATE = 2, SOURCE = 3, ENTITIES = 4, TAGS = 5, TEXT = 6;

// A word of text split into leading punctuation, its letters and digits, trailing punctuation.
const CORE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

// A word of only ASCII letters and digits is its own core: most words, without the regexp.
const PLAIN = /^[A-Za-z0-9]+$/;
const coreOf = (word) => (PLAIN.test(word) ? [word, '', word, ''] : CORE.exec(word));

/* text as runs, marking each word for which isMatch(its letters and digits) is
 * true. With window, only about that many words around the first match (words
 * past the first match are read only inside the window).
 * Returns {runs, marked}: marked says whether any word was. */
export function highlight(text, isMatch, window) {
  const pieces = String(text || '').split(/(\s+)/); // words at even positions
  const wordCount = Math.ceil(pieces.length / 2);
  const marks = new Array(wordCount).fill(null);
  const mark = (w) => {
    const core = coreOf(pieces[w * 2]);
    if (core[2] && isMatch(core[2])) marks[w] = core;
    return marks[w] !== null;
  };
  let first = -1;
  for (let w = 0; w < wordCount && first < 0; w++) if (mark(w)) first = w;
  let start = 0;
  let end = wordCount;
  if (window && wordCount > window) {
    start = Math.max(0, Math.min(first - SNIPPET_LEAD, wordCount - window));
    end = start + window;
  }
  for (let w = Math.max(first + 1, start); w < end && first >= 0; w++) mark(w);
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

/* Chips of ids (names: id -> name), chosen ones first, then those whose name
 * isMatch marks, then as listed; at most max, and how many more there are. */
export function chips(ids, names, chosen, isMatch, max) {
  const all = ids.map((id) => {
    const name = highlight(names[id] || id, isMatch);
    return { id, name: name.runs, rank: chosen.includes(id) ? 0 : name.marked ? 1 : 2 };
  });
  all.sort((a, b) => a.rank - b.rank); // stable: as listed within a rank
  return {
    shown: all.slice(0, max).map(({ id, name }) => ({ id, name })),
    more: Math.max(0, all.length - max),
  };
}

/* present(ref, row, matchedTerms, score, filters, names): one result ready to
 * show; termsOf(word) gives the index terms of a word of text (remembered). */
export function presenter(termsOf) {
  const termsOfWord = new Map();
  function wordTerms(word) {
    let terms = termsOfWord.get(word);
    if (!terms) {
      if (termsOfWord.size > CACHED_WORDS) termsOfWord.clear();
      terms = termsOf(word);
      termsOfWord.set(word, terms);
    }
    return terms;
  }
  return function present(ref, row, matchedTerms, score, filters, names) {
    const matched = new Set(matchedTerms);
    const isMatch = (word) => wordTerms(word).some((term) => matched.has(term));
    return {
      ref,
      score,
      url: row[URL],
      title: highlight(row[TITLE], isMatch).runs,
      date: row[DATE],
      source: row[SOURCE],
      snippet: highlight(row[TEXT], isMatch, SNIPPET_WORDS).runs,
      entities: chips(row[ENTITIES], names.entity, filters.entity || [], isMatch, MAX_ENTITY_CHIPS),
      tags: chips(row[TAGS], names.tag, filters.tag || [], isMatch, MAX_TAG_CHIPS),
    };
  };
}
