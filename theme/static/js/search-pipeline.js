/*
 * NewsarchiveSearch: the archive's search tokenizer and term pipeline.
 *
 * The same rules as newsarchive/search/tokenizer.py, which builds the index with
 * lunr.py; tests/search/vectors.json pins them and the parity tests run both.
 * The rules are documented in that module; in short:
 *
 *   tokenize(text): NFKD, drop combining marks, toLowerCase, fold ß ς æ œ ø ł đ ı
 *   and curly apostrophes, NFC (Hangul recomposes); chunks are runs of
 *   \p{L}\p{N} joined by single . , ' (Hangul runs apart, U+E000-U+FFFF
 *   separates); a chunk drops a final "." and a possessive "'s", dotted single
 *   letters join (U.S. -> us), dotted or comma'd digits stay one number without
 *   commas (1,000 -> 1000, 3.5), otherwise apostrophes vanish and . , split.
 *   terms(text): tokens -> newsarchive-spelling -> newsarchive-stopword ->
 *   newsarchive-stem, the lunr pipeline functions registered by register(lunr).
 *
 * Plain ES2017 plus Unicode property escapes; no dependencies but the lunr
 * passed in. Usable as a classic script (page or Web Worker: self.NewsarchiveSearch)
 * and from Node (module.exports). Loading it twice keeps the first copy, so
 * registering again is a no-op and lunr prints no "overwriting" warning.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else if (!root.NewsarchiveSearch) {
    root.NewsarchiveSearch = factory();
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // --- tokenize -------------------------------------------------------------

  const FOLD = {
    'ß': 'ss', 'ς': 'σ', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ı': 'i',
    '\u2018': "'", '\u2019': "'", '\u201b': "'", '\u02bc': "'"
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
  function tokenize(text) {
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
    skilful: 'skillful', wilful: 'willful'
  };
  const OUR_WORDS = (
    'ardour armour behaviour candour clamour colour demeanour endeavour favour fervour ' +
    'flavour harbour honour humour labour neighbour odour parlour rancour rigour rumour ' +
    'saviour savour splendour tumour valour vapour vigour'
  ).split(' ');
  const ENCE_WORDS = [
    ['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'], ['pretence', 'pretense']
  ];
  const RE_WORDS = [
    ['centre', 'center'], ['theatre', 'theater'], ['metre', 'meter'], ['litre', 'liter'],
    ['fibre', 'fiber'], ['calibre', 'caliber'], ['manoeuvre', 'maneuver']
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

  /** The American spelling of a British-spelt word (only a-z tokens change). */
  function foldSpelling(token) {
    if (!AZ.test(token)) return token;
    if (Object.prototype.hasOwnProperty.call(SPELLING_WORDS, token)) return SPELLING_WORDS[token];
    for (const british of OUR_WORDS) {
      if (token.indexOf(british) !== -1) token = token.split(british).join(british.slice(0, -2) + 'r');
    }
    for (const [british, american] of ENCE_WORDS) token = token.split(british).join(american);
    for (const [british, american] of ENDING_RULES) {
      if (token.endsWith(british)) {
        token = token.slice(0, -british.length) + american;
        break;
      }
    }
    for (const [british, american] of ISE_ENDINGS) {
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
  const STOP_WORDS = new Set((
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
  let registeredLunr = null;

  function stemWith(lunr, token) {
    if (token.length < 3 || !AZ.test(token) || token.indexOf('yy') !== -1 || UNSTEMMED.has(token)) {
      return token;
    }
    const stemmed = lunr.stemmer(new lunr.Token(token)).toString();
    return stemmed.endsWith('y') ? stemmed.slice(0, -1) + 'i' : stemmed;
  }

  function lunrOrThrow(lunr) {
    const found = lunr || registeredLunr;
    if (!found) throw new Error('NewsarchiveSearch: call register(lunr) or pass lunr');
    return found;
  }

  /** Exactly the terms the index stores for text and a query looks up. */
  function terms(text, lunr) {
    const found = lunrOrThrow(lunr);
    const result = [];
    for (const token of tokenize(text)) {
      const spelt = foldSpelling(token);
      if (!STOP_WORDS.has(spelt)) result.push(stemWith(found, spelt));
    }
    return result;
  }

  // --- lunr.js pipeline ---------------------------------------------------------

  function spellingFilter(token) {
    return token.update((string) => foldSpelling(string));
  }

  function stopWordFilter(token) {
    return STOP_WORDS.has(token.toString()) ? undefined : token;
  }

  function stemFilter(token) {
    const lunr = lunrOrThrow(null);
    return token.update((string) => stemWith(lunr, string));
  }

  const FUNCTIONS = [
    ['newsarchive-spelling', spellingFilter],
    ['newsarchive-stopword', stopWordFilter],
    ['newsarchive-stem', stemFilter]
  ];
  const PIPELINE_NAMES = Object.freeze(FUNCTIONS.map((entry) => entry[0]));

  /** Register the pipeline functions with lunr.Pipeline; calling it again is harmless. */
  function register(lunr) {
    registeredLunr = lunr;
    for (const [name, fn] of FUNCTIONS) {
      if (lunr.Pipeline.registeredFunctions[name] !== fn) lunr.Pipeline.registerFunction(fn, name);
    }
    return lunr;
  }

  return Object.freeze({
    tokenize: tokenize,
    terms: terms,
    register: register,
    foldSpelling: foldSpelling,
    stem: (token, lunr) => stemWith(lunrOrThrow(lunr), token),
    STOP_WORDS: STOP_WORDS,
    PIPELINE_NAMES: PIPELINE_NAMES
  });
});
