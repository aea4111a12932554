// Import of a TF.js LayersModel: the Keras topology in model.json plus the
// float32 weight shards its manifest names.

import type { DenseLayer } from '../model/types';
import { assembleModel, type ImportedModel } from './assemble';
import { HEADER_KEY, parseHeader } from './header';
import { readKerasTopology } from './keras';
import { isRecord, transposeKernel, type ReadSibling } from './readers';
import { InteropError } from './types';

interface ManifestWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

async function readManifest(manifest: unknown, readSibling: ReadSibling): Promise<ManifestWeight[]> {
  if (!Array.isArray(manifest)) throw new InteropError('model.json has no "weightsManifest"');
  const weights: ManifestWeight[] = [];
  for (const group of manifest) {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new InteropError('model.json has a malformed "weightsManifest" entry');
    }
    const shards: Uint8Array[] = [];
    for (const path of group.paths) {
      const bytes = await readSibling(String(path));
      if (!bytes) throw new InteropError(`the weights shard "${String(path)}" named in model.json is missing`);
      shards.push(bytes);
    }
    const total = shards.reduce((n, s) => n + s.length, 0);
    const data = new Uint8Array(total);
    let offset = 0;
    for (const shard of shards) {
      data.set(shard, offset);
      offset += shard.length;
    }
    let at = 0;
    for (const spec of group.weights) {
      if (!isRecord(spec) || !Array.isArray(spec.shape)) throw new InteropError('model.json has a malformed weight entry');
      const name = String(spec.name);
      if ((spec.dtype ?? 'float32') !== 'float32' || spec.quantization !== undefined) {
        throw new InteropError(`weight "${name}" is ${String(spec.dtype)}${spec.quantization ? ' (quantized)' : ''}; only float32 weights can be imported`);
      }
      const shape = spec.shape.map(Number);
      const count = shape.reduce((n, d) => n * d, 1);
      if (at + count * 4 > data.length) throw new InteropError(`the weights shards end before weight "${name}"; a shard is truncated`);
      const values = new Float32Array(count);
      const view = new DataView(data.buffer, data.byteOffset + at, count * 4);
      for (let k = 0; k < count; k++) values[k] = view.getFloat32(k * 4, true);
      weights.push({ name, shape, values });
      at += count * 4;
    }
  }
  return weights;
}

function find(weights: ManifestWeight[], layer: string, kind: 'kernel' | 'bias'): ManifestWeight | undefined {
  const suffix = `${layer}/${kind}`;
  return weights.find((w) => w.name === suffix || w.name.endsWith(`/${suffix}`));
}

export async function importTfjs(json: unknown, fallbackName: string, readSibling: ReadSibling, seed: number): Promise<ImportedModel> {
  if (!isRecord(json)) throw new InteropError('model.json is not a JSON object');
  const topology = isRecord(json.modelTopology) && isRecord(json.modelTopology.model_config) ? json.modelTopology.model_config : json.modelTopology;
  const reading = readKerasTopology(topology);
  const weights = await readManifest(json.weightsManifest, readSibling);
  let k = 0;
  let width = reading.inputs;
  for (const layer of reading.layers) {
    if (layer.type !== 'dense') continue;
    fillDense(layer, reading.dense[k++], width, weights);
    width = layer.units;
  }
  const meta = isRecord(json.userDefinedMetadata) ? json.userDefinedMetadata[HEADER_KEY] : undefined;
  const header = parseHeader(typeof meta === 'string' ? meta : undefined);
  const config = isRecord(topology) && isRecord(topology.config) ? topology.config : {};
  const name = typeof config.name === 'string' ? config.name : fallbackName;
  return { model: assembleModel(name, reading.inputs, reading.layers, header, seed), warnings: reading.warnings };
}

function fillDense(layer: DenseLayer, source: { name: string; useBias: boolean }, inputSize: number, weights: ManifestWeight[]): void {
  const kernel = find(weights, source.name, 'kernel');
  if (!kernel) throw new InteropError(`model.json has no kernel for layer "${source.name}"`);
  if (kernel.shape[0] !== inputSize || kernel.shape[1] !== layer.units) {
    throw new InteropError(`the kernel of layer "${source.name}" is [${kernel.shape.join(', ')}], expected [${inputSize}, ${layer.units}]`);
  }
  layer.weights = transposeKernel(kernel.values, inputSize, layer.units);
  const bias = source.useBias ? find(weights, source.name, 'bias') : undefined;
  if (source.useBias && !bias) throw new InteropError(`model.json has no bias for layer "${source.name}"`);
  layer.bias = bias ? Array.from(bias.values) : new Array<number>(layer.units).fill(0);
}
