// Loss functions (paper eq. 8–13) and their derivatives. Every loss is a
// per-sample loss ℓ(ŷ, y) AVERAGED OVER THE BATCH: L = (1/m) Σ_s ℓ(ŷ_s, y_s).
// Per loss, the docs say whether ℓ averages or sums over the outputs.
// `gradient` writes dL/dŶ of that batch mean, so it carries the 1/m factor.

import type { LossName } from '../model/types';

/** Predictions are clipped to [EPSILON, 1 − EPSILON] before a logarithm, so log(0) never occurs. */
export const CLIP_EPSILON = 1e-7;

export interface Loss {
  readonly name: LossName;
  /** Batch-mean loss of `count` samples of `size` outputs, sample-major. */
  value(predictions: Float64Array, targets: Float64Array, count: number, size: number): number;
  /** dL/dŶ of the batch-mean loss, written to `out` (count × size). */
  gradient(predictions: Float64Array, targets: Float64Array, count: number, size: number, out: Float64Array): void;
}

function clip(p: number): number {
  return p < CLIP_EPSILON ? CLIP_EPSILON : p > 1 - CLIP_EPSILON ? 1 - CLIP_EPSILON : p;
}

/** Element-wise loss e(ŷ, y) and its derivative, combined with a fixed reduction. */
interface ElementLoss {
  name: LossName;
  /** true: ℓ averages e over the outputs; false: ℓ sums them. */
  meanOverOutputs: boolean;
  e(p: number, t: number): number;
  de(p: number, t: number): number;
}

function fromElements(def: ElementLoss): Loss {
  return {
    name: def.name,
    value(predictions, targets, count, size) {
      const length = count * size;
      let sum = 0;
      for (let i = 0; i < length; i++) sum += def.e(predictions[i], targets[i]);
      return sum / (def.meanOverOutputs ? length : count);
    },
    gradient(predictions, targets, count, size, out) {
      const length = count * size;
      const scale = 1 / (def.meanOverOutputs ? length : count);
      for (let i = 0; i < length; i++) out[i] = scale * def.de(predictions[i], targets[i]);
    },
  };
}

/** Hinge targets as labels: positive means +1, zero or negative means −1, so {0,1} targets become {−1,+1}. */
function hingeLabel(t: number): number {
  return t > 0 ? 1 : -1;
}

const definitions: Record<LossName, ElementLoss> = {
  /** MSE, eq. 8: ℓ = (1/n) Σ_k (ŷ_k − y_k)², mean over outputs (like tf.losses.meanSquaredError). */
  mse: { name: 'mse', meanOverOutputs: true, e: (p, t) => (p - t) * (p - t), de: (p, t) => 2 * (p - t) },
  /** MAE, eq. 9: ℓ = (1/n) Σ_k |ŷ_k − y_k|, mean over outputs; derivative sign(ŷ − y), 0 at the kink. */
  mae: { name: 'mae', meanOverOutputs: true, e: (p, t) => Math.abs(p - t), de: (p, t) => Math.sign(p - t) },
  /** Cross-entropy, eq. 10: ℓ = −Σ_k y_k log ŷ_k, summed over outputs, ŷ clipped. */
  crossEntropy: {
    name: 'crossEntropy',
    meanOverOutputs: false,
    e: (p, t) => (t === 0 ? 0 : -t * Math.log(clip(p))),
    de: (p, t) => -t / clip(p),
  },
  /** Binary cross-entropy, eq. 11: ℓ = −(1/n) Σ_k [y log ŷ + (1 − y) log(1 − ŷ)], mean over outputs, ŷ clipped. */
  binaryCrossEntropy: {
    name: 'binaryCrossEntropy',
    meanOverOutputs: true,
    e: (p, t) => {
      const q = clip(p);
      return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
    },
    de: (p, t) => {
      const q = clip(p);
      return -t / q + (1 - t) / (1 - q);
    },
  },
  /** Categorical cross-entropy, eq. 12: ℓ = −Σ_k y_k log ŷ_k over one-hot y, summed over outputs, ŷ clipped. */
  categoricalCrossEntropy: {
    name: 'categoricalCrossEntropy',
    meanOverOutputs: false,
    e: (p, t) => (t === 0 ? 0 : -t * Math.log(clip(p))),
    de: (p, t) => -t / clip(p),
  },
  /**
   * Hinge, eq. 13: ℓ = (1/n) Σ_k max(0, 1 − t_k·ŷ_k), mean over outputs, with
   * t ∈ {−1, +1}. Targets in {0, 1} are mapped to {−1, +1} (see hingeLabel).
   */
  hinge: {
    name: 'hinge',
    meanOverOutputs: true,
    e: (p, t) => Math.max(0, 1 - hingeLabel(t) * p),
    de: (p, t) => (hingeLabel(t) * p < 1 ? -hingeLabel(t) : 0),
  },
};

/**
 * A loss object. Clipping: cross-entropy losses evaluate log(clip(ŷ)) with
 * clip to [CLIP_EPSILON, 1 − CLIP_EPSILON]; their gradients use the clipped ŷ
 * too, so they stay finite.
 */
export function makeLoss(name: LossName): Loss {
  const def = definitions[name];
  if (!def) throw new RangeError(`unknown loss "${String(name)}"`);
  return fromElements(def);
}

/** Losses whose gradient through a final Softmax fuses into ŷ − y. */
export function fusesWithSoftmax(name: LossName): boolean {
  return name === 'categoricalCrossEntropy' || name === 'crossEntropy';
}

/**
 * dL/dZ for Z the logits of a final Softmax and L the batch-mean of
 * −Σ_k y_k log softmax(z)_k: (ŷ_k·Σ_j y_j − y_k)/m, which is (ŷ − y)/m for
 * one-hot targets. No clipping is needed on this path.
 */
export function softmaxCrossEntropyGradient(
  predictions: Float64Array,
  targets: Float64Array,
  count: number,
  size: number,
  out: Float64Array,
): void {
  const scale = 1 / count;
  for (let s = 0; s < count; s++) {
    const o = s * size;
    let total = 0;
    for (let k = 0; k < size; k++) total += targets[o + k];
    for (let k = 0; k < size; k++) out[o + k] = scale * (predictions[o + k] * total - targets[o + k]);
  }
}
