// Runs the shipped search engine (theme/static/js/search/engine.js) on the
// same queries three ways, for test_sharded_index.py to compare:
//   memory:  the whole compact index and document store in memory (oracle.mjs);
//   cold:    the sharded files, a fresh source per query (only what it fetches);
//   warm:    the sharded files, one source for all queries (tails accumulate);
// and, for the lunr queries, runQuery (oracle.mjs) over the memory and the
// sharded sources against lunr.js's own idx.query on lunr.py's serialised index.
//
//   stdin: {"compact": path, "store": path, "serialized": path, "shards": dir,
//           "answers": [{q, filters, sort, offset, limit}], "lunr": [q, ...]}
//   stdout: {"answers": [{message, memory, cold, warm, fetched}],
//            "lunr": [{q, clauses, ours, sharded, theirs}]}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createEngine } from '../../theme/static/js/search/engine.js';
import { clausesFor } from '../../theme/static/js/search/query.js';
import { shardedSource } from '../../theme/static/js/search/shards.js';
import { lunrResults, memorySource, rows, runQuery } from './oracle.mjs';

const lunr = createRequire(import.meta.url)('lunr');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function sharded(dir, fetched) {
  const manifestUrl = pathToFileURL(path.join(dir, 'manifest.json')).href;
  return shardedSource(manifestUrl, {
    fetchJson: async (address) => {
      const file = fileURLToPath(address.split('?')[0]);
      if (fetched) fetched.push(path.relative(dir, file));
      return readJson(file);
    },
  });
}

async function opened(source) {
  const engine = createEngine(source, lunr);
  const meta = await engine.open();
  return { engine, source, meta };
}

async function ranked(run, q) {
  const build = clausesFor(await run.engine.analyse(q), lunr);
  return { build, results: rows(await runQuery(run, build)) };
}

// An answer as the reader ends up seeing it: with the counts that may follow it.
async function answered(engine, message) {
  const { countsLater, ...answer } = await engine.answer(message);
  return countsLater ? { ...answer, facets: (await engine.counts(message)).facets } : answer;
}

async function main(request) {
  const memory = await opened(memorySource(readJson(request.compact), readJson(request.store)));
  const warm = await opened(sharded(request.shards));
  const answers = [];
  for (const message of request.answers) {
    const fetched = [];
    const cold = await opened(sharded(request.shards, fetched));
    const full = { id: 1, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...message };
    answers.push({
      message: full,
      memory: await answered(memory.engine, full),
      cold: await answered(cold.engine, full),
      warm: await answered(warm.engine, full),
      fetched,
    });
  }
  const lunrIndex = lunr.Index.load(readJson(request.serialized));
  const lunrAnswers = [];
  for (const q of request.lunr) {
    const { build, results: ours } = await ranked(memory, q);
    const { results: fromShards } = await ranked(await opened(sharded(request.shards)), q);
    const query = new lunr.Query(lunrIndex.fields);
    build(query);
    // A query of no clauses is "negated" in lunr, which then returns every document.
    const theirs = query.clauses.length ? lunrResults(lunrIndex, build) : [];
    lunrAnswers.push({ q, clauses: query.clauses.length, ours, sharded: fromShards, theirs });
  }
  return { answers, lunr: lunrAnswers };
}

let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  main(JSON.parse(input)).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error) => {
      process.stderr.write(String((error && error.stack) || error));
      process.exit(1);
    }
  );
});
