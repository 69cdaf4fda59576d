// Runs the search worker's engine (theme/static/js/search-worker.js) on the
// same queries three ways, for test_sharded_index.py to compare:
//   memory:  the whole compact index and document store in memory (unsharded);
//   cold:    the sharded files, a fresh source per query (only what it fetches);
//   warm:    the sharded files, one source for all queries (tails accumulate);
// and, for the lunr queries, the engine's runQuery against lunr.js's own
// idx.query on lunr.py's serialised index.
//
//   stdin: {"compact": path, "store": path, "serialized": path, "shards": dir,
//           "answers": [{q, filters, sort, offset, limit}], "lunr": [q, ...]}
//   stdout: {"answers": [{message, memory, cold, warm, fetched}],
//            "lunr": [{q, ours, sharded, theirs}]}
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');

const root = path.resolve(__dirname, '..', '..');
const lunr = require(path.join(root, 'node_modules', 'lunr'));
const Search = require(path.join(root, 'theme', 'static', 'js', 'search-pipeline.js'));
const Index = require(path.join(root, 'theme', 'static', 'js', 'search-index.js'));
const { createEngine } = require(path.join(root, 'theme', 'static', 'js', 'search-worker.js'));

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function sharded(dir, fetched) {
  const manifestUrl = url.pathToFileURL(path.join(dir, 'manifest.json')).href;
  return Index.shardedSource(lunr, manifestUrl, {
    fetchJson: async (address) => {
      const file = url.fileURLToPath(address.split('?')[0]);
      if (fetched) fetched.push(path.relative(dir, file));
      return readJson(file);
    },
  });
}

async function engineOf(source) {
  const engine = createEngine(source, lunr, Search);
  await engine.open();
  return engine;
}

// lunr's results in the engine's terms: [ref, score, sorted terms], best first, equal scores by ref.
function lunrResults(index, build) {
  return index.query(build)
    .map((r) => [Number(r.ref), r.score, Object.keys(r.matchData.metadata).sort()])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

async function main(request) {
  const compact = readJson(request.compact);
  const store = readJson(request.store);
  const memory = await engineOf(Index.memorySource(lunr, compact, store));
  const warm = await engineOf(sharded(request.shards));
  const answers = [];
  for (const message of request.answers) {
    const fetched = [];
    const cold = await engineOf(sharded(request.shards, fetched));
    const full = { id: 1, filters: {}, sort: 'relevance', offset: 0, limit: 20, ...message };
    const strip = (answer) => Object.assign(answer, { workerMs: 0 });
    answers.push({
      message: full,
      memory: strip(await memory.answer(full)),
      cold: strip(await cold.answer(full)),
      warm: strip(await warm.answer(full)),
      fetched,
    });
  }
  const lunrIndex = lunr.Index.load(readJson(request.serialized));
  const lunrAnswers = [];
  for (const q of request.lunr) {
    const build = memory.clausesFor(await memory.analyse(q));
    const ours = (await memory.runQuery(build)).map((r) => [r.ref, r.score, r.terms.slice().sort()]);
    const cold = await engineOf(sharded(request.shards));
    const shardedBuild = cold.clausesFor(await cold.analyse(q));
    const fromShards = (await cold.runQuery(shardedBuild)).map((r) => [r.ref, r.score, r.terms.slice().sort()]);
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
