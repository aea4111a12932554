// Hands a training worker its data file without the host parsing it or posting
// it whole. A local file the worker streams from disk itself; the text of a file
// on any other file system is posted after `init` as chunks, one event-loop turn
// apart. No `vscode` here, so the wiring is tested with a fake worker.

import type { DataFeed, HostToWorker, WorkerToHost } from '../../protocol/worker';
import { decodeInSlices, yieldToEventLoop } from '../data/stream';
import type { WorkerPort } from './session';

export interface DataDelivery {
  feed?: DataFeed;
  /** For a 'messages' feed: the file's bytes, read when the worker starts. */
  readBytes?: () => Promise<Uint8Array>;
}

export interface ReadingProgress {
  update(rows: number, characters: number): void;
  /** The worker is ready or failed: reading is over. */
  done(): void;
}

/** Posts the text of `bytes` as chunk messages, then `dataEnd`; stops early when `stopped()` turns true. */
export async function postChunks(readBytes: () => Promise<Uint8Array>, post: (message: HostToWorker) => void, stopped: () => boolean): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes();
  } catch (error) {
    if (!stopped()) post({ type: 'dataEnd', error: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  for (const text of decodeInSlices(bytes)) {
    if (stopped()) return;
    post({ type: 'dataChunk', text });
    await yieldToEventLoop();
  }
  if (!stopped()) post({ type: 'dataEnd' });
}

/** The worker, with the data file's chunks sent after its `init` and reading progress reported until it is ready. */
export function feedWorker(worker: WorkerPort, delivery: DataDelivery, progress?: ReadingProgress): WorkerPort {
  let ended = false;
  if (progress) {
    worker.on('message', (message: WorkerToHost) => {
      if (message.type === 'progress') progress.update(message.rows, message.characters);
      else if (message.type === 'ready' || message.type === 'failed') progress.done();
    });
    worker.on('exit', () => progress.done());
  }
  return {
    postMessage(message: HostToWorker): void {
      if (ended) return;
      worker.postMessage(message);
      if (message.type === 'init' && delivery.feed?.kind === 'messages' && delivery.readBytes) {
        void postChunks(delivery.readBytes, (m) => worker.postMessage(m), () => ended);
      }
    },
    on: worker.on.bind(worker) as WorkerPort['on'],
    terminate(): unknown {
      ended = true;
      return worker.terminate();
    },
  };
}
