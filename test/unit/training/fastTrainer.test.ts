// The WASM-resident trainer under Trainer against the float64 reference: the
// same shuffled order from the same seed, so every epoch report (loss,
// accuracy, test figures, rate, averaged gradients, ‖dL/dX‖) and the weights
// after each epoch agree within float32 tolerance, for several shapes
// (widths 1, 3 and 17 among them), losses and optimizers.

import assert from 'node:assert/strict';
import { createRng, Dense, makeActivation, Network, Trainer, type EpochReport, type TrainerOptions } from '../../../src/engine';
import { createTrainer } from '../../../src/engine/wasm/select';
import { WasmRuntime } from '../../../src/engine/wasm/runtime';
import type { ActivationName, OptimizerSpec } from '../../../src/model/types';
import { assertClose, randomArray, randomMlp } from '../engine/helpers';
import { kernelBinaries } from '../kernels/support';

interface Case {
  sizes: number[];
  acts: ActivationName[];
  count: number;
  batch: number;
  optimizer: OptimizerSpec;
}

function dataset(c: Case, seed: number) {
  const rng = createRng(seed);
  const nIn = c.sizes[0];
  const nOut = c.sizes[c.sizes.length - 1];
  const softmax = c.acts[c.acts.length - 1] === 'softmax';
  // Float32-exact inputs and targets, so both sides start from the same numbers.
  const inputs = randomArray(rng, c.count * nIn).map(Math.fround);
  const targets = new Float64Array(c.count * nOut);
  for (let s = 0; s < c.count; s++) {
    if (softmax) targets[s * nOut + Math.floor(rng() * nOut)] = 1;
    else for (let k = 0; k < nOut; k++) targets[s * nOut + k] = Math.fround(0.4 * Math.sin(3 * s + k));
  }
  return { count: c.count, inputSize: nIn, targetSize: nOut, inputs, targets };
}

function options(c: Case, seed: number): TrainerOptions {
  const softmax = c.acts[c.acts.length - 1] === 'softmax';
  return {
    loss: softmax ? 'categoricalCrossEntropy' : 'mse',
    optimizer: c.optimizer,
    schedule: { type: 'exponential', gamma: 0.9 },
    batchSize: c.batch,
    shuffle: true,
    rng: createRng(seed),
    testData: dataset({ ...c, count: 7 }, 99),
    task: softmax ? 'multiclass' : 'regression',
  };
}

function compareReports(fast: EpochReport, ref: EpochReport, what: string): void {
  assert.equal(fast.epoch, ref.epoch);
  assert.equal(fast.learningRate, ref.learningRate);
  assert.equal(fast.diverged, ref.diverged);
  assertClose([fast.loss, fast.testLoss ?? 0], [ref.loss, ref.testLoss ?? 0], `${what} loss, test loss`, 1e-5, 1e-4);
  assert.equal(fast.accuracy, ref.accuracy, `${what} accuracy`);
  assert.equal(fast.testAccuracy, ref.testAccuracy, `${what} test accuracy`);
  fast.gradients.forEach((g, l) => {
    const r = ref.gradients[l];
    assert.ok(g.dW instanceof Float32Array, 'the fast trainer reports float32 gradients');
    assertClose(g.dW, r.dW, `${what} layer ${l} dL/dW`, 2e-5, 1e-3);
    assertClose(g.db, r.db, `${what} layer ${l} dL/db`, 2e-5, 1e-3);
    assertClose([g.dXNorm], [r.dXNorm], `${what} layer ${l} ‖dL/dX‖`, 1e-5, 1e-4);
  });
}

const CASES: Case[] = [
  { sizes: [17, 3, 1], acts: ['tanh', 'sigmoid'], count: 23, batch: 5, optimizer: { type: 'sgd', learningRate: 0.3 } },
  { sizes: [1, 17, 3], acts: ['relu', 'softmax'], count: 19, batch: 4, optimizer: { type: 'momentum', learningRate: 0.1, momentum: 0.9 } },
  { sizes: [3, 17, 17, 1], acts: ['leakyRelu', 'tanh', 'linear'], count: 30, batch: 7, optimizer: { type: 'sgd', learningRate: 0.05 } },
  { sizes: [40, 33, 10], acts: ['relu', 'softmax'], count: 50, batch: 16, optimizer: { type: 'adam', learningRate: 0.003 } },
  { sizes: [1, 1], acts: ['sigmoid'], count: 6, batch: 6, optimizer: { type: 'sgd', learningRate: 0.5 } },
];

