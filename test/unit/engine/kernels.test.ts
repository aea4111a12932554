// The numeric kernels against TensorFlow.js matMul, and backend replacement.

import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createRng, Dense, installKernels, kernels, referenceKernels } from '../../../src/engine';
import { assertClose, randomArray, randomSize } from './helpers';

describe('engine: kernels', () => {
  before(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterEach(() => installKernels());

  for (let trial = 0; trial < 5; trial++) {
    it(`A·B, A·Bᵀ and Aᵀ·B agree with tf.matMul, with and without accumulation (trial ${trial})`, () => {
      const rng = createRng(500 + trial);
      const m = randomSize(rng, 1, 9);
      const k = randomSize(rng, 1, 9);
      const n = randomSize(rng, 1, 9);
      const a = randomArray(rng, m * k).map(Math.fround);
      const b = randomArray(rng, k * n).map(Math.fround);
      const start = randomArray(rng, m * n).map(Math.fround);
      const ta = tf.tensor2d(Float32Array.from(a), [m, k]);
      const tb = tf.tensor2d(Float32Array.from(b), [k, n]);
      const expected = tf.matMul(ta, tb).dataSync();
      const withStart = Array.from(expected, (v, i) => v + start[i]);
      const check = (name: string, run: (c: Float64Array, acc: boolean) => void): void => {
        const c = new Float64Array(m * n + 3).fill(7);
        run(c, false);
        assertClose(c, expected, name, 1e-5, 1e-5);
        c.set(start);
        run(c, true);
        assertClose(c, withStart, `${name} accumulated`, 1e-5, 1e-5);
      };
      // Bᵀ stored n×k and Aᵀ stored k×m, built by hand so each form multiplies the same matrices.
      const bt = new Float64Array(n * k);
      for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bt[j * k + p] = b[p * n + j];
      const at = new Float64Array(k * m);
      for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
      check('A·B', (c, acc) => kernels.matMul(a, b, c, m, k, n, acc));
      check('A·Bᵀ', (c, acc) => kernels.matMulTransB(a, bt, c, m, k, n, acc));
      check('Aᵀ·B', (c, acc) => kernels.matMulTransA(at, b, c, m, k, n, acc));
      tf.dispose([ta, tb]);
    });
  }

  it('layers call whichever backend is installed', () => {
    let calls = 0;
    installKernels({
      matMulTransB: (...args) => {
        calls++;
        referenceKernels.matMulTransB(...args);
      },
    });
    const dense = new Dense(2, 2);
    dense.connect(2);
    dense.forward(new Float64Array(4), 2);
    assert.equal(calls, 1);
    installKernels();
    dense.forward(new Float64Array(4), 2);
    assert.equal(calls, 1);
  });
});
