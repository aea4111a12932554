// Messages between the extension host and the training worker (worker_threads).
// The worker imports this module and the engine, never `vscode`. Requests that
// need an answer carry an `id`, which the reply repeats.

import type { DataPreview } from '../data/preview';
import type { NnModel, NormalizationSpec } from '../model/types';
import type { ScatterPoints, TrainingSeries, TrainingSnapshot } from './training';

/**
 * Where the worker gets the model's data file; `path` is as the model names it. The
 * text never travels whole: a local file is streamed from disk by the worker, whose
 * `fsPath` the host resolved and confined to the workspace; a file of any other file
 * system arrives in `dataChunk` messages after `init`, ended by `dataEnd`.
 */
export type DataFeed =
  | { kind: 'disk'; path: string; fsPath: string }
  | { kind: 'messages'; path: string };

export interface WorkerInit {
  /** The parsed document, as loaded by the host. */
  model: NnModel;
  /** Set when the model's data source is a file. */
  data?: DataFeed;
  /** Samples per axis of the decision-boundary grid (2-input networks only). */
  boundaryResolution: number;
  /** Send a snapshot after every epoch. Off: only when paused, stopped or done (benchmarks). */
  stream: boolean;
  /** Longest stretch of batches between two yields to the message loop, in milliseconds. */
  sliceMs?: number;
  /** Send a live snapshot at most this often while running, in milliseconds; always when the loop stops. */
  snapshotIntervalMs?: number;
  /**
   * The timeline the worker keeps for scrubbing (src/worker/timeline.ts): every epoch while
   * they fit its memory budget; over it, the first 10, the last `keepRecentEpochs`, and every
   * `keepEveryNth`-th between them (then every 2N-th, 4N-th, … as the run grows).
   */
  keepRecentEpochs: number;
  keepEveryNth: number;
  /** Upper bound on epochs per second while running, so small networks can be watched learning; 0 or absent: no bound. */
  epochsPerSecond?: number;
}

/** Per-epoch numbers for the charts, for the epochs since the previous message; epoch `from` first (1-based). */
export interface EpochSeries extends TrainingSeries {
  from: number;
}

export type HostToWorker =
  | { type: 'init'; init: WorkerInit }
  /** The next piece of the data file's text (DataFeed 'messages'). */
  | { type: 'dataChunk'; text: string }
  /** The data file's text is complete, or could not be read (`error`). */
  | { type: 'dataEnd'; error?: string }
  /** Train until all epochs ran, or until paused. */
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'stepEpoch' }
  | { type: 'stepBatch' }
  /** Re-initialise the network from the model and its seed; the session goes back to epoch 0. */
  | { type: 'reset' }
  | { type: 'boundaryResolution'; resolution: number }
  /** New settings for a running session: the epochs-per-second bound (0: none) and the live snapshot interval. */
  | { type: 'pace'; epochsPerSecond: number; snapshotIntervalMs: number }
  /** Ask for the trained parameters at full precision, for Apply. */
  | { type: 'weights'; id: number }
  /** Ask for a kept epoch of the timeline, with its decision boundary recomputed. */
  | { type: 'scrub'; id: number; epoch: number };

/** Where the worker's loop is. */
export type WorkerState = 'paused' | 'running' | 'done';

export interface TrainedParameters {
  /** Per Dense layer, row-major W[j][i] at weights[j*inputs + i]. */
  layers: { units: number; inputs: number; weights: Float64Array; bias: Float64Array }[];
  /** Per-epoch series of this session, for the model's history. */
  history: { loss: number[]; testLoss: number[]; accuracy: number[] };
  /** The input scaling the run fitted, JSON-shaped as in the model's data block. */
  normalization: NormalizationSpec;
}

export type WorkerToHost =
  /** The network and data are built: epoch 0 and, for 2-input networks, the training points; for others, a table preview of the data. */
  | {
      type: 'ready';
      totalEpochs: number;
      batches: number;
      snapshot: TrainingSnapshot;
      points?: ScatterPoints;
      preview?: DataPreview;
    }
  /**
   * The latest state (throttled while running), after a batch step, a reset, or a change of boundary resolution.
   * `timeline`: the epochs the worker keeps, sent when the timeline dropped an epoch since the last message;
   * otherwise it holds what it held plus the epochs of `series`.
   */
  | { type: 'snapshot'; snapshot: TrainingSnapshot; series?: EpochSeries; timeline?: number[] }
  /** The answer to `scrub`, with the epochs the timeline holds; no snapshot when it no longer holds that epoch. */
  | { type: 'scrubbed'; id: number; snapshot?: TrainingSnapshot; timeline: number[] }
  /** The loop changed state; `epoch` is the number of completed epochs. */
  | { type: 'state'; state: WorkerState; epoch: number }
  /** Loss or parameters stopped being finite; the loop has paused. */
  | { type: 'divergence'; epoch: number; dense: number; what: 'loss' | 'weights' | 'gradients'; learningRate: number }
  | { type: 'weights'; id: number; parameters: TrainedParameters }
  /** Reading the data file, before `ready`: rows parsed (0 for JSON) and characters read so far. */
  | { type: 'progress'; rows: number; characters: number }
  /** Building the session failed (bad data, shapes that do not fit); the worker stays idle. */
  | { type: 'failed'; message: string }
  /**
   * The worker is alive: sent between slices and every few seconds while idle, so the
   * host can tell a worker that died without an event from a busy one. `longestTurnMs`:
   * the longest the worker has been unable to answer so far (one slice), so a network
   * whose batches take long is given longer.
   */
  | { type: 'alive'; longestTurnMs: number };

/** Every typed array in a message, for postMessage's transfer list. */
export function transferables(value: unknown, into: ArrayBuffer[] = [], seen = new Set<unknown>()): ArrayBuffer[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return into;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer;
    if (buffer instanceof ArrayBuffer && !into.includes(buffer)) into.push(buffer);
    return into;
  }
  for (const child of Object.values(value)) transferables(child, into, seen);
  return into;
}
