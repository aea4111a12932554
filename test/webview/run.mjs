#!/usr/bin/env node
// The webview suite: mocha over test/webview/**/*.test.ts, which drive headless
// Chromium against the built dist/webview.js (scripts/run-tests.mjs builds it first).
// Counts reach scripts/run-tests.mjs through NN_RESULTS_FILE and the count reporter.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = join(root, 'test', 'support', 'count-reporter.cjs');

// Screenshots from an earlier run would mislead whoever looks at them.
rmSync(join(root, 'test-output', 'webview'), { recursive: true, force: true });

const args = [mocha, '--import=tsx', '--reporter', reporter, '--timeout', '60000', 'test/webview/**/*.test.ts'];
if (process.env.NN_WEBVIEW_GREP) args.push('--grep', process.env.NN_WEBVIEW_GREP);
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
