// What a training session shows while it runs. The worker produces these, the
// host throttles and forwards them, and the webview draws them. Large arrays are
// Float32Array so they can be transferred instead of copied.

import type { DataPreview } from '../data/preview';

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
  /** The training data's points, for drawing on the decision boundary (2-input networks only). */
  points?: { inputs: Float32Array; labels: Float32Array; count: number };
  /** The training data as a table, for networks whose inputs are not two (no scatter). */
  preview?: DataPreview;
}
