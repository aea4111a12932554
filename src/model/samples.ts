// From a model's `data` block to the samples a run trains and tests on:
// resolve the source, split it with the seed, and scale the inputs.
// Reading files is the caller's job (the CLI uses fs, the extension host uses
// workspace.fs), so this module stays pure.

import {
  applyNormalization,
  checkShapes,
  DataError,
  dataTextKind,
  fitClassesToOutputs,
  fitNormalization,
  generateBuiltin,
  parseCsv,
  parseJsonData,
  splitSamples,
  type ColumnMapping,
  type SampleSet,
} from '../data';
import type { TrainerOptions } from '../engine';
import { trainingRng } from './network';
import { inferTask } from './task';
import type { NnModel, NormalizationSpec } from './types';

export { inferTask } from './task';

/** Reads a data file named by a path relative to the `.nnjson` file's folder. */
export type ReadText = (relativePath: string) => Promise<string>;

export interface PreparedData {
  train: SampleSet;
  test?: SampleSet;
  validation?: SampleSet;
  /** The scaling applied to the inputs, with its fitted numbers; store it in the model so predict reapplies it. */
  normalization: NormalizationSpec;
}

/** Reads and parses the data file a model names, with the model's column mapping. */
export type LoadFile = (relativePath: string, mapping: ColumnMapping) => Promise<SampleSet>;

/**
 * The full sample set the model's data block names. A built-in set without a
 * seed of its own is drawn with the training seed. Throws DataError with a plain message.
 */
export async function resolveSamples(model: NnModel, readText: ReadText): Promise<SampleSet> {
  return resolveSamplesWith(model, async (path, mapping) => {
    const text = await readText(path);
    return dataTextKind(path) === 'json' ? parseJsonData(text, mapping) : parseCsv(text, mapping);
  });
}

/** As resolveSamples, for a caller that reads the file its own way (the training worker streams it). */
export async function resolveSamplesWith(model: NnModel, loadFile: LoadFile): Promise<SampleSet> {
  const spec = model.data;
  if (!spec) throw new DataError('the network has no "data" block, so there is nothing to train on');
  switch (spec.source) {
    case 'builtin':
      return generateBuiltin(spec.name, { samples: spec.samples, noise: spec.noise, seed: spec.seed ?? model.training.seed, classes: spec.classes });
    case 'inline':
      return inlineSamples(spec.inputs, spec.targets);
    case 'file':
      return loadFile(spec.path, { inputs: spec.inputs, targets: spec.targets, categorical: spec.categorical });
  }
}

function inlineSamples(inputs: number[][], targets: number[][]): SampleSet {
  const inputSize = inputs[0]?.length ?? 0;
  const targetSize = targets[0]?.length ?? 0;
  return {
    count: inputs.length,
    inputSize,
    targetSize,
    inputs: Float64Array.from(inputs.flat()),
    targets: Float64Array.from(targets.flat()),
    inputNames: Array.from({ length: inputSize }, (_, i) => `x${i + 1}`),
    targetNames: Array.from({ length: targetSize }, (_, i) => `y${i + 1}`),
    task: 'regression',
  };
}

/** Whether a normalisation spec already carries fitted numbers. */
function isFitted(spec: NormalizationSpec): boolean {
  switch (spec.method) {
    case 'none':
      return true;
    case 'minmax':
      return spec.min !== undefined && spec.max !== undefined;
    case 'zscore':
      return spec.mean !== undefined && spec.std !== undefined;
  }
}

function normalized(set: SampleSet, spec: NormalizationSpec): SampleSet {
  if (spec.method === 'none') return set;
  return { ...set, inputs: applyNormalization(set.inputs, set.inputSize, spec) };
}

/**
 * Encodes two classes for the network's outputs (0/1 or one-hot), splits the
 * samples with the training seed and scales the inputs. A stored,
 * fitted normalisation is reused as it is; an unfitted one is fitted on the
 * training split only. Throws DataError when the data does not fit the network.
 */
export function prepareData(model: NnModel, all: SampleSet, outputSize: number): PreparedData {
  const problem = checkShapes(all, model.inputs, outputSize);
  if (problem) throw new DataError(problem);
  const samples = fitClassesToOutputs(all, outputSize);
  const split = model.data?.split;
  const parts = split ? splitSamples(samples, split, model.training.seed) : { train: samples };
  const requested = model.data?.normalization ?? { method: 'none' as const };
  const normalization = isFitted(requested) ? requested : fitNormalization(parts.train, requested.method);
  return {
    train: normalized(parts.train, normalization),
    test: parts.test && normalized(parts.test, normalization),
    validation: parts.validation && normalized(parts.validation, normalization),
    normalization,
  };
}

/** Scales raw input rows the way the model was trained, ready for predict. */
export function scaleInputs(model: NnModel, rows: number[][]): number[][] {
  const spec = model.data?.normalization;
  if (!spec || spec.method === 'none' || !isFitted(spec)) return rows;
  const flat = Float64Array.from(rows.flat());
  const scaled = applyNormalization(flat, model.inputs, spec);
  return rows.map((_, s) => Array.from(scaled.subarray(s * model.inputs, (s + 1) * model.inputs)));
}

/**
 * The engine's training options for a model and its prepared data, the same
 * for the CLI and the editor's worker. Throws DataError when a batch would be
 * larger than the training split.
 */
export function trainerOptions(model: NnModel, data: PreparedData, outputSize: number): TrainerOptions {
  const { batchSize } = model.training;
  if (batchSize > data.train.count) {
    throw new DataError(`batch size ${batchSize} is larger than the ${data.train.count} training samples; lower training.batchSize`);
  }
  return {
    loss: model.training.loss,
    optimizer: model.training.optimizer,
    schedule: model.training.schedule,
    batchSize,
    shuffle: model.training.shuffle ?? true,
    rng: trainingRng(model),
    testData: data.test,
    validationData: data.validation,
    task: inferTask(model, outputSize),
  };
}

/**
 * The class each output stands for, for reporting predictions: the model's output
 * names when there are several outputs, else the two classes of a categorical data
 * column (one 0/1 output). undefined when the outputs are not classes.
 */
export function outputClasses(model: NnModel, outputSize: number): string[] | undefined {
  const categorical = model.data?.source === 'file' ? model.data.categorical?.classes : undefined;
  if (outputSize > 1) {
    if (model.outputNames?.length === outputSize) return model.outputNames.slice();
    return categorical?.length === outputSize ? categorical.slice() : undefined;
  }
  return outputSize === 1 && categorical?.length === 2 ? categorical.slice() : undefined;
}
