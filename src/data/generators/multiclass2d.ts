// Three-class sets in the plane with one-hot targets and classes A, B, C; sample i
// belongs to class i % 3, so the classes are balanced to within one sample.
import { ABC_CLASSES, emptySet, putClass, putPoint, type GeneratorOptions } from './common';
import { spiralPoints } from './classify2d';
import type { SampleSet } from '../types';

/** Blob k ~ N(c_k, σ²I) with c_k at radius 3.5, angle 90° + 120°·k, and σ = 0.7 + 3·noise. */
export function blobs({ samples, noise, rng }: GeneratorOptions): SampleSet {
  const set = emptySet(samples, 3, 'multiclass', ABC_CLASSES);
  const sigma = 0.7 + 3 * noise;
  for (let i = 0; i < samples; i++) {
    const k = i % 3;
    const angle = Math.PI / 2 + (2 * Math.PI * k) / 3;
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
