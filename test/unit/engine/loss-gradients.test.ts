// Losses: finite-difference checks of every derivative, the fused softmax +
// cross-entropy path, clipping and the hinge label mapping.

import assert from 'node:assert/strict';
import { LOSSES, type LossName } from '../../../src/model/types';
import { CLIP_EPSILON, createRng, Dense, makeActivation, makeLoss, Network, type Rng } from '../../../src/engine';
import { assertClose, numericGradient, randomArray, randomSize, uniformArray } from './helpers';

/** Targets each loss expects, and predictions away from its kinks and from the clipping range. */
function sample(name: LossName, rng: Rng, count: number, size: number): { p: Float64Array; t: Float64Array } {
  const n = count * size;
  const p = uniformArray(rng, n, 0.05, 0.95);
  let t: Float64Array;
  switch (name) {
    case 'categoricalCrossEntropy':
    case 'crossEntropy':
      t = new Float64Array(n);
      for (let s = 0; s < count; s++) t[s * size + Math.floor(rng() * size)] = 1;
      break;
    case 'binaryCrossEntropy':
      t = uniformArray(rng, n, 0, 1);
      break;
    case 'hinge':
      t = Float64Array.from({ length: n }, () => (rng() < 0.5 ? 0 : 1));
      p.set(randomArray(rng, n, 2));
      for (let i = 0; i < n; i++) if (Math.abs(1 - Math.abs(p[i])) < 1e-3) p[i] = 0.3;
      break;
    default:
      t = randomArray(rng, n);
      p.set(randomArray(rng, n));
      for (let i = 0; i < n; i++) if (Math.abs(p[i] - t[i]) < 1e-3) p[i] += 0.1;
  }
  return { p, t };
}

describe('engine: loss gradients', () => {
  for (const name of LOSSES) {
    it(`${name}: dL/dŶ matches central differences on random shapes`, () => {
      const loss = makeLoss(name);
      for (let trial = 0; trial < 4; trial++) {
        const rng = createRng(300 + trial + 10 * LOSSES.indexOf(name));
        const count = randomSize(rng, 1, 5);
        const size = randomSize(rng, 1, 5);
        const { p, t } = sample(name, rng, count, size);
        const g = new Float64Array(count * size);
        loss.gradient(p, t, count, size, g);
        assertClose(g, numericGradient(() => loss.value(p, t, count, size), p), `${name} dL/dŶ`);
      }
    });
  }

  it('MSE averages over outputs and samples, like tf.losses.meanSquaredError', () => {
    const p = new Float64Array([1, 2, 3, 4]);
    const t = new Float64Array([0, 0, 0, 0]);
    assert.equal(makeLoss('mse').value(p, t, 2, 2), (1 + 4 + 9 + 16) / 4);
  });

  it('categorical cross-entropy sums over outputs and averages over samples', () => {
    const p = new Float64Array([0.5, 0.5, 0.25, 0.75]);
    const t = new Float64Array([1, 0, 0, 1]);
    assertClose([makeLoss('categoricalCrossEntropy').value(p, t, 2, 2)], [-(Math.log(0.5) + Math.log(0.75)) / 2], 'CCE', 1e-15);
  });

  it('cross-entropy clips log(0) at the documented epsilon', () => {
    const p = new Float64Array([0, 1]);
    const t = new Float64Array([1, 0]);
    assert.equal(CLIP_EPSILON, 1e-7);
    assertClose([makeLoss('categoricalCrossEntropy').value(p, t, 1, 2)], [-Math.log(1e-7)], 'clipped CCE', 1e-12);
    const bce = makeLoss('binaryCrossEntropy');
    const value = bce.value(new Float64Array([0, 1]), new Float64Array([1, 0]), 2, 1);
    assertClose([value], [-Math.log(1e-7)], 'clipped BCE', 1e-9);
    const g = new Float64Array(2);
    bce.gradient(new Float64Array([0, 1]), new Float64Array([1, 0]), 2, 1, g);
    assert.ok(g.every(Number.isFinite));
  });

  it('hinge maps {0,1} targets to {−1,+1}', () => {
    const hinge = makeLoss('hinge');
    const p = new Float64Array([0.3, -0.4, 2, -2]);
    const zeroOne = hinge.value(p, new Float64Array([1, 0, 0, 1]), 4, 1);
    const signed = hinge.value(p, new Float64Array([1, -1, -1, 1]), 4, 1);
    // max(0, 1 − t·ŷ) by hand: 0.7, 0.6, 3, 3.
    assertClose([zeroOne, signed], [(0.7 + 0.6 + 3 + 3) / 4, (0.7 + 0.6 + 3 + 3) / 4], 'hinge', 1e-12);
  });
});

describe('engine: network gradients', () => {
  function networkCase(seed: number, last: 'softmax' | 'sigmoid' | 'linear', lossName: LossName): void {
    const rng = createRng(seed);
    const n = randomSize(rng, 2, 5);
    const h = randomSize(rng, 2, 6);
    const o = randomSize(rng, 2, 4);
    const count = randomSize(rng, 1, 6);
    const net = new Network(n, [new Dense(n, h), makeActivation('tanh'), new Dense(h, o), makeActivation(last)]);
    for (const d of net.denseLayers()) d.initialize('xavier', rng);
    for (const d of net.denseLayers()) d.bias.set(randomArray(rng, d.units, 0.1));
    const x = randomArray(rng, count * n);
    const t = new Float64Array(count * o);
    for (let s = 0; s < count; s++) t[s * o + Math.floor(rng() * o)] = 1;
    const loss = makeLoss(lossName);
    const f = (): number => loss.value(net.forward(x, count), t, count, o);
    net.lossAndGradients(x, t, count, loss);
    const grads = net.denseLayers().map((d) => ({ w: d.gradWeights.slice(), b: d.gradBias.slice() }));
    const dx = net.inputGradient.slice(0, count * n);
    net.denseLayers().forEach((d, l) => {
      assertClose(grads[l].w, numericGradient(f, d.weights), `layer ${l} dL/dW`);
      assertClose(grads[l].b, numericGradient(f, d.bias), `layer ${l} dL/db`);
    });
    assertClose(dx, numericGradient(f, x), 'network dL/dX');
  }

  for (let trial = 0; trial < 3; trial++) {
    it(`softmax + categorical cross-entropy uses the fused gradient and it matches central differences (trial ${trial})`, () => {
      networkCase(400 + trial, 'softmax', 'categoricalCrossEntropy');
    });
    it(`softmax + crossEntropy fuses too (trial ${trial})`, () => networkCase(410 + trial, 'softmax', 'crossEntropy'));
    it(`softmax + MSE goes through the softmax Jacobian (trial ${trial})`, () => networkCase(420 + trial, 'softmax', 'mse'));
    it(`sigmoid + binary cross-entropy chains through every layer (trial ${trial})`, () =>
      networkCase(430 + trial, 'sigmoid', 'binaryCrossEntropy'));
  }

  it('detects the fused case only for a final softmax with a cross-entropy loss', () => {
    const soft = new Network(2, [new Dense(2, 3), makeActivation('softmax')]);
    const sig = new Network(2, [new Dense(2, 3), makeActivation('sigmoid')]);
    assert.equal(soft.fusesSoftmax(makeLoss('categoricalCrossEntropy')), true);
    assert.equal(soft.fusesSoftmax(makeLoss('crossEntropy')), true);
    assert.equal(soft.fusesSoftmax(makeLoss('mse')), false);
    assert.equal(sig.fusesSoftmax(makeLoss('categoricalCrossEntropy')), false);
  });
});
