/* Scores as lunr.Index#query computes them, to the bit, and bounds on scores
 * whose postings are not all fetched yet.
 *
 * lunr's score of a document: per field, the dot product of the query vector
 * (each expanded term's summed boost) and the document's field vector (BM25
 * weights lunr.py wrote), over the query vector's magnitude; the fields' shares
 * summed in the order lunr first meets each field for that document (the order
 * of the terms, as expand() gives them). Floating-point sums depend on order, so
 * the same order gives the same bits.
 *
 * A document whose postings are not all known gets bounds instead: its known
 * score (lower) and what each term whose posting is unknown can add at most
 * (the term's tau x boost / 1000, before dividing by the magnitude).
 */
import { isPending } from './postings.js';

// Scores computed in another order than lunr's may be off by rounding: bounds get this room.
export const SLACK = 1e-9;

/* boosts: Map term -> boost, in lunr's order; datas: Map term -> term data
 * (postings.js); fieldCount and count: the index's fields and articles. */
export function scorer(boosts, datas, fieldCount, count) {
  const terms = [...boosts].map(([term, boost], seq) => ({ boost, seq, data: datas.get(term) }));
  const byIndex = terms.slice().sort((a, b) => a.data.index - b.data.index);
  let squares = 0;
  for (const t of byIndex) squares += t.boost * t.boost;
  const magnitude = Math.sqrt(squares);
  let state = null;

  function compute() {
    const nf = fieldCount;
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
    return { scores, open, pending, magnitude };
  }

  return {
    /* {scores, open, pending, magnitude} for the postings known now: each doc's
     * score (exact when pending[doc] is 0, else what its known postings give)
     * and what its unknown postings can add at most (open, before dividing by
     * the magnitude). Recomputed only when postings were added. */
    state() {
      const version = terms.reduce((sum, t) => sum + t.data.version, 0);
      if (!state || state.version !== version) state = { ...compute(), version };
      return state;
    },
    score(doc) {
      return this.state().scores[doc];
    },
    /** The data of the terms whose postings for doc are not known yet. */
    unknown(doc) {
      return terms.filter((t) => isPending(t.data, doc)).map((t) => t.data);
    },
  };
}

/* The docs of kept (article numbers) that can be among the `end` best: those
 * whose score can reach the end-th best score known for sure. The known part of
 * a score is summed in another order than the whole score, so bounds get a
 * little room (SLACK): it only ever fetches more. */
export function contenders(kept, end, { scores, pending, open, magnitude }) {
  if (kept.length <= end) return kept.slice();
  const lowers = new Float64Array(kept.length);
  kept.forEach((ref, i) => { lowers[i] = pending[ref] ? scores[ref] * (1 - SLACK) : scores[ref]; });
  lowers.sort();
  const threshold = lowers[lowers.length - end];
  return kept.filter((ref) => (pending[ref]
    ? (scores[ref] + open[ref] / magnitude) * (1 + SLACK) + SLACK
    : scores[ref]) >= threshold);
}
