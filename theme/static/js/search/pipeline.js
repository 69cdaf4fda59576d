/* The archive's search tokenizer and term pipeline: the same tokens, spelling
 * folds, stop words and stems the build indexed with.
 *
 * The rules are those of newsarchive/search/tokenizer.py, which builds the
 * index with lunr.py; tests/search/vectors.json pins them and the parity tests
 * run both sides. In short:
 *
 *   tokenize(text): NFKD, drop combining marks, toLowerCase, fold ß ς æ œ ø ł đ ı
 *   and curly apostrophes, NFC (Hangul recomposes); chunks are runs of
 *   \p{L}\p{N} joined by single . , ' (Hangul runs apart, U+E000-U+FFFF
 *   separates); a chunk drops a final "." and a possessive "'s", dotted single
 *   letters join (U.S. -> us), dotted or comma'd digits stay one number without
 *   commas (1,000 -> 1000, 3.5), otherwise apostrophes vanish and . , split.
 *   terms(text, lunr): tokens -> spelling -> stop words -> stem, where the stem
 *   is lunr.js's Porter stemmer with lunr.py's final y (written i).
 *   register(lunr): the same three steps as lunr pipeline functions, by the names
 *   the index's manifest lists (PIPELINE_NAMES).
 *
 * Only the stem needs lunr, and it is always passed in: this module holds no
 * lunr of its own, so two engines with two lunr copies never share state.
 */

// --- tokenize -------------------------------------------------------------

const FOLD = {
  'ß': 'ss', 'ς': 'σ', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ı': 'i',
  '\u2018': "'", '\u2019': "'", '\u201b': "'", '\u02bc': "'",
};
const FOLD_RE = /[ßςæœøłđı\u2018\u2019\u201b\u02bc]/g;
const MARKS = /\p{M}+/gu;

const HANGUL = '\\u1100-\\u11ff\\u3130-\\u318f\\ua960-\\ua97f\\uac00-\\ud7ff';
// A letter or digit that is not Hangul and not in U+E000-U+FFFF.
const WORD = '(?:(?![' + HANGUL + '\\ue000-\\uffff])[\\p{L}\\p{N}])';
const CHUNK = new RegExp(
  '[' + HANGUL + ']+|' + WORD + '+(?:[.,\']' + WORD + "+)*(?:\\.'s(?![\\p{L}\\p{N}])|\\.)?",
  'gu'
);
const SINGLE_LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}+$/u;

function normalize(text) {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(FOLD_RE, (ch) => FOLD[ch])
    .normalize('NFC');
}

function removeSuffix(string, suffix) {
  return string.endsWith(suffix) ? string.slice(0, -suffix.length) : string;
}

