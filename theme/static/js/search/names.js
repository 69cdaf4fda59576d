/* The entities a query names, as a reader types them: pure functions, no index, no DOM.
 *
 * Rules:
 * - An entity is named when one of its names (canonical or alias, as the
 *   registry lists them: facets.json's entity rows) appears in the query as a run
 *   of words, compared word by word as phrases compare them (keyOf: the stem, so
 *   "summits" is "summit" and spellings the tokenizer folds are one).
 * - Longest names first, and a query word belongs to one name at most: "Kim Jong
 *   Un" names Kim Jong Un, never also a "Kim Jong" of someone else.
 * - A name of one word counts only when it has MIN_SINGLE_LENGTH characters or
 *   more and is not a stop word: "US" or "UN" typed as words of a sentence are too
 *   often something else; "Biegun" or "Kaesong" are names.
 * - Every entity sharing the matched name is named (events may share one:
 *   "DPRK-U.S. summit" is Singapore's and Hanoi's).
 * - Completion: the word being typed (the query's last, open) may be the start
 *   of a name's last word when the name's other words are all there: "Kim Jong U"
 *   names Kim Jong Un, and is read as "kim jong un". Only names of two words or more:
 *   a lone first letters ("bie") are too many names' starts.
 * - Correction: a word one edit (an insertion, deletion, substitution or swap of
 *   neighbours) from a name's word, when the name's other words are all there
 *   exactly, and the word has CORRECT_MIN_LENGTH characters or more, names the
 *   entity and is read as the name's word ("Choe Ryong Hea" is Choe Ryong Hae). A
 *   word the index holds is never corrected in a name of two words or fewer, nor
 *   one of a single word shorter than FUZZY_MIN_LENGTH (query.js): "Kim Jung Un"
 *   is corrected, "begun" never becomes "Biegun", but "Beigun" does.
 */
import { FUZZY_MIN_LENGTH, covers, withinEdits } from './query.js';

export const MIN_SINGLE_LENGTH = 4;
export const CORRECT_MIN_LENGTH = 3;

/* The names of rows ([[id, label, alias, ...]]) as words: [{id, tokens, keys}],
 * longest first. words(text) -> {tokens, keys} of its words (keys: as phrases compare). */
export function nameIndex(rows, words) {
  const names = [];
  const seen = new Set();
  for (const [id, ...labels] of rows) {
    for (const label of labels) {
      const { tokens, keys } = words(label);
      const key = `${id}\n${keys.join(' ')}`;
      if (!keys.length || seen.has(key)) continue;
      seen.add(key);
      names.push({ id, tokens, keys });
    }
  }
  return names.sort((a, b) => b.keys.length - a.keys.length);
}

/* How a name can be read at query position i: 'exact', 'completed', 'corrected'
 * or null. query: {tokens, keys, open, known(token), stop(key)}. */
function reading(name, query, i) {
  const n = name.keys.length;
  if (i + n > query.keys.length) return null;
  if (n === 1 && (name.keys[0].length < MIN_SINGLE_LENGTH || query.stop(name.keys[0]))) return null;
  let differing = -1;
  for (let j = 0; j < n; j++) {
    if (query.keys[i + j] === name.keys[j]) continue;
    if (differing >= 0) return null;
    differing = j;
  }
  if (differing < 0) return 'exact';
  const typed = query.tokens[i + differing];
  const wanted = name.tokens[differing];
  const last = i + differing === query.keys.length - 1;
  if (n > 1 && differing === n - 1 && last && query.open && wanted.startsWith(typed)) return 'completed';
  if ([...typed].length < CORRECT_MIN_LENGTH || !withinEdits(typed, wanted, 1)) return null;
  if (n === 1 && [...typed].length < FUZZY_MIN_LENGTH) return null;
  if (n <= 2 && query.known(typed)) return null;
  return 'corrected';
}

/* The entities the query names and how it reads: {named: [ids, in query order],
 * tokens: the query's words with completions and corrections applied, corrected:
 * [[typed, read]]}. query: {tokens, keys, open, known(token), stop(key)}. At each
 * place the longest names win, exact before completed before corrected; names
 * that would read the words differently ("Kim Jong Ul": Un or Il?) name nothing. */
export function readNames(query, names) {
  const named = [];
  const tokens = query.tokens.slice();
  const corrected = [];
  for (let i = 0; i < query.keys.length;) {
    const found = best(names, query, i);
    if (!found.length) {
      i += 1;
      continue;
    }
    const [{ name, how }] = found;
    const agree = found.every((f) => f.name.tokens.join(' ') === name.tokens.join(' '));
    if (how === 'exact' || agree) {
      for (const f of found) if (!named.includes(f.name.id)) named.push(f.name.id);
    }
    if (how !== 'exact' && agree) {
      name.tokens.forEach((token, j) => {
        if (tokens[i + j] === token) return;
        if (how === 'corrected') corrected.push([query.tokens[i + j], token]);
        tokens[i + j] = token;
      });
    }
    i += name.keys.length;
  }
  return { named, tokens, corrected: dedupe(corrected) };
}

const RANK = { exact: 0, completed: 1, corrected: 2 };

/** The names read at place i: the longest, then the best reading of them. */
function best(names, query, i) {
  let found = [];
  for (const name of names) {
    if (found.length && name.keys.length < found[0].name.keys.length) break;
    const how = reading(name, query, i);
    if (how) found.push({ name, how });
  }
  const top = Math.min(...found.map((f) => RANK[f.how]));
  found = found.filter((f) => RANK[f.how] === top);
  return found;
}

const dedupe = (pairs) => [...new Map(pairs.map((pair) => [pair.join('\n'), pair])).values()];

/* A misspelt word one edit from a word of an entity's name matches that word
 * only: readers misspell names more than words ("Beigun" is Biegun, not "begun").
 * The terms only its other corrections reached leave the query (boosts: term ->
 * boost; nameWords: the terms of the names' words, once the names are loaded). */
export function namesFirst(words, boosts, nameWords) {
  if (!nameWords) return boosts;
  for (const word of words) {
    if (!word.edits) continue;
    const reached = [...boosts.keys()].filter((term) => !word.stems.includes(term) && covers(word, term));
    if (!reached.some((term) => nameWords.has(term))) continue;
    for (const term of reached) {
      if (!nameWords.has(term) && !words.some((other) => other !== word && covers(other, term))) boosts.delete(term);
    }
  }
  return boosts;
}
