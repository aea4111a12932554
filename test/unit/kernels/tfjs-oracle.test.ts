// The engine's agreement with TensorFlow.js still holds with the WASM
// kernels installed: identical float32 weights and data, a few optimizer
// steps in both, the same weights within float32 tolerance. Every product goes
// to WASM (minWork 0), on odd sizes that hit the kernels' edge tiles. The
// same cases run again on the float32-resident WASM trainer the product picks.

import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createRng, Dense, installKernels, makeActivation, Network, Trainer, type Layer } from '../../../src/engine';
import type { LossName, OptimizerSpec } from '../../../src/model/types';
import type { WasmRuntime } from '../../../src/engine/wasm/runtime';
import { createTrainer } from '../../../src/engine/wasm/select';
import { installWasmKernels } from '../../../src/kernels/node';
import { assertClose, randomArray } from '../engine/helpers';
import { kernelBinaries } from './support';

interface Case {
  sizes: number[];
  hidden: 'tanh' | 'relu';
  softmax: boolean;
  count: number;
}

function build(c: Case): { net: Network; x: Float64Array; y: Float64Array } {
  const rng = createRng(c.sizes.reduce((a, b) => a * 31 + b, 0));
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < c.sizes.length; l++) {
    const d = new Dense(c.sizes[l], c.sizes[l + 1]);
    d.initialize('xavier', rng);
    d.weights = d.weights.map(Math.fround);
    d.bias = randomArray(rng, d.units, 0.1).map(Math.fround);
    const last = l + 2 === c.sizes.length;
    layers.push(d, makeActivation(last ? (c.softmax ? 'softmax' : 'tanh') : c.hidden));
  }
  const n = c.sizes[0];
  const o = c.sizes[c.sizes.length - 1];
  const x = randomArray(rng, c.count * n).map(Math.fround);
  const y = new Float64Array(c.count * o);
  for (let s = 0; s < c.count; s++) {
    if (c.softmax) y[s * o + Math.floor(rng() * o)] = 1;
    else for (let k = 0; k < o; k++) y[s * o + k] = Math.fround(0.5 * Math.sin(s + k));
  }
  return { net: new Network(n, layers), x, y };
}

/** With `resident`, training runs on the WASM-resident trainer over that runtime. */
function compare(c: Case, optimizer: OptimizerSpec, steps: number, resident?: WasmRuntime): void {
  const { net, x, y } = build(c);
  const dense = net.denseLayers();
  const kernels = dense.map((d) => {
    const t = new Float32Array(d.weights.length);
    for (let j = 0; j < d.units; j++) for (let i = 0; i < d.inputSize; i++) t[i * d.units + j] = d.weights[j * d.inputSize + i];
    return tf.variable(tf.tensor2d(t, [d.inputSize, d.units]));
  });
  const biases = dense.map((d) => tf.variable(tf.tensor1d(Float32Array.from(d.bias))));
  const tx = tf.tensor2d(Float32Array.from(x), [c.count, c.sizes[0]]);
  const ty = tf.tensor2d(Float32Array.from(y), [c.count, c.sizes[c.sizes.length - 1]]);
  const lossFn = (): tf.Scalar =>
    tf.tidy(() => {
      let h: tf.Tensor2D = tx;
      for (let l = 0; l < dense.length; l++) {
        const z = tf.add(tf.matMul(h, kernels[l]), biases[l]) as tf.Tensor2D;
        if (l + 1 === dense.length) return (c.softmax ? tf.losses.softmaxCrossEntropy(ty, z) : tf.losses.meanSquaredError(ty, tf.tanh(z))) as tf.Scalar;
        h = c.hidden === 'tanh' ? tf.tanh(z) : tf.relu(z);
      }
      throw new Error('no layers');
    });
  const opt = optimizer.type === 'adam' ? tf.train.adam(optimizer.learningRate, 0.9, 0.999, 1e-8) : tf.train.sgd(optimizer.learningRate);
  const loss: LossName = c.softmax ? 'categoricalCrossEntropy' : 'mse';
  const data = { count: c.count, inputSize: c.sizes[0], targetSize: c.sizes[c.sizes.length - 1], inputs: x, targets: y };
  const options = { loss, optimizer, batchSize: c.count, shuffle: false, rng: createRng(0) };
  const trainer = resident ? createTrainer(net, data, options, { runtime: resident, minWork: 0 }) : new Trainer(net, data, options);
  assert.equal(trainer.backend, resident ? 'wasm' : 'reference');
  const before = dense.map((d) => d.weights.slice());
  for (let s = 0; s < steps; s++) {
    const expected = lossFn().dataSync()[0];
    assertClose([trainer.stepBatch().loss], [expected], `loss before step ${s}`, 1e-5, 1e-5);
    opt.minimize(lossFn, false, [...kernels, ...biases]);
  }
  dense.forEach((d, l) => {
    const expected = kernels[l].dataSync();
    const ours = new Float64Array(d.weights.length);
    for (let j = 0; j < d.units; j++) for (let i = 0; i < d.inputSize; i++) ours[i * d.units + j] = d.weights[j * d.inputSize + i];
    assertClose(ours, expected, `layer ${l} weights`, 2e-5, 1e-4);
    assertClose(d.bias, biases[l].dataSync(), `layer ${l} bias`, 2e-5, 1e-4);
  });
  assert.ok(dense.some((d, l) => d.weights.some((w, p) => Math.abs(w - before[l][p]) > 1e-3)), 'the steps moved the weights');
  opt.dispose();
  tf.dispose([...kernels, ...biases, tx, ty]);
}

describe('kernels: the engine with WASM kernels against TensorFlow.js', () => {
  let runtime: WasmRuntime;
  before(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
    const installed = installWasmKernels(await kernelBinaries(), { minWork: 0 });
    assert.ok(installed, 'the WASM kernels installed');
    runtime = installed.runtime;
  });
  after(() => installKernels());

  for (const resident of [false, true]) {
    const on = resident ? ' (WASM-resident trainer)' : '';
    it(`one SGD step of a softmax/cross-entropy MLP with odd sizes${on}`, () =>
      compare({ sizes: [37, 33, 19, 5], hidden: 'relu', softmax: true, count: 21 }, { type: 'sgd', learningRate: 0.5 }, 1, resident ? runtime : undefined));
    it(`three Adam steps of a tanh/MSE network${on}`, () =>
      compare({ sizes: [3, 17, 2], hidden: 'tanh', softmax: false, count: 9 }, { type: 'adam', learningRate: 0.01 }, 3, resident ? runtime : undefined));
    it(`two SGD steps with k past a 256 block and n past a 512 block${on}`, () =>
      compare({ sizes: [300, 520, 10], hidden: 'relu', softmax: true, count: 7 }, { type: 'sgd', learningRate: 0.1 }, 2, resident ? runtime : undefined));
  }
});
