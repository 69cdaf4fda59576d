/* The number encodings of the index files, decoded: the inverse of
 * newsarchive/search/shards.py's pack, gaps, docset and front-coded words.
 *
 * Rules (shards.py is the reference):
 * - pack: each number is written in base 91 with the characters '#' to '~'
 *   but the backslash (nothing a JSON string escapes); its last character holds
 *   0-63, each character before it 0-26 offset by 64, so a number ends at the
 *   first character below 64 and no separator is needed.
 * - gaps: ascending numbers as the first one, then each distance minus one.
 * - docset: a set of articles as gaps; as '!' and the gaps of the articles NOT
 *   in it (for sets of most articles); or as '~' and a bitmap, six articles to
 *   a character. Gaps whose first character would be '~' start with a zero
 *   leading digit instead, which unpack reads as the same number.
 * - front-coded words: {shared, rest}: per word, how many code points it shares
 *   with the word before (packed), and the rest, space-separated.
 */

const LAST = 64; // a number's last character holds 0-63
const MORE = 27; // each character before it 0-26
// Digit of each character: the 91 characters from '#' to '~' but the backslash.
const DIGIT = new Int8Array(128).fill(-1);
for (let c = 0x23, d = 0; c < 0x7f; c++) if (c !== 0x5c) DIGIT[c] = d++;

/** Packed numbers -> an array of numbers. */
export function unpack(text) {
  const out = [];
  let high = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = DIGIT[text.charCodeAt(i)];
    if (digit < 0) throw new Error(`search index: ${JSON.stringify(text[i])} in packed numbers`);
    if (digit >= LAST) high = high * MORE + digit - LAST;
    else {
      out.push(high * LAST + digit);
      high = 0;
    }
  }
  return out;
}

/** Gaps back to ascending numbers, in place. */
export function ungap(values) {
  let at = -1;
  for (let i = 0; i < values.length; i++) values[i] = at = at + values[i] + 1;
  return values;
}

/** A packed set of articles -> Int32Array of article numbers, ascending. */
export function docset(text, count) {
  if (text[0] === '~') {
    const refs = [];
    for (let i = 1; i < text.length; i++) {
      const bits = DIGIT[text.charCodeAt(i)];
      for (let b = 0; b < 6; b++) if (bits & (1 << b)) refs.push((i - 1) * 6 + b);
    }
    return Int32Array.from(refs);
  }
  if (text[0] === '!') {
    const absent = ungap(unpack(text.slice(1)));
    const refs = new Int32Array(count - absent.length);
    for (let r = 0, a = 0, n = 0; r < count; r++) {
      if (a < absent.length && absent[a] === r) a++;
      else refs[n++] = r;
    }
    return refs;
  }
  return Int32Array.from(ungap(unpack(text)));
}

/** Front-coded words -> the words, in order. */
export function unwords(coded) {
  const shared = unpack(coded.shared);
  const rest = coded.rest ? coded.rest.split(' ') : [];
  const out = new Array(rest.length);
  let previous = [];
  for (let i = 0; i < rest.length; i++) {
    const word = previous.slice(0, shared[i]).join('') + rest[i];
    out[i] = word;
    previous = Array.from(word);
  }
  return out;
}
