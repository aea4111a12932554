// A training worker that fills its heap ends its own session: the desktop
// factory starts the real worker bundle with a heap limit, the session fails
// with a message that says the worker ran out of memory, this process (the
// extension host's stand-in) goes on, and the same factory starts a new
// session that trains.

import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { nodeBundle } from '../../../scripts/esbuild-options.cjs';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import type { WorkerInit } from '../../../src/protocol/worker';
import { nodeWorkerFactory } from '../../../src/host/training/nodeWorker';
import { TrainingSession } from '../../../src/host/training/session';

const root = join(__dirname, '../../..');
const HEAP_MB = 16;

function andModel(): NnModel {
  const loaded = loadModel(readFileSync(join(root, 'examples/and.nnjson'), 'utf8'));
  if (!loaded.ok) throw new Error('examples/and.nnjson does not load');
  return loaded.model;
}

function init(model: NnModel): WorkerInit {
  return { model, boundaryResolution: 8, stream: true, keepRecentEpochs: 10, keepEveryNth: 10 };
}

/** Waits until the last view a session reported passes `done`. */
function until(views: TrainingView[], done: (v: TrainingView) => boolean): Promise<TrainingView> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      const last = views[views.length - 1];
      if (last && done(last)) {
        clearInterval(check);
        resolve(last);
      }
    }, 20);
  });
}

describe('reliability: a training worker out of memory', function () {
  this.timeout(60_000);
  let workerPath: string;

  before(async () => {
    const dir = join(root, 'out', 'unit-worker');
    mkdirSync(dir, { recursive: true });
    workerPath = join(dir, 'worker.js');
    await esbuild.build({ ...nodeBundle, entryPoints: [join(root, 'src/worker/trainingWorker.ts')], outfile: workerPath, logLevel: 'silent' });
  });

  it('fails the session with a memory message, and the next session trains', async () => {
    const factory = nodeWorkerFactory(workerPath, () => HEAP_MB);
    // 250,000 inline samples: as JS arrays in the worker they need well over the heap limit.
    const huge = andModel();
    const count = 250_000;
    huge.data = {
      source: 'inline',
      inputs: Array.from({ length: count }, (_, i) => [i % 2, (i >> 1) % 2]),
      targets: Array.from({ length: count }, (_, i) => [i % 4 === 3 ? 1 : -1]),
    };
    const views: TrainingView[] = [];
    const failing = new TrainingSession(() => factory('huge.nnjson'), init(huge), { updatesPerSecond: 30 }, { view: (v) => views.push(v) });
    failing.command('train');
    const failed = await until(views, (v) => v.status === 'failed');
    assert.match(failed.message ?? '', new RegExp(`ran out of memory \\(its heap is limited to ${HEAP_MB} MB\\)`));
    assert.ok(failing.isEnded);

    const small = andModel();
    small.training.epochs = 50;
    const next: TrainingView[] = [];
    const session = new TrainingSession(() => factory('and.nnjson'), init(small), { updatesPerSecond: 30 }, { view: (v) => next.push(v) });
    session.command('train');
    const done = await until(next, (v) => v.status === 'done' || v.status === 'failed');
    assert.equal(done.status, 'done', done.message);
    assert.equal(done.series.loss.length, 50);
    assert.ok(done.series.loss[49]! < done.series.loss[0]!, 'the loss fell');
    session.dispose();
  });
});
