// TensorFlow.js LayersModel export: a Keras-style Sequential topology in
// model.json and one float32 weights shard. Keras kernels are [in, out], so
// the paper's W[j][i] is transposed on the way out.

import type { NnModel } from '../model/types';
import { HEADER_KEY, modelHeader } from './header';
import { pipelineOf } from './pipeline';
import type { ActivationStage, DenseStage, Stage } from './types';

export interface KerasLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** Keras names of the activations a Dense layer can carry itself; leakyRelu needs its own layer. */
export const KERAS_ACTIVATIONS: Partial<Record<ActivationStage['activation'], string>> = {
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
};

function denseLayer(stage: DenseStage, activation: string): KerasLayerJson {
  return {
    class_name: 'Dense',
    config: { name: stage.name, units: stage.units, activation, use_bias: true, trainable: true, dtype: 'float32' },
  };
}

function activationLayer(stage: ActivationStage): KerasLayerJson {
  if (stage.activation === 'leakyRelu') {
    return { class_name: 'LeakyReLU', config: { name: stage.name, alpha: stage.alpha, trainable: true, dtype: 'float32' } };
  }
  return { class_name: 'Activation', config: { name: stage.name, activation: stage.activation, trainable: true, dtype: 'float32' } };
}

/**
 * Dense layers take the activation that follows them when Keras has a name
 * for it; a lone Dense gets 'linear', and an explicit linear activation stays
 * its own layer, so importing the file gives back the same layer list.
 */
function kerasLayers(stages: Stage[]): { layers: KerasLayerJson[]; dense: DenseStage[] } {
  const layers: KerasLayerJson[] = [];
  const dense: DenseStage[] = [];
  for (let k = 0; k < stages.length; k++) {
    const stage = stages[k];
    if (stage.kind === 'activation') {
      layers.push(activationLayer(stage));
      continue;
    }
    dense.push(stage);
    const next = stages[k + 1];
    const fused = next?.kind === 'activation' ? KERAS_ACTIVATIONS[next.activation] : undefined;
    layers.push(denseLayer(stage, fused ?? 'linear'));
    if (fused) k++;
  }
  return { layers, dense };
}

/** [in, out] = Wᵀ, row-major. */
function kernelOf(stage: DenseStage): number[] {
  const out: number[] = [];
  for (let i = 0; i < stage.inputSize; i++) for (let j = 0; j < stage.units; j++) out.push(stage.weights[j][i]);
  return out;
}

export interface TfjsExport {
  modelJson: string;
  weights: Uint8Array;
}

/** model.json text naming `weightsFile`, and that file's bytes; the input scaling is folded in. */
export function exportTfjs(model: NnModel, weightsFile: string): TfjsExport {
  const { stages, inputs } = pipelineOf(model, true);
  const { layers, dense } = kerasLayers(stages);
  if (layers.length === 0) layers.push(activationLayer({ kind: 'activation', name: 'identity', activation: 'linear', alpha: 0 }));
  layers[0].config.batch_input_shape = [null, inputs];
  const specs: WeightSpec[] = [];
  const values: number[] = [];
  for (const stage of dense) {
    specs.push({ name: `${stage.name}/kernel`, shape: [stage.inputSize, stage.units], dtype: 'float32' });
    values.push(...kernelOf(stage));
    specs.push({ name: `${stage.name}/bias`, shape: [stage.units], dtype: 'float32' });
    values.push(...stage.bias);
  }
  const json = {
    format: 'layers-model',
    generatedBy: 'NN Designer',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: model.name ?? 'network', layers },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [weightsFile], weights: specs }],
    userDefinedMetadata: { [HEADER_KEY]: modelHeader(model) },
  };
  const floats = Float32Array.from(values);
  return { modelJson: JSON.stringify(json, null, 2) + '\n', weights: new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength) };
}
