// Evaluation metrics over flattened, sample-major predictions and targets.

function argmax(values: Float64Array, from: number, size: number): number {
  let best = 0;
  for (let j = 1; j < size; j++) if (values[from + j] > values[from + best]) best = j;
  return best;
}

/**
 * Counts m[actual][predicted]. With size 1 the task is binary: a value above 0.5
 * is class 1, and exactly 0.5 is class 0, as the engine's accuracy counts it
 * (src/engine/metrics.ts). Otherwise the class is the arg-max of each row.
 */
export function confusionMatrix(predictions: Float64Array, targets: Float64Array, count: number, size: number): number[][] {
  const k = size === 1 ? 2 : size;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let s = 0; s < count; s++) {
    const actual = size === 1 ? Number(targets[s] > 0.5) : argmax(targets, s * size, size);
    const predicted = size === 1 ? Number(predictions[s] > 0.5) : argmax(predictions, s * size, size);
    m[actual][predicted]++;
  }
  return m;
}

/** The fraction of samples on the diagonal of a confusion matrix. */
export function accuracyOf(matrix: number[][]): number {
  let right = 0;
  let total = 0;
  matrix.forEach((row, i) => row.forEach((n, j) => { total += n; if (i === j) right += n; }));
  return total === 0 ? 0 : right / total;
}

/** mean |p − t| over every element. */
export function meanAbsoluteError(p: Float64Array, t: Float64Array): number {
  if (p.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - t[i]);
  return sum / p.length;
}

/**
 * R² = 1 − SS_res / SS_tot per output column, averaged over the columns. A column
 * whose targets are constant scores 1 when predicted exactly and 0 otherwise.
 */
export function rSquared(p: Float64Array, t: Float64Array, count: number, size: number): number {
  if (count === 0 || size === 0) return 0;
  let total = 0;
  for (let j = 0; j < size; j++) {
    let mean = 0;
    for (let s = 0; s < count; s++) mean += t[s * size + j];
    mean /= count;
    let ssRes = 0;
    let ssTot = 0;
    for (let s = 0; s < count; s++) {
      const y = t[s * size + j];
      ssRes += (y - p[s * size + j]) ** 2;
      ssTot += (y - mean) ** 2;
    }
    total += ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  }
  return total / size;
}
