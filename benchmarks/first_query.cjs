// The data files the search page's worker fetches for its first query, for
// benchmarks/firstquery.py: the built site's own scripts run the query
// (the worker's engine over the sharded source), with a fetch that reads the
// files from disk and records which.
//
//   argv: output dir, then a JSON message {q, filters, sort, offset, limit}
//   stdout: {"files": [path under the output dir, ...] in fetch order, "total": results}
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');

const [output, messageText] = process.argv.slice(2);
const theme = (...parts) => path.join(output, 'theme', ...parts);
const lunr = require(theme('vendor', 'lunr.min.js'));
const Search = require(theme('js', 'search-pipeline.js'));
const Index = require(theme('js', 'search-index.js'));
const { createEngine } = require(theme('js', 'search-worker.js'));

async function main() {
  const files = [];
  const manifestUrl = url.pathToFileURL(path.join(output, 'search', 'manifest.json')).href;
  const source = Index.shardedSource(lunr, manifestUrl, {
    fetchJson: async (address) => {
      const file = url.fileURLToPath(address.split('?')[0]);
      files.push(path.relative(output, file).split(path.sep).join('/'));
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    },
  });
  const engine = createEngine(source, lunr, Search);
  await engine.open();
  const message = Object.assign({ id: 1, filters: {}, sort: 'relevance', offset: 0, limit: 20 }, JSON.parse(messageText));
  const answer = await engine.answer(message);
  return { files, total: answer.total };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(String((error && error.stack) || error));
    process.exit(1);
  }
);
