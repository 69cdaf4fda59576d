// The top results of the site's own search for many queries, for benchmarks/relevance.py:
// the built site's worker module (serve() of theme/js/search/worker.js) answers
// the page's messages under Node, reading the index files from disk, one query
// at a time as a reader types them into the search box (relevance order, no filter).
//
//   argv:   output dir, the worker's path and the manifest's path under it, results per query
//   stdin:  a JSON array of queries, each exactly as typed
//   stdout: a JSON array, one {"q", "mode", "total", "urls": [url, ...] best first} per query
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [output, workerPath, manifestPath, limitText] = process.argv.slice(2);

/* A stand-in for the worker's global scope: search(message) resolves with the
 * worker's results for it. The worker answers only the newest search, so the
 * queries go one at a time. */
async function worker() {
  const { serve } = await import(pathToFileURL(path.join(output, workerPath)).href);
  const fetchJson = async (address) => JSON.parse(readFileSync(fileURLToPath(address.split('?')[0]), 'utf8'));
  const waiting = new Map();
  let failure = null;
  const scope = {
    postMessage(message) {
      if (message.type === 'results' && waiting.has(message.id)) {
        waiting.get(message.id).resolve(message);
        waiting.delete(message.id);
      } else if (message.type === 'error') {
        failure = new Error(message.message);
        for (const { reject } of waiting.values()) reject(failure);
        waiting.clear();
      }
    },
  };
  serve(scope, { fetchJson });
  scope.onmessage({ data: { type: 'init', manifestUrl: pathToFileURL(path.join(output, manifestPath)).href } });
  let id = 0;
  return (q) => new Promise((resolve, reject) => {
    if (failure) return reject(failure);
    id += 1;
    waiting.set(id, { resolve, reject });
    const limit = Number(limitText);
    scope.onmessage({ data: { type: 'search', id, q, filters: {}, sort: 'relevance', offset: 0, limit } });
  });
}

async function main() {
  const queries = JSON.parse(readFileSync(0, 'utf8'));
  const search = await worker();
  const answers = [];
  for (const q of queries) {
    const answer = await search(q);
    answers.push({ q, mode: answer.mode, total: answer.total, urls: answer.items.map((item) => item.url) });
  }
  return answers;
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(String((error && error.stack) || error));
    process.exit(1);
  }
);
