// The live-worker count the end-to-end tests read: a worker counts from its
// start until it has exited, once, whatever ends it.

import { strict as assert } from 'node:assert';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countLiveWorkers } from '../../../src/host/training/liveWorkers';
import { nodeWorkerFactory } from '../../../src/host/training/nodeWorker';
import type { WorkerPort } from '../../../src/host/training/session';

class FakePort extends EventEmitter {
  postMessage(): void {}
  terminate(): void {}
}

describe('training: the live-worker count', () => {
  it('counts a worker from its start until its first exit event', () => {
    const ports: FakePort[] = [];
    const counted = countLiveWorkers(Object.assign(() => {
      const port = new FakePort();
      ports.push(port);
      return port as unknown as WorkerPort;
    }, { readsDisk: true }));
    assert.equal(counted.factory.readsDisk, true, 'the factory keeps what it says about data files');
    assert.equal(counted.live(), 0);
    counted.factory('a.nnjson');
    counted.factory('b.nnjson');
    assert.equal(counted.live(), 2);
    ports[0].emit('exit', 1);
    ports[0].emit('exit', 1);
    assert.equal(counted.live(), 1, 'a second exit event of the same worker does not count');
    ports[1].on('error', () => undefined).emit('error', new Error('boom'));
    assert.equal(counted.live(), 1, 'an error alone does not end a worker');
    ports[1].emit('exit', 0);
    assert.equal(counted.live(), 0);
  });

  it('sees a real worker_threads worker leave once it is terminated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-live-workers-'));
    try {
      const script = join(dir, 'idle.js');
      writeFileSync(script, 'setInterval(() => undefined, 1000);\n');
      const counted = countLiveWorkers(nodeWorkerFactory(script, () => 32));
      const port = counted.factory('idle.nnjson');
      const exited = new Promise((resolve) => port.on('exit', resolve));
      assert.equal(counted.live(), 1);
      await port.terminate();
      await exited;
      assert.equal(counted.live(), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
