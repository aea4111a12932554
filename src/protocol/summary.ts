// Statistics of a weight-shaped matrix: the worker computes them for layers too
// large to stream (the host forwards them), and the webview computes the same
// for layers it has whole.

import { HISTOGRAM_BINS, SAMPLE_THRESHOLD, type LayerSnapshot, type LayerSummary, type ValueSummary } from './training';

/** Min, max, mean, mean |v|, ‖·‖₂, a histogram and per-row norms of a units × inputs matrix, over its finite entries. */
export function summarizeValues(values: Float32Array, units: number, inputs: number): ValueSummary {
  let finite = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumAbs = 0;
  let sumSquares = 0;
  const rowNorms = new Float32Array(units);
  for (let j = 0; j < units; j++) {
    let row = 0;
    const base = j * inputs;
    for (let i = 0; i < inputs; i++) {
      const v = values[base + i]!;
      if (!Number.isFinite(v)) continue;
      finite++;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      sumAbs += Math.abs(v);
      row += v * v;
    }
    rowNorms[j] = Math.sqrt(row);
    sumSquares += row;
  }
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  if (finite === 0) return { count: units * inputs, finite, min: 0, max: 0, mean: 0, meanAbs: 0, l2: 0, histogram, rowNorms };
  const width = (max - min) / HISTOGRAM_BINS;
  const end = units * inputs;
  for (let p = 0; p < end; p++) {
    const v = values[p]!;
    if (!Number.isFinite(v)) continue;
    // The maximum belongs to the last bin; a constant matrix fills the first.
    const bin = width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((v - min) / width)) : 0;
    histogram[bin]!++;
  }
  return { count: end, finite, min, max, mean: sum / finite, meanAbs: sumAbs / finite, l2: Math.sqrt(sumSquares), histogram, rowNorms };
}

/** Whether a Dense layer is large enough to reach the webview as a sample plus the statistics of its whole matrices. */
export function isSampledSize(layer: { units: number; inputs: number }): boolean {
  return layer.units * layer.inputs > SAMPLE_THRESHOLD;
}

/** The statistics of a layer's whole W, dL/dW and ΔW. */
export function summarizeLayer(layer: Pick<LayerSnapshot, 'units' | 'inputs' | 'weights' | 'gradWeights' | 'deltaWeights'>): LayerSummary {
  return {
    weights: summarizeValues(layer.weights, layer.units, layer.inputs),
    gradWeights: summarizeValues(layer.gradWeights, layer.units, layer.inputs),
    deltaWeights: summarizeValues(layer.deltaWeights, layer.units, layer.inputs),
  };
}
