// The in-memory shape of a `.nnjson` document, format version 1.
// media/nnjson.schema.json is the authority on the file; these types mirror it.
// Unknown fields are kept: every object type allows extra keys, which the
// serializer writes back after the known ones.

export const FORMAT = 'nnjson';
export const FORMAT_VERSION = 1;

export type ActivationName = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'softmax' | 'linear';
export const ACTIVATIONS: readonly ActivationName[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax', 'linear'];

export type LossName = 'mse' | 'mae' | 'crossEntropy' | 'binaryCrossEntropy' | 'categoricalCrossEntropy' | 'hinge';
export const LOSSES: readonly LossName[] = ['mse', 'mae', 'crossEntropy', 'binaryCrossEntropy', 'categoricalCrossEntropy', 'hinge'];

export type InitName = 'normal' | 'xavier' | 'he' | 'zeros';
export const INITS: readonly InitName[] = ['normal', 'xavier', 'he', 'zeros'];

export type TaskName = 'regression' | 'binary' | 'multiclass';

/** A fully connected layer, y = W·x + b, with weights[j][i] joining input i to neuron j. */
export interface DenseLayer {
  type: 'dense';
  units: number;
  name?: string;
  /** How weights are initialised when they are absent or the layer is resized. */
  init?: InitName;
  /** units × inputs. Absent means "initialise from the seed". */
  weights?: number[][];
  /** units. Absent means zeros. */
  bias?: number[];
  [extra: string]: unknown;
}

/** An element-wise (or, for softmax, per-sample) activation kept as its own layer, as in the paper. */
export interface ActivationLayer {
  type: 'activation';
  activation: ActivationName;
  /** Negative slope of leakyRelu; default 0.01. */
  alpha?: number;
  name?: string;
  [extra: string]: unknown;
}

export type LayerSpec = DenseLayer | ActivationLayer;

export type OptimizerSpec =
  | { type: 'sgd'; learningRate: number; [extra: string]: unknown }
  | { type: 'momentum'; learningRate: number; momentum?: number; [extra: string]: unknown }
  | { type: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number; [extra: string]: unknown };

export type ScheduleSpec =
  | { type: 'constant'; [extra: string]: unknown }
  | { type: 'step'; stepSize: number; gamma: number; [extra: string]: unknown }
  | { type: 'exponential'; gamma: number; [extra: string]: unknown };

export interface TrainingSpec {
  loss: LossName;
  optimizer: OptimizerSpec;
  schedule?: ScheduleSpec;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Shuffle the training samples every epoch (seeded). Default true. */
  shuffle?: boolean;
  task?: TaskName;
  [extra: string]: unknown;
}

/** Input scaling, fitted on the training split only and stored so `predict` applies it too. */
export type NormalizationSpec =
  | { method: 'none' }
  | { method: 'minmax'; min?: number[]; max?: number[] }
  | { method: 'zscore'; mean?: number[]; std?: number[] };

/** Fractions of the samples held out, drawn with the training seed. */
export interface SplitSpec {
  test: number;
  validation?: number;
}

/** Options every data source shares. */
export interface DataCommon {
  normalization?: NormalizationSpec;
  split?: SplitSpec;
}

export type DataSpec = DataCommon & (
  | { source: 'builtin'; name: string; samples?: number; noise?: number; seed?: number; classes?: number; [extra: string]: unknown }
  | {
      source: 'file';
      /** Workspace-relative path to a .csv or .json file. */
      path: string;
      inputs: string[];
      targets: string[];
      /** Set when the single target column holds class labels to be one-hot encoded. */
      categorical?: { column: string; classes: string[] };
      [extra: string]: unknown;
    }
  | { source: 'inline'; inputs: number[][]; targets: number[][]; [extra: string]: unknown }
);

export interface HistorySpec {
  /** Loss per epoch, in order; index 0 is the first trained epoch. */
  loss: number[];
  testLoss?: number[];
  accuracy?: number[];
  [extra: string]: unknown;
}

export interface NnModel {
  format: 'nnjson';
  version: number;
  name?: string;
  description?: string;
  /** Number of input features. */
  inputs: number;
  inputNames?: string[];
  outputNames?: string[];
  layers: LayerSpec[];
  training: TrainingSpec;
  data?: DataSpec;
  history?: HistorySpec;
  [extra: string]: unknown;
}

/** One problem found while loading a document. */
export interface ModelError {
  /** JSON pointer to the offending value, e.g. "/layers/2/units"; "" for the document. */
  pointer: string;
  /** 1-based line and column of the offending value in the text. */
  line: number;
  column: number;
  /** 0-based offsets of the offending value, for editor ranges. */
  offset: number;
  length: number;
  /** Plain sentence with the location, e.g. "layers[2].units must be a positive integer (line 14, column 18)". */
  message: string;
}

export type LoadResult =
  | {
      ok: true;
      model: NnModel;
      /** Problems that do not stop loading, e.g. a file written by a newer format version. */
      warnings: ModelError[];
    }
  | { ok: false; errors: ModelError[] };
