/* global process */
// The extension host's side of training MNIST in the real worker, streaming on
// against off, measured in a fresh process through the bench bundle's
// `hostLag` (bench/hostLag.ts, built to dist/bench-host.cjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function hostLag(root, { seconds, runs, batchSize }) {
  const script = `const h = require(${JSON.stringify(join(root, 'dist', 'bench-host.cjs'))});
    h.hostLag(${JSON.stringify(join(root, 'dist', 'worker.js'))}, ${JSON.stringify({ seconds, runs, batchSize })})
      .then((r) => { console.log(JSON.stringify(r)); process.exit(0); }, (e) => { console.error(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 300_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-2).join(' ') };
  }
}
