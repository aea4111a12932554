// The last step of every import: an NnModel with sensible training settings,
// then checked by the same loader that opens .nnjson files, so an import can
// never produce a document the editor would reject.

import { withInitializedWeights } from '../model/network';
import { loadModel } from '../model/parse';
import { serializeModel } from '../model/serialize';
import type { LayerSpec, LossName, NnModel, TrainingSpec } from '../model/types';
import { InteropError } from './types';

export interface ImportedModel {
  model: NnModel;
  /** Things that were dropped or assumed, e.g. a Dropout layer. */
  warnings: string[];
}

/** Loss for the output activation: softmax → categorical CE, sigmoid → binary CE, otherwise MSE. */
function lossFor(layers: LayerSpec[]): LossName {
  const last = layers[layers.length - 1];
  if (last?.type === 'activation' && last.activation === 'softmax') return 'categoricalCrossEntropy';
  if (last?.type === 'activation' && last.activation === 'sigmoid') return 'binaryCrossEntropy';
  return 'mse';
}

function defaultTraining(layers: LayerSpec[], seed: number): TrainingSpec {
  // Adam at 0.001 is what Keras and TF.js compile with by default.
  return { loss: lossFor(layers), optimizer: { type: 'adam', learningRate: 0.001 }, epochs: 100, batchSize: 32, seed };
}

/**
 * `header` (from our own exports) restores name, training and data settings.
 * Layers without weights are initialised from `seed`.
 */
export function assembleModel(name: string, inputs: number, layers: LayerSpec[], header: Partial<NnModel>, seed: number): NnModel {
  const draft: NnModel = {
    format: 'nnjson',
    version: 1,
    ...header,
    name: header.name ?? name,
    inputs,
    layers,
    training: header.training ?? defaultTraining(layers, seed),
  };
  const model = withInitializedWeights(draft);
  const checked = loadModel(serializeModel(model));
  if (!checked.ok) throw new InteropError(`the imported network is not a valid NN Designer network: ${checked.errors[0].message}`);
  return checked.model;
}
