// Data text that arrives in chunks, from disk or from another process, parsed as it
// comes: CSV one chunk at a time through createCsvStreamParser; JSON gathered up to a
// size cap and parsed whole, since JSON.parse has no incremental form. Every reader of
// a data file (the chooser, the training worker) goes through here.
import { createCsvStreamParser, type CsvProgress } from './csv';
import { parseJsonData } from './json';
import { DataError, type ColumnMapping, type SampleSet } from './types';

/** Characters per chunk handed to the CSV parser: a few milliseconds of parsing each. */
export const CHUNK_CHARACTERS = 256 * 1024;

/** JSON data is held whole while parsed, so it is capped; CSV has no cap. */
export const JSON_MAX_CHARACTERS = 64 * 1024 * 1024;

/** The refusal of a JSON data file past JSON_MAX_CHARACTERS (or as many bytes, when a reader checks the size first). */
export function jsonTooLarge(): DataError {
  return new DataError(`the JSON file is larger than ${JSON_MAX_CHARACTERS / (1024 * 1024)} MB, the most JSON data that is read; save larger data as CSV, which is streamed`);
}

export type DataTextKind = 'csv' | 'json';

export interface ChunkOptions {
  /** Called after every chunk, with rows (CSV only) and characters so far. */
  onProgress?: (progress: CsvProgress) => void;
  /** Checked between chunks; when set, the parse stops with a DataError. */
  signal?: { readonly aborted: boolean };
  /** Lets other work run between chunks. Without it, only awaiting the chunks themselves yields. */
  yieldTurn?: () => Promise<void>;
}

/** How a data file's text is read: JSON by its extension, CSV otherwise. */
export function dataTextKind(path: string): DataTextKind {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

function checkAborted(options: ChunkOptions): void {
  if (options.signal?.aborted) throw new DataError('reading the data was cancelled');
}

/** Very large chunks (a whole file read at once) are cut, so each parse step stays short. */
function* pieces(chunk: string): Generator<string> {
  if (chunk.length <= CHUNK_CHARACTERS) {
    yield chunk;
    return;
  }
  for (let at = 0; at < chunk.length; at += CHUNK_CHARACTERS) yield chunk.slice(at, at + CHUNK_CHARACTERS);
}

/** Chunks in order, with a leading byte-order mark dropped. */
async function* withoutBom(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of chunks) {
    yield first ? chunk.replace(/^\uFEFF/, '') : chunk;
    first = false;
  }
}

export async function parseCsvChunks(chunks: AsyncIterable<string> | Iterable<string>, mapping: ColumnMapping, options: ChunkOptions = {}): Promise<SampleSet> {
  const parser = createCsvStreamParser(mapping, options.onProgress);
  for await (const chunk of withoutBom(chunks)) {
    checkAborted(options);
    for (const piece of pieces(chunk)) {
      parser.push(piece);
      await options.yieldTurn?.();
      checkAborted(options);
    }
  }
  return parser.finish();
}

export async function parseJsonChunks(chunks: AsyncIterable<string> | Iterable<string>, mapping: ColumnMapping, options: ChunkOptions = {}): Promise<SampleSet> {
  const parts: string[] = [];
  let characters = 0;
  for await (const chunk of withoutBom(chunks)) {
    checkAborted(options);
    characters += chunk.length;
    if (characters > JSON_MAX_CHARACTERS) throw jsonTooLarge();
    parts.push(chunk);
    options.onProgress?.({ rows: 0, characters });
    await options.yieldTurn?.();
  }
  const text = parts.join('');
  if (text.trim() === '') throw new DataError('the file is empty');
  return parseJsonData(text, mapping);
}

/** Parses data text of either kind as it arrives; see the module comment. */
export function parseDataChunks(kind: DataTextKind, chunks: AsyncIterable<string> | Iterable<string>, mapping: ColumnMapping, options: ChunkOptions = {}): Promise<SampleSet> {
  return kind === 'json' ? parseJsonChunks(chunks, mapping, options) : parseCsvChunks(chunks, mapping, options);
}
