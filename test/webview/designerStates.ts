// Document states for the designer tests, built the way the host builds them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentState } from '../../src/host/documentModel';
import type { DocumentState } from '../../src/protocol/webview';
import type { LayerSpec, NnModel } from '../../src/model/types';
import { root } from './support/server';

export function andState(readOnly = false): DocumentState {
  const state = documentState(readFileSync(join(root, 'examples', 'and.nnjson'), 'utf8'), 7, readOnly, 'and.nnjson');
  if (!state.model) throw new Error(`examples/and.nnjson does not load: ${JSON.stringify(state.errors)}`);
  return state;
}

/** A network of the given sizes, weights filled from the seed by the host's own code. */
export function mlpState(sizes: number[], activations: string[], extra: Partial<NnModel> = {}, names: string[] = []): DocumentState {
  const layers: LayerSpec[] = [];
  for (let k = 1; k < sizes.length; k++) {
    const dense: LayerSpec = { type: 'dense', units: sizes[k]!, init: 'xavier' };
    if (names[k - 1]) dense.name = names[k - 1];
    layers.push(dense);
    const act = activations[k - 1];
    if (act) layers.push({ type: 'activation', activation: act as 'relu' });
  }
  const model = {
    format: 'nnjson', version: 1, inputs: sizes[0]!, layers,
    training: { loss: 'mse', optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 10, batchSize: 32, seed: 3 },
    ...extra,
  };
  const state = documentState(JSON.stringify(model, null, 2), 1, false, 'net.nnjson');
  if (!state.model) throw new Error(`test model does not load: ${JSON.stringify(state.errors)}`);
  return state;
}
