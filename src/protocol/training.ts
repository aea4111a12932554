// What a training session shows while it runs. The worker produces these, the
// host throttles and forwards them, and the webview draws them. Large arrays are
// Float32Array so they can be transferred instead of copied.

import type { DataPreview } from '../data/preview';

/** Dense layers with more weights than this reach the webview as a sample and a summary, the full matrix on request. */
export const SAMPLE_THRESHOLD = 4096;
/** Neurons per column the diagram draws before it summarises the column; the sample's size until the webview says otherwise. */
export const DEFAULT_VISIBLE_NEURONS = 64;
export const HISTOGRAM_BINS = 16;

/** Statistics of one weight-shaped matrix over its finite entries (the zeros below when there are none). */
export interface ValueSummary {
  count: number;
  /** Entries that are neither NaN nor ±Infinity; every statistic below is over these. */
  finite: number;
  min: number;
  max: number;
  mean: number;
  meanAbs: number;
  /** Frobenius norm, √Σ v². */
  l2: number;
  /** HISTOGRAM_BINS equal-width bins over [min, max]. */
  histogram: number[];
  /** Per neuron j: ‖row j‖₂, the norm of its incoming values. */
  rowNorms: Float32Array;
}

/** Statistics of a sampled layer's full matrices. */
export interface LayerSummary {
  weights: ValueSummary;
  gradWeights: ValueSummary;
  deltaWeights: ValueSummary;
}

/** The block a sampled layer carries: neurons 0…rows−1 by inputs 0…cols−1, row-major with stride cols. */
export interface LayerSample {
  rows: number;
  cols: number;
}

/** Where a session is. `idle`: built, not started; `done`: all epochs ran. */
export type TrainingStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface LayerSnapshot {
  /** Index among the Dense layers. */
  dense: number;
  units: number;
  inputs: number;
  /** W[j][i] at weights[j*inputs + i], as the forward pass of the next epoch will use them. */
  weights: Float32Array;
  bias: Float32Array;
  /** dL/dW and dL/db, averaged over the epoch's batches (same layout as weights and bias). */
  gradWeights: Float32Array;
  gradBias: Float32Array;
  /** Change of each weight over the epoch: W_after − W_before. */
  deltaWeights: Float32Array;
  /** ‖dL/dX‖ for this layer's input, averaged over the epoch's batches. */
  gradInputNorm: number;
  /** Per neuron: mean |dL/dX| at this layer's input, for node colouring in the gradient view. */
  gradInputs?: Float32Array;
  /** Neurons of this layer whose ReLU never fired during the epoch (zero gradient throughout). */
  deadUnits: number[];
  /** True when any weight, bias or gradient is NaN or ±Infinity. */
  nonFinite: boolean;
  /**
   * Only towards the webview, for layers above SAMPLE_THRESHOLD: weights, gradWeights and
   * deltaWeights then hold just this block; bias and the per-neuron arrays stay whole.
   */
  sample?: LayerSample;
  /**
   * The statistics of the whole matrices, for colour ranges and legends. The worker computes them,
   * off the extension host's thread, for every layer above SAMPLE_THRESHOLD of the snapshots it
   * posts; the host forwards them with `sample`. The webview reads them only with `sample`.
   */
  summary?: LayerSummary;
}

/** A grid of network outputs over the two inputs' range, for decision-boundary views. */
export interface BoundaryGrid {
  /** Samples per axis; the grid is resolution × resolution, row-major with y outer. */
  resolution: number;
  xRange: [number, number];
  yRange: [number, number];
  /** First output of the network at each grid point (the class-1 probability for binary tasks). */
  output: Float32Array;
  /** For multi-class outputs: the argmax class at each grid point. */
  argmax?: Uint8Array;
  /** Per hidden Dense layer, per neuron: its activation over the grid (layer-major, neuron, then grid). */
  hidden?: Float32Array[];
}

/** How well the network does right now, on the test split when there is one. */
export interface SnapshotMetrics {
  /** Classification: counts at matrix[actual][predicted], classes in output order. */
  confusion?: { classes: string[]; matrix: number[][]; split: 'test' | 'train' };
  /** Regression: mean absolute error and R² (averaged over output columns). */
  mae?: number;
  r2?: number;
}

export interface TrainingSnapshot {
  /** Epochs completed (1-based); 0 for the initial state. */
  epoch: number;
  /** Batches done within the current epoch (for step-one-batch). */
  batch: number;
  batches: number;
  loss: number;
  testLoss?: number;
  accuracy?: number;
  testAccuracy?: number;
  /** Measured on the validation split, when the data block holds one. */
  validationLoss?: number;
  validationAccuracy?: number;
  learningRate: number;
  layers: LayerSnapshot[];
  boundary?: BoundaryGrid;
  /** Set when training stopped on a NaN or Inf: where it first appeared. */
  divergence?: { epoch: number; dense: number; what: 'loss' | 'weights' | 'gradients' };
  /** Only on live snapshots sent to the host, not on every kept epoch. */
  metrics?: SnapshotMetrics;
}

/** The per-epoch series kept for charts, sent whole on reconnect. */
export interface TrainingSeries {
  loss: number[];
  testLoss: (number | null)[];
  accuracy: (number | null)[];
  testAccuracy: (number | null)[];
  validationLoss: (number | null)[];
  validationAccuracy: (number | null)[];
}

/** The series besides the training loss: null for an epoch that has no such number. */
export const NULLABLE_SERIES = ['testLoss', 'accuracy', 'testAccuracy', 'validationLoss', 'validationAccuracy'] as const;

export function emptyTrainingSeries(): TrainingSeries {
  return { loss: [], testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] };
}

/** Copies of every series from index `from` (epoch `from` + 1) on. */
export function seriesFrom(series: TrainingSeries, from: number): TrainingSeries {
  const out = emptyTrainingSeries();
  out.loss = series.loss.slice(from);
  for (const key of NULLABLE_SERIES) out[key] = series[key].slice(from);
  return out;
}

/** Training points to draw: `count` of the `total` training samples (a seeded sample when there are many). */
export interface ScatterPoints {
  inputs: Float32Array;
  labels: Float32Array;
  count: number;
  total?: number;
}

/** Everything a freshly shown webview needs to resume drawing a session. */
export interface TrainingView {
  status: TrainingStatus;
  totalEpochs: number;
  series: TrainingSeries;
  latest?: TrainingSnapshot;
  /** Epochs for which a snapshot is kept and can be scrubbed to. */
  timeline: number[];
  /** A message for the user when status is failed, or a warning while running. */
  message?: string;
  /**
   * The training data's points, for drawing on the decision boundary (2-input networks only).
   * Towards the webview, only when it does not hold the points of `pointsId` yet.
   */
  points?: ScatterPoints;
  /** Names the session's points; a view with this id and no points means "keep the points you have". */
  pointsId?: number;
  /** The training data as a table, for networks whose inputs are not two (no scatter). */
  preview?: DataPreview;
  /** While the worker reads the data file, before training starts: rows parsed so far (0 for JSON, which counts characters). */
  reading?: { rows: number; characters: number };
}
