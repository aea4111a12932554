import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import type { HostToWorker, WorkerInit, WorkerToHost } from '../../../src/protocol/worker';
import { buildSession } from '../../../src/worker/build';
import { loadSamples } from '../../../src/worker/load';
import { TrainingLoop } from '../../../src/worker/trainingLoop';

const root = join(__dirname, '..', '..', '..');

function example(name: string): NnModel {
  const loaded = loadModel(readFileSync(join(root, 'examples', `${name}.nnjson`), 'utf8'));
  if (!loaded.ok) throw new Error(`examples/${name}.nnjson does not load`);
  return loaded.model;
}

/** The loop with a hand-cranked message loop: `turn()` runs one deferred slice. */
function harness(model: NnModel, sliceMs = 0) {
  const posted: WorkerToHost[] = [];
  const deferred: (() => void)[] = [];
  const delays: number[] = [];
  let clock = 0;
  const loop = new TrainingLoop({
    post: (m) => posted.push(m),
    defer: (task, delayMs = 0) => {
      delays.push(delayMs);
      // A delayed task runs once the clock has moved on by its delay.
      deferred.push(() => {
        clock += delayMs;
        task();
      });
    },
    // Every reading moves time on, so a slice of `sliceMs` = 0 runs exactly one batch.
    now: () => clock++,
  });
  const send = (m: HostToWorker) => loop.handle(m);
  const settle = () => new Promise((r) => setImmediate(r));
  const turn = () => deferred.shift()?.();
  /** Starts the session with `init` as it stands, presses Train, and turns the loop until it has nothing left to do. */
  const runToEnd = async (): Promise<void> => {
    send({ type: 'init', init: initial });
    await settle();
    send({ type: 'run' });
    while (deferred.length > 0) turn();
  };
  const snapshots = () => posted.flatMap((m) => (m.type === 'snapshot' || m.type === 'ready' ? [m.snapshot] : []));
  const states = () => posted.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  const initial = { model, boundaryResolution: 8, stream: true, sliceMs, keepRecentEpochs: 200, keepEveryNth: 10 } as WorkerInit;
  return { loop, posted, deferred, delays, send, settle, turn, runToEnd, snapshots, states, init: initial };
}

