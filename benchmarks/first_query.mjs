// The data files the search page's worker fetches for its first query, for
// benchmarks/firstquery.py: the built site's own worker module (serve() of
// theme/js/search/worker.js) answers the page's messages under Node, with a
// fetch that reads the files from disk and records which.
//
//   argv: output dir, the worker's path and the manifest's path under it, then a
//         JSON search message {q, filters, sort, offset, limit}
//   stdin: the manifest the page inlines as JSON (null when it does not: the worker
//          fetches it); not an argument, since at 100,000 articles it is longer than
//          an argument may be (128 KB on Linux)
//   stdout: {"files": [path under the output dir, ...] in fetch order, "total": results}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [output, workerPath, manifestPath, messageText] = process.argv.slice(2);
const inlinedText = readFileSync(0, 'utf8');

async function main() {
  const { serve } = await import(pathToFileURL(path.join(output, workerPath)).href);
  const files = [];
  const fetchJson = async (address) => {
    const file = fileURLToPath(address.split('?')[0]);
    files.push(path.relative(output, file).split(path.sep).join('/'));
    return JSON.parse(readFileSync(file, 'utf8'));
  };
  const answer = await new Promise((resolve, reject) => {
    const scope = {
      postMessage(message) {
        // What was fetched up to the results (the counts that follow fetch more).
        if (message.type === 'results') resolve({ ...message, fetched: files.slice() });
        else if (message.type === 'error') reject(new Error(message.message));
      },
    };
    serve(scope, { fetchJson });
    const post = (data) => scope.onmessage({ data });
    const manifest = JSON.parse(inlinedText || 'null') || undefined;
    post({ type: 'init', manifestUrl: pathToFileURL(path.join(output, manifestPath)).href, manifest });
    post({ type: 'search', id: 1, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...JSON.parse(messageText) });
  });
  return { files: answer.fetched, total: answer.total };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(String((error && error.stack) || error));
    process.exit(1);
  }
);
