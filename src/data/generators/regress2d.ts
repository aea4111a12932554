// Regression surfaces over the plane, after TensorFlow Playground: inputs uniform in
// [-6, 6]², one target in [-1, 1] before noise. Noise adds N(0, noise²) to the target.
import { normal } from '../../engine/random';
import { emptySet, type GeneratorOptions } from './common';
import type { SampleSet } from '../types';

const HALF_WIDTH = 6;

function surface(f: (x: number, y: number) => number, { samples, noise, rng }: GeneratorOptions): SampleSet {
  const set = emptySet(samples, 1, 'regression');
  for (let i = 0; i < samples; i++) {
    const x = (2 * rng() - 1) * HALF_WIDTH;
    const y = (2 * rng() - 1) * HALF_WIDTH;
    set.inputs[2 * i] = x;
    set.inputs[2 * i + 1] = y;
    set.targets[i] = f(x, y) + (noise > 0 ? noise * normal(rng) : 0);
  }
  return set;
}

/** y = (x1 + x2) / 12. */
export function plane(options: GeneratorOptions): SampleSet {
  return surface((x, y) => (x + y) / (2 * HALF_WIDTH), options);
}

/** Six Gaussian bumps of alternating sign on a 3 × 2 grid. */
const BUMPS: ReadonlyArray<[number, number, number]> = [
  [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
  [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
];
const BUMP_SIGMA = 1.5;

/** y = Σ sign · exp(-|x - c|² / 2σ²), clamped to [-1, 1]. */
export function multiGaussian(options: GeneratorOptions): SampleSet {
  return surface((x, y) => {
    let sum = 0;
    for (const [cx, cy, sign] of BUMPS) {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      sum += sign * Math.exp(-d2 / (2 * BUMP_SIGMA * BUMP_SIGMA));
    }
    return Math.max(-1, Math.min(1, sum));
  }, options);
}