describe('training: the WASM-resident trainer against the reference Trainer', () => {
  let rt: WasmRuntime;
  before(async () => {
    const created = WasmRuntime.create(await kernelBinaries());
    assert.ok(created?.elementwise, 'the kernels instantiate');
    rt = created;
  });

  for (const c of CASES) {
    it(`${c.sizes.join('-')} ${c.acts.join('/')}, batch ${c.batch}, ${c.optimizer.type}, shuffled`, () => {
      const data = dataset(c, 7);
      const refNet = randomMlp(c.sizes, c.acts, 3);
      const fastNet = randomMlp(c.sizes, c.acts, 3);
      const reference = new Trainer(refNet, data, options(c, 11));
      const fast = createTrainer(fastNet, data, options(c, 11), { runtime: rt, minWork: 0 });
      assert.equal(fast.backend, 'wasm');
      const start = fastNet.denseLayers()[0].weights.slice();
      for (let e = 0; e < 4; e++) {
        const batches = Math.ceil(c.count / c.batch);
        let fastReport: EpochReport | undefined;
        let refReport: EpochReport | undefined;
        for (let b = 0; b < batches; b++) {
          const f = fast.stepBatch();
          const r = reference.stepBatch();
          assert.deepEqual([f.epoch, f.batch, f.batches, f.epochDone], [r.epoch, r.batch, r.batches, r.epochDone]);
          assertClose([f.loss], [r.loss], `epoch ${e + 1} batch ${b + 1} loss`, 1e-5, 1e-4);
          fastReport = f.report;
          refReport = r.report;
        }
        assert.ok(fastReport && refReport, 'the epoch ended on its last batch');
        compareReports(fastReport, refReport, `epoch ${e + 1}`);
        refNet.denseLayers().forEach((d, l) => {
          assertClose(fastNet.denseLayers()[l].weights, d.weights, `epoch ${e + 1} layer ${l} weights`, 2e-5, 1e-3);
          assertClose(fastNet.denseLayers()[l].bias, d.bias, `epoch ${e + 1} layer ${l} bias`, 2e-5, 1e-3);
        });
      }
      assert.ok(fastNet.denseLayers()[0].weights.some((w, i) => Math.abs(w - start[i]) > 1e-4), 'training moved the weights');
      fast.dispose();
    });
  }

  it('skips ‖dL/dX‖ of the network input when asked, and only that', () => {
    const c = CASES[2];
    const data = dataset(c, 9);
    const reference = new Trainer(randomMlp(c.sizes, c.acts, 6), data, options(c, 2));
    const fast = createTrainer(randomMlp(c.sizes, c.acts, 6), data, options(c, 2), { runtime: rt, minWork: 0, firstInputNorm: false });
    const ref = reference.runEpoch()!;
    const got = fast.runEpoch()!;
    assert.ok(Number.isNaN(got.gradients[0].dXNorm));
    assert.ok(ref.gradients[0].dXNorm > 0);
    compareReports({ ...got, gradients: got.gradients.slice(1) }, { ...ref, gradients: ref.gradients.slice(1) }, 'epoch 1');
    fast.dispose();
  });

  it('syncs the weights and the last batch\'s gradients into the layers mid-epoch', () => {
    const c = CASES[3];
    const data = dataset(c, 8);
    const refNet = randomMlp(c.sizes, c.acts, 4);
    const fastNet = randomMlp(c.sizes, c.acts, 4);
    const reference = new Trainer(refNet, data, options(c, 5));
    const fast = createTrainer(fastNet, data, options(c, 5), { runtime: rt, minWork: 0 });
    const before = fastNet.denseLayers()[1].weights.slice();
    fast.stepBatch();
    reference.stepBatch();
    assert.deepEqual(fastNet.denseLayers()[1].weights, before, 'the layers are not written per batch');
    fast.sync();
    refNet.denseLayers().forEach((d, l) => {
      const f = fastNet.denseLayers()[l];
      assertClose(f.weights, d.weights, `layer ${l} weights`, 2e-5, 1e-3);
      assertClose(f.gradWeights, d.gradWeights, `layer ${l} dL/dW`, 2e-5, 1e-3);
      assertClose(f.gradBias, d.gradBias, `layer ${l} dL/db`, 2e-5, 1e-3);
    });
    fast.dispose();
  });

  it('frees its WASM memory on dispose, so rebuilt sessions reuse it', () => {
    const c = CASES[3];
    const data = dataset(c, 8);
    const mark = rt.mark();
    createTrainer(randomMlp(c.sizes, c.acts, 4), data, options(c, 5), { runtime: rt, minWork: 0 }).dispose();
    assert.equal(rt.mark(), mark);
  });

  it('falls back to the reference step where the WASM trainer does not fit', () => {
    const c = CASES[3];
    const data = dataset(c, 8);
    const choose = (net: Network, opts: Partial<TrainerOptions>, minWork = 0, runtime: WasmRuntime | null = rt): string =>
      createTrainer(net, data, { ...options(c, 5), ...opts }, { runtime: runtime ?? undefined, minWork }).backend;
    const net = (): Network => randomMlp(c.sizes, c.acts, 4);
    assert.equal(choose(net(), {}), 'wasm');
    assert.equal(choose(net(), {}, 0, null), 'reference', 'no runtime');
    assert.equal(choose(net(), {}, Infinity), 'reference', 'too little work per batch');
    assert.equal(choose(net(), { loss: 'mse' }), 'reference', 'softmax with MSE');
    const bce = randomMlp([40, 8, 10], ['relu', 'sigmoid'], 2);
    assert.equal(choose(bce, { loss: 'binaryCrossEntropy' }), 'reference', 'binary cross-entropy');
    const midSoftmax = new Network(40, [new Dense(40, 5), makeActivation('softmax'), new Dense(5, 10), makeActivation('softmax')]);
    assert.equal(choose(midSoftmax, {}), 'reference', 'softmax in the middle');
  });
});
