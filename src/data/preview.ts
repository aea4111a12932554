// A look at the data a session trains on, for networks whose inputs cannot be drawn
// as a scatter: the column names, the first training rows as the network gets them
// (targets encoded for its outputs, inputs before normalisation), and the split sizes.
import type { SplitSpec } from '../model/types';
import { fitClassesToOutputs } from './shapes';
import { selectSamples, splitIndices } from './split';
import type { SampleSet } from './types';

/** Training rows a preview shows. */
export const PREVIEW_ROWS = 20;

export interface DataPreview {
  /** Input column names, in input order. */
  inputs: string[];
  /** One name per target value: the output names, the class names of one-hot targets, or the target columns. */
  targets: string[];
  /** The first training rows in file order: inputs, then targets, before normalisation. */
  rows: number[][];
  /** Rows in the whole data set, and in each part of the split. */
  count: number;
  train: number;
  test: number;
  validation: number;
  /** For one 0/1 target: the classes 0 and 1 stand for. */
  binaryClasses?: [string, string];
}

export interface PreviewOptions {
  split?: SplitSpec;
  seed: number;
  outputSize: number;
  /** The model's output names, preferred when there is one per target. */
  outputNames?: string[];
  rows?: number;
}

/** The preview of `set` as prepareData splits and encodes it for a network with `outputSize` outputs. */
export function dataPreview(set: SampleSet, options: PreviewOptions): DataPreview {
  const parts = options.split
    ? splitIndices(set.count, options.split, options.seed)
    : { train: Uint32Array.from({ length: set.count }, (_, i) => i), test: new Uint32Array(0), validation: new Uint32Array(0) };
  const shown = fitClassesToOutputs(selectSamples(set, parts.train.subarray(0, options.rows ?? PREVIEW_ROWS)), options.outputSize);
  const rows: number[][] = [];
  for (let s = 0; s < shown.count; s++) {
    rows.push([
      ...shown.inputs.subarray(s * shown.inputSize, (s + 1) * shown.inputSize),
      ...shown.targets.subarray(s * shown.targetSize, (s + 1) * shown.targetSize),
    ]);
  }
  const targets = options.outputNames?.length === shown.targetSize ? options.outputNames.slice() : shown.targetNames.slice();
  const preview: DataPreview = {
    inputs: shown.inputNames.slice(), targets, rows,
    count: set.count, train: parts.train.length, test: parts.test.length, validation: parts.validation.length,
  };
  const classes = shown.classes;
  if (shown.targetSize === 1 && shown.task === 'binary' && classes?.length === 2 && classes.join() !== '0,1') preview.binaryClasses = [classes[0]!, classes[1]!];
  return preview;
}
