// The WASM GEMM against the reference TypeScript kernels, on random shapes
// built from the edge sizes 1, 3, 17, 128 and 1023 (which cross every block
// and panel boundary of gemm.wat), for both builds and all three forms.
// Tolerance: the float32 error bound |ĉ − c| ≤ (k + 2)·u·Σ_p |a_ip·b_pj|.

import assert from 'node:assert/strict';
import { createRng, referenceKernels, type Kernels, type Rng } from '../../../src/engine';
import { wasmKernels } from '../../../src/engine/wasm/backend';
import type { WasmRuntime } from '../../../src/engine/wasm/runtime';
import { randomArray } from '../engine/helpers';
import { F32_EPS, runtimes } from './support';

type Form = 'matMul' | 'matMulTransB' | 'matMulTransA';
const FORMS: Form[] = ['matMul', 'matMulTransB', 'matMulTransA'];
const EDGES = [1, 3, 17, 128, 1023];

/** Shapes (m, k, n) from the edge sizes, at most one of them 1023 so the reference stays quick. */
function shapes(rng: Rng, count: number): [number, number, number][] {
  const out: [number, number, number][] = [[1, 1, 1], [3, 17, 1], [128, 128, 128], [17, 1023, 3], [1023, 3, 17], [5, 300, 600]];
  while (out.length < count) {
    const pick = (): number => EDGES[Math.floor(rng() * EDGES.length)];
    const s: [number, number, number] = [pick(), pick(), pick()];
    if (s.filter((v) => v === 1023).length <= 1) out.push(s);
  }
  return out;
}

function absArray(a: Float64Array): Float64Array {
  return a.map(Math.abs);
}

function check(fast: Partial<Kernels>, form: Form, m: number, k: number, n: number, seed: number): void {
  const rng = createRng(seed);
  const a = randomArray(rng, m * k);
  const b = randomArray(rng, k * n);
  const start = randomArray(rng, m * n);
  const run = fast[form];
  assert.ok(run, `${form} is served by WASM`);
  for (const accumulate of [false, true]) {
    const expected = new Float64Array(m * n);
    if (accumulate) expected.set(start);
    referenceKernels[form](a, b, expected, m, k, n, accumulate);
    // The error bound needs Σ|a||b| of the same product.
    const bound = new Float64Array(m * n);
    referenceKernels[form](absArray(a), absArray(b), bound, m, k, n, false);
    const sentinel = 12345.5;
    const c = new Float64Array(m * n + 5).fill(sentinel);
    if (accumulate) c.set(start);
    run(a, b, c, m, k, n, accumulate);
    for (let i = 0; i < m * n; i++) {
      const tol = (k + 2) * F32_EPS * (bound[i] + (accumulate ? Math.abs(start[i]) : 0)) + 1e-30;
      if (!(Math.abs(c[i] - expected[i]) <= tol)) {
        assert.fail(`${form} ${m}×${k}×${n}${accumulate ? ' accumulated' : ''}: [${i}] got ${c[i]}, expected ${expected[i]} (tolerance ${tol})`);
      }
    }
    for (let i = m * n; i < c.length; i++) assert.equal(c[i], sentinel, `${form} wrote past the ${m}×${n} result`);
  }
}

describe('kernels: WASM GEMM against the reference kernels', () => {
  let builds: { name: string; runtime: WasmRuntime }[] = [];
  before(async () => {
    builds = await runtimes();
  });

  it('both builds instantiate (FMA where the host validates relaxed SIMD)', () => {
    assert.ok(builds.length >= 1);
    assert.equal(builds[0].runtime.fusedMultiplyAdd, false);
  });

  for (const form of FORMS) {
    it(`${form}: random shapes with edge sizes 1, 3, 17, 128, 1023, with and without accumulation`, () => {
      const list = shapes(createRng(form.length * 97), 14);
      for (const { runtime } of builds) {
        const fast = wasmKernels(runtime, referenceKernels, { minWork: 0 });
        list.forEach(([m, k, n], t) => check(fast, form, m, k, n, 1000 + t));
      }
    });
  }

  it('a wrong product is caught: the tolerance is tight enough to fail', () => {
    const rng = createRng(7);
    const [m, k, n] = [17, 128, 3];
    const a = randomArray(rng, m * k);
    const b = randomArray(rng, k * n);
    const good = new Float64Array(m * n);
    const off = new Float64Array(m * n);
    referenceKernels.matMul(a, b, good, m, k, n, false);
    // The same product with one term of the inner sum left out.
    referenceKernels.matMul(a, b, off, m, k - 1, n, false);
    const bound = new Float64Array(m * n);
    referenceKernels.matMul(absArray(a), absArray(b), bound, m, k, n, false);
    const caught = Array.from(good).some((g, i) => Math.abs(g - off[i]) > (k + 2) * F32_EPS * bound[i]);
    assert.ok(caught);
  });

  it('products below the size threshold stay on the reference kernels', () => {
    let calls = 0;
    const counting = { ...referenceKernels, matMul: (...args: Parameters<Kernels['matMul']>) => { calls++; referenceKernels.matMul(...args); } };
    const fast = wasmKernels(builds[0].runtime, counting, { minWork: 64 });
    const c = new Float64Array(16);
    fast.matMul?.(new Float64Array(16).fill(1), new Float64Array(16).fill(1), c, 4, 4, 4, false);
    assert.equal(calls, 0);
    assert.deepEqual(Array.from(c), new Array(16).fill(4));
    fast.matMul?.(new Float64Array(9).fill(1), new Float64Array(9).fill(1), c, 3, 3, 3, false);
    assert.equal(calls, 1);
  });
});
