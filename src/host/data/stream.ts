// Data files read from disk a chunk at a time into the chunked parsers of
// src/data/chunks.ts, giving the event loop a turn between chunks, so a 100 MB
// file never holds the extension host (or the training worker) for longer than
// one chunk takes to parse. No VS Code import: the same code runs in unit tests,
// in the data chooser and in the training worker.

import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import {
  CHUNK_CHARACTERS,
  DataError,
  parseCsvChunks as parseCsvText,
  parseDataChunks,
  type ChunkOptions,
  type ColumnMapping,
  type DataTextKind,
  type SampleSet,
} from '../../data';

export { CHUNK_CHARACTERS };

export type StreamOptions = Omit<ChunkOptions, 'yieldTurn'>;

/** Gives the event loop a turn: timers, I/O and messages run before the next chunk. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Parses CSV text that arrives as chunks, in order, yielding to the event loop after each. */
export function parseCsvChunks(chunks: AsyncIterable<string> | Iterable<string>, mapping: ColumnMapping, options: StreamOptions = {}): Promise<SampleSet> {
  return parseCsvText(chunks, mapping, { ...options, yieldTurn: yieldToEventLoop });
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

/** A file's UTF-8 text from disk, a chunk at a time; iterating it raises Node's errors (ENOENT, …). */
export function fileChunks(fsPath: string): AsyncIterable<string> & { destroy(): void } {
  return createReadStream(fsPath, { encoding: 'utf8', highWaterMark: CHUNK_CHARACTERS }) as AsyncIterable<string> & { destroy(): void };
}

/** About the first `characters` characters of a file (whole chunks, so possibly a little more), read without the rest. */
export async function fileHead(fsPath: string, characters: number): Promise<string> {
  const stream = fileChunks(fsPath);
  const parts: string[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= characters) break;
    }
  } finally {
    stream.destroy();
  }
  return parts.join('');
}

/** Streams a CSV or JSON file from disk. A missing or unreadable file is a DataError naming the path. */
export async function parseDataFile(fsPath: string, kind: DataTextKind, mapping: ColumnMapping, options: StreamOptions = {}): Promise<SampleSet> {
  const stream = fileChunks(fsPath);
  try {
    return await parseDataChunks(kind, stream, mapping, { ...options, yieldTurn: yieldToEventLoop });
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

/** Streams a CSV file from disk; see parseDataFile. */
export function parseCsvFile(fsPath: string, mapping: ColumnMapping, options: StreamOptions = {}): Promise<SampleSet> {
  return parseDataFile(fsPath, 'csv', mapping, options);
}
