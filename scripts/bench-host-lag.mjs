#!/usr/bin/env node
// Benchmark (not a test): the extension host's event-loop lag and the live
// view's cost while MNIST 784-128-64-10 trains in the real training worker;
// the same runs as the "Extension host" section of `npm run bench`
// (bench/hostLag.ts), on their own.
//   --seconds N   training time per run (default 5)
//   --runs N      runs per mode (streaming off / on), interleaved (default 3)
//   --batch N     batch size (default 128)
//   --json        print the runs as JSON instead of the table
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundle } from './esbuild-options.cjs';
import { hostLag } from '../bench/hostLag.mjs';
import { formatHost } from '../bench/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};

if (spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' }).status !== 0) {
  console.error('the build failed');
  process.exit(1);
}
await esbuild.build({ ...nodeBundle, entryPoints: [join(root, 'bench', 'hostLag.ts')], outfile: join(root, 'dist', 'bench-host.cjs'), logLevel: 'warning' });
const result = hostLag(root, { seconds: option('--seconds', 5), runs: Math.max(1, option('--runs', 3)), batchSize: option('--batch', 128) });
console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : formatHost(result));
if (result.error) process.exit(1);
