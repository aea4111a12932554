// The document text after "Apply Trained Weights": the trained weights and
// biases, the epochs trained since the last apply appended to the history, and
// the fitted input scaling. Pure, so the rules are tested without VS Code.

import { matrixRows } from '../../model/network';
import { loadModel } from '../../model/parse';
import { serializeModel } from '../../model/serialize';
import { appendHistory, appliedEpochs } from '../../model/history';
import type { LayerSpec, NnModel } from '../../model/types';
import type { TrainedParameters } from '../../protocol/worker';

export type ApplyResult = { ok: true; text: string } | { ok: false; message: string };

/** What identifies a network's shape: inputs, Dense widths and activations. Training never mixes two of these. */
export function shapeKey(model: NnModel): string {
  const layers = model.layers.map((l) => (l.type === 'dense' ? `d${l.units}` : `a:${l.activation}`));
  return `${model.inputs}|${layers.join(',')}|${model.training.loss}`;
}

/**
 * `text` with the trained parameters written in. `fromEpoch`: epochs of the
 * session applied before, whose history the text holds unless that was undone.
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
  // An undone apply takes its epochs out of the file again: append from where the file's history really ends.
  const from = appliedEpochs(model.history, parameters.history.loss, fromEpoch);
  if (parameters.history.loss.length > from) next = { ...next, history: appendHistory(model.history, parameters.history, from) };
  if (model.data && parameters.normalization.method !== 'none') next = { ...next, data: { ...model.data, normalization: parameters.normalization } };
  return { ok: true, text: serializeModel(next) };
}
