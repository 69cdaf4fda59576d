/* Turns the archive's compact search index back into lunr's own serialised index.
 *
 * The Python build (newsarchive/search/index.py, `compact`) writes each term's
 * lunr index number and its postings as (document gap, weight x 1000) pairs
 * per field, instead of lunr's JSON with a vector per document. This rebuilds
 * exactly the structure lunr.py's `serialize()` would have written, so
 * `lunr.Index.load` gives the same index and the same scores.
 *
 * Works as a classic script (page or worker: defines self.NewsarchiveSearchIndex)
 * and from Node (module.exports).
 */
(function (root) {
  'use strict';

  function toSerialized(compact) {
    if (compact.v !== 1) throw new Error('unknown search index format ' + compact.v);
    var fields = compact.fields;
    var invertedIndex = new Array(compact.terms.length);
    var vectors = Object.create(null); // "field/ref" -> [[termIndex, weight], ...]
    var refOrder = [];
    for (var t = 0; t < compact.terms.length; t++) {
      var row = compact.postings[t];
      var termIndex = row[0];
      var posting = { _index: termIndex };
      for (var f = 0; f < fields.length; f++) posting[fields[f]] = {};
      var i = 1;
      while (i < row.length) {
        var field = fields[row[i]], count = row[i + 1];
        i += 2;
        var ref = 0;
        for (var n = 0; n < count; n++, i += 2) {
          ref += row[i];
          posting[field][ref] = {};
          var key = field + '/' + ref;
          if (!vectors[key]) { vectors[key] = []; refOrder.push(key); }
          vectors[key].push([termIndex, row[i + 1] / 1000]);
        }
      }
      invertedIndex[t] = [compact.terms[t], posting];
    }
    var fieldVectors = refOrder.map(function (key) {
      var pairs = vectors[key].sort(function (a, b) { return a[0] - b[0]; });
      var elements = new Array(pairs.length * 2);
      for (var p = 0; p < pairs.length; p++) { elements[2 * p] = pairs[p][0]; elements[2 * p + 1] = pairs[p][1]; }
      return [key, elements];
    });
    return {
      version: '2.3.9',
      fields: fields,
      fieldVectors: fieldVectors,
      invertedIndex: invertedIndex,
      pipeline: compact.pipeline
    };
  }

  function load(lunr, compact) {
    return lunr.Index.load(toSerialized(compact));
  }

  var api = { toSerialized: toSerialized, load: load };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (root) root.NewsarchiveSearchIndex = root.NewsarchiveSearchIndex || api;
})(typeof self !== 'undefined' ? self : (typeof globalThis !== 'undefined' ? globalThis : this));
