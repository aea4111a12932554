// How the training manager starts a worker, whatever runs it: a worker_threads
// Worker on the desktop (nodeWorker.ts) or a Web Worker in VS Code for the Web
// (src/host/web/workerPort.ts). Everything past this point is shared.

import type { WorkerPort } from './session';

/**
 * Starts one worker per training session; `name` is the network's file name,
 * for messages. `readsDisk`: its workers read a local data file themselves
 * (worker_threads); otherwise the host sends the file's text in chunks.
 */
export type WorkerFactory = ((name: string) => WorkerPort) & { readonly readsDisk?: boolean };
