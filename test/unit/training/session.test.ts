import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingSession } from '../../../src/host/training/session';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { TrainingSnapshot, TrainingView } from '../../../src/protocol/training';
import type { TrainedParameters } from '../../../src/protocol/worker';
import { FakeTimers, FakeWorker } from './support/fakes';

const root = join(__dirname, '..', '..', '..');

function andModel(): NnModel {
  const loaded = loadModel(readFileSync(join(root, 'examples', 'and.nnjson'), 'utf8'));
  if (!loaded.ok) throw new Error('examples/and.nnjson does not load');
  return loaded.model;
}

function snapshot(epoch: number, batch = 0, loss = 1 / (epoch + 1)): TrainingSnapshot {
  const layer = {
    dense: 0, units: 1, inputs: 2,
    weights: new Float32Array([epoch, -epoch]), bias: new Float32Array([0]),
    gradWeights: new Float32Array(2), gradBias: new Float32Array(1), deltaWeights: new Float32Array(2),
    gradInputNorm: 0, deadUnits: [], nonFinite: false,
  };
  return { epoch, batch, batches: 4, loss, learningRate: 0.1, layers: [layer] };
}

const parameters: TrainedParameters = {
  layers: [{ units: 1, inputs: 2, weights: new Float64Array([1, 2]), bias: new Float64Array([3]) }],
  history: { loss: [0.5], testLoss: [], accuracy: [] },
  normalization: { method: 'none' },
};

function setup(options: { perSecond?: number; keepRecent?: number; everyNth?: number } = {}) {
  const worker = new FakeWorker();
  const timers = new FakeTimers();
  const views: TrainingView[] = [];
  const live: TrainingSnapshot[] = [];
  const warnings: string[] = [];
  let created = 0;
  const session = new TrainingSession(
    () => {
      created++;
      return worker;
    },
    { model: andModel(), boundaryResolution: 20, stream: true, keepRecentEpochs: options.keepRecent ?? 200, keepEveryNth: options.everyNth ?? 10 },
    { updatesPerSecond: options.perSecond ?? 10, stopTimeoutMs: 500 },
    {
      view: (v) => views.push(v),
      snapshot: (s) => live.push(s),
      divergence: (m) => warnings.push(m),
    },
    timers,
  );
  const ready = () => worker.emit('message', { type: 'ready', totalEpochs: 1000, batches: 4, snapshot: snapshot(0) });
  const state = (s: 'running' | 'paused' | 'done', epoch: number) => worker.emit('message', { type: 'state', state: s, epoch });
  const epoch = (n: number, batch = 0) => {
    const s = snapshot(n, batch);
    const series = batch === 0 ? { from: n, loss: [s.loss], testLoss: [null], accuracy: [null], testAccuracy: [null], validationLoss: [null], validationAccuracy: [null] } : undefined;
    worker.emit('message', series ? { type: 'snapshot', snapshot: s, series } : { type: 'snapshot', snapshot: s });
  };
  return { session, worker, timers, views, live, warnings, ready, state, epoch, created: () => created };
}

