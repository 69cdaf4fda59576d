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
import { createRequire } from 'node:module';

import { register, stem, terms, tokenize } from '../../theme/static/js/search/pipeline.js';

const lunr = register(createRequire(import.meta.url)('lunr'));

function answer(request) {
  const result = {};
  if (request.texts) {
    result.tokens = request.texts.map((text) => tokenize(text));
    result.terms = request.texts.map((text) => terms(text, lunr));
  }
  if (request.words) {
    result.libraryStems = request.words.map((word) => lunr.stemmer(new lunr.Token(word)).toString());
    result.stems = request.words.map((word) => stem(word, lunr));
  }
  if (request.index) {
    const index = lunr.Index.load(request.index);
    result.hits = request.queries.map((query) =>
      index
        .query((q) => {
          for (const token of tokenize(query.text)) {
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
