// Large layers arrive as the block of links the diagram draws plus statistics
// of the whole matrices (src/host/training/summarize.ts). This turns either
// form into what the diagram indexes, W[j][i] at j·inputs + i, and gives the
// range of the whole matrix, so colours and legends do not depend on the block.
import type { LayerSnapshot } from '../../../src/protocol/training';

export type LinkKind = 'weights' | 'gradWeights' | 'deltaWeights';

/** The layer's link values at j·inputs + i; links outside a sampled block read 0 until the full layer arrives. */
export function fullLinks(layer: LayerSnapshot, kind: LinkKind): Float32Array {
  const values = layer[kind];
  const sample = layer.sample;
  if (!sample) return values;
  const out = new Float32Array(layer.units * layer.inputs);
  const rows = Math.min(sample.rows, layer.units);
  const cols = Math.min(sample.cols, layer.inputs);
  for (let j = 0; j < rows; j++) out.set(values.subarray(j * sample.cols, j * sample.cols + cols), j * layer.inputs);
  return out;
}

/** max |v| over the finite links of the whole matrix, or undefined when the layer came whole (the caller scans it). */
export function summaryRange(layer: LayerSnapshot, kind: LinkKind): number | undefined {
  const s = layer.summary?.[kind];
  return layer.sample && s ? Math.max(Math.abs(s.min), Math.abs(s.max)) : undefined;
}

/** Whether a sampled layer lacks links the diagram draws (`rows` neurons by `cols` inputs). */
export function lacksDrawnLinks(layer: LayerSnapshot, rows: number, cols: number): boolean {
  const sample = layer.sample;
  if (!sample) return false;
  return sample.rows < Math.min(rows, layer.units) || sample.cols < Math.min(cols, layer.inputs);
}
