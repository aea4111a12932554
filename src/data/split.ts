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

export function splitSamples(set: SampleSet, split: SplitSpec, seed: number): { train: SampleSet; test?: SampleSet; validation?: SampleSet } {
  const testFraction = checkFraction('test', split.test);
  const validationFraction = checkFraction('validation', split.validation);
  const nTest = Math.round(set.count * testFraction);
  const nValidation = Math.round(set.count * validationFraction);
  const nTrain = set.count - nTest - nValidation;
  if (nTrain < 1) {
    throw new DataError(`holding out ${nTest} test and ${nValidation} validation samples of ${set.count} leaves none to train on; lower the fractions or add data`);
  }
  const order = new Uint32Array(set.count);
  for (let i = 0; i < set.count; i++) order[i] = i;
  shuffleInPlace(order, createRng(seed));
  const part = (from: number, to: number): SampleSet => selectSamples(set, order.slice(from, to).sort());
  const result: { train: SampleSet; test?: SampleSet; validation?: SampleSet } = {
    train: part(nTest + nValidation, set.count),
  };
  if (nTest > 0) result.test = part(0, nTest);
  if (nValidation > 0) result.validation = part(nTest, nTest + nValidation);
  return result;
}
