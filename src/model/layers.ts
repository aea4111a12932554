// Views of the layer list that the designer, the engine bridge and the
// exporters share.

import type { ActivationLayer, ActivationName, DenseLayer, NnModel } from './types';

export interface DenseInfo {
  /** Position in model.layers. */
  index: number;
  layer: DenseLayer;
  /** Units of the previous dense layer, or model.inputs for the first. */
  inputSize: number;
  /** The activation layer directly after this dense layer, or 'linear' when there is none. */
  activation: ActivationName;
  /** That activation layer, when there is one. */
  activationLayer?: ActivationLayer;
}

export function denseLayers(model: NnModel): DenseInfo[] {
  const result: DenseInfo[] = [];
  let inputSize = model.inputs;
  model.layers.forEach((layer, index) => {
    if (layer.type !== 'dense') return;
    const next = model.layers[index + 1];
    const info: DenseInfo = { index, layer, inputSize, activation: 'linear' };
    if (next?.type === 'activation') {
      info.activation = next.activation;
      info.activationLayer = next;
    }
    result.push(info);
    inputSize = layer.units;
  });
  return result;
}

/** Paper eq. 2: Σ over dense layers of n_in·n_out weights plus n_out biases. */
export function parameterCount(model: NnModel): number {
  return denseLayers(model).reduce((sum, d) => sum + d.layer.units * (d.inputSize + 1), 0);
}

/** Width of the network's output: the units of the last dense layer. */
export function outputSize(model: NnModel): number {
  const dense = denseLayers(model);
  return dense.length > 0 ? dense[dense.length - 1].layer.units : model.inputs;
}
