// Large CSV files reach createCsvStreamParser a chunk at a time, and the
// event loop gets a turn between chunks, so a 100 MB file never holds the
// extension host for longer than one chunk takes to parse. No VS Code import:
// the same code runs in unit tests and in the training session.

import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createCsvStreamParser, DataError, type ColumnMapping, type CsvProgress, type SampleSet } from '../../data';

/** Characters per chunk handed to the parser: a few milliseconds of parsing each. */
export const CHUNK_CHARACTERS = 256 * 1024;

export interface StreamOptions {
  /** Called after every chunk, with rows and characters so far. */
  onProgress?: (progress: CsvProgress) => void;
  /** Checked between chunks; when set, the parse stops with a DataError. */
  signal?: { readonly aborted: boolean };
}

/** Gives the event loop a turn: timers, I/O and messages run before the next chunk. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Parses CSV text that arrives as chunks, in order; see the module comment. */
export async function parseCsvChunks(chunks: AsyncIterable<string> | Iterable<string>, mapping: ColumnMapping, options: StreamOptions = {}): Promise<SampleSet> {
  const parser = createCsvStreamParser(mapping, options.onProgress);
  let first = true;
  for await (const raw of chunks) {
    if (options.signal?.aborted) throw new DataError('reading the data was cancelled');
    const chunk = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    // Very large chunks (a whole file read at once) are cut so each parse step stays short.
    for (let at = 0; at < chunk.length; at += CHUNK_CHARACTERS) {
      parser.push(chunk.length <= CHUNK_CHARACTERS ? chunk : chunk.slice(at, at + CHUNK_CHARACTERS));
      await yieldToEventLoop();
      if (options.signal?.aborted) throw new DataError('reading the data was cancelled');
    }
  }
  return parser.finish();
}

/** UTF-8 text of bytes already in memory (workspace.fs.readFile), decoded a slice at a time. */
export function* decodeInSlices(bytes: Uint8Array, sliceBytes = CHUNK_CHARACTERS): Generator<string> {
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < bytes.length; at += sliceBytes) {
    yield decoder.write(bytes.subarray(at, Math.min(at + sliceBytes, bytes.length)));
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Streams a CSV file from disk. A missing or unreadable file is a DataError naming the path. */
export async function parseCsvFile(fsPath: string, mapping: ColumnMapping, options: StreamOptions = {}): Promise<SampleSet> {
  const stream = createReadStream(fsPath, { encoding: 'utf8', highWaterMark: CHUNK_CHARACTERS });
  try {
    return await parseCsvChunks(stream as AsyncIterable<string>, mapping, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`the data file ${fsPath} does not exist`);
    if (code === 'EISDIR') throw new DataError(`${fsPath} is a folder, not a data file`);
    if (code !== undefined) throw new DataError(`cannot read ${fsPath}: ${(error as Error).message}`);
    throw error;
  } finally {
    stream.destroy();
  }
}
