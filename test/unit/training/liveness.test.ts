// A worker that dies without an event (a Web Worker the browser ended) must not
// leave its session "running" forever. Fake worker, fake clock: no real waiting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVENESS_TIMEOUT_MS, livenessLimitMs } from '../../../src/host/training/liveness';
import { TrainingSession } from '../../../src/host/training/session';
import { loadModel } from '../../../src/model/parse';
import type { TrainingSnapshot, TrainingView } from '../../../src/protocol/training';
import type { WorkerToHost } from '../../../src/protocol/worker';
import { Heartbeat, HEARTBEAT_MS } from '../../../src/worker/heartbeat';
import { FakeTimers, FakeWorker } from './support/fakes';

function snapshot(epoch: number): TrainingSnapshot {
  return { epoch, batch: 0, batches: 1, loss: 1, learningRate: 0.1, layers: [] };
}

function setup(livenessMs?: number) {
  const loaded = loadModel(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'and.nnjson'), 'utf8'));
  if (!loaded.ok) throw new Error('examples/and.nnjson does not load');
  const worker = new FakeWorker();
  const clock = new FakeTimers();
  const views: TrainingView[] = [];
  const session = new TrainingSession(
    () => worker,
    { model: loaded.model, boundaryResolution: 20, stream: true, keepRecentEpochs: 200, keepEveryNth: 10 },
    { updatesPerSecond: 10, livenessMs },
    { view: (v) => views.push(v) },
    clock,
  );
  const running = () => {
    session.command('train');
    worker.emit('message', { type: 'ready', totalEpochs: 1000, batches: 1, snapshot: snapshot(0) });
    worker.emit('message', { type: 'state', state: 'running', epoch: 0 });
  };
  return { session, worker, clock, views, running };
}

