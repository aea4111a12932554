/* global process */
// The one- versus two-thread GEMM crossover, measured in a fresh process
// through the bench bundle's `gemmCrossover` (see bench/engines/ours.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function crossover(root, quick) {
  const script = `const o = require(${JSON.stringify(join(root, 'dist', 'bench-ours.cjs'))});
    if (!o.gemmCrossover) { console.log('[]'); process.exit(0); }
    o.gemmCrossover(${JSON.stringify(join(root, 'dist'))}, ${quick ? 0.15 : 0.6}).then((r) => { console.log(JSON.stringify(r)); process.exit(0); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return [];
  }
}
