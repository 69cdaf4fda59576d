// The browser side of the parity tests, run by test_pipeline_parity.py in one
// node process: reads a JSON request on stdin, prints a JSON answer.
//
//   {"texts": [...]}            -> {"tokens": [[...]], "terms": [[...]]}
//   {"words": [...]}            -> {"libraryStems": [...] (lunr.stemmer), "stems": [...] (ours)}
//   {"index": {...}, "queries": [{"text": ..., "editDistance": n}]}
//                               -> {"hits": [[ref, ...], ...]}
//
// Queries are built the way the client should: our tokens, one term each,
// through the index's own pipeline (usePipeline: true), never lunr's query parser.
'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const lunr = require(path.join(root, 'node_modules', 'lunr'));
const search = require(path.join(root, 'theme', 'static', 'js', 'search-pipeline.js'));

search.register(lunr);

function answer(request) {
  const result = {};
  if (request.texts) {
    result.tokens = request.texts.map((text) => search.tokenize(text));
    result.terms = request.texts.map((text) => search.terms(text, lunr));
  }
  if (request.words) {
    result.libraryStems = request.words.map((word) => lunr.stemmer(new lunr.Token(word)).toString());
    result.stems = request.words.map((word) => search.stem(word, lunr));
  }
  if (request.index) {
    const index = lunr.Index.load(request.index);
    result.hits = request.queries.map((query) =>
      index
        .query((q) => {
          for (const token of search.tokenize(query.text)) {
            const options = { usePipeline: true };
            if (query.editDistance) options.editDistance = query.editDistance;
            q.term(token, options);
          }
        })
        .map((match) => match.ref)
    );
  }
  return result;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => { process.stdout.write(JSON.stringify(answer(JSON.parse(input)))); });
