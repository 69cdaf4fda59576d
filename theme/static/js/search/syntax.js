/* The search syntax beyond plain words: pure functions, no index, no DOM.
 *
 * Rules:
 * - A year: a four-digit number (`missile launch 2019`), a range (`2019-2020`,
 *   `2019–2020`) or `in 2019`, becomes the year filter, and leaves the words,
 *   only when every year named is within the archive's span (span: the first
 *   and last year an article is dated). `1950s`, `1000` or `2099` stay words.
 * - A phrase: words between double quotes ("six-party talks"; straight or curly
 *   quotes; an unclosed quote runs to the end, as while typing). Every word of
 *   it must match, and it must be found as a run of words (engine.js says where).
 * - `-word` excludes the articles that have the word; `-"a phrase"` is not
 *   supported (its words are excluded one by one would be wrong): it is a phrase.
 * - `OR`, upper case only, between two words: either may match (`sanctions OR
 *   embargo`). Chains widen (`a OR b OR c`). Lower case `or` is a stop word.
 * - Anything else is a plain word. A query that uses none of the above is plain:
 *   parseSyntax says so, and the engine then answers it exactly as before.
 */

const QUOTES = /["\u201c\u201d\u201e]/;
const CHUNK = /["\u201c\u201d\u201e][^"\u201c\u201d\u201e]*(?:["\u201c\u201d\u201e]|$)|[^\s"\u201c\u201d\u201e]+/gu;
const YEAR = /^(\d{4})$/;
const RANGE = /^(\d{4})[-\u2013\u2014](\d{4})$/;
const EXCLUDED = /^-([\p{L}\p{N}].*)$/u;
// A range wider than this is not a year filter but a number ("1000-9999").
const MAX_RANGE_YEARS = 50;

/* The chunks of q: phrases (with their quotes) and whitespace-separated runs. */
export function chunks(q) {
  return String(q || '').match(CHUNK) || [];
}

/* The years a chunk names within span ([first, last] numbers), or null:
 * '2019' -> ['2019'], '2019-2020' -> ['2019', '2020']. A trailing comma or full
 * stop ("in 2019,") is punctuation, not part of the number. */
export function yearsOf(chunk, span) {
  if (!span) return null;
  const text = chunk.replace(/[.,;:!?)]+$/, '').replace(/^\(/, '');
  let lo;
  let hi;
  const single = YEAR.exec(text);
  const range = RANGE.exec(text);
  if (single) lo = hi = Number(single[1]);
  else if (range) [lo, hi] = [Number(range[1]), Number(range[2])];
  else return null;
  if (lo > hi || hi - lo > MAX_RANGE_YEARS || lo < span[0] || hi > span[1]) return null;
  return Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
}

/* The query's syntax: {words: plain words (a string), years: [YYYY], phrases:
 * [text], excluded: [text], alternatives: [[text, text, ...]], yearText: [the
 * chunks read as years], plain: whether none of it was used}. span: the
 * archive's [first year, last year], or null when it is not known (then no
 * number is a year). */
export function parseSyntax(q, span) {
  const parts = chunks(q);
  const out = { words: [], years: [], phrases: [], excluded: [], alternatives: [], yearText: [] };
  let open = null; // the alternatives the previous chunk ended (a OR b OR c chains)
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const years = yearsOf(part, span);
    const next = parts[i + 1];
    if (part === 'OR' && next && !isSpecial(next, span) && (open || out.words.length)) {
      if (open) open.push(next);
      else out.alternatives.push((open = [out.words.pop(), next]));
      i++;
      continue;
    }
    open = null;
    if (years) {
      const before = out.words[out.words.length - 1];
      if (before && before.toLowerCase() === 'in') out.words.pop();
      out.years.push(...years.filter((y) => !out.years.includes(y)));
      out.yearText.push(part);
    } else if (QUOTES.test(part[0])) {
      const text = part.replace(new RegExp(QUOTES.source, 'gu'), '').trim();
      if (text) out.phrases.push(text);
    } else if (EXCLUDED.test(part)) {
      out.excluded.push(EXCLUDED.exec(part)[1]);
    } else {
      out.words.push(part);
    }
  }
  return finish(out);
}

function isSpecial(part, span) {
  return QUOTES.test(part[0]) || EXCLUDED.test(part) || part === 'OR' || Boolean(yearsOf(part, span));
}

function finish(out) {
  const { alternatives } = out;
  const plain = !out.years.length && !out.phrases.length && !out.excluded.length && !alternatives.length;
  return { ...out, words: out.words.join(' '), alternatives, plain };
}

/* Whether the words (tokens, in order) hold the phrase's tokens as a run. */
export function hasRun(tokens, phrase) {
  if (!phrase.length) return true;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/* A question's own words ("how did North Korea fight the coronavirus"): when a
 * query of QUESTION_MIN_WORDS tokens or more starts with a question word or an
 * auxiliary, those words (anywhere in it) only say it is a question, and no
 * article is asked to hold them. tokens: the shared tokenizer's. Returns the
 * tokens to keep (all of them when the query is no question). */
export const QUESTION_MIN_WORDS = 3;
const QUESTION_WORDS = new Set([
  'what', 'when', 'where', 'who', 'whom', 'whose', 'why', 'how', 'which',
  'did', 'does', 'do', 'is', 'are', 'was', 'were', 'has', 'have', 'had',
  'can', 'could', 'will', 'would', 'should', 'happen', 'happened',
]);
export function withoutQuestionWords(tokens) {
  if (tokens.length < QUESTION_MIN_WORDS || !QUESTION_WORDS.has(tokens[0])) return tokens;
  const kept = tokens.filter((token) => !QUESTION_WORDS.has(token));
  return kept.length ? kept : tokens;
}
