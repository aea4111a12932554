// The document text after "Apply Trained Weights": the trained weights and
// biases, the epochs trained since the last apply appended to the history, and
// the fitted input scaling. Pure, so the rules are tested without VS Code.

import { matrixRows } from '../../model/network';
import { loadModel } from '../../model/parse';
import { serializeModel } from '../../model/serialize';
import type { HistorySpec, LayerSpec, NnModel } from '../../model/types';
import type { TrainedParameters } from '../../protocol/worker';

export type ApplyResult = { ok: true; text: string } | { ok: false; message: string };

/** What identifies a network's shape: inputs, Dense widths and activations. Training never mixes two of these. */
export function shapeKey(model: NnModel): string {
  const layers = model.layers.map((l) => (l.type === 'dense' ? `d${l.units}` : `a:${l.activation}`));
  return `${model.inputs}|${layers.join(',')}|${model.training.loss}`;
}

function appendHistory(previous: HistorySpec | undefined, trained: TrainedParameters['history'], from: number): HistorySpec {
  const loss = trained.loss.slice(from);
  const history: HistorySpec = { ...previous, loss: [...(previous?.loss ?? []), ...loss] };
  // Test loss and accuracy only when every epoch has one, so the series stay aligned with the loss.
  if (trained.testLoss.length === trained.loss.length && loss.length > 0) {
    history.testLoss = [...(previous?.testLoss ?? []), ...trained.testLoss.slice(from)];
  }
  if (trained.accuracy.length === trained.loss.length && loss.length > 0) {
    history.accuracy = [...(previous?.accuracy ?? []), ...trained.accuracy.slice(from)];
  }
  return history;
}

/**
 * `text` with the trained parameters written in. `fromEpoch`: epochs of the
 * session already applied, whose history is in the text already.
 */
export function trainedText(text: string, parameters: TrainedParameters, fromEpoch = 0): ApplyResult {
  const loaded = loadModel(text);
  if (!loaded.ok) return { ok: false, message: 'the file has errors; fix them before applying trained weights' };
  const model = loaded.model;
  const dense = model.layers.filter((l) => l.type === 'dense');
  const shapesMatch =
    dense.length === parameters.layers.length &&
    parameters.layers.every((p, k) => p.units === dense[k].units && p.inputs === (k === 0 ? model.inputs : dense[k - 1].units));
  if (!shapesMatch) return { ok: false, message: 'the network\'s layers changed since training started; train again before applying' };
  for (const p of parameters.layers) {
    if (!p.weights.every(Number.isFinite) || !p.bias.every(Number.isFinite)) {
      return { ok: false, message: 'the trained weights hold NaN or infinite values; reset and train with a lower learning rate' };
    }
  }
  let k = 0;
  const layers: LayerSpec[] = model.layers.map((spec) => {
    if (spec.type !== 'dense') return spec;
    const p = parameters.layers[k++];
    return { ...spec, weights: matrixRows(p.weights, p.units, p.inputs), bias: Array.from(p.bias) };
  });
  let next: NnModel = { ...model, layers };
  if (parameters.history.loss.length > fromEpoch) next = { ...next, history: appendHistory(model.history, parameters.history, fromEpoch) };
  if (model.data && parameters.normalization.method !== 'none') next = { ...next, data: { ...model.data, normalization: parameters.normalization } };
  return { ok: true, text: serializeModel(next) };
}
