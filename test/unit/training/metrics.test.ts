import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleSet } from '../../../src/data';
import type { Network } from '../../../src/engine';
import { accuracy } from '../../../src/engine/metrics';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import type { WorkerInit, WorkerToHost } from '../../../src/protocol/worker';
import { buildSession } from '../../../src/worker/build';
import { loadSamples } from '../../../src/worker/load';
import { classNames, snapshotMetrics } from '../../../src/worker/metrics';
import { TrainingLoop } from '../../../src/worker/trainingLoop';

const root = join(__dirname, '..', '..', '..');

function example(name: string): NnModel {
  const loaded = loadModel(readFileSync(join(root, 'examples', `${name}.nnjson`), 'utf8'));
  if (!loaded.ok) throw new Error(`examples/${name}.nnjson does not load`);
  return loaded.model;
}

/** A stand-in network that answers with fixed outputs, one row per sample. */
function fixedNetwork(outputs: number[], size = 1): Network {
  return { predictBatch: (_inputs: Float64Array, count: number) => Float64Array.from(outputs.slice(0, count * size)) } as unknown as Network;
}

function set(targets: number[], targetSize: number, extra: Partial<SampleSet> = {}): SampleSet {
  const count = targets.length / targetSize;
  return {
    count, inputSize: 1, targetSize, inputs: new Float64Array(count), targets: Float64Array.from(targets),
    inputNames: ['x'], targetNames: ['y'], task: targetSize === 1 ? 'binary' : 'multiclass', ...extra,
  };
}

/** m[actual][predicted] counted one sample at a time, by arg-max of each row. */
function countByHand(predictions: ArrayLike<number>, targets: ArrayLike<number>, count: number, size: number): number[][] {
  const m = Array.from({ length: size }, () => Array.from({ length: size }, () => 0));
  const argmax = (a: ArrayLike<number>, s: number): number => {
    let best = 0;
    for (let c = 1; c < size; c++) if (a[s * size + c]! > a[s * size + best]!) best = c;
    return best;
  };
  for (let s = 0; s < count; s++) m[argmax(targets, s)]![argmax(predictions, s)]!++;
  return m;
}

