// What the webview is sent of a snapshot. A Dense layer above SAMPLE_THRESHOLD
// weights goes as the block of weights the diagram draws (its first visible
// neurons by its first visible inputs) plus statistics of the whole matrices;
// the full layer is sent only when the webview asks for it. Smaller layers,
// and layers whose whole matrix is visible, go as they are.

import { DEFAULT_VISIBLE_NEURONS, SAMPLE_THRESHOLD, type LayerSnapshot, type LayerSummary, type TrainingSnapshot, type TrainingView } from '../../protocol/training';
import { summarizeLayer } from '../../protocol/summary';

/** The top-left rows × cols block of a units × inputs matrix, row-major with stride cols. */
export function sampleBlock(values: Float32Array, inputs: number, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let j = 0; j < rows; j++) out.set(values.subarray(j * inputs, j * inputs + cols), j * cols);
  return out;
}

// Several designers may show one session; each layer's statistics are computed once. The worker
// sends them with its snapshots (src/worker/summaries.ts), so the host computes them only for a
// snapshot that came without.
const summaries = new WeakMap<LayerSnapshot, LayerSummary>();

function summaryOf(layer: LayerSnapshot): LayerSummary {
  if (layer.summary) return layer.summary;
  let summary = summaries.get(layer);
  if (!summary) {
    summary = summarizeLayer(layer);
    summaries.set(layer, summary);
  }
  return summary;
}

/** The layer as the webview gets it while `rows` of its neurons and `cols` of its inputs are drawn. */
export function reduceLayer(layer: LayerSnapshot, rows: number, cols: number): LayerSnapshot {
  const r = Math.min(layer.units, Math.max(0, rows));
  const c = Math.min(layer.inputs, Math.max(0, cols));
  const whole = layer.units * layer.inputs;
  if (whole <= SAMPLE_THRESHOLD || (r === layer.units && c === layer.inputs)) return layer;
  return {
    ...layer,
    weights: sampleBlock(layer.weights, layer.inputs, r, c),
    gradWeights: sampleBlock(layer.gradWeights, layer.inputs, r, c),
    deltaWeights: sampleBlock(layer.deltaWeights, layer.inputs, r, c),
    sample: { rows: r, cols: c },
    summary: summaryOf(layer),
  };
}

/**
 * The snapshot as the webview gets it. `visible[c]` is how many neurons of
 * column c the diagram draws (column 0 is the input); Dense layer d joins
 * columns d and d + 1. Columns it has not reported draw DEFAULT_VISIBLE_NEURONS.
 */
export function reduceSnapshot(snapshot: TrainingSnapshot, visible: readonly number[] | undefined): TrainingSnapshot {
  const shown = (column: number): number => visible?.[column] ?? DEFAULT_VISIBLE_NEURONS;
  const layers = snapshot.layers.map((layer, d) => reduceLayer(layer, shown(d + 1), shown(d)));
  return layers.every((layer, d) => layer === snapshot.layers[d]) ? snapshot : { ...snapshot, layers };
}

export function reduceView(view: TrainingView | undefined, visible: readonly number[] | undefined): TrainingView | undefined {
  const latest = view?.latest && reduceSnapshot(view.latest, visible);
  return view && latest !== view.latest ? { ...view, latest } : view;
}
