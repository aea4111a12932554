// Problems with a workspace data file named in the `data` block: it is refused,
// missing, unreadable, or its columns do not fit the network. Reported as
// pointers into the data block. The file is parsed a chunk at a time with a
// turn for the event loop after each chunk, and what the parse found is kept
// per file, keyed by its modification time, its size and the column mapping:
// edits of the network that leave the data alone, and training reports, only
// stat the file. Getting at the file is the caller's job (no `vscode` here).

import { checkShapes, DataError, dataTextKind, JSON_MAX_CHARACTERS, jsonTooLarge, parseDataChunks, type ColumnMapping, type SampleSet } from '../../data';
import { outputSize } from '../../model/layers';
import type { DataSpec, NnModel } from '../../model/types';
import { yieldToEventLoop } from '../data/stream';

export interface PointedProblem {
  pointer: string;
  message: string;
}

/** What identifies a version of a file: it changes when the file is written. */
export interface FileStamp {
  /** The file, as a URI or a path; the cache holds one entry per id. */
  id: string;
  mtime: number;
  size: number;
}

export interface DataFileAccess {
  /** The stamp of the file the relative path names, or why it cannot be had (refused by the path rules, not found, …). */
  stat(relativePath: string): Promise<FileStamp | { problem: string }>;
  /** The file's text, in chunks; an error with a Node `code` (ENOENT, …) is a read problem. */
  chunks(stamp: FileStamp): AsyncIterable<string> | Iterable<string>;
}

/** Either the problems now (nothing had to be read), or a parse under way that ends in them. */
export type DataCheck = { done: PointedProblem[] } | { pending: Promise<PointedProblem[]> };

type FileSpec = Extract<DataSpec, { source: 'file' }>;

/** What a parse found: the set's shape (its arrays dropped, see shapeOnly) or the data problem. */
type Outcome = { shape: SampleSet } | { error: DataError };

/** One file's last parse; `settled` is set once it has ended. */
interface Entry {
  key: string;
  outcome: Promise<Outcome>;
  settled?: Outcome;
}

const NO_VALUES = new Float64Array(0);

/** The set without its values: checkShapes needs only sizes and names, and a 100 MB file's numbers are not worth keeping. */
function shapeOnly(set: SampleSet): SampleSet {
  return { ...set, count: 0, inputs: NO_VALUES, targets: NO_VALUES };
}

function mappingOf(spec: FileSpec): ColumnMapping {
  return { inputs: spec.inputs, targets: spec.targets, categorical: spec.categorical };
}

export class DataFileChecker {
  private readonly outcomes = new Map<string, Entry>();

  constructor(private readonly options: { yieldTurn?: () => Promise<void>; maxFiles?: number } = {}) {}

  /** The data problems of `model`: at once when the file is unchanged since it was last parsed, else after a streamed parse. */
  async check(model: NnModel, access: DataFileAccess): Promise<DataCheck> {
    const spec = model.data;
    if (spec?.source !== 'file') return { done: [] };
    const stamp = await access.stat(spec.path);
    if ('problem' in stamp) return { done: [{ pointer: '/data/path', message: stamp.problem }] };
    const mapping = mappingOf(spec);
    const key = JSON.stringify([stamp.mtime, stamp.size, mapping]);
    const cached = this.outcomes.get(stamp.id);
    if (cached?.key === key) {
      if (cached.settled) return { done: problemsOf(cached.settled, model, spec) };
      // A parse of the same version is still running; it is shared, not repeated.
      return { pending: cached.outcome.then((o) => problemsOf(o, model, spec)) };
    }
    const outcome = this.parse(stamp, mapping, spec.path, access);
    this.remember(stamp.id, key, outcome);
    return { pending: outcome.then((o) => problemsOf(o, model, spec)) };
  }

  private remember(id: string, key: string, outcome: Promise<Outcome>): void {
    const entry: Entry = { key, outcome };
    this.outcomes.delete(id);
    this.outcomes.set(id, entry);
    outcome.then(
      (settled) => { entry.settled = settled; },
      // An unexpected failure is not kept: the next check tries again.
      () => { if (this.outcomes.get(id) === entry) this.outcomes.delete(id); },
    );
    const limit = this.options.maxFiles ?? 32;
    for (const oldest of this.outcomes.keys()) {
      if (this.outcomes.size <= limit) break;
      this.outcomes.delete(oldest);
    }
  }

  private async parse(stamp: FileStamp, mapping: ColumnMapping, path: string, access: DataFileAccess): Promise<Outcome> {
    const kind = dataTextKind(path);
    // Bytes and characters are the same count for JSON of numbers; a larger file is refused unread.
    if (kind === 'json' && stamp.size > JSON_MAX_CHARACTERS) return { error: jsonTooLarge() };
    try {
      const set = await parseDataChunks(kind, access.chunks(stamp), mapping, { yieldTurn: this.options.yieldTurn ?? yieldToEventLoop });
      return { shape: shapeOnly(set) };
    } catch (error) {
      if (error instanceof DataError) return { error };
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOENT') return { error: new DataError('the file does not exist') };
      if (typeof code === 'string') return { error: new DataError(`the file cannot be read: ${(error as Error).message}`) };
      throw error;
    }
  }
}

function problemsOf(outcome: Outcome, model: NnModel, spec: FileSpec): PointedProblem[] {
  if ('error' in outcome) return [{ pointer: columnPointer(spec, outcome.error.column), message: `${spec.path}: ${outcome.error.message}` }];
  const mismatch = checkShapes(outcome.shape, model.inputs, outputSize(model));
  return mismatch ? [{ pointer: '/data', message: `${spec.path}: ${mismatch}` }] : [];
}

/** The entry of the data block that names `column`, else the path. */
function columnPointer(spec: FileSpec, column: string | undefined): string {
  if (column === undefined) return '/data/path';
  const input = spec.inputs.indexOf(column);
  if (input >= 0) return `/data/inputs/${input}`;
  const target = spec.targets.indexOf(column);
  if (target >= 0) return `/data/targets/${target}`;
  if (spec.categorical?.column === column) return '/data/categorical/column';
  return '/data/path';
}
