// Small models for the view-model tests, built by hand.
import type { NnModel } from '../../../src/model/types';

export function mlp(sizes: number[], activations: string[], fill = (k: number, j: number, i: number) => (k + 1) * (j - i) / 10): NnModel {
  const layers: NnModel['layers'] = [];
  for (let k = 1; k < sizes.length; k++) {
    const units = sizes[k]!;
    const inputs = sizes[k - 1]!;
    layers.push({
      type: 'dense',
      units,
      weights: Array.from({ length: units }, (_, j) => Array.from({ length: inputs }, (_, i) => fill(k, j, i))),
      bias: Array.from({ length: units }, (_, j) => j / 10),
    });
    const act = activations[k - 1];
    if (act) layers.push({ type: 'activation', activation: act as 'tanh' });
  }
  return {
    format: 'nnjson',
    version: 1,
    inputs: sizes[0]!,
    layers,
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 10, batchSize: 1, seed: 1 },
  };
}
