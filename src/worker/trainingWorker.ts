// Entry point of the training worker (dist/worker.js), started by the
// extension host with worker_threads. It must not import `vscode`: all it
// knows of the host is the message protocol in src/protocol/worker.ts.

import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { parseDataFile } from '../host/data/stream';
import { trainerChoice, useWasmKernels } from '../kernels/node';
import { transferables, type HostToWorker, type WorkerToHost } from '../protocol/worker';
import { Heartbeat, HEARTBEAT_MS } from './heartbeat';
import { withSummaries } from './summaries';
import { TrainingLoop } from './trainingLoop';

const port = parentPort;
if (!port) throw new Error('the training worker must be started as a worker thread');

const post = (message: WorkerToHost) => port.postMessage(withSummaries(message), transferables(message));
const heartbeat = new Heartbeat(post, () => performance.now());
const loop = new TrainingLoop({
  post,
  defer: heartbeat.around((task, delayMs = 0) => (delayMs > 0 ? setTimeout(task, delayMs) : setImmediate(task))),
  now: () => performance.now(),
  kernels: trainerChoice(useWasmKernels()),
  readDisk: parseDataFile,
});
// While paused, or while reading from disk, nothing is deferred: the timer keeps the heartbeat going.
setInterval(() => heartbeat.beat(), HEARTBEAT_MS).unref();

port.on('message', (message: HostToWorker) => loop.handle(message));
