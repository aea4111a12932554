#!/usr/bin/env node
// The "static" test suite: type checks of the Node side and the webview, and the
// lint rules (which keep the engine, model and data code pure). Each check counts
// as one test in the closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const checks = [
  { name: 'type check: extension host, engine, CLI and tests', cmd: bin('tsc'), args: ['-p', '.', '--noEmit'] },
  { name: 'type check: webview', cmd: bin('tsc'), args: ['-p', 'webview', '--noEmit'] },
  { name: 'lint (including the pure-code import rules)', cmd: bin('eslint'), args: ['.'] },
];

let passed = 0;
let failed = 0;
for (const check of checks) {
  const run = spawnSync(check.cmd, check.args, { cwd: root, encoding: 'utf8' });
  if (run.status === 0) {
    passed++;
    console.log(`  ✔ ${check.name}`);
  } else {
    failed++;
    console.log(`  ✖ ${check.name}\n${(run.stdout + run.stderr).trim().replace(/^/gm, '      ')}`);
  }
}
if (process.env.NN_RESULTS_FILE) writeFileSync(process.env.NN_RESULTS_FILE, JSON.stringify({ passed, failed }));
process.exit(failed > 0 ? 1 : 0);
