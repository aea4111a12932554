// How many training workers are running, for the tests that check that closing
// a designer or ending a session leaves none behind. A worker counts from the
// moment the manager starts it until it reports its exit, which both the
// worker_threads Worker and the Web Worker port do once it has stopped.

import type { WorkerPort } from './session';
import type { WorkerFactory } from './workerFactory';

export interface CountedWorkers {
  /** Starts workers as `factory` does, counting each one. */
  readonly factory: WorkerFactory;
  /** Workers started and not yet exited. */
  live(): number;
}

export function countLiveWorkers(factory: WorkerFactory): CountedWorkers {
  let live = 0;
  const start = (name: string): WorkerPort => {
    const port = factory(name);
    live++;
    let exited = false;
    port.on('exit', () => {
      if (exited) return;
      exited = true;
      live--;
    });
    return port;
  };
  return { factory: Object.assign(start, { readsDisk: factory.readsDisk }), live: () => live };
}
