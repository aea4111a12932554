// Two-class point clouds in the plane, after TensorFlow Playground: inputs lie roughly
// in [-6, 6]², targets are 0/1, and sample i belongs to class i % 2, so the classes are
// balanced to within one sample and interleaved. Noise is Gaussian jitter whose standard
// deviation is `noise` times a scale stated per set.
import { BINARY_CLASSES, emptySet, putClass, putPoint, type GeneratorOptions } from './common';
import type { SampleSet } from '../types';

const RADIUS = 5;

/** Class 1 fills the disc r ≤ 2.5, class 0 the ring 3.5 ≤ r ≤ 5; jitter scale 5. */
export function circle({ samples, noise, rng }: GeneratorOptions): SampleSet {
  const set = emptySet(samples, 1, 'binary', BINARY_CLASSES);
  for (let i = 0; i < samples; i++) {
    const inside = i % 2 === 1;
    const r = inside ? rng() * 0.5 * RADIUS : RADIUS * (0.7 + 0.3 * rng());
    const angle = rng() * 2 * Math.PI;
    putPoint(set, i, r * Math.cos(angle), r * Math.sin(angle), noise * RADIUS, rng);
    putClass(set, i, inside ? 1 : 0);
  }
  return set;
}

/**
 * Uniform points in [-5, 5]² kept 0.3 away from the axes; class 1 where x·y > 0
 * (first and third quadrants). Classes are balanced only on average. Jitter scale 5.
 */
export function xorQuadrants({ samples, noise, rng }: GeneratorOptions): SampleSet {
  const set = emptySet(samples, 1, 'binary', BINARY_CLASSES);
  const pad = 0.3;
  const coordinate = (): number => {
    const v = rng() * 2 * (RADIUS - pad) - (RADIUS - pad);
    return v + (v >= 0 ? pad : -pad);
  };
  for (let i = 0; i < samples; i++) {
    const x = coordinate();
    const y = coordinate();
    putPoint(set, i, x, y, noise * RADIUS, rng);
    putClass(set, i, x * y > 0 ? 1 : 0);
  }
  return set;
}

/** Class 1 ~ N((2, 2), σ²I), class 0 ~ N((-2, -2), σ²I) with σ = 0.5 + 3·noise. */
export function gaussians({ samples, noise, rng }: GeneratorOptions): SampleSet {
  const set = emptySet(samples, 1, 'binary', BINARY_CLASSES);
  const sigma = 0.5 + 3 * noise;
  for (let i = 0; i < samples; i++) {
    const k = i % 2;
    const c = k === 1 ? 2 : -2;
    putPoint(set, i, c, c, sigma, rng);
    putClass(set, i, k);
  }
  return set;
}

/**
 * Arms of the Archimedean spiral r = 5t, θ = 3.5πt + 2πk/arms for t ∈ [0, 1); sample i
 * lies on arm i % arms. Jitter scale 1. Shared with the three-class spiral.
 */
export function spiralPoints(set: SampleSet, arms: number, { samples, noise, rng }: GeneratorOptions): void {
  for (let i = 0; i < samples; i++) {
    const k = i % arms;
    const t = rng();
    const r = RADIUS * t;
    const theta = 1.75 * 2 * Math.PI * t + (2 * Math.PI * k) / arms;
    putPoint(set, i, r * Math.sin(theta), r * Math.cos(theta), noise, rng);
    putClass(set, i, k);
  }
}

export function spiral(options: GeneratorOptions): SampleSet {
  const set = emptySet(options.samples, 1, 'binary', BINARY_CLASSES);
  spiralPoints(set, 2, options);
  return set;
}

/**
 * Two interleaved half circles (the usual "moons"), scaled by 4 and centred, so
 * x ∈ [-6, 6] and y ∈ [-3, 3]. Class 0 is the upper moon. Jitter scale 4.
 */
export function moons({ samples, noise, rng }: GeneratorOptions): SampleSet {
  const set = emptySet(samples, 1, 'binary', BINARY_CLASSES);
  const scale = 4;
  for (let i = 0; i < samples; i++) {
    const k = i % 2;
    const t = rng() * Math.PI;
    const x = k === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = k === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    putPoint(set, i, scale * (x - 0.5), scale * (y - 0.25), noise * scale, rng);
    putClass(set, i, k);
  }
  return set;
}