describe('snapshot metrics (worker)', () => {
  it('counts the iris confusion matrix on the test split, named by the model outputs', async () => {
    const model = example('iris');
    const built = buildSession(model, await loadSamples(model, undefined));
    const test = built.data.test!;
    assert.ok(test.count > 0);
    const metrics = snapshotMetrics({ network: built.network, task: 'multiclass', train: built.data.train, test, outputNames: model.outputNames });
    const predictions = built.network.predictBatch(test.inputs, test.count);
    assert.deepEqual(metrics?.confusion?.matrix, countByHand(predictions, test.targets, test.count, 3));
    assert.deepEqual(metrics?.confusion?.classes, ['setosa', 'versicolor', 'virginica']);
    assert.equal(metrics?.confusion?.split, 'test');
    assert.equal(metrics?.mae, undefined);
  });

  it('counts from the test outputs it is given instead of predicting again', () => {
    const outputs = [0.9, 0.1, 0.0, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.6, 0.3, 0.1];
    const given = [0.1, 0.9, 0.0, 0.2, 0.7, 0.1, 0.8, 0.1, 0.1, 0.1, 0.3, 0.6];
    const targets = [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1];
    const test = set(targets, 3);
    const input = { network: fixedNetwork(outputs, 3), task: 'multiclass' as const, train: set([1, 0, 0], 3), test };
    assert.deepEqual(snapshotMetrics({ ...input, testPredictions: Float64Array.from(given) })?.confusion?.matrix, countByHand(given, targets, 4, 3));
    assert.deepEqual(snapshotMetrics(input)?.confusion?.matrix, countByHand(outputs, targets, 4, 3));
    // Without a test split the training split is counted, from its own predictions.
    const trainOnly = snapshotMetrics({ network: fixedNetwork(outputs, 3), task: 'multiclass', train: test, testPredictions: Float64Array.from(given) });
    assert.deepEqual(trainOnly?.confusion?.matrix, countByHand(outputs, targets, 4, 3));
  });

  it('falls back to the training split and to the data set classes', () => {
    const outputs = [0.9, 0.1, 0.0, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.6, 0.3, 0.1];
    const targets = [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1];
    const train = set(targets, 3, { classes: ['a', 'b', 'c'] });
    const metrics = snapshotMetrics({ network: fixedNetwork(outputs, 3), task: 'multiclass', train, outputNames: ['only one'] });
    assert.deepEqual(metrics?.confusion, { classes: ['a', 'b', 'c'], matrix: countByHand(outputs, targets, 4, 3), split: 'train' });
  });

  it('splits single outputs at 0.5 for {0,1} targets and at 0 for {−1,+1} or hinge', () => {
    const outputs = [0.6, 0.4, 0.2, -0.3, 0.8];
    const bySide = (targets: number[], tThreshold: number, pThreshold: number): number[][] => {
      const m = [[0, 0], [0, 0]];
      targets.forEach((t, s) => m[Number(t > tThreshold)]![Number(outputs[s]! > pThreshold)]!++);
      return m;
    };
    const zeroOne = [1, 0, 1, 0, 1];
    const plusMinus = [1, -1, 1, -1, 1];
    const run = (targets: number[], hinge: boolean) =>
      snapshotMetrics({ network: fixedNetwork(outputs), task: 'binary', train: set(targets, 1), hinge })?.confusion?.matrix;
    assert.deepEqual(run(zeroOne, false), bySide(zeroOne, 0.5, 0.5));
    assert.deepEqual(run(plusMinus, false), bySide(plusMinus, 0, 0));
    assert.deepEqual(run(zeroOne, true), bySide(zeroOne, 0.5, 0));
    assert.notDeepEqual(bySide(zeroOne, 0.5, 0.5), bySide(zeroOne, 0.5, 0), 'the two thresholds must tell apart on this data');
  });

  it('counts an output of exactly 0.5 as class 0, so the matrix agrees with the engine\'s accuracy', () => {
    const outputs = [0.5, 0.5, 0.75, 0.25];
    const targets = [0, 1, 1, 0];
    const matrix = snapshotMetrics({ network: fixedNetwork(outputs), task: 'binary', train: set(targets, 1) })?.confusion?.matrix;
    assert.deepEqual(matrix, [[2, 0], [1, 1]]);
    assert.equal(accuracy(Float64Array.from(outputs), Float64Array.from(targets), 4, 1), 3 / 4);
  });

  it('gives MAE and R² for regression, from their definitions', () => {
    const outputs = [1.5, 2, 2.5, 5];
    const targets = [1, 2, 3, 4];
    const metrics = snapshotMetrics({ network: fixedNetwork(outputs), task: 'regression', train: set(targets, 1, { task: 'regression' }) });
    const mae = (0.5 + 0 + 0.5 + 1) / 4;
    const ssRes = 0.25 + 0 + 0.25 + 1;
    const ssTot = 2.25 + 0.25 + 0.25 + 2.25;
    assert.ok(Math.abs(metrics!.mae! - mae) < 1e-12);
    assert.ok(Math.abs(metrics!.r2! - (1 - ssRes / ssTot)) < 1e-12);
    assert.equal(metrics?.confusion, undefined);
  });

  it('names classes "0", "1", … when neither the model nor the data does', () => {
    assert.deepEqual(classNames(3, undefined, ['x', 'y']), ['0', '1', '2']);
  });

  it('arrive on live snapshots from the loop, counting every test sample', async () => {
    const model = example('iris');
    model.training.epochs = 2;
    const posted: WorkerToHost[] = [];
    const deferred: (() => void)[] = [];
    let clock = 0;
    const loop = new TrainingLoop({ post: (m) => posted.push(m), defer: (task) => deferred.push(task), now: () => clock++ });
    const init: WorkerInit = { model, boundaryResolution: 8, stream: true, sliceMs: 1e9, keepRecentEpochs: 200, keepEveryNth: 10 };
    loop.handle({ type: 'init', init });
    await new Promise((r) => setImmediate(r));
    loop.handle({ type: 'run' });
    while (deferred.length > 0) deferred.shift()!();
    const snapshots = posted.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : [])) as TrainingSnapshot[];
    const last = snapshots.at(-1)!;
    assert.equal(last.epoch, 2);
    const built = buildSession(model, await loadSamples(model, undefined));
    const total = last.metrics!.confusion!.matrix.flat().reduce((a, b) => a + b, 0);
    assert.equal(total, built.data.test!.count);
  });
});
