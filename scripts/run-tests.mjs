#!/usr/bin/env node
// Runs the named test suites one after another and prints one closing line,
// "N passed, N failed". Each suite runs in its own process and reports its
// counts to the file named by NN_RESULTS_FILE (see test/support/count-reporter.cjs).
// A suite that dies without reporting counts as one failure.
// Exit status: non-zero when anything failed or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = join(root, 'test', 'support', 'count-reporter.cjs');

/** How to run each suite: a command line, run from the repository root. */
const SUITES = {
  static: [process.execPath, join(root, 'scripts', 'static-checks.mjs')],
  unit: [process.execPath, mocha, '--import=tsx', '--reporter', reporter, '--timeout', '60000', 'test/unit/**/*.test.ts'],
  webview: [process.execPath, join(root, 'test', 'webview', 'run.mjs')],
  e2e: [process.execPath, join(root, 'test', 'e2e', 'run.mjs')],
  'e2e-web': [process.execPath, join(root, 'test', 'e2e', 'run.mjs'), '--web'],
  'e2e-reload': [process.execPath, join(root, 'test', 'e2e', 'run.mjs'), '--reload'],
};

const names = process.argv.slice(2);
if (names.length === 0) names.push(...Object.keys(SUITES));
for (const name of names) {
  if (!SUITES[name]) {
    console.error(`unknown test suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}

const needsBuild = names.some((n) => n === 'webview' || n.startsWith('e2e'));
if (needsBuild) {
  const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('build failed; no suite that needs the build was run');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'nn-tests-'));
let passed = 0;
let failed = 0;
const lines = [];
try {
  for (const name of names) {
    const resultsFile = join(scratch, `${name}.json`);
    const [cmd, ...args] = SUITES[name];
    console.log(`\n=== ${name} ===`);
    const run = spawnSync(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NN_RESULTS_FILE: resultsFile },
    });
    let counts = { passed: 0, failed: 0 };
    if (existsSync(resultsFile)) {
      counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
    }
    if (run.status !== 0 && counts.failed === 0) {
      // The suite crashed or refused to start: make that visible as a failure.
      counts.failed = 1;
      console.error(`${name}: exited with ${run.status ?? run.signal} before reporting a failure`);
    }
    if (counts.passed + counts.failed === 0) {
      counts.failed = 1;
      console.error(`${name}: ran no test`);
    }
    passed += counts.passed;
    failed += counts.failed;
    lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
