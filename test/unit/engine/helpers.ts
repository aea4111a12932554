// Shared test tools: seeded random arrays and central finite differences.

import assert from 'node:assert/strict';
import { createRng, Dense, makeActivation, Network, normal, type Layer, type Rng } from '../../../src/engine';
import type { ActivationName } from '../../../src/model/types';

export function randomArray(rng: Rng, length: number, scale = 1): Float64Array {
  const a = new Float64Array(length);
  for (let i = 0; i < length; i++) a[i] = scale * normal(rng);
  return a;
}

export function uniformArray(rng: Rng, length: number, lo: number, hi: number): Float64Array {
  const a = new Float64Array(length);
  for (let i = 0; i < length; i++) a[i] = lo + (hi - lo) * rng();
  return a;
}

/** An integer in [lo, hi]. */
export function randomSize(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Central differences (f(x + h) − f(x − h)) / 2h of a scalar f with respect to every entry of x. */
export function numericGradient(f: () => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const saved = x[i];
    x[i] = saved + h;
    const plus = f();
    x[i] = saved - h;
    const minus = f();
    x[i] = saved;
    g[i] = (plus - minus) / (2 * h);
  }
  return g;
}

/** Element-wise |a − b| ≤ abs + rel·max(|a|, |b|), over the first `length` entries. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, abs = 1e-6, rel = 1e-5, length = expected.length): void {
  assert.ok(actual.length >= length, `${what}: ${actual.length} values, expected at least ${length}`);
  for (let i = 0; i < length; i++) {
    const a = actual[i];
    const e = expected[i];
    const tol = abs + rel * Math.max(Math.abs(a), Math.abs(e));
    assert.ok(Math.abs(a - e) <= tol, `${what}[${i}]: got ${a}, expected ${e} (tolerance ${tol})`);
  }
}

/** Scalar probe L = Σ r ⊙ y, whose gradient with respect to y is r. */
export function weightedSum(y: Float64Array, r: Float64Array, length: number): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += y[i] * r[i];
  return s;
}

/** A Dense + activation stack of the given widths, Xavier weights and small random biases from `seed`. */
export function randomMlp(sizes: readonly number[], acts: readonly ActivationName[], seed: number): Network {
  const rng = createRng(seed);
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const d = new Dense(sizes[l], sizes[l + 1]);
    d.initialize('xavier', rng);
    d.bias.set(randomArray(rng, d.units, 0.1));
    layers.push(d, makeActivation(acts[l]));
  }
  return new Network(sizes[0], layers);
}