describe('training session: a worker that goes silent', () => {
  it('fails a running session that hears nothing for 15 s, with a message, and ends the worker', () => {
    const t = setup();
    t.running();
    t.clock.advance(LIVENESS_TIMEOUT_MS - 1000, 100);
    assert.equal(t.session.status, 'running', 'not before the limit');
    while (t.session.status === 'running' && t.clock.time < 10 * LIVENESS_TIMEOUT_MS) t.clock.advance(100);
    assert.equal(t.session.status, 'failed');
    assert.ok(t.clock.time >= LIVENESS_TIMEOUT_MS && t.clock.time <= LIVENESS_TIMEOUT_MS * (1 + 1 / 3) + 100, `noticed at ${t.clock.time} ms, within a third of the limit past it`);
    assert.equal(t.session.isEnded, true);
    assert.ok(t.worker.terminated >= 1, 'the worker is terminated');
    const last = t.views.at(-1);
    assert.equal(last?.status, 'failed', 'the manager is told, and logs and shows it');
    assert.match(last?.message ?? '', /^the training worker stopped responding: nothing was heard from it for 1[5-9] s/);
  });

  it('keeps a running session whose worker sends heartbeats, for as long as it runs', () => {
    const t = setup();
    t.running();
    let since = 0;
    t.clock.advance(10 * 60_000, 100, () => {
      if (t.clock.time - since >= HEARTBEAT_MS) {
        since = t.clock.time;
        t.worker.emit('message', { type: 'alive', longestTurnMs: 8 });
      }
    });
    assert.equal(t.session.status, 'running');
    assert.equal(t.session.isEnded, false);
  });

  it('counts any message as a sign of life, such as reading progress while a big file loads', () => {
    const t = setup();
    t.session.command('train');
    let rows = 0;
    t.clock.advance(5 * 60_000, 100, () => {
      if (t.clock.time % 1000 === 0) t.worker.emit('message', { type: 'progress', rows: (rows += 1000), characters: rows * 20 });
    });
    assert.equal(t.session.isEnded, false, 'a long load that keeps reporting is not cut short');
    t.clock.advance(LIVENESS_TIMEOUT_MS + LIVENESS_TIMEOUT_MS / 3, 100);
    assert.equal(t.session.status, 'failed', 'a load that goes silent is');
  });

  it('lets a paused worker stay quiet, and times it again from the next command', () => {
    const t = setup();
    t.running();
    t.worker.emit('message', { type: 'state', state: 'paused', epoch: 3 });
    t.clock.advance(60 * 60_000, 1000);
    assert.equal(t.session.status, 'paused');
    t.session.command('resume');
    t.clock.advance(LIVENESS_TIMEOUT_MS - 1000 - LIVENESS_TIMEOUT_MS / 3, 100);
    assert.equal(t.session.isEnded, false, 'the hour of pause does not count');
    t.clock.advance(LIVENESS_TIMEOUT_MS, 100);
    assert.equal(t.session.status, 'failed', 'the resumed worker never answered');
  });

  it('waits for an answer it asked for even while paused', async () => {
    const t = setup();
    t.running();
    t.worker.emit('message', { type: 'state', state: 'paused', epoch: 3 });
    const answer = t.session.scrubTo(2).then(() => 'answered', (e: Error) => e.message);
    t.clock.advance(LIVENESS_TIMEOUT_MS + LIVENESS_TIMEOUT_MS / 3 + 1000, 1000);
    assert.match(await answer, /stopped responding/);
  });

  it('gives a worker whose slices take long four times its longest one', () => {
    const t = setup();
    t.running();
    t.worker.emit('message', { type: 'alive', longestTurnMs: 10_000 });
    t.clock.advance(35_000, 1000);
    assert.equal(t.session.status, 'running', '35 s of silence after a 10 s slice is not death');
    t.clock.advance(20_000, 1000);
    assert.equal(t.session.status, 'failed');
  });

  it('gives a network whose single batch may take long more time before its first slice is reported', () => {
    assert.equal(livenessLimitMs(13, 1), LIVENESS_TIMEOUT_MS, 'the AND network gets the plain limit');
    assert.equal(livenessLimitMs(50_890, 32), LIVENESS_TIMEOUT_MS, 'so does the MNIST example');
    // 20 M parameters × 64 samples × 6 operations at 50 M a second: about 154 s a batch on a slow machine, four times that.
    const big = livenessLimitMs(20_000_000, 64);
    assert.equal(big, Math.ceil(4 * (6 * 20_000_000 * 64) / 50_000));
    const t = setup(big);
    t.running();
    t.clock.advance(big - 60_000, 1000);
    assert.equal(t.session.status, 'running', 'nine minutes into the first batch');
    t.clock.advance(big / 3 + 61_000, 1000);
    assert.equal(t.session.status, 'failed');
  });

  it('stops watching once the session ends', () => {
    const t = setup();
    t.running();
    t.session.dispose();
    const views = t.views.length;
    t.clock.advance(5 * LIVENESS_TIMEOUT_MS, 1000);
    assert.equal(t.views.length, views, 'no failure after the end');
    assert.equal(t.session.status, 'stopped');
  });
});

describe('training worker: heartbeat', () => {
  it('beats after each deferred turn, at most every interval, with the longest turn so far', () => {
    const posted: WorkerToHost[] = [];
    let time = 0;
    const heartbeat = new Heartbeat((m) => posted.push(m), () => time, 2000);
    const queue: (() => void)[] = [];
    const defer = heartbeat.around((task) => queue.push(task));
    const turn = (ms: number) => {
      defer(() => (time += ms));
      queue.shift()!();
    };
    turn(5);
    assert.deepEqual(posted, [{ type: 'alive', longestTurnMs: 5 }]);
    for (let k = 0; k < 100; k++) turn(10);
    // 1,005 ms have passed: no second beat yet.
    assert.equal(posted.length, 1);
    turn(1500);
    assert.deepEqual(posted.at(-1), { type: 'alive', longestTurnMs: 1500 });
    time += 2000;
    heartbeat.beat();
    assert.equal(posted.length, 3, 'the idle timer beats too');
  });

  it('still beats and records the turn when a task throws', () => {
    const posted: WorkerToHost[] = [];
    let time = 0;
    const heartbeat = new Heartbeat((m) => posted.push(m), () => time);
    const defer = heartbeat.around((task) => task());
    assert.throws(() => defer(() => {
      time += 42;
      throw new Error('boom');
    }), /boom/);
    assert.deepEqual(posted, [{ type: 'alive', longestTurnMs: 42 }]);
  });
});
