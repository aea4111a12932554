// Import of a Keras architecture (model.to_json()): layers only, so every
// weight is drawn from the seed.

import { assembleModel, type ImportedModel } from './assemble';
import { readKerasTopology } from './keras';
import { isRecord } from './readers';

export function importKeras(topology: unknown, fallbackName: string, seed: number): ImportedModel {
  const reading = readKerasTopology(topology);
  const config = isRecord(topology) && isRecord(topology.config) ? topology.config : {};
  const name = typeof config.name === 'string' ? config.name : fallbackName;
  return { model: assembleModel(name, reading.inputs, reading.layers, {}, seed), warnings: reading.warnings };
}