function chunkTokens(chunk) {
  chunk = removeSuffix(removeSuffix(removeSuffix(chunk, '.'), "'s"), '.');
  const parts = chunk.split(/[.,']/);
  if (parts.length === 1) return [chunk];
  if (chunk.indexOf("'") === -1) {
    if (chunk.indexOf(',') === -1 && parts.every((p) => SINGLE_LETTER.test(p))) {
      return [parts.join('')]; // U.S. -> us
    }
    if (parts.every((p) => NUMBER.test(p))) return [chunk.replace(/,/g, '')]; // 1,000 -> 1000
  }
  return chunk.split(/[.,]/).map((piece) => piece.replace(/'/g, ''));
}

/** The search tokens of text, in order. */
export function tokenize(text) {
  const tokens = [];
  const chunks = normalize(text).match(CHUNK) || [];
  for (const chunk of chunks) {
    for (const token of chunkTokens(chunk)) tokens.push(token);
  }
  return tokens;
}

// --- spelling --------------------------------------------------------------

const AZ = /^[a-z]+$/;
const SPELLING_WORDS = {
  programme: 'program', programmes: 'programs',
  practise: 'practice', practised: 'practiced', practises: 'practices', practising: 'practicing',
  judgement: 'judgment', judgements: 'judgments', ageing: 'aging',
  enrol: 'enroll', enrols: 'enrolls', enrolment: 'enrollment', enrolments: 'enrollments',
  fulfil: 'fulfill', fulfils: 'fulfills', fulfilment: 'fulfillment',
  skilful: 'skillful', wilful: 'willful',
};
const OUR_WORDS = (
  'ardour armour behaviour candour clamour colour demeanour endeavour favour fervour ' +
  'flavour harbour honour humour labour neighbour odour parlour rancour rigour rumour ' +
  'saviour savour splendour tumour valour vapour vigour'
).split(' ');
const ENCE_WORDS = [
  ['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'], ['pretence', 'pretense'],
];
const RE_WORDS = [
  ['centre', 'center'], ['theatre', 'theater'], ['metre', 'meter'], ['litre', 'liter'],
  ['fibre', 'fiber'], ['calibre', 'caliber'], ['manoeuvre', 'maneuver'],
];
const LL_BASES = (
  'cancel channel counsel dial duel equal fuel grovel label level libel marshal marvel ' +
  'model panel pedal pencil quarrel rival shovel signal total travel tunnel'
).split(' ');
const LL_ENDINGS = ['ed', 'ing', 'er', 'ers', 'or', 'ors', 'ous'];
const ISE_KEPT = (
  'w v pr prom prem surm exerc prec conc circumc advert expert chast desp franch ' +
  'merchand mort parad treat chem sunr'
).split(' ');

// (British ending, American ending) for the -re and doubled-l rules.
const ENDING_RULES = [];
for (const [british, american] of RE_WORDS) {
  ENDING_RULES.push(
    [british, american],
    [british + 's', american + 's'],
    [british + 'd', american + 'ed'],
    [british.slice(0, -1) + 'ing', american + 'ing']
  );
}
for (const base of LL_BASES) {
  for (const ending of LL_ENDINGS) ENDING_RULES.push([base + 'l' + ending, base + ending]);
}
// -ise/-yse endings, longest first, and their -ize/-yze forms.
const ISE_ENDINGS = [];
for (const letters of ['is', 'ys']) {
  for (const rest of ['ations', 'ation', 'ers', 'ing', 'ed', 'es', 'er', 'e']) {
    const british = letters + rest;
    ISE_ENDINGS.push([british, british.replace('s', 'z')]);
  }
}

// Each table's rules by the last two letters of their British ending (list order kept
// within), so a word is checked against the few rules that could apply to it: folding
// runs on every word of every name and snippet a first query reads.
function byLastTwo(rules) {
  const groups = new Map();
  for (const rule of rules) {
    const key = rule[0].slice(-2);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(rule);
  }
  return groups;
}
const ENDINGS_BY_LAST_TWO = byLastTwo(ENDING_RULES);
const ISE_BY_LAST_TWO = byLastTwo(ISE_ENDINGS);
const NONE = [];

/** The American spelling of a British-spelt word (only a-z tokens change). */
export function foldSpelling(token) {
  if (!AZ.test(token)) return token;
  if (Object.prototype.hasOwnProperty.call(SPELLING_WORDS, token)) return SPELLING_WORDS[token];
  if (token.indexOf('our') !== -1) {
    for (const british of OUR_WORDS) {
      if (token.indexOf(british) !== -1) token = token.split(british).join(british.slice(0, -2) + 'r');
    }
  }
  if (token.indexOf('ence') !== -1) {
    for (const [british, american] of ENCE_WORDS) token = token.split(british).join(american);
  }
  for (const [british, american] of ENDINGS_BY_LAST_TWO.get(token.slice(-2)) || NONE) {
    if (token.endsWith(british)) {
      token = token.slice(0, -british.length) + american;
      break;
    }
  }
  // The first -ise ending the word has, as in ISE_ENDINGS' order (longest first).
  for (const [british, american] of ISE_BY_LAST_TWO.get(token.slice(-2)) || NONE) {
    if (token.endsWith(british)) {
      const root = token.slice(0, -british.length);
      if (root.length >= 4 && 'aeiou'.indexOf(root[root.length - 1]) === -1 &&
          !ISE_KEPT.some((kept) => root.endsWith(kept))) {
        token = root + american;
      }
      break;
    }
  }
  return token;
}

// --- stop words -------------------------------------------------------------

// Not here, on purpose: us, no, an, so, do, o, u, may, will, can, am.
export const STOP_WORDS = new Set((
  'a about after also and are as at be been but by for from had has have he her hers him ' +
  'his i if in into is it its me my nor not of on or our she than that the their them then ' +
  'there these they this those to was we were what when where which while who whom why ' +
  'with would you your'
).split(' '));

// --- stem ---------------------------------------------------------------------

// lunr.js and lunr.py's Porter stemmers differ in step 1c (day -> day / dai,
// try -> tri / try): a final y of the stem is written i. Words lunr.js reads
// differently (eed, eeds, ies, sses, anything with "yy") are not stemmed.
const UNSTEMMED = new Set(['eed', 'eeds', 'ies', 'sses']);

function lunrOrThrow(lunr) {
  if (!lunr || typeof lunr.stemmer !== 'function') {
    throw new TypeError('search pipeline: pass lunr (its Porter stemmer makes the stems)');
  }
  return lunr;
}

/** The stem of one spelt, non-stop-word token, as the index stores it. */
export function stem(token, lunr) {
  lunrOrThrow(lunr);
  if (token.length < 3 || !AZ.test(token) || token.indexOf('yy') !== -1 || UNSTEMMED.has(token)) {
    return token;
  }
  const stemmed = lunr.stemmer(new lunr.Token(token)).toString();
  return stemmed.endsWith('y') ? stemmed.slice(0, -1) + 'i' : stemmed;
}

/** Exactly the terms the index stores for text and a query looks up. */
export function terms(text, lunr) {
  lunrOrThrow(lunr);
  const result = [];
  for (const token of tokenize(text)) {
    const spelt = foldSpelling(token);
    if (!STOP_WORDS.has(spelt)) result.push(stem(spelt, lunr));
  }
  return result;
}

// --- lunr.js pipeline ---------------------------------------------------------

export const PIPELINE_NAMES = Object.freeze([
  'newsarchive-spelling', 'newsarchive-stopword', 'newsarchive-stem',
]);

// The pipeline functions registered with each lunr, so registering again changes nothing
// (lunr warns when a name is registered with another function).
const registered = new WeakMap();

/** Registers the three steps with lunr.Pipeline under PIPELINE_NAMES; again is harmless. */
export function register(lunr) {
  lunrOrThrow(lunr);
  if (registered.has(lunr)) return lunr;
  const functions = [
    (token) => token.update((string) => foldSpelling(string)),
    (token) => (STOP_WORDS.has(token.toString()) ? undefined : token),
    (token) => token.update((string) => stem(string, lunr)),
  ];
  PIPELINE_NAMES.forEach((name, i) => lunr.Pipeline.registerFunction(functions[i], name));
  registered.set(lunr, functions);
  return lunr;
}
