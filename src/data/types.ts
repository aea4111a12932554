// The shapes every data source produces, and the one error type they throw.
import type { TaskName } from '../model/types';

/**
 * Samples ready for training, flattened sample-major: sample s, feature f sits at
 * inputs[s * inputSize + f]. Structurally compatible with the engine's Dataset.
 */
export interface SampleSet {
  count: number;
  inputSize: number;
  targetSize: number;
  inputs: Float64Array;
  targets: Float64Array;
  inputNames: string[];
  targetNames: string[];
  /** Class names: one per target column when one-hot, or [negative, positive] when binary. */
  classes?: string[];
  task: TaskName;
}

/** How the columns of a CSV file or the fields of JSON records become inputs and targets. */
export interface ColumnMapping {
  inputs: string[];
  targets: string[];
  /**
   * The target column holds class labels. Two classes give one 0/1 target (task "binary",
   * 1 for classes[1]), made one-hot for a two-output network by fitClassesToOutputs;
   * three or more give one-hot targets (task "multiclass").
   * Without `classes`, they are taken in order of first appearance in the file.
   */
  categorical?: { column: string; classes?: string[] };
}

/** What the data chooser shows for a built-in data set. */
export interface BuiltinInfo {
  name: string;
  title: string;
  description: string;
  task: TaskName;
  inputSize: number;
  targetSize: number;
  defaultSamples: number;
  defaultNoise: number;
  classes?: string[];
  /** Rough range of every input feature, to pick axes and decide on normalisation. */
  inputRange: [number, number];
  /** Fixed data: the sample count and noise options are ignored. */
  fixed?: boolean;
}

/**
 * A problem with the data, located where possible. `row` counts as a spreadsheet does:
 * the header is row 1, so the first data row is row 2; rows are lines of the file, so
 * skipped blank lines still count. For JSON records, `row` is the 1-based record number.
 */
export class DataError extends Error {
  row?: number;
  column?: string;

  constructor(message: string, where: { row?: number; column?: string } = {}) {
    super(message);
    this.name = 'DataError';
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
  }
}
