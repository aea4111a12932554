// The paper's Appendix A as a feature: Dense layers joined only by Linear
// activations compose to one affine map. For y = W2·(W1·x + b1) + b2,
//   W = W2·W1   and   b = W2·b1 + b2,
// and a longer run folds the same way, left to right.

import { withInitializedWeights } from './network';
import type { DenseLayer, LayerSpec, NnModel } from './types';

/** A run of Dense layers, by Dense index, inclusive at both ends. */
export interface LinearRun {
  from: number;
  to: number;
}

interface Affine {
  weights: number[][];
  bias: number[];
}

function denseWithPositions(model: NnModel): { spec: DenseLayer; at: number }[] {
  const out: { spec: DenseLayer; at: number }[] = [];
  model.layers.forEach((spec, at) => {
    if (spec.type === 'dense') out.push({ spec, at });
  });
  return out;
}

/** True when only Linear activation layers (or none) stand between the two layer positions. */
function linearBetween(layers: LayerSpec[], start: number, end: number): boolean {
  for (let p = start + 1; p < end; p++) {
    const l = layers[p];
    if (l.type !== 'activation' || l.activation !== 'linear') return false;
  }
  return true;
}

/** Every maximal run of two or more Dense layers that can be collapsed into one. */
export function collapsibleRuns(model: NnModel): LinearRun[] {
  const dense = denseWithPositions(model);
  const runs: LinearRun[] = [];
  let from = 0;
  for (let k = 1; k <= dense.length; k++) {
    const joined = k < dense.length && linearBetween(model.layers, dense[k - 1].at, dense[k].at);
    if (!joined) {
      if (k - 1 > from) runs.push({ from, to: k - 1 });
      from = k;
    }
  }
  return runs;
}

/** Why Dense layers from..to cannot be collapsed, or undefined when they can. */
export function linearRunError(model: NnModel, from: number, to: number): string | undefined {
  const dense = denseWithPositions(model);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= dense.length || from >= to) {
    return `Dense layers ${from} to ${to} are not a run of at least two of the ${dense.length} Dense layers`;
  }
  for (let k = from; k < to; k++) {
    if (!linearBetween(model.layers, dense[k].at, dense[k + 1].at)) {
      return `Dense layers ${k} and ${k + 1} are joined by a non-linear activation`;
    }
  }
  return undefined;
}

/** (W2, b2) ∘ (W1, b1) = (W2·W1, W2·b1 + b2). */
function compose(outer: Affine, inner: Affine): Affine {
  const inputs = inner.weights[0]?.length ?? 0;
  const weights = outer.weights.map((row) => {
    const out = new Array<number>(inputs).fill(0);
    row.forEach((w, m) => {
      const innerRow = inner.weights[m];
      for (let i = 0; i < inputs; i++) out[i] += w * innerRow[i];
    });
    return out;
  });
  const bias = outer.weights.map((row, j) => row.reduce((s, w, m) => s + w * inner.bias[m], outer.bias[j]));
  return { weights, bias };
}

/** The single layer's W and b for Dense layers from..to; every weight must be present (see withInitializedWeights). */
export function collapsedAffine(model: NnModel, from: number, to: number): Affine {
  const problem = linearRunError(model, from, to);
  if (problem) throw new RangeError(problem);
  const dense = denseWithPositions(model);
  const affine = (spec: DenseLayer): Affine => {
    if (!spec.weights) throw new RangeError('collapsing needs every weight present');
    return { weights: spec.weights, bias: spec.bias ?? new Array<number>(spec.units).fill(0) };
  };
  let acc = affine(dense[from].spec);
  for (let k = from + 1; k <= to; k++) acc = compose(affine(dense[k].spec), acc);
  return acc;
}

/**
 * The model with Dense layers from..to and the Linear activations between
 * them replaced by one Dense layer computing the same function. Weights the
 * file leaves to the seed are written out first, so every other layer keeps
 * the values it had.
 */
export function collapseLinear(original: NnModel, from: number, to: number): NnModel {
  const model = withInitializedWeights(original);
  const { weights, bias } = collapsedAffine(model, from, to);
  const dense = denseWithPositions(model);
  const first = dense[from].spec;
  const merged: DenseLayer = { type: 'dense', units: weights.length, weights, bias };
  if (first.init !== undefined) merged.init = first.init;
  const layers = [...model.layers.slice(0, dense[from].at), merged, ...model.layers.slice(dense[to].at + 1)];
  return { ...model, layers };
}
