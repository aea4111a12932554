// Entry point of the training worker in VS Code for the Web (dist/worker.web.js):
// a dedicated Web Worker that runs the same TrainingLoop as the worker_threads
// entry (trainingWorker.ts) over postMessage/onmessage. It uses the plain
// TypeScript kernels; the WASM kernels are not loaded here.

import { transferables, type HostToWorker, type WorkerToHost } from '../protocol/worker';
import { setImmediate } from './immediate';
import { Heartbeat, HEARTBEAT_MS } from './heartbeat';
import { withSummaries } from './summaries';
import { TrainingLoop } from './trainingLoop';

/** The parts of a dedicated worker's global scope used here (the host tsconfig has no DOM library). */
interface DedicatedWorkerScope {
  postMessage(message: WorkerToHost, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: HostToWorker }) => void): void;
}

const scope = globalThis as unknown as DedicatedWorkerScope;

const post = (message: WorkerToHost) => scope.postMessage(withSummaries(message), transferables(message));
const heartbeat = new Heartbeat(post, () => performance.now());
const loop = new TrainingLoop({
  post,
  defer: heartbeat.around((task, delayMs = 0) => (delayMs > 0 ? void setTimeout(task, delayMs) : setImmediate(task))),
  now: () => performance.now(),
});
// While paused, or waiting for the data file's next chunk, nothing is deferred: the timer keeps the heartbeat going.
setInterval(() => heartbeat.beat(), HEARTBEAT_MS);

scope.addEventListener('message', (event) => loop.handle(event.data));
