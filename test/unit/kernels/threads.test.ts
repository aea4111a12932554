// The two-thread GEMM against the reference kernels: every product is split
// (minWork 0) across this thread and the worker, by columns or by rows.

import assert from 'node:assert/strict';
import { createRng, referenceKernels, type Kernels } from '../../../src/engine';
import { wasmKernels } from '../../../src/engine/wasm/backend';
import { alwaysSplit, shapeKey, type SplitDecider } from '../../../src/kernels/splitPolicy';
import { TwoThreadGemm } from '../../../src/kernels/threads';
import { randomArray } from '../engine/helpers';
import { F32_EPS, runtimes } from './support';

describe('kernels: two-thread GEMM', () => {
  let threads: TwoThreadGemm | undefined;
  let fast: Partial<Kernels> = {};
  before(async () => {
    const [{ runtime }] = await runtimes();
    threads = new TwoThreadGemm(runtime, { minWork: 0, decider: alwaysSplit });
    await threads.started;
    fast = wasmKernels(runtime, referenceKernels, { minWork: 0, parallel: threads });
  });
  after(async () => threads?.dispose());

  it('runs every GEMM on this thread, untimed, until its worker has started', async () => {
    const [{ runtime }] = await runtimes();
    const asked: string[] = [];
    const decider: SplitDecider = {
      next: (key) => {
        asked.push(key);
        return { split: true, timed: true };
      },
      record: () => undefined,
    };
    const fresh = new TwoThreadGemm(runtime, { minWork: 0, decider });
    try {
      const mark = runtime.mark();
      const [a, b, c] = [runtime.alloc(64 * 64), runtime.alloc(64 * 64), runtime.alloc(64 * 64)];
      const run = (): boolean => fresh.run(64, 64, 64, a, 64, 1, b, 64, 1, c, 64, false);
      // A worker thread takes tens of milliseconds to start; the first call comes before it has.
      assert.equal(run(), false, 'declined while the worker starts');
      assert.deepEqual(asked, [], 'and not timed');
      await fresh.started;
      assert.equal(run(), true);
      assert.deepEqual(asked, [shapeKey(64, 64, 64, false)]);
      assert.equal(fresh.stolen + fresh.split, 1);
      runtime.release(mark);
    } finally {
      await fresh.dispose();
    }
  });

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
