// Training behaviour: the paper's AND network, XOR, determinism, cancellation,
// schedules and the contents of an epoch report.

import assert from 'node:assert/strict';
import {
  accuracy,
  createRng,
  datasetFromRows,
  Dense,
  learningRateAt,
  makeActivation,
  makeLoss,
  Network,
  train,
  Trainer,
  type Dataset,
  type EpochReport,
  type TrainerOptions,
} from '../../../src/engine';
import { assertClose, numericGradient, randomArray } from './helpers';

const corners = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

function tanhNet(hidden: number, seed: number, init: 'normal' | 'xavier' = 'normal'): Network {
  const net = new Network(2, [new Dense(2, hidden), makeActivation('tanh'), new Dense(hidden, 1), makeActivation('tanh')]);
  const rng = createRng(seed);
  for (const d of net.denseLayers()) d.initialize(init, rng);
  return net;
}

function runAll(net: Network, data: Dataset, options: TrainerOptions, epochs: number): EpochReport[] {
  return [...train(net, data, { ...options, epochs })];
}

describe('engine: training', () => {
  it("reproduces the paper's AND network: Dense(2,3) → tanh → Dense(3,1) → tanh, MSE", () => {
    const net = tanhNet(3, 1);
    assert.equal(net.parameterCount(), 2 * 3 + 3 + 3 * 1 + 1);
    const data = datasetFromRows(corners, [[0], [0], [0], [1]]);
    const reports = runAll(net, data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, shuffle: false, rng: createRng(1) }, 1000);
    const outputs = net.predict(corners).map((r) => Math.round(r[0]) + 0);
    assert.deepEqual(outputs, [0, 0, 0, 1]);
    assert.ok(reports[reports.length - 1].loss < reports[0].loss / 10);
  });

  for (const seed of [3, 4, 5]) {
    it(`learns XOR with a hidden layer (seed ${seed}, shuffled mini-batches)`, () => {
      const net = tanhNet(6, seed, 'xavier');
      const data = datasetFromRows(corners, [[0], [1], [1], [0]]);
      const options: TrainerOptions = { loss: 'mse', optimizer: { type: 'adam', learningRate: 0.05 }, batchSize: 2, shuffle: true, rng: createRng(seed), task: 'binary' };
      const reports = runAll(net, data, options, 600);
      assert.deepEqual(net.predict(corners).map((r) => Math.round(r[0]) + 0), [0, 1, 1, 0]);
      assert.equal(reports[reports.length - 1].accuracy, 1);
    });
  }

  it('same seed gives the same loss curve and weights bit for bit; another seed does not', () => {
    const rows = Array.from({ length: 23 }, (_, s) => [Math.sin(s), Math.cos(3 * s)]);
    const data = datasetFromRows(rows, rows.map(([a, b]) => [a * b > 0 ? 1 : 0]));
    const run = (seed: number): { losses: number[]; weights: Float64Array[] } => {
      const net = tanhNet(5, seed, 'xavier');
      const reports = runAll(net, data, { loss: 'mse', optimizer: { type: 'momentum', learningRate: 0.05 }, batchSize: 4, shuffle: true, rng: createRng(seed) }, 15);
      return { losses: reports.map((r) => r.loss), weights: net.denseLayers().map((d) => d.weights) };
    };
    const a = run(9);
    const b = run(9);
    assert.deepEqual(a.losses, b.losses);
    assert.deepEqual(a.weights, b.weights);
    assert.notDeepEqual(run(10).losses, a.losses);
  });

  it('the input gradient of a layer uses the weights from before the update', () => {
    const rng = createRng(21);
    const net = new Network(3, [new Dense(3, 4), makeActivation('tanh'), new Dense(4, 2), makeActivation('sigmoid')]);
    for (const d of net.denseLayers()) d.initialize('normal', rng);
    const data: Dataset = { count: 5, inputSize: 3, targetSize: 2, inputs: randomArray(rng, 15), targets: randomArray(rng, 10, 0.5) };
    const loss = makeLoss('mse');
    const first = net.denseLayers()[0];
    const expected = numericGradient(() => loss.value(net.forward(data.inputs, 5), data.targets, 5, 2), first.weights);
    const before = first.weights.slice();
    const lr = 0.5;
    new Trainer(net, data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: lr }, batchSize: 5, shuffle: false, rng }).stepBatch();
    assertClose(first.weights, before.map((w, p) => w - lr * expected[p]), 'first layer after one step', 1e-8, 1e-6);
  });

  it('a step on a batch is the mean of the per-sample gradients (batch form of eq. 16–17)', () => {
    const rng = createRng(31);
    const make = (): Network => {
      const net = new Network(2, [new Dense(2, 3), makeActivation('sigmoid'), new Dense(3, 1)]);
      const r = createRng(32);
      for (const d of net.denseLayers()) d.initialize('xavier', r);
      return net;
    };
    const data: Dataset = { count: 4, inputSize: 2, targetSize: 1, inputs: randomArray(rng, 8), targets: randomArray(rng, 4) };
    const loss = makeLoss('mse');
    const reference = make();
    const mean = reference.denseLayers().map((d) => new Float64Array(d.weights.length));
    for (let s = 0; s < 4; s++) {
      reference.lossAndGradients(data.inputs.subarray(2 * s, 2 * s + 2), data.targets.subarray(s, s + 1), 1, loss);
      reference.denseLayers().forEach((d, l) => d.gradWeights.forEach((g, p) => (mean[l][p] += g / 4)));
    }
    const net = make();
    const report = new Trainer(net, data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 4, shuffle: false, rng }).stepBatch();
    assert.ok(report.epochDone && report.report);
    report.report.gradients.forEach((g, l) => assertClose(g.dW, mean[l], `epoch dW of layer ${l}`, 1e-12, 1e-9));
    net.denseLayers().forEach((d, l) => assertClose(d.weights, reference.denseLayers()[l].weights.map((w, p) => w - 0.1 * mean[l][p]), `weights ${l}`, 1e-12, 1e-9));
  });

  it('an abort flag stops training before the next batch, and the epoch resumes later', () => {
    const data = datasetFromRows(corners.concat(corners), [[0], [0], [0], [1], [0], [0], [0], [1]]);
    const trainer = new Trainer(tanhNet(3, 2), data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, shuffle: true, rng: createRng(2) });
    let checks = 0;
    const signal = {
      get aborted(): boolean {
        checks++;
        return checks > 3;
      },
    };
    assert.equal(trainer.runEpoch(signal), undefined);
    assert.equal(trainer.batch, 3);
    assert.equal(trainer.epoch, 0);
    const report = trainer.runEpoch({ aborted: false });
    assert.equal(report?.epoch, 1);
    assert.equal(trainer.batch, 0);
    assert.equal([...train(tanhNet(3, 2), data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, shuffle: false, rng: createRng(2), epochs: 5, signal: { aborted: true } })].length, 0);
  });

  it('stepBatch walks the batches of an epoch, the last one smaller', () => {
    const data = datasetFromRows(corners.concat([[0.5, 0.5]]), [[0], [0], [0], [1], [0]]);
    const trainer = new Trainer(tanhNet(3, 2), data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 2, shuffle: false, rng: createRng(2) });
    const steps = [trainer.stepBatch(), trainer.stepBatch(), trainer.stepBatch(), trainer.stepBatch()];
    assert.deepEqual(steps.map((s) => [s.epoch, s.batch, s.batches, s.epochDone]), [[1, 1, 3, false], [1, 2, 3, false], [1, 3, 3, true], [2, 1, 3, false]]);
    const epochLoss = (steps[0].loss * 2 + steps[1].loss * 2 + steps[2].loss * 1) / 5;
    assertClose([steps[2].report?.loss ?? NaN], [epochLoss], 'sample-weighted epoch loss', 1e-15);
  });

  it('schedules follow lr·γ^⌊epoch/stepSize⌋ and lr·γ^epoch, and reports carry the rate used', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map((e) => learningRateAt(0.8, { type: 'step', stepSize: 2, gamma: 0.5 }, e)), [0.8, 0.8, 0.4, 0.4, 0.2]);
    assert.deepEqual([0, 1, 2].map((e) => learningRateAt(0.8, { type: 'exponential', gamma: 0.5 }, e)), [0.8, 0.4, 0.2]);
    assert.deepEqual([0, 7].map((e) => learningRateAt(0.8, { type: 'constant' }, e)), [0.8, 0.8]);
    const data = datasetFromRows(corners, [[0], [0], [0], [1]]);
    const reports = runAll(tanhNet(3, 1), data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.8 }, schedule: { type: 'step', stepSize: 2, gamma: 0.5 }, batchSize: 4, shuffle: false, rng: createRng(1) }, 5);
    assert.deepEqual(reports.map((r) => r.learningRate), [0.8, 0.8, 0.4, 0.4, 0.2]);
    assert.deepEqual(reports.map((r) => r.epoch), [1, 2, 3, 4, 5]);
    const resumed = runAll(tanhNet(3, 1), data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.8 }, schedule: { type: 'exponential', gamma: 0.5 }, batchSize: 4, shuffle: false, rng: createRng(1), initialEpoch: 2 }, 2);
    assert.deepEqual(resumed.map((r) => [r.epoch, r.learningRate]), [[3, 0.2], [4, 0.1]]);
  });

  it('flags a run whose loss or weights stop being finite', () => {
    const rows = [[1e3, -2e3], [3e3, 1e3]];
    const data = datasetFromRows(rows, [[1e4], [-1e4]]);
    const net = new Network(2, [new Dense(2, 2), new Dense(2, 1)]);
    net.denseLayers().forEach((d) => d.initialize('normal', createRng(3)));
    const reports = runAll(net, data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 10 }, batchSize: 2, shuffle: false, rng: createRng(3) }, 20);
    assert.equal(reports[0].diverged, undefined);
    assert.equal(reports[reports.length - 1].diverged, true);
    assert.ok(!Number.isFinite(reports[reports.length - 1].loss) || net.denseLayers().some((d) => d.weights.some((w) => !Number.isFinite(w))));
  });

  it('refuses a learning rate that is not a positive number', () => {
    const data = datasetFromRows(corners, [[0], [0], [0], [1]]);
    for (const learningRate of [0, -1, NaN]) {
      assert.throws(() => new Trainer(tanhNet(3, 1), data, { loss: 'mse', optimizer: { type: 'sgd', learningRate }, batchSize: 1, shuffle: false, rng: createRng(1) }), /learning rate/);
    }
  });

  it('reports test loss and accuracy when test data is given', () => {
    const train4 = datasetFromRows(corners, [[0], [0], [0], [1]]);
    const net = tanhNet(3, 1);
    const reports = runAll(net, train4, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, shuffle: false, rng: createRng(1), testData: train4, task: 'binary' }, 3);
    const last = reports[2];
    const predictions = net.predictBatch(train4.inputs, 4);
    assertClose([last.testLoss ?? NaN], [makeLoss('mse').value(predictions, train4.targets, 4, 1)], 'test loss', 1e-15);
    assert.equal(last.testAccuracy, accuracy(predictions, train4.targets, 4, 1));
    assert.ok(reports.every((r) => r.gradients.length === 2 && r.gradients.every((g) => g.dXNorm > 0)));
  });

  it('reports validation loss and accuracy after each epoch, as evaluated on the weights the epoch left', () => {
    const train4 = datasetFromRows(corners, [[0], [0], [0], [1]]);
    const held = datasetFromRows([[0.9, 0.8], [0.1, 0.2], [1, 0.1]], [[1], [0], [0]]);
    const net = tanhNet(3, 1);
    const trainer = new Trainer(net, train4, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, shuffle: false, rng: createRng(1), validationData: held, task: 'binary' });
    for (let e = 0; e < 3; e++) {
      const report = trainer.runEpoch()!;
      const predictions = net.predictBatch(held.inputs, 3);
      assertClose([report.validationLoss ?? NaN], [makeLoss('mse').value(predictions, held.targets, 3, 1)], `validation loss, epoch ${e + 1}`, 1e-15);
      assert.equal(report.validationAccuracy, accuracy(predictions, held.targets, 3, 1));
      assert.equal(report.testLoss, undefined, 'no test data, no test loss');
    }
    // Regression reports the loss only; validation data of the wrong width is refused up front.
    const plain = new Trainer(tanhNet(3, 1), train4, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 4, shuffle: false, rng: createRng(1), validationData: held, task: 'regression' });
    const report = plain.runEpoch()!;
    assert.ok(Number.isFinite(report.validationLoss));
    assert.equal(report.validationAccuracy, undefined);
    const wide = datasetFromRows([[1, 2, 3]], [[1]]);
    assert.throws(() => new Trainer(tanhNet(3, 1), train4, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 1, shuffle: false, rng: createRng(1), validationData: wide }), /the validation data does not match/);
  });

  it("keeps the test set's outputs of the last evaluation until the next batch runs", () => {
    const rows = Array.from({ length: 300 }, (_, s) => [Math.sin(s), Math.cos(3 * s)]);
    const data = datasetFromRows(rows, rows.map(([a, b]) => [a! * b! > 0 ? 1 : 0]));
    const net = tanhNet(5, 2);
    const options: TrainerOptions = { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 16, shuffle: true, rng: createRng(3), testData: data, task: 'binary' };
    const trainer = new Trainer(net, data, options);
    assert.equal(trainer.testPredictions(), undefined, 'nothing evaluated yet');
    trainer.runEpoch();
    trainer.runEpoch();
    // 300 samples evaluate in two chunks; every output is the network's for the current weights.
    assert.deepEqual(trainer.testPredictions(), net.predictBatch(data.inputs, data.count));
    trainer.stepBatch();
    assert.equal(trainer.testPredictions(), undefined, 'a batch changed the weights');
    const alone = new Trainer(tanhNet(5, 2), data, { ...options, testData: undefined, rng: createRng(3) });
    alone.runEpoch();
    assert.equal(alone.testPredictions(), undefined, 'no test data');
  });
});

describe('engine: accuracy', () => {
  it('uses argmax for several outputs and a 0.5 or 0 boundary for one', () => {
    assert.equal(accuracy(new Float64Array([0.1, 0.7, 0.2, 0.5, 0.4, 0.1]), new Float64Array([0, 1, 0, 0, 0, 1]), 2, 3), 0.5);
    assert.equal(accuracy(new Float64Array([0.6, 0.4, 0.9]), new Float64Array([1, 0, 0]), 3, 1), 2 / 3);
    assert.equal(accuracy(new Float64Array([0.2, -0.3, 0.9]), new Float64Array([1, -1, -1]), 3, 1), 2 / 3);
  });
});
