// Shared plumbing for the synthetic generators: argument checks, storage, jitter.
import type { TaskName } from '../../model/types';
import { normal, type Rng } from '../../engine/random';
import { DataError, type SampleSet } from '../types';

export interface GeneratorOptions {
  samples: number;
  noise: number;
  rng: Rng;
  /** The number of classes, for the generators that take one (blobs). */
  classes?: number;
}

export const BINARY_CLASSES = ['0', '1'];
export const ABC_CLASSES = ['A', 'B', 'C'];

/** An empty set of `count` 2-D samples, filled in by a generator. */
export function emptySet(count: number, targetSize: number, task: TaskName, classes?: string[]): SampleSet {
  const set: SampleSet = {
    count,
    inputSize: 2,
    targetSize,
    inputs: new Float64Array(count * 2),
    targets: new Float64Array(count * targetSize),
    inputNames: ['x1', 'x2'],
    targetNames: targetSize === 1 ? ['y'] : (classes ?? []).slice(),
    task,
  };
  if (classes) set.classes = classes.slice();
  return set;
}

/** Writes sample i: a 2-D point with Gaussian jitter of standard deviation `sigma` on each axis. */
export function putPoint(set: SampleSet, i: number, x: number, y: number, sigma: number, rng: Rng): void {
  set.inputs[2 * i] = sigma > 0 ? x + sigma * normal(rng) : x;
  set.inputs[2 * i + 1] = sigma > 0 ? y + sigma * normal(rng) : y;
}

/** Writes the target of sample i as a one-hot row for class k (or a 0/1 scalar when targetSize is 1). */
export function putClass(set: SampleSet, i: number, k: number): void {
  if (set.targetSize === 1) set.targets[i] = k;
  else set.targets[i * set.targetSize + k] = 1;
}

/** Rejects counts and noise levels a generator cannot honour. */
export function checkOptions(name: string, samples: number, noise: number, minSamples: number): void {
  if (!Number.isInteger(samples) || samples < minSamples) {
    throw new DataError(`data set "${name}" needs a whole number of samples, at least ${minSamples}; got ${samples}`);
  }
  if (!Number.isFinite(noise) || noise < 0) {
    throw new DataError(`data set "${name}" needs a noise level of 0 or more; got ${noise}`);
  }
}
