// The samples a training session runs on. The data file's text is never posted
// whole: the worker streams a local file from disk itself, and the host forwards
// the text of a file on any other file system as chunk messages. Both reach the
// same chunked parser (src/data/chunks.ts).

import { DataError, dataTextKind, parseDataChunks, type ColumnMapping, type CsvProgress, type DataTextKind, type SampleSet } from '../data';
import { resolveSamplesWith } from '../model/samples';
import type { NnModel } from '../model/types';
import type { DataFeed, HostToWorker, WorkerToHost } from '../protocol/worker';

type ChunkMessage = Extract<HostToWorker, { type: 'dataChunk' | 'dataEnd' }>;

/** The text of a 'messages' feed, as an async iterable of chunks in arrival order. */
export class ChunkQueue implements AsyncIterable<string> {
  private readonly chunks: string[] = [];
  private ended = false;
  private error: string | undefined;
  private wake: (() => void) | undefined;

  accept(message: ChunkMessage): void {
    if (this.ended) return;
    if (message.type === 'dataChunk') this.chunks.push(message.text);
    else {
      this.ended = true;
      this.error = message.error;
    }
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for (;;) {
      const next = this.chunks.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.error !== undefined) throw new DataError(this.error);
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/** Least time between two progress messages while the data file is read, in milliseconds. */
const PROGRESS_INTERVAL_MS = 200;

/** Posts reading progress to the host, at most every PROGRESS_INTERVAL_MS of `now`. */
export function progressReporter(host: { post(message: WorkerToHost): void; now(): number }): (progress: CsvProgress) => void {
  let last = -Infinity;
  return ({ rows, characters }) => {
    const now = host.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    host.post({ type: 'progress', rows, characters });
  };
}

/** Streams a data file from the worker's own disk (the worker_threads entry has one; a Web Worker has none). */
export type DiskReader = (fsPath: string, kind: DataTextKind, mapping: ColumnMapping, options: { onProgress?: (progress: CsvProgress) => void }) => Promise<SampleSet>;

export interface LoadOptions {
  /** The chunks of a 'messages' feed. */
  incoming?: AsyncIterable<string>;
  onProgress?: (progress: CsvProgress) => void;
  /** For a 'disk' feed. */
  readDisk?: DiskReader;
  /** Gives the event loop a turn between parsed chunks, so control messages get through. */
  yieldTurn?: () => Promise<void>;
}

/** The samples the model names; a data file comes through `feed`. Problems in the file are DataErrors naming it. */
export async function loadSamples(model: NnModel, feed: DataFeed | undefined, options: LoadOptions = {}): Promise<SampleSet> {
  return resolveSamplesWith(model, async (path, mapping) => {
    if (feed?.path !== path) throw new DataError(`the data file "${path}" was not provided`);
    const kind = dataTextKind(path);
    try {
      if (feed.kind === 'disk') {
        if (!options.readDisk) throw new DataError('this training worker cannot read files from disk');
        return await options.readDisk(feed.fsPath, kind, mapping, { onProgress: options.onProgress });
      }
      if (!options.incoming) throw new DataError('the data file\'s text did not arrive');
      return await parseDataChunks(kind, options.incoming, mapping, { onProgress: options.onProgress, yieldTurn: options.yieldTurn });
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      throw new DataError(`${path}: ${error.message}`, { row: error.row, column: error.column });
    }
  });
}
