// The two-thread GEMM against the reference kernels: every product is split
// (minWork 0) across this thread and the worker, by columns or by rows.

import assert from 'node:assert/strict';
import { createRng, referenceKernels, type Kernels } from '../../../src/engine';
import { wasmKernels } from '../../../src/engine/wasm/backend';
import { alwaysSplit } from '../../../src/kernels/splitPolicy';
import { TwoThreadGemm } from '../../../src/kernels/threads';
import { randomArray } from '../engine/helpers';
import { F32_EPS, runtimes } from './support';

describe('kernels: two-thread GEMM', () => {
  let threads: TwoThreadGemm | undefined;
  let fast: Partial<Kernels> = {};
  before(async () => {
    const [{ runtime }] = await runtimes();
    threads = new TwoThreadGemm(runtime, { minWork: 0, decider: alwaysSplit });
    fast = wasmKernels(runtime, referenceKernels, { minWork: 0, parallel: threads });
  });
  after(async () => threads?.dispose());

  const shapes: [number, number, number][] = [[17, 300, 1023], [1023, 3, 17], [128, 128, 128], [9, 40, 16], [200, 17, 9]];
  for (const form of ['matMul', 'matMulTransB', 'matMulTransA'] as const) {
    it(`${form} split over two threads matches the reference, accumulating or not`, () => {
      shapes.forEach(([m, k, n], t) => {
        const rng = createRng(300 + t);
        const a = randomArray(rng, m * k);
        const b = randomArray(rng, k * n);
        const start = randomArray(rng, m * n);
        const abs = new Float64Array(m * n);
        referenceKernels[form](a.map(Math.abs), b.map(Math.abs), abs, m, k, n, false);
        for (const accumulate of [false, true]) {
          const expected = accumulate ? start.slice() : new Float64Array(m * n);
          referenceKernels[form](a, b, expected, m, k, n, accumulate);
          const c = accumulate ? start.slice() : new Float64Array(m * n).fill(9);
          fast[form]?.(a, b, c, m, k, n, accumulate);
          for (let i = 0; i < m * n; i++) {
            const tol = (k + 2) * F32_EPS * (abs[i] + Math.abs(start[i]));
            assert.ok(Math.abs(c[i] - expected[i]) <= tol, `${form} ${m}×${k}×${n}[${i}]: ${c[i]} vs ${expected[i]}`);
          }
        }
      });
      assert.ok(threads && threads.split + threads.stolen > 0, 'the products went through the two-thread path');
    });
  }
});