describe('TrainingSession with a fake worker', () => {
  it('starts one worker on train, sends the model, then run', () => {
    const t = setup();
    t.session.command('train');
    assert.equal(t.created(), 1);
    assert.deepEqual(t.worker.types(), ['init', 'run']);
    const init = t.worker.sent[0];
    assert.ok(init.type === 'init' && init.init.model.name === 'AND gate');
    t.session.command('pause');
    assert.equal(t.created(), 1, 'a second command reuses the worker');
  });

  it('follows the worker through running, pause, step epoch and step batch', () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    t.state('running', 0);
    assert.equal(t.session.status, 'running');
    t.epoch(1);
    t.epoch(2);
    t.session.command('pause');
    assert.equal(t.worker.sent.at(-1)?.type, 'pause');
    t.state('paused', 2);
    assert.equal(t.session.status, 'paused');
    t.session.command('stepEpoch');
    assert.equal(t.worker.sent.at(-1)?.type, 'stepEpoch');
    t.state('running', 2);
    t.epoch(3);
    t.state('paused', 3);
    t.session.command('stepBatch');
    assert.equal(t.worker.sent.at(-1)?.type, 'stepBatch');
    t.epoch(3, 1);
    const view = t.session.view();
    assert.deepEqual(view.series.loss, [1 / 2, 1 / 3, 1 / 4], 'one loss per completed epoch; the batch snapshot adds none');
    assert.deepEqual(view.timeline, [0, 1, 2, 3]);
    assert.equal(view.latest?.batch, 1, 'the batch step is the latest state');
    assert.deepEqual(t.views.map((v) => v.status), ['idle', 'running', 'paused', 'running', 'paused']);
  });

  it('throttles live snapshots and always delivers the latest', () => {
    const t = setup({ perSecond: 10 });
    t.session.command('train');
    t.ready();
    for (let e = 1; e <= 50; e++) t.epoch(e);
    assert.deepEqual(t.live.map((s) => s.epoch), [0], 'within one interval only the first goes out');
    t.timers.advance(100);
    assert.deepEqual(t.live.map((s) => s.epoch), [0, 50], 'the held one is the newest');
    t.epoch(51);
    t.epoch(52);
    t.state('paused', 52);
    assert.deepEqual(t.live.map((s) => s.epoch), [0, 50, 52], 'pausing flushes without waiting');
  });

  it('lists the epochs the worker keeps: those it finished, its own list once it dropped some, and its answer to a scrub', async () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    for (let e = 1; e <= 37; e++) t.epoch(e);
    assert.deepEqual(t.session.view().timeline, Array.from({ length: 38 }, (_, e) => e), 'nothing dropped yet: every epoch');
    // The worker thinned its timeline: its list replaces the host's.
    const thinned = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 36, 37, 38];
    t.worker.emit('message', { type: 'snapshot', snapshot: snapshot(38), series: { from: 38, loss: [0.1], testLoss: [null], accuracy: [null], testAccuracy: [null], validationLoss: [], validationAccuracy: [] }, timeline: thinned });
    assert.deepEqual(t.session.view().timeline, thinned);
    t.epoch(39);
    assert.deepEqual(t.session.view().timeline, [...thinned, 39], 'epochs after the list are added to it');
    t.timers.advance(1000);
    const delivered = t.live.length;
    const pending = t.session.scrubTo(5);
    const request = t.worker.sent.at(-1);
    assert.ok(request?.type === 'scrub' && request.epoch === 5);
    t.worker.emit('message', { type: 'scrubbed', id: request.id, snapshot: snapshot(5), timeline: [...thinned, 39] });
    const at = await pending;
    assert.deepEqual(Array.from(at!.layers[0].weights), [5, -5], 'epoch 5 as it was');
    assert.equal(t.live.length, delivered, 'a scrub is answered to the asker, not broadcast as live');
    // An epoch the worker dropped in the meantime: no snapshot, and the list the worker holds now.
    const gone = t.session.scrubTo(30);
    const second = t.worker.sent.at(-1);
    assert.ok(second?.type === 'scrub');
    const now = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 37, 38, 39];
    t.worker.emit('message', { type: 'scrubbed', id: second.id, timeline: now });
    assert.equal(await gone, undefined);
    assert.deepEqual(t.session.view().timeline, now);
  });

  it('logs every epoch at debug level, including those whose snapshots the throttle held back, and a failure at error level', () => {
    const lines: string[] = [];
    let debug = true;
    const log = { wantsDebug: () => debug, debug: (m: string) => lines.push(`debug ${m}`), error: (m: string) => lines.push(`error ${m}`) };
    const worker = new FakeWorker();
    const session = new TrainingSession(() => worker,
      { model: andModel(), boundaryResolution: 20, stream: true, keepRecentEpochs: 200, keepEveryNth: 10 },
      { updatesPerSecond: 1 }, { log }, new FakeTimers());
    session.command('train');
    worker.emit('message', { type: 'ready', totalEpochs: 1000, batches: 4, snapshot: snapshot(0) });
    // One snapshot message carries three epochs' numbers; the next one overlaps the first by one.
    worker.emit('message', { type: 'snapshot', snapshot: snapshot(3), series: { from: 1, loss: [0.5, 0.25, 0.125], testLoss: [null, null, 0.3], accuracy: [0.5, 0.75, 1], testAccuracy: [null, null, null], validationLoss: [], validationAccuracy: [] } });
    worker.emit('message', { type: 'snapshot', snapshot: snapshot(4), series: { from: 3, loss: [0.125, 0.0625], testLoss: [0.3, 0.2], accuracy: [1, 1], testAccuracy: [null, 0.5], validationLoss: [], validationAccuracy: [] } });
    assert.deepEqual(lines, [
      'debug epoch 1/1000: loss 0.5, accuracy 0.5',
      'debug epoch 2/1000: loss 0.25, accuracy 0.75',
      'debug epoch 3/1000: loss 0.125, accuracy 1, test loss 0.3',
      'debug epoch 4/1000: loss 0.0625, accuracy 1, test loss 0.2, test accuracy 0.5',
    ]);
    debug = false;
    worker.emit('message', { type: 'snapshot', snapshot: snapshot(5), series: { from: 5, loss: [0.03], testLoss: [null], accuracy: [1], testAccuracy: [null], validationLoss: [], validationAccuracy: [] } });
    assert.equal(lines.length, 4, 'no line is built when debug lines are not wanted');
    assert.equal(session.view().series.loss.length, 5, 'the epoch still reaches the charts');
    worker.emit('error', new Error('out of memory'));
    assert.deepEqual(lines.slice(4), ['error failed: the training worker crashed: out of memory']);
  });

  it('takes new pacing settings while it runs: tells the worker and throttles at the new rate', () => {
    const t = setup({ perSecond: 10 });
    t.session.command('train');
    t.ready();
    t.session.setPace(2, 15);
    assert.deepEqual(t.worker.sent.at(-1), { type: 'pace', epochsPerSecond: 15, snapshotIntervalMs: 500 });
    const before = t.live.length;
    t.epoch(1);
    t.timers.advance(100);
    t.epoch(2);
    t.timers.advance(100);
    t.epoch(3);
    assert.deepEqual(t.live.slice(before).map((s) => s.epoch), [1], 'at 2 a second, epochs 2 and 3 wait');
    t.timers.advance(300);
    assert.deepEqual(t.live.slice(before).map((s) => s.epoch), [1, 3], 'the latest goes out at the end of the 500 ms interval');
  });

  it('shows how far the worker has read the data file until it is ready', () => {
    const t = setup();
    t.session.command('train');
    t.worker.emit('message', { type: 'progress', rows: 1200, characters: 50_000 });
    assert.deepEqual(t.views.at(-1)?.reading, { rows: 1200, characters: 50_000 });
    t.worker.emit('message', { type: 'progress', rows: 2400, characters: 100_000 });
    assert.deepEqual(t.session.view().reading, { rows: 2400, characters: 100_000 });
    t.ready();
    assert.equal(t.session.view().reading, undefined);
    t.worker.emit('message', { type: 'progress', rows: 1, characters: 1 });
    assert.equal(t.session.view().reading, undefined, 'a late report after ready is ignored');
  });

  it('merges the series the worker batches up, without gaps or repeats', () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    const s = snapshot(4);
    t.worker.emit('message', { type: 'snapshot', snapshot: s, series: { from: 1, loss: [4, 3, 2, 1], testLoss: [null, null, null, 0.5], accuracy: [0, 0, 1, 1], testAccuracy: [null, null, null, null], validationLoss: [0.9, 0.8, 0.7, 0.6], validationAccuracy: [0.25, 0.5, 0.5, 0.75] } });
    t.worker.emit('message', { type: 'snapshot', snapshot: snapshot(5), series: { from: 4, loss: [1, 0.5], testLoss: [0.5, 0.4], accuracy: [1, 1], testAccuracy: [null, null], validationLoss: [0.6, 0.55], validationAccuracy: [0.75, 1] } });
    const series = t.session.view().series;
    assert.deepEqual(series.loss, [4, 3, 2, 1, 0.5]);
    assert.deepEqual(series.testLoss, [null, null, null, 0.5, 0.4]);
    assert.deepEqual(series.accuracy, [0, 0, 1, 1, 1]);
    assert.deepEqual(series.validationLoss, [0.9, 0.8, 0.7, 0.6, 0.55]);
    assert.deepEqual(series.validationAccuracy, [0.25, 0.5, 0.5, 0.75, 1]);
    // What a designer that has the first 2 epochs is missing, and nothing for one that has them all.
    assert.deepEqual(t.session.seriesSince(2), { from: 3, loss: [2, 1, 0.5], testLoss: [null, 0.5, 0.4], accuracy: [1, 1, 1], testAccuracy: [null, null, null], validationLoss: [0.7, 0.6, 0.55], validationAccuracy: [0.5, 0.75, 1] });
    assert.deepEqual(t.session.seriesSince(5).loss, []);
    assert.equal(t.session.seriesSince(9).from, 6, 'a count past the end starts after the last epoch');
  });

  it('cancels in the middle of a batch: pause first, then the weights, then the worker ends', async () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    t.state('running', 0);
    t.session.command('stop');
    assert.deepEqual(t.worker.types().slice(-2), ['pause', 'weights'], 'the worker is asked to pause before anything else');
    assert.equal(t.worker.terminated, 0, 'the batch in flight may finish');
    const request = t.worker.sent.at(-1);
    assert.ok(request?.type === 'weights');
    t.state('paused', 0);
    assert.equal(t.session.status, 'running', 'the pause on the way to stopping is not shown as paused');
    t.worker.emit('message', { type: 'weights', id: request.id, parameters });
    await new Promise((r) => setImmediate(r));
    assert.equal(t.session.status, 'stopped');
    assert.equal(t.worker.terminated, 1);
    assert.deepEqual(await t.session.parameters(), parameters, 'the weights stay available for Apply');
    t.epoch(9);
    assert.equal(t.session.view().latest?.epoch, 0, 'late messages from the ended worker are ignored');
  });

  it('stopping a finished run ends its worker and keeps it done, with the weights for Apply', async () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    t.state('running', 0);
    t.epoch(1);
    t.state('done', 1);
    const stopped = t.session.stop();
    const request = t.worker.sent.at(-1);
    assert.ok(request?.type === 'weights');
    t.worker.emit('message', { type: 'weights', id: request.id, parameters });
    await stopped;
    assert.equal(t.session.status, 'done');
    assert.equal(t.session.isEnded, true);
    assert.equal(t.worker.terminated, 1);
    assert.deepEqual(await t.session.parameters(), parameters);
  });

  it('stops a worker that never answers after the timeout', async () => {
    const t = setup();
    t.session.command('train');
    const stopped = t.session.stop();
    t.timers.advance(500);
    await stopped;
    assert.equal(t.session.status, 'stopped');
    assert.equal(t.worker.terminated, 1);
    await assert.rejects(t.session.parameters(), /no weights/);
  });

  it('ends with a message when the worker crashes, and rejects pending requests', async () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    const pending = t.session.parameters();
    t.worker.emit('error', new Error('out of memory'));
    await assert.rejects(pending, /crashed: out of memory/);
    assert.equal(t.session.status, 'failed');
    assert.match(t.views.at(-1)?.message ?? '', /crashed: out of memory/);
    t.worker.emit('exit', 1);
    assert.match(t.session.view().message ?? '', /out of memory/, 'the exit that follows does not overwrite the cause');
    t.session.command('train');
    assert.equal(t.created(), 1, 'an ended session starts no new worker');
  });

  it('reports an unexpected exit as a failure', () => {
    const t = setup();
    t.session.command('train');
    t.worker.emit('exit', 3);
    assert.equal(t.session.status, 'failed');
    assert.match(t.session.view().message ?? '', /exited unexpectedly \(code 3\)/);
  });

  it('passes divergence on as a warning suggesting a lower learning rate', () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    t.worker.emit('message', { type: 'divergence', epoch: 7, dense: 1, what: 'gradients', learningRate: 5 });
    t.state('paused', 7);
    assert.equal(t.warnings.length, 1);
    assert.match(t.warnings[0], /epoch 7.*layer 2.*lower than 5/);
    assert.equal(t.session.status, 'paused');
  });

  it('resets the series and timeline', () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    t.epoch(1);
    t.epoch(2);
    t.session.command('reset');
    assert.equal(t.worker.sent.at(-1)?.type, 'reset');
    assert.deepEqual(t.session.view().series.loss, []);
    assert.deepEqual(t.session.view().timeline, [0], 'only the re-initialised start is left');
  });

  it('disposes: terminates the worker once and ignores it afterwards', () => {
    const t = setup();
    t.session.command('train');
    t.ready();
    t.epoch(1);
    t.session.dispose();
    t.session.dispose();
    assert.equal(t.worker.terminated, 1);
    const sent = t.worker.sent.length;
    t.session.command('train');
    assert.equal(t.worker.sent.length, sent);
    t.timers.advance(1000);
    t.worker.emit('exit', 1);
    assert.notEqual(t.session.status, 'failed', 'the exit caused by terminate is not a crash');
  });

  it('a build failure in the worker fails the session with its message', () => {
    const t = setup();
    t.session.command('train');
    t.worker.emit('message', { type: 'failed', message: 'batch size 8 is larger than the 4 training samples' });
    assert.equal(t.session.status, 'failed');
    assert.equal(t.worker.terminated, 1);
    assert.match(t.session.view().message ?? '', /batch size 8/);
  });
});
