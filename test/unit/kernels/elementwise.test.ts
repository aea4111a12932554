// The element-wise WASM kernels against the same formulas in float32 JS
// (Math.fround after every operation), on widths 1, 3, 17, 128 and 1023, which
// cover the 4-lane vector loop and its scalar tail.

import assert from 'node:assert/strict';
import { createRng } from '../../../src/engine';
import { WasmRuntime } from '../../../src/engine/wasm/runtime';
import { randomArray } from '../engine/helpers';
import { kernelBinaries } from './support';

const f = Math.fround;
const WIDTHS = [1, 3, 17, 128, 1023];
const ALPHA = f(0.07);

/** f(z) for codes 0 linear, 1 relu, 2 leakyRelu. */
function act(code: number, z: number): number {
  return code === 1 ? (z > 0 ? z : 0) : code === 2 ? (z > 0 ? z : f(ALPHA * z)) : z;
}

/** dL/dz from dL/dy and y for codes 0–4. */
function back(code: number, dy: number, y: number): number {
  switch (code) {
    case 1: return y > 0 ? dy : 0;
    case 2: return y > 0 ? dy : f(ALPHA * dy);
    case 3: return f(dy * f(1 - f(y * y)));
    case 4: return f(f(dy * y) * f(1 - y));
    default: return dy;
  }
}

describe('kernels: WASM element-wise kernels', () => {
  let rt: WasmRuntime;
  before(async () => {
    const { simd, elementwise } = await kernelBinaries();
    const created = WasmRuntime.create({ simd, elementwise });
    assert.ok(created?.elementwise);
    rt = created;
  });

  for (const n of WIDTHS) {
    it(`bias + activation forward and activation backward + dL/db, width ${n}`, () => {
      const ew = rt.elementwise;
      assert.ok(ew);
      const rng = createRng(n);
      const rows = 5;
      const z = randomArray(rng, rows * n).map(f);
      const bias = randomArray(rng, n).map(f);
      const dy = randomArray(rng, rows * n).map(f);
      const py = rt.alloc(rows * n);
      const pb = rt.alloc(n);
      const pd = rt.alloc(rows * n);
      const pdb = rt.alloc(n);
      for (const code of [0, 1, 2]) {
        rt.f32.set(z, py >> 2);
        rt.f32.set(bias, pb >> 2);
        ew.bias_act(py, rows, n, pb, code, ALPHA);
        const got = rt.f32.subarray(py >> 2, (py >> 2) + rows * n);
        for (let i = 0; i < rows * n; i++) assert.equal(got[i], act(code, f(z[i] + bias[i % n])), `forward code ${code} [${i}]`);
      }
      // Backward from outputs y in (−1, 1), as tanh and sigmoid produce, with some exact zeros for the kinks.
      const y = z.map((v, i) => (i % 7 === 0 ? 0 : f(Math.tanh(v))));
      for (const code of [0, 1, 2, 3, 4]) {
        rt.f32.set(y, py >> 2);
        rt.f32.set(dy, pd >> 2);
        ew.act_back_bias(pd, pd, py, rows, n, pdb, code, ALPHA);
        const d = rt.f32.subarray(pd >> 2, (pd >> 2) + rows * n);
        const db = rt.f32.subarray(pdb >> 2, (pdb >> 2) + n);
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let r = 0; r < rows; r++) {
            const expected = back(code, dy[r * n + j], y[r * n + j]);
            assert.equal(d[r * n + j], expected, `backward code ${code} [${r}][${j}]`);
            sum = f(sum + expected);
          }
          assert.equal(db[j], sum, `dL/db code ${code} [${j}]`);
        }
      }
    });
  }

  it('SGD update over lengths 1 to 1023', () => {
    const ew = rt.elementwise;
    assert.ok(ew);
    const rng = createRng(3);
    for (const n of WIDTHS) {
      const w = randomArray(rng, n).map(f);
      const g = randomArray(rng, n).map(f);
      const pw = rt.alloc(n);
      const pg = rt.alloc(n);
      rt.f32.set(w, pw >> 2);
      rt.f32.set(g, pg >> 2);
      ew.sgd(pw, pg, n, 0.25);
      const got = rt.f32.subarray(pw >> 2, (pw >> 2) + n);
      for (let i = 0; i < n; i++) assert.equal(got[i], f(w[i] - f(0.25 * g[i])), `w[${i}]`);
    }
  });
});
