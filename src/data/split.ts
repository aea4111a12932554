// Seeded train / validation / test split. Test and validation sizes are rounded from
// their fractions; each part keeps the original sample order.
import type { SplitSpec } from '../model/types';
import { createRng, shuffleInPlace } from '../engine/random';
import { DataError, type SampleSet } from './types';

/** The samples at `indices`, in that order, sharing names and task with `set`. */
export function selectSamples(set: SampleSet, indices: ArrayLike<number>): SampleSet {
  const n = indices.length;
  const { inputSize, targetSize } = set;
  const inputs = new Float64Array(n * inputSize);
  const targets = new Float64Array(n * targetSize);
  for (let s = 0; s < n; s++) {
    const k = indices[s];
    inputs.set(set.inputs.subarray(k * inputSize, (k + 1) * inputSize), s * inputSize);
    targets.set(set.targets.subarray(k * targetSize, (k + 1) * targetSize), s * targetSize);
  }
  const out: SampleSet = { ...set, count: n, inputs, targets, inputNames: set.inputNames.slice(), targetNames: set.targetNames.slice() };
  if (set.classes) out.classes = set.classes.slice();
  return out;
}

function checkFraction(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new DataError(`the ${name} fraction must be at least 0 and below 1; got ${value}`);
  }
  return value;
}

/** Sample indices of each part, each in ascending order: the test part first in the seeded order, then validation, then train. */
export function splitIndices(count: number, split: SplitSpec, seed: number): { train: Uint32Array; test: Uint32Array; validation: Uint32Array } {
  const testFraction = checkFraction('test', split.test);
  const validationFraction = checkFraction('validation', split.validation);
  const nTest = Math.round(count * testFraction);
  const nValidation = Math.round(count * validationFraction);
  const nTrain = count - nTest - nValidation;
  if (nTrain < 1) {
    throw new DataError(`holding out ${nTest} test and ${nValidation} validation samples of ${count} leaves none to train on; lower the fractions or add data`);
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  shuffleInPlace(order, createRng(seed));
  const part = (from: number, to: number): Uint32Array => order.slice(from, to).sort();
  return { train: part(nTest + nValidation, count), test: part(0, nTest), validation: part(nTest, nTest + nValidation) };
}

export function splitSamples(set: SampleSet, split: SplitSpec, seed: number): { train: SampleSet; test?: SampleSet; validation?: SampleSet } {
  const parts = splitIndices(set.count, split, seed);
  const result: { train: SampleSet; test?: SampleSet; validation?: SampleSet } = { train: selectSamples(set, parts.train) };
  if (parts.test.length > 0) result.test = selectSamples(set, parts.test);
  if (parts.validation.length > 0) result.validation = selectSamples(set, parts.validation);
  return result;
}
