// The two-thread GEMM with a worker that sleeps between jobs (spinMs 0, as
// the training worker runs it): the worker is woken for its half, the product
// is right, and a half it has not claimed yet is taken back and still right.

import assert from 'node:assert/strict';
import { createRng, referenceKernels } from '../../../src/engine';
import { wasmKernels } from '../../../src/engine/wasm/backend';
import { alwaysSplit } from '../../../src/kernels/splitPolicy';
import { TwoThreadGemm } from '../../../src/kernels/threads';
import { assertClose, randomArray } from '../engine/helpers';
import { runtimes } from './support';

describe('kernels: two-thread GEMM with a sleeping worker', () => {
  it('wakes the worker for large products and agrees with the reference', async () => {
    const [{ runtime }] = await runtimes();
    const threads = new TwoThreadGemm(runtime, { minWork: 0, spinMs: 0, decider: alwaysSplit });
    await threads.started;
    try {
      const fast = wasmKernels(runtime, referenceKernels, { minWork: 0, parallel: threads });
      const [m, k, n] = [256, 300, 256];
      const rng = createRng(8);
      const a = randomArray(rng, m * k);
      const b = randomArray(rng, k * n);
      const expected = new Float64Array(m * n);
      referenceKernels.matMul(a, b, expected, m, k, n, false);
      // Each half takes long enough for a woken worker to claim it; a busy host may delay it, so allow a few tries.
      for (let tries = 0; tries < 50 && threads.split === 0; tries++) {
        const c = new Float64Array(m * n);
        fast.matMul?.(a, b, c, m, k, n, false);
        assertClose(c, expected, `product, try ${tries + 1}`, 1e-4, 1e-4);
      }
      assert.ok(threads.split > 0, `the sleeping worker computed a half (${threads.stolen} taken back)`);
    } finally {
      await threads.dispose();
    }
  });
});
