// The float32-resident WASM trainer against the engine's Trainer (float64,
// reference kernels) with plain SGD and no shuffle: the same weights after a
// few epochs within float32 tolerance, on one thread and split over two.
// The element-wise kernels are covered here too: every activation code runs
// forward (fused bias) and backward (fused dL/db).

import assert from 'node:assert/strict';
import { createRng, Dense, makeActivation, Network, Trainer } from '../../../src/engine';
import type { ActivationName } from '../../../src/model/types';
import { WasmMlpTrainer } from '../../../src/engine/wasm/mlp';
import { WasmRuntime } from '../../../src/engine/wasm/runtime';
import { TwoThreadGemm } from '../../../src/kernels/threads';
import { assertClose, randomArray, randomMlp } from '../engine/helpers';
import { kernelBinaries } from './support';

function build(sizes: number[], acts: ActivationName[]): Network {
  return randomMlp(sizes, acts, sizes.length * 7 + sizes[0]);
}

interface Case {
  sizes: number[];
  acts: ActivationName[];
  count: number;
  batch: number;
  epochs: number;
}

function compare(rt: WasmRuntime, c: Case, parallel?: TwoThreadGemm): void {
  const softmax = c.acts[c.acts.length - 1] === 'softmax';
  const rng = createRng(42);
  const nOut = c.sizes[c.sizes.length - 1];
  const inputs = randomArray(rng, c.count * c.sizes[0]).map(Math.fround);
  const targets = new Float64Array(c.count * nOut);
  for (let s = 0; s < c.count; s++) {
    if (softmax) targets[s * nOut + Math.floor(rng() * nOut)] = 1;
    else for (let k = 0; k < nOut; k++) targets[s * nOut + k] = Math.fround(0.4 * Math.sin(3 * s + k));
  }
  const reference = build(c.sizes, c.acts);
  const fast = build(c.sizes, c.acts);
  const start = fast.denseLayers().map((d) => d.weights.slice());
  const data = { count: c.count, inputSize: c.sizes[0], targetSize: nOut, inputs, targets };
  const trainer = new Trainer(reference, data, {
    loss: softmax ? 'categoricalCrossEntropy' : 'mse', optimizer: { type: 'sgd', learningRate: 0.2 }, batchSize: c.batch, shuffle: false, rng,
  });
  let expectedLoss = 0;
  for (let e = 0; e < c.epochs; e++) expectedLoss = trainer.runEpoch()?.loss ?? NaN;
  const wasm = WasmMlpTrainer.for(fast, rt, { batchSize: c.batch, parallel });
  assert.ok(wasm, 'the network fits the WASM trainer');
  const loss = wasm.trainEpochs(inputs, targets, c.count, c.epochs, 0.2);
  assertClose([loss], [expectedLoss], 'mean loss of the last epoch', 1e-5, 1e-4);
  reference.denseLayers().forEach((d, l) => {
    const f = fast.denseLayers()[l];
    assertClose(f.weights, d.weights, `layer ${l} weights`, 2e-5, 1e-4);
    assertClose(f.bias, d.bias, `layer ${l} bias`, 2e-5, 1e-4);
    assert.ok(f.weights.some((w, i) => Math.abs(w - start[l][i]) > 1e-4), `layer ${l} moved`);
  });
}

const CASES: Case[] = [
  { sizes: [30, 17, 9, 4], acts: ['relu', 'leakyRelu', 'softmax'], count: 20, batch: 8, epochs: 3 },
  { sizes: [5, 7, 6, 3], acts: ['tanh', 'sigmoid', 'tanh'], count: 13, batch: 4, epochs: 3 },
  { sizes: [3, 9, 2], acts: ['linear', 'sigmoid'], count: 11, batch: 11, epochs: 4 },
  { sizes: [300, 130, 10], acts: ['relu', 'softmax'], count: 40, batch: 16, epochs: 2 },
];

describe('kernels: the float32 WASM trainer against the Trainer', () => {
  let rt: WasmRuntime;
  before(async () => {
    const { simd, relaxed, elementwise } = await kernelBinaries();
    const created = WasmRuntime.create({ simd, relaxed, elementwise });
    assert.ok(created?.elementwise, 'the element-wise kernels instantiate');
    rt = created;
  });

  for (const c of CASES) {
    it(`${c.sizes.join('-')} ${c.acts.join('/')}, batch ${c.batch}, ${c.epochs} epochs`, () => compare(rt, c));
  }

  it('trains on float32 data exactly as on the same values in float64', () => {
    const rng = createRng(5);
    const sizes = [40, 24, 5];
    const count = 30;
    const inputs = randomArray(rng, count * sizes[0]).map(Math.fround);
    const targets = new Float64Array(count * 5);
    for (let s = 0; s < count; s++) targets[s * 5 + (s % 5)] = 1;
    const trained = (x: Float64Array | Float32Array, y: Float64Array | Float32Array): { loss: number; weights: Float64Array[] } => {
      const network = build(sizes, ['relu', 'softmax']);
      const wasm = WasmMlpTrainer.for(network, rt, { batchSize: 8 });
      assert.ok(wasm);
      const loss = wasm.trainEpochs(x, y, count, 2, 0.1);
      return { loss, weights: network.denseLayers().map((d) => d.weights) };
    };
    const wide = trained(inputs, targets);
    const narrow = trained(Float32Array.from(inputs), Float32Array.from(targets));
    assert.equal(narrow.loss, wide.loss);
    narrow.weights.forEach((w, l) => assert.deepEqual(w, wide.weights[l], `layer ${l}`));
    assert.ok(wide.weights[0].some((w, i) => w !== build(sizes, ['relu', 'softmax']).denseLayers()[0].weights[i]), 'the weights moved');
  });

  it('agrees with its GEMMs split over two threads', async () => {
    const threads = new TwoThreadGemm(rt, { minWork: 0 });
    await threads.started;
    try {
      compare(rt, CASES[3], threads);
      assert.ok(threads.split + threads.stolen > 0);
    } finally {
      await threads.dispose();
    }
  });

  it('predicts what the engine\'s forward pass computes, within float32 tolerance', () => {
    const c = CASES[0];
    const net = build(c.sizes, c.acts);
    const wasm = WasmMlpTrainer.for(net, rt, { batchSize: 8 });
    assert.ok(wasm);
    wasm.uploadWeights();
    const inputs = randomArray(createRng(5), 8 * c.sizes[0]).map(Math.fround);
    const expected = net.predictBatch(inputs, 8);
    assertClose(wasm.predict(inputs, 8), expected, 'outputs', 1e-6, 1e-4);
    assert.throws(() => wasm.predict(inputs, 9), /batch size/);
  });

  it('declines a network with a softmax in the middle', () => {
    const net = new Network(3, [new Dense(3, 4), makeActivation('softmax'), new Dense(4, 2)]);
    assert.equal(WasmMlpTrainer.for(net, rt, { batchSize: 4 }), undefined);
  });
});
