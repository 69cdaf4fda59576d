// Loads one index twice in lunr.js — from lunr.py's own JSON and from the
// archive's compact form (oracle.mjs: load) — runs the same queries on both and
// prints both result lists, so test_compact_index.py can require them to be identical.
//   stdin: {"full": <lunr.py serialize()>, "compact": <compact()>, "queries": [{"text", "editDistance", "wildcard"}]}
//   stdout: {"full": [[[ref, score], ...], ...], "compact": [...]}
import { createRequire } from 'node:module';

import { register, tokenize } from '../../theme/static/js/search/pipeline.js';
import { load } from './oracle.mjs';

const lunr = register(createRequire(import.meta.url)('lunr'));

function run(index, query) {
  const tokens = tokenize(query.text);
  return index
    .query((q) => {
      tokens.forEach((token, i) => {
        q.term(token, { usePipeline: true, presence: tokens.length > 1 ? lunr.Query.presence.REQUIRED : undefined });
        if (query.editDistance && token.length >= 5) q.term(token, { usePipeline: true, editDistance: query.editDistance, boost: 0.5 });
        if (query.wildcard && i === tokens.length - 1) q.term(token, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.2 });
      });
    })
    .map((r) => [r.ref, r.score]);
}

let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  const full = lunr.Index.load(request.full);
  const compact = load(lunr, request.compact);
  process.stdout.write(JSON.stringify({
    full: request.queries.map((q) => run(full, q)),
    compact: request.queries.map((q) => run(compact, q)),
  }));
});
