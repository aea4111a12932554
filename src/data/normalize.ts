// Input scaling per feature column. Fitted on the training split only; the fitted
// numbers live in the NormalizationSpec, so the same scaling is reapplied at predict time.
import type { NormalizationSpec } from '../model/types';
import { DataError, type SampleSet } from './types';

export function fitNormalization(set: SampleSet, method: 'none' | 'minmax' | 'zscore'): NormalizationSpec {
  const { inputSize, count, inputs } = set;
  if (method === 'none') return { method: 'none' };
  if (count === 0) throw new DataError('cannot fit a normalisation to an empty set');
  if (method === 'minmax') {
    const min = new Array<number>(inputSize).fill(Infinity);
    const max = new Array<number>(inputSize).fill(-Infinity);
    for (let s = 0; s < count; s++) {
      for (let f = 0; f < inputSize; f++) {
        const v = inputs[s * inputSize + f];
        if (v < min[f]) min[f] = v;
        if (v > max[f]) max[f] = v;
      }
    }
    return { method: 'minmax', min, max };
  }
  // Population mean and standard deviation, two passes for accuracy.
  const mean = new Array<number>(inputSize).fill(0);
  const std = new Array<number>(inputSize).fill(0);
  for (let s = 0; s < count; s++) for (let f = 0; f < inputSize; f++) mean[f] += inputs[s * inputSize + f];
  for (let f = 0; f < inputSize; f++) mean[f] /= count;
  for (let s = 0; s < count; s++) {
    for (let f = 0; f < inputSize; f++) std[f] += (inputs[s * inputSize + f] - mean[f]) ** 2;
  }
  for (let f = 0; f < inputSize; f++) std[f] = Math.sqrt(std[f] / count);
  return { method: 'zscore', mean, std };
}

function fitted(values: number[] | undefined, name: string, inputSize: number): number[] {
  if (!values) throw new DataError(`the normalisation has no fitted "${name}"; train the network first`);
  if (values.length !== inputSize) {
    throw new DataError(`the normalisation "${name}" has ${values.length} values but the data has ${inputSize} inputs`);
  }
  return values;
}

/**
 * A scaled copy of `inputs`: min-max maps [min, max] to [0, 1] (a constant column to 0);
 * z-score maps x to (x − mean) / std, dividing by 1 where std is 0.
 */
export function applyNormalization(inputs: Float64Array, inputSize: number, spec: NormalizationSpec): Float64Array {
  const out = new Float64Array(inputs);
  if (spec.method === 'none') return out;
  let offset: number[];
  /** 0 marks a constant min-max column, which maps to 0. */
  let divisor: number[];
  if (spec.method === 'minmax') {
    offset = fitted(spec.min, 'min', inputSize);
    const max = fitted(spec.max, 'max', inputSize);
    divisor = offset.map((lo, f) => (max[f] > lo ? max[f] - lo : 0));
  } else {
    offset = fitted(spec.mean, 'mean', inputSize);
    divisor = fitted(spec.std, 'std', inputSize).map((sd) => (sd > 0 ? sd : 1));
  }
  for (let i = 0; i < out.length; i++) {
    const f = i % inputSize;
    out[i] = divisor[f] === 0 ? 0 : (out[i] - offset[f]) / divisor[f];
  }
  return out;
}
