// The training worker on the desktop: a worker_threads Worker running
// dist/worker.js with a bounded heap, so a network or data set too large for
// memory ends its own session with a message instead of the extension host.

import { Worker } from 'node:worker_threads';
import type { WorkerPort } from './session';
import type { WorkerFactory } from './workerFactory';

/**
 * Default old-generation heap of a training worker (the setting
 * nnDesigner.training.workerMemoryMb). Weights, gradients and data live in
 * typed arrays outside this heap; it holds the model, the snapshots and the
 * timeline, so a worker that fills it has a runaway model or data set.
 */
export const WORKER_HEAP_MB = 2048;

/** Node's error for a worker that reached `resourceLimits`, in words that say what to do. */
export function workerError(error: Error & { code?: string }, heapMb: number): Error {
  if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
  return new Error(`it ran out of memory (its heap is limited to ${heapMb} MB); try a smaller network or less data`);
}

/** `heapLimitMb` is read at each start, so a changed setting applies to the next session. */
export function nodeWorkerFactory(workerPath: string, heapLimitMb: () => number = () => WORKER_HEAP_MB): WorkerFactory {
  const start = (): WorkerPort => {
    const heapMb = heapLimitMb();
    const worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    return {
      postMessage: (message) => worker.postMessage(message),
      on: (event: 'message' | 'error' | 'exit', listener: (value: never) => void) => {
        const deliver = listener as (value: unknown) => void;
        worker.on(event, event === 'error' ? (error: Error) => deliver(workerError(error, heapMb)) : deliver);
      },
      terminate: () => worker.terminate(),
    };
  };
  return Object.assign(start, { readsDisk: true });
}
