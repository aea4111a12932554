// Multi-class sets in the plane with classes A, B, C, …; sample i belongs to class
// i % k, so the classes are balanced to within one sample. Three or more classes
// are one-hot; two are one 0/1 target, as a two-class data file is.
import { ABC_CLASSES, emptySet, putClass, putPoint, type GeneratorOptions } from './common';
import { spiralPoints } from './classify2d';
import type { SampleSet } from '../types';

/** The class counts blobs accepts: up to 8 keeps neighbouring centres ≥ 3.8σ apart at zero noise. */
export const BLOB_CLASSES = { min: 2, max: 8, default: 3 };

/** Blob k ~ N(c_k, σ²I) with c_k at radius 3.5, angle 90° + 360°·k/K for K classes, and σ = 0.7 + 3·noise. */
export function blobs({ samples, noise, rng, classes = BLOB_CLASSES.default }: GeneratorOptions): SampleSet {
  const names = Array.from({ length: classes }, (_, k) => String.fromCharCode(65 + k));
  const set = classes === 2 ? emptySet(samples, 1, 'binary', names) : emptySet(samples, classes, 'multiclass', names);
  const sigma = 0.7 + 3 * noise;
  for (let i = 0; i < samples; i++) {
    const k = i % classes;
    const angle = Math.PI / 2 + (2 * Math.PI * k) / classes;
    putPoint(set, i, 3.5 * Math.cos(angle), 3.5 * Math.sin(angle), sigma, rng);
    putClass(set, i, k);
  }
  return set;
}

/** Three arms of the spiral in classify2d, 120° apart. */
export function spiral3(options: GeneratorOptions): SampleSet {
  const set = emptySet(options.samples, 3, 'multiclass', ABC_CLASSES);
  spiralPoints(set, 3, options);
  return set;
}
