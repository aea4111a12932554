// The decision-boundary grid of a 2-input network: the output over a
// resolution × resolution grid spanning the training points (padded by 10%),
// and every hidden neuron's activation over the same grid.

import type { Network } from '../engine';
import { activatedOutputIndex, layerOutputs } from '../engine/probe';
import type { BoundaryGrid } from '../protocol/training';

export const MIN_RESOLUTION = 4;
export const MAX_RESOLUTION = 200;
/** Grid points per forward pass. */
const CHUNK = 1024;

/** The span of one input column, padded; a degenerate column gets ±1 around its value. */
export function paddedRange(inputs: Float64Array, count: number, column: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < count; s++) {
    const v = inputs[s * 2 + column];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo < hi)) return Number.isFinite(lo) ? [lo - 1, lo + 1] : [-1, 1];
  const pad = (hi - lo) * 0.1;
  return [lo - pad, hi + pad];
}

export function clampResolution(resolution: number): number {
  return Math.max(MIN_RESOLUTION, Math.min(MAX_RESOLUTION, Math.round(resolution)));
}

/** Grid point k (row-major, y outer) in input space. */
export function gridPoint(k: number, resolution: number, xRange: [number, number], yRange: [number, number]): [number, number] {
  const col = k % resolution;
  const row = Math.floor(k / resolution);
  const step = (range: [number, number], i: number): number => range[0] + ((range[1] - range[0]) * i) / (resolution - 1);
  return [step(xRange, col), step(yRange, row)];
}

export function boundaryGrid(network: Network, points: Float64Array, count: number, requested: number): BoundaryGrid {
  if (network.inputSize !== 2) throw new RangeError('a decision boundary needs a network with two inputs');
  const resolution = clampResolution(requested);
  const xRange = paddedRange(points, count, 0);
  const yRange = paddedRange(points, count, 1);
  const cells = resolution * resolution;
  const outputs = network.outputSize;
  const dense = network.denseLayers();
  const hiddenIndex = dense.slice(0, -1).map((_, l) => activatedOutputIndex(network, l));
  const output = new Float32Array(cells);
  const argmax = outputs > 1 ? new Uint8Array(cells) : undefined;
  const hidden = dense.slice(0, -1).map((d) => new Float32Array(d.units * cells));
  const batch = new Float64Array(CHUNK * 2);
  for (let start = 0; start < cells; start += CHUNK) {
    const n = Math.min(CHUNK, cells - start);
    for (let s = 0; s < n; s++) {
      const [x, y] = gridPoint(start + s, resolution, xRange, yRange);
      batch[s * 2] = x;
      batch[s * 2 + 1] = y;
    }
    const layers = layerOutputs(network, batch, n);
    const out = layers[layers.length - 1];
    for (let s = 0; s < n; s++) {
      output[start + s] = out[s * outputs];
      if (argmax) {
        let best = 0;
        for (let k = 1; k < outputs; k++) if (out[s * outputs + k] > out[s * outputs + best]) best = k;
        argmax[start + s] = best;
      }
    }
    hiddenIndex.forEach((index, l) => {
      const units = dense[l].units;
      const values = layers[index];
      // Neuron-major: neuron j's heat map is hidden[l][j·cells, (j+1)·cells).
      for (let s = 0; s < n; s++) for (let j = 0; j < units; j++) hidden[l][j * cells + start + s] = values[s * units + j];
    });
  }
  const grid: BoundaryGrid = { resolution, xRange, yRange, output };
  if (argmax) grid.argmax = argmax;
  if (hidden.length > 0) grid.hidden = hidden;
  return grid;
}
