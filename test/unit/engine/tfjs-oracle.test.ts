// The engine against TensorFlow.js (cpu backend): identical initial weights
// and data, a few optimizer steps, the same updated weights. tf keeps a Dense
// kernel as [in, out], the transpose of our W[j][i], and computes in float32,
// so initial values are rounded to float32 first and results agree to 1e-5.

import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { LossName, OptimizerSpec } from '../../../src/model/types';
import { createRng, Dense, makeActivation, Network, Trainer, type Dataset, type Layer } from '../../../src/engine';
import { assertClose, randomArray } from './helpers';

type Act = 'tanh' | 'relu' | 'softmax' | 'linear';

interface Case {
  sizes: number[];
  activations: Act[];
  loss: LossName;
  count: number;
  seed: number;
}

function buildEngine(c: Case): { net: Network; data: Dataset } {
  const rng = createRng(c.seed);
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < c.sizes.length; l++) {
    const d = new Dense(c.sizes[l], c.sizes[l + 1]);
    d.initialize('xavier', rng);
    d.bias.set(randomArray(rng, d.units, 0.1));
    d.weights = d.weights.map(Math.fround);
    d.bias = d.bias.map(Math.fround);
    layers.push(d, makeActivation(c.activations[l]));
  }
  const net = new Network(c.sizes[0], layers);
  const n = c.sizes[0];
  const o = c.sizes[c.sizes.length - 1];
  const inputs = randomArray(rng, c.count * n).map(Math.fround);
  let targets: Float64Array;
  if (c.loss === 'categoricalCrossEntropy') {
    targets = new Float64Array(c.count * o);
    for (let s = 0; s < c.count; s++) targets[s * o + Math.floor(rng() * o)] = 1;
  } else {
    targets = randomArray(rng, c.count * o, 0.5).map(Math.fround);
  }
  return { net, data: { count: c.count, inputSize: n, targetSize: o, inputs, targets } };
}

/** W (units × in, row-major) as tf's [in, units] kernel. */
function kernelOf(d: Dense): tf.Tensor2D {
  const t = new Float32Array(d.weights.length);
  for (let j = 0; j < d.units; j++) for (let i = 0; i < d.inputSize; i++) t[i * d.units + j] = d.weights[j * d.inputSize + i];
  return tf.tensor2d(t, [d.inputSize, d.units]);
}

function tfOptimizer(spec: OptimizerSpec): tf.Optimizer {
  switch (spec.type) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum ?? 0.9);
    case 'adam':
      return tf.train.adam(spec.learningRate, 0.9, 0.999, 1e-8);
  }
}

function compare(c: Case, optimizer: OptimizerSpec, steps: number): void {
  const { net, data } = buildEngine(c);
  const dense = net.denseLayers();
  const kernels = dense.map((d) => tf.variable(kernelOf(d)));
  const biases = dense.map((d) => tf.variable(tf.tensor1d(Float32Array.from(d.bias))));
  const x = tf.tensor2d(Float32Array.from(data.inputs), [data.count, data.inputSize]);
  const y = tf.tensor2d(Float32Array.from(data.targets), [data.count, data.targetSize]);
  const last = c.activations.length - 1;
  const lossFn = (): tf.Scalar =>
    tf.tidy(() => {
      let h: tf.Tensor2D = x;
      for (let l = 0; l < dense.length; l++) {
        const z = tf.add(tf.matMul(h, kernels[l]), biases[l]) as tf.Tensor2D;
        if (l === last && c.activations[l] === 'softmax') return tf.losses.softmaxCrossEntropy(y, z) as tf.Scalar;
        const a = c.activations[l];
        h = a === 'tanh' ? tf.tanh(z) : a === 'relu' ? tf.relu(z) : a === 'softmax' ? tf.softmax(z) : z;
      }
      return tf.losses.meanSquaredError(y, h) as tf.Scalar;
    });
  const opt = tfOptimizer(optimizer);
  const trainer = new Trainer(net, data, { loss: c.loss, optimizer, batchSize: data.count, shuffle: false, rng: createRng(0) });
  for (let s = 0; s < steps; s++) {
    const before = lossFn().dataSync()[0];
    const report = trainer.stepBatch();
    assertClose([report.loss], [before], `loss before step ${s}`, 1e-5, 1e-5);
    opt.minimize(lossFn, false, [...kernels, ...biases]);
  }
  dense.forEach((d, l) => {
    const expectedKernel = kernels[l].dataSync();
    const ours = new Float64Array(d.weights.length);
    for (let j = 0; j < d.units; j++) for (let i = 0; i < d.inputSize; i++) ours[i * d.units + j] = d.weights[j * d.inputSize + i];
    assertClose(ours, expectedKernel, `layer ${l} weights`, 1e-5, 0);
    assertClose(d.bias, biases[l].dataSync(), `layer ${l} bias`, 1e-5, 0);
  });
  // Something must have moved, or the comparison proves nothing.
  const { net: fresh } = buildEngine(c);
  assert.ok(dense.some((d, l) => d.weights.some((w, p) => Math.abs(w - fresh.denseLayers()[l].weights[p]) > 1e-3)));
  opt.dispose();
  tf.dispose([...kernels, ...biases, x, y]);
}

const tanhMse: Case = { sizes: [3, 5, 2], activations: ['tanh', 'tanh'], loss: 'mse', count: 6, seed: 11 };
const softmaxCe: Case = { sizes: [4, 6, 3], activations: ['relu', 'softmax'], loss: 'categoricalCrossEntropy', count: 8, seed: 12 };
const deepLinear: Case = { sizes: [2, 4, 4, 1], activations: ['tanh', 'relu', 'linear'], loss: 'mse', count: 5, seed: 13 };

describe('engine: against TensorFlow.js', () => {
  before(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('one SGD step of a tanh/MSE network gives the same weights', () => compare(tanhMse, { type: 'sgd', learningRate: 0.5 }, 1));
  it('one SGD step of a softmax/categorical-CE network gives the same weights', () =>
    compare(softmaxCe, { type: 'sgd', learningRate: 0.5 }, 1));
  it('three SGD steps of a deeper network agree', () => compare(deepLinear, { type: 'sgd', learningRate: 0.1 }, 3));
  it('one Adam step agrees with tf.train.adam', () => compare(tanhMse, { type: 'adam', learningRate: 0.01 }, 1));
  it('three Adam steps agree with tf.train.adam', () => compare(softmaxCe, { type: 'adam', learningRate: 0.01 }, 3));
  it('three momentum steps agree with tf.train.momentum', () =>
    compare(tanhMse, { type: 'momentum', learningRate: 0.1, momentum: 0.9 }, 3));

  it('parameterCount (paper eq. 2) agrees with tf.LayersModel.countParams', () => {
    const sizes = [5, 7, 3, 2];
    const net = new Network(5, [new Dense(5, 7), makeActivation('relu'), new Dense(7, 3), makeActivation('tanh'), new Dense(3, 2)]);
    const model = tf.sequential();
    for (let l = 1; l < sizes.length; l++) {
      model.add(tf.layers.dense(l === 1 ? { units: sizes[l], inputShape: [sizes[0]] } : { units: sizes[l] }));
    }
    assert.equal(net.parameterCount(), model.countParams());
    model.dispose();
  });
});