describe('TrainingLoop (the worker side)', () => {
  it('waits between epochs so a paced run goes no faster than epochsPerSecond', async () => {
    const model = example('and');
    model.training.epochs = 20;
    const h = harness(model, 1e9);
    h.send({ type: 'init', init: { ...h.init, epochsPerSecond: 10 } });
    await h.settle();
    h.send({ type: 'run' });
    while (h.deferred.length > 0) h.turn();
    // The fake clock moves 1 ms a reading (and by each wait), so each wait is close to the 100 ms budget of 10 epochs/s.
    const waits = h.delays.filter((d) => d > 0);
    assert.equal(waits.length, 19, 'every epoch but the first waits');
    for (const w of waits) assert.ok(w > 50 && w <= 100, `waited ${w} ms`);
    assert.equal(h.snapshots().at(-1)?.epoch, 20);

    const fast = harness(example('and'), 1e9);
    fast.send({ type: 'init', init: fast.init });
    await fast.settle();
    fast.send({ type: 'run' });
    for (let k = 0; k < 5 && fast.deferred.length > 0; k++) fast.turn();
    assert.deepEqual(fast.delays.filter((d) => d > 0), [], 'an unpaced run never waits');
  });

  it('trains the AND example: the loss falls and the run ends done', async () => {
    const model = example('and');
    model.training.epochs = 200;
    const h = harness(model, 1e9);
    await h.runToEnd();
    const snaps = h.snapshots();
    assert.equal(snaps[0].epoch, 0);
    assert.equal(snaps.at(-1)?.epoch, 200);
    assert.ok(snaps.at(-1)!.loss < snaps[1].loss / 2, `loss ${snaps[1].loss} → ${snaps.at(-1)!.loss}`);
    assert.deepEqual(h.states(), ['running', 'done']);
  });

  it('matches a Trainer run on the same model, epoch for epoch', async () => {
    const model = example('xor');
    model.training.epochs = 5;
    const h = harness(model, 1e9);
    await h.runToEnd();
    const reference = buildSession(model, await loadSamples(model, undefined));
    const losses: number[] = [];
    for (let e = 0; e < 5; e++) losses.push(reference.trainer.runEpoch()!.loss);
    assert.deepEqual(h.snapshots().slice(1).map((s) => s.loss), losses);
    const w = reference.network.denseLayers()[1].weights;
    assert.deepEqual(Array.from(h.snapshots().at(-1)!.layers[1].weights), Array.from(Float32Array.from(w)));
  });

  it('pauses between batches in the middle of an epoch and resumes where it stopped', async () => {
    const model = example('and');
    const h = harness(model, 0);
    h.send({ type: 'init', init: h.init });
    await h.settle();
    h.send({ type: 'run' });
    h.turn();
    h.turn();
    h.send({ type: 'pause' });
    assert.equal(h.states().at(-1), 'paused');
    h.turn();
    const atPause = h.snapshots().at(-1)!;
    assert.deepEqual([atPause.epoch, atPause.batch], [0, 2], 'the pause shows where the loop stands: two of four batches of the first epoch');
    assert.equal(h.snapshots().length, 2);
    h.send({ type: 'stepBatch' });
    const batch = h.snapshots().at(-1)!;
    assert.deepEqual([batch.epoch, batch.batch, batch.batches], [0, 3, 4], 'the third batch of the first epoch');
    h.send({ type: 'stepEpoch' });
    while (h.deferred.length > 0) h.turn();
    const after = h.snapshots().at(-1)!;
    assert.deepEqual([after.epoch, after.batch], [1, 0], 'step epoch finished the interrupted epoch');
    assert.equal(h.states().at(-1), 'paused');
  });

  it('pauses on NaN and says where, and resets to the seeded start', async () => {
    const model = example('and');
    model.training.optimizer = { type: 'sgd', learningRate: 1e30 };
    model.layers = model.layers.map((l) => (l.type === 'activation' ? { ...l, activation: 'linear' } : l));
    const h = harness(model, 1e9);
    h.send({ type: 'init', init: h.init });
    await h.settle();
    const first = h.snapshots()[0];
    h.send({ type: 'run' });
    for (let i = 0; i < 50 && h.deferred.length > 0; i++) h.turn();
    const divergence = h.posted.find((m) => m.type === 'divergence');
    assert.ok(divergence, 'a divergence was reported');
    assert.equal(h.states().at(-1), 'paused');
    assert.ok(h.snapshots().at(-1)?.divergence);
    h.send({ type: 'reset' });
    const reset = h.snapshots().at(-1)!;
    assert.equal(reset.epoch, 0);
    assert.deepEqual(Array.from(reset.layers[0].weights), Array.from(first.layers[0].weights));
  });

  it('marks ReLU units that never fired as dead', async () => {
    const model = example('and');
    model.layers = [
      { type: 'dense', units: 2, weights: [[1, 1], [-1, -1]], bias: [0.1, -5] },
      { type: 'activation', activation: 'relu' },
      { type: 'dense', units: 1 },
    ];
    model.training.epochs = 1;
    const h = harness(model, 1e9);
    await h.runToEnd();
    const last: TrainingSnapshot = h.snapshots().at(-1)!;
    assert.deepEqual(last.layers[0].deadUnits, [1], 'inputs are in [0, 1], so −x1 − x2 − 5 is always negative');
    assert.deepEqual(last.layers[1].deadUnits, [], 'no ReLU follows the output layer');
  });

  it('sends few snapshots when epochs are fast, but every epoch\'s numbers', async () => {
    const model = example('and');
    model.training.epochs = 50;
    const h = harness(model, 1e9);
    h.init.snapshotIntervalMs = 1e12;
    await h.runToEnd();
    const sent = h.posted.flatMap((m) => (m.type === 'snapshot' ? [m] : []));
    assert.deepEqual(sent.map((m) => m.snapshot.epoch), [1, 50], 'the first epoch, then the last when the run ends');
    const losses = sent.flatMap((m) => m.series?.loss ?? []);
    const reference = buildSession(model, await loadSamples(model, undefined));
    const expected: number[] = [];
    for (let e = 0; e < 50; e++) expected.push(reference.trainer.runEpoch()!.loss);
    assert.deepEqual(losses, expected);
    assert.equal(sent[0].series?.from, 1);
    assert.equal(sent[1].series?.from, 2);
  });

  it('sends the validation split\'s loss and accuracy for every epoch, as the trainer measures them', async () => {
    const model = example('iris');
    model.training.epochs = 6;
    if (model.data) model.data.split = { test: 0.2, validation: 0.2 };
    const h = harness(model, 1e9);
    h.init.snapshotIntervalMs = 1e12;
    await h.runToEnd();
    const sent = h.posted.flatMap((m) => (m.type === 'snapshot' ? [m] : []));
    const loss = sent.flatMap((m) => m.series?.validationLoss ?? []);
    const accuracy = sent.flatMap((m) => m.series?.validationAccuracy ?? []);
    const reference = buildSession(model, await loadSamples(model, undefined));
    assert.equal(reference.data.validation?.count, 30, '20% of 150 held out for validation');
    const expected = Array.from({ length: 6 }, () => reference.trainer.runEpoch()!);
    assert.deepEqual(loss, expected.map((r) => r.validationLoss));
    assert.deepEqual(accuracy, expected.map((r) => r.validationAccuracy));
    assert.ok(accuracy.every((a) => typeof a === 'number' && a >= 0 && a <= 1));
    assert.equal(sent.at(-1)?.snapshot.validationLoss, expected[5].validationLoss);
  });

    it('posts at most 2,000 training points, once, when it is ready', async () => {
    const model = example('blobs');
    model.data = { source: 'builtin', name: 'blobs', samples: 5000 };
    model.training.epochs = 2;
    const h = harness(model, 1e9);
    await h.runToEnd();
    const withPoints = h.posted.filter((m) => 'points' in m && m.points !== undefined);
    assert.equal(withPoints.length, 1, 'the points travel once');
    const ready = withPoints[0]!;
    assert.ok(ready.type === 'ready' && ready.points);
    const train = buildSession(model, await loadSamples(model, undefined)).data.train;
    assert.equal(ready.points.count, 2000);
    assert.equal(ready.points.total, train.count);
  });

    it('replays a kept epoch with the boundary of the weights it had then', async () => {
    const model = example('xor');
    model.training.epochs = 30;
    const h = harness(model, 1e9);
    await h.runToEnd();
    const live5 = h.snapshots().find((s) => s.epoch === 5)!;
    h.send({ type: 'scrub', id: 3, epoch: 5 });
    const reply = h.posted.at(-1);
    assert.ok(reply?.type === 'scrubbed' && reply.id === 3 && reply.snapshot);
    const replayed = reply.snapshot;
    assert.deepEqual(Array.from(replayed.layers[0].weights), Array.from(live5.layers[0].weights));
    assert.deepEqual(Array.from(replayed.layers[1].gradWeights), Array.from(live5.layers[1].gradWeights));
    // The boundary was drawn from float32 copies of the weights, so it agrees with the live one to float32 precision.
    const a = replayed.boundary!.output;
    const b = live5.boundary!.output;
    assert.equal(a.length, b.length);
    for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) < 1e-4, `grid point ${k}: ${a[k]} vs ${b[k]}`);
    const last = h.snapshots().at(-1)!;
    assert.ok(Math.abs(last.boundary!.output[0] - a[0]) > 1e-6, 'epoch 30 looks different from epoch 5');
    h.send({ type: 'scrub', id: 4, epoch: 999 });
    const none = h.posted.at(-1);
    assert.ok(none?.type === 'scrubbed' && none.snapshot === undefined);
  });

  it('scrubs back to epoch 5 of XOR after 300 epochs with the default timeline settings, and reports what it keeps', async () => {
    const model = example('xor');
    model.training.epochs = 300;
    const h = harness(model, 1e9);
    h.init.snapshotIntervalMs = 1e12;
    await h.runToEnd();
    assert.equal(h.snapshots().at(-1)?.epoch, 300);
    h.send({ type: 'scrub', id: 7, epoch: 5 });
    const reply = h.posted.at(-1);
    assert.ok(reply?.type === 'scrubbed' && reply.snapshot, 'epoch 5 is still kept');
    assert.deepEqual(reply.timeline, Array.from({ length: 301 }, (_, e) => e), 'a run this small keeps every epoch');
    // The oracle: the engine's own run of the same model, stopped after 5 epochs.
    const reference = buildSession(model, await loadSamples(model, undefined));
    for (let e = 0; e < 5; e++) reference.trainer.runEpoch();
    const dense = reference.network.denseLayers();
    assert.equal(reply.snapshot.epoch, 5);
    for (let d = 0; d < dense.length; d++) {
      assert.deepEqual(Array.from(reply.snapshot.layers[d].weights), Array.from(Float32Array.from(dense[d].weights)), `layer ${d + 1} weights at epoch 5`);
      assert.deepEqual(Array.from(reply.snapshot.layers[d].bias), Array.from(Float32Array.from(dense[d].bias)), `layer ${d + 1} bias at epoch 5`);
    }
    assert.ok(h.posted.every((m) => m.type !== 'snapshot' || m.timeline === undefined), 'no epoch was dropped, so no list was sent');
  });

  it('takes a new pace while running: the snapshot interval and the epoch rate', async () => {
    const model = example('and');
    model.training.epochs = 20;
    const h = harness(model, 0);
    h.init.snapshotIntervalMs = 1e12;
    h.send({ type: 'init', init: h.init });
    await h.settle();
    h.send({ type: 'run' });
    // One batch a turn, four batches an epoch.
    for (let k = 0; k < 20; k++) h.turn();
    assert.deepEqual(h.snapshots().slice(1).map((s) => s.epoch), [1], 'one snapshot in the first five epochs');
    h.send({ type: 'pace', epochsPerSecond: 0, snapshotIntervalMs: 0 });
    while (h.deferred.length > 0) h.turn();
    assert.deepEqual(h.snapshots().slice(2).map((s) => s.epoch), Array.from({ length: 15 }, (_, k) => k + 6), 'then one for every epoch');
    assert.deepEqual(h.delays.filter((d) => d > 0), [], 'unpaced');
    const paced = harness(example('and'), 1e9);
    paced.send({ type: 'init', init: paced.init });
    await paced.settle();
    paced.send({ type: 'pace', epochsPerSecond: 10, snapshotIntervalMs: 0 });
    paced.send({ type: 'run' });
    for (let k = 0; k < 5; k++) paced.turn();
    assert.ok(paced.delays.some((d) => d > 50 && d <= 100), `a pace of 10 epochs/s waits about 100 ms: ${paced.delays.join(', ')}`);
  });

  it('reports a build failure instead of throwing', async () => {
    const model = example('and');
    model.training.batchSize = 99;
    const h = harness(model);
    h.send({ type: 'init', init: h.init });
    await h.settle();
    const failed = h.posted.find((m) => m.type === 'failed');
    assert.ok(failed && failed.type === 'failed');
    assert.match(failed.message, /batch size 99/);
  });

  it('hands over the parameters at full precision', async () => {
    const model = example('and');
    const h = harness(model);
    h.send({ type: 'init', init: h.init });
    await h.settle();
    h.send({ type: 'weights', id: 7 });
    const reply = h.posted.at(-1);
    assert.ok(reply?.type === 'weights' && reply.id === 7);
    const reference = buildSession(model, await loadSamples(model, undefined));
    assert.deepEqual(Array.from(reply.parameters.layers[0].weights), Array.from(reference.network.denseLayers()[0].weights));
  });
});
