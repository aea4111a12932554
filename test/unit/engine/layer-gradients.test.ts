// Finite-difference checks of every layer's backward pass, on random shapes.

import assert from 'node:assert/strict';
import { ACTIVATIONS, type ActivationName } from '../../../src/model/types';
import { createRng, Dense, makeActivation, type Rng } from '../../../src/engine';
import { assertClose, numericGradient, randomArray, randomSize, weightedSum } from './helpers';

/** Inputs kept away from the kinks of relu and leakyRelu, where the derivative is undefined. */
function inputsAwayFromZero(rng: Rng, length: number): Float64Array {
  const x = randomArray(rng, length);
  for (let i = 0; i < length; i++) if (Math.abs(x[i]) < 1e-3) x[i] = 0.5;
  return x;
}

describe('engine: Dense gradients', () => {
  for (let trial = 0; trial < 6; trial++) {
    it(`dL/dX, dL/dW and dL/db match central differences (trial ${trial})`, () => {
      const rng = createRng(100 + trial);
      const count = randomSize(rng, 1, 5);
      const n = randomSize(rng, 1, 6);
      const u = randomSize(rng, 1, 6);
      const dense = new Dense(n, u);
      dense.connect(n);
      dense.initialize('normal', rng);
      dense.bias.set(randomArray(rng, u));
      const x = randomArray(rng, count * n);
      const r = randomArray(rng, count * u);
      const probe = (): number => weightedSum(dense.forward(x, count), r, count * u);

      probe();
      const dx = dense.backward(r, count).slice(0, count * n);
      const dw = dense.gradWeights.slice();
      const db = dense.gradBias.slice();

      assertClose(dx, numericGradient(probe, x), 'dL/dX');
      assertClose(dw, numericGradient(probe, dense.weights), 'dL/dW');
      assertClose(db, numericGradient(probe, dense.bias), 'dL/db');
    });
  }

  it('computes y = W·x + b with W[j][i] joining input i to neuron j', () => {
    const dense = new Dense(2, 3);
    dense.connect(2);
    dense.weights.set([1, 2, 3, 4, 5, 6]); // rows: neuron 0 = [1, 2], neuron 1 = [3, 4], neuron 2 = [5, 6]
    dense.bias.set([0.5, -1, 2]);
    const y = dense.forward(new Float64Array([1, -1, 2, 0.5]), 2);
    assert.deepEqual(Array.from(y.subarray(0, 6)), [1 - 2 + 0.5, 3 - 4 - 1, 5 - 6 + 2, 2 + 1 + 0.5, 6 + 2 - 1, 10 + 3 + 2]);
  });

  it('backward leaves the weights alone and its dL/dX uses the weights of the forward pass', () => {
    const rng = createRng(7);
    const dense = new Dense(3, 2);
    dense.connect(3);
    dense.initialize('xavier', rng);
    const before = dense.weights.slice();
    const x = randomArray(rng, 3);
    const dy = randomArray(rng, 2);
    dense.forward(x, 1);
    const dx = dense.backward(dy, 1).slice(0, 3);
    assert.deepEqual(dense.weights, before);
    // Wᵀ·dL/dY written out by hand.
    const expected = [0, 1, 2].map((i) => before[i] * dy[0] + before[3 + i] * dy[1]);
    assertClose(dx, expected, 'dL/dX', 1e-12, 1e-12);
  });

  it('refuses an input of the wrong width', () => {
    assert.throws(() => new Dense(3, 2).connect(4), /expects 3 inputs/);
  });
});

describe('engine: activation gradients', () => {
  for (const name of ACTIVATIONS) {
    it(`${name}: dL/dX matches central differences on random shapes`, () => {
      for (let trial = 0; trial < 4; trial++) {
        const rng = createRng(200 + trial + 10 * ACTIVATIONS.indexOf(name));
        const count = randomSize(rng, 1, 4);
        const size = randomSize(rng, 1, 7);
        const layer = makeActivation(name as ActivationName, 0.1);
        assert.equal(layer.connect(size), size);
        const x = inputsAwayFromZero(rng, count * size);
        const r = randomArray(rng, count * size);
        const probe = (): number => weightedSum(layer.forward(x, count), r, count * size);
        probe();
        const dx = layer.backward(r, count).slice(0, count * size);
        assertClose(dx, numericGradient(probe, x), `${name} dL/dX`);
      }
    });
  }

  it('softmax backward is not the element-wise rule y(1 − y)·dL/dY', () => {
    const layer = makeActivation('softmax');
    layer.connect(3);
    const y = layer.forward(new Float64Array([0.2, -1, 1.5]), 1).slice(0, 3);
    const dy = new Float64Array([1, -2, 0.5]);
    const dx = layer.backward(dy, 1);
    const elementWise = Array.from(y, (v, k) => v * (1 - v) * dy[k]);
    assert.ok(elementWise.some((v, k) => Math.abs(v - dx[k]) > 1e-3));
  });

  it('softmax rows sum to one and survive large logits', () => {
    const layer = makeActivation('softmax');
    layer.connect(3);
    const y = layer.forward(new Float64Array([1000, 1001, 999, -5, 0, 5]), 2);
    for (let s = 0; s < 2; s++) {
      const row = Array.from(y.subarray(3 * s, 3 * s + 3));
      assert.ok(row.every(Number.isFinite));
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    }
  });

  it('leakyRelu uses alpha for negative inputs, 0.01 by default', () => {
    const layer = makeActivation('leakyRelu');
    layer.connect(2);
    assert.deepEqual(Array.from(layer.forward(new Float64Array([-2, 3]), 1).subarray(0, 2)), [-0.02, 3]);
  });
});
