// Classification accuracy over sample-major predictions and targets.

function argmax(a: Float64Array, offset: number, size: number): number {
  let best = 0;
  for (let k = 1; k < size; k++) if (a[offset + k] > a[offset + best]) best = k;
  return best;
}

/**
 * Fraction of samples classified correctly. size > 1: the argmax of the
 * prediction matches the argmax of the target. size 1: prediction and target
 * lie on the same side of a threshold, 0.5 for {0,1} targets and 0 when any
 * target is negative ({−1,+1} targets). `predictionThreshold` overrides the
 * side used for predictions (a hinge-trained output splits at 0 even for
 * {0,1} targets). 0 samples give NaN.
 */
export function accuracy(
  predictions: Float64Array,
  targets: Float64Array,
  count: number,
  size: number,
  predictionThreshold?: number,
): number {
  if (count === 0) return NaN;
  if (size > 1) return countCorrect(predictions, targets, count, size, 0, 0) / count;
  const targetThreshold = binaryTargetThreshold(targets, count);
  return countCorrect(predictions, targets, count, 1, predictionThreshold ?? targetThreshold, targetThreshold) / count;
}

/** The class boundary of single-output targets: 0 when any target is negative ({−1,+1}), else 0.5 ({0,1}). */
export function binaryTargetThreshold(targets: Float64Array, count: number): number {
  for (let s = 0; s < count; s++) if (targets[s] < 0) return 0;
  return 0.5;
}

/** Number of correct samples with fixed thresholds for size 1 (ignored for size > 1). */
export function countCorrect(
  predictions: Float64Array,
  targets: Float64Array,
  count: number,
  size: number,
  predictionThreshold: number,
  targetThreshold: number,
): number {
  let correct = 0;
  if (size > 1) {
    for (let s = 0; s < count; s++) {
      if (argmax(predictions, s * size, size) === argmax(targets, s * size, size)) correct++;
    }
    return correct;
  }
  for (let s = 0; s < count; s++) {
    if (predictions[s] > predictionThreshold === targets[s] > targetThreshold) correct++;
  }
  return correct;
}
