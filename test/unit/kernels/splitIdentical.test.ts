// A split GEMM gives exactly the numbers of the same GEMM on one thread: the
// halves are disjoint blocks of C, each summed over all of k in the same
// order, so the adaptive choice never changes a result.

import assert from 'node:assert/strict';
import { createRng } from '../../../src/engine';
import { alwaysSplit } from '../../../src/kernels/splitPolicy';
import { TwoThreadGemm } from '../../../src/kernels/threads';
import { runtimes } from './support';

describe('kernels: split GEMM is bit-identical to one thread', () => {
  it('on random shapes, strides and accumulation, for every build', async () => {
    for (const { name, runtime } of await runtimes()) {
      const threads = new TwoThreadGemm(runtime, { minWork: 0, decider: alwaysSplit });
      await threads.started;
      const rng = createRng(77);
      const dim = (): number => 1 + Math.floor(rng() * 200);
      try {
        for (let t = 0; t < 40; t++) {
          const [m, n, k] = [dim(), dim(), dim()];
          const transA = rng() < 0.5;
          const transB = rng() < 0.5;
          const accumulate = rng() < 0.5;
          const mark = runtime.mark();
          const a = runtime.alloc(m * k);
          const b = runtime.alloc(k * n);
          const alone = runtime.alloc(m * n);
          const split = runtime.alloc(m * n);
          const f32 = runtime.f32;
          for (let i = 0; i < m * k; i++) f32[(a >> 2) + i] = rng() * 2 - 1;
          for (let i = 0; i < k * n; i++) f32[(b >> 2) + i] = rng() * 2 - 1;
          for (let i = 0; i < m * n; i++) f32[(alone >> 2) + i] = f32[(split >> 2) + i] = rng() * 2 - 1;
          const [ars, acs] = transA ? [1, m] : [k, 1];
          const [brs, bcs] = transB ? [1, k] : [n, 1];
          runtime.gemm(m, n, k, a, ars, acs, b, brs, bcs, alone, n, accumulate ? 1 : 0, runtime.work(0));
          const took = threads.run(m, n, k, a, ars, acs, b, brs, bcs, split, n, accumulate);
          const x = new Uint32Array(runtime.memory.buffer, alone, m * n);
          const y = new Uint32Array(runtime.memory.buffer, split, m * n);
          for (let i = 0; i < m * n; i++) assert.equal(y[i], x[i], `${name} ${m}×${n}×${k} transA ${transA} transB ${transB} acc ${accumulate} [${i}]`);
          assert.equal(took, !(n < 16 && m < 8), `${m}×${n}×${k} went through the split path`);
          runtime.release(mark);
        }
        assert.ok(threads.split + threads.stolen > 0);
      } finally {
        await threads.dispose();
      }
    }
  });
});
