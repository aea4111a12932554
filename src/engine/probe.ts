// Looking inside a network without training it: every layer's output for a
// batch (the hidden-neuron heat maps), and per-neuron mean |dL/dX| (the
// gradient view's node colours). Parameters are never changed; the Dense
// layers' gradient buffers are overwritten, which a Trainer recomputes on its
// next step anyway.

import { Dense } from './dense';
import type { Loss } from './losses';
import type { Network } from './network';

/** Copies of each layer's output for `count` samples (sample-major), in layer order. */
export function layerOutputs(network: Network, inputs: Float64Array, count: number): Float64Array[] {
  const outputs: Float64Array[] = [];
  let x = inputs;
  let width = network.inputSize;
  for (const layer of network.layers) {
    x = layer.forward(x, count);
    if (layer instanceof Dense) width = layer.units;
    outputs.push(x.slice(0, count * width));
  }
  return outputs;
}

/**
 * Per Dense layer, per input neuron i: mean over the batch of |dL/dx_i|, where
 * x is the layer's input and L the batch-mean loss.
 */
export function inputGradientMeans(network: Network, inputs: Float64Array, targets: Float64Array, count: number, loss: Loss): Float64Array[] {
  network.lossAndGradients(inputs, targets, count, loss);
  return network.denseLayers().map((d) => {
    const g = d.inputGradientBuffer;
    const n = d.inputSize;
    const mean = new Float64Array(n);
    for (let s = 0; s < count; s++) for (let i = 0; i < n; i++) mean[i] += Math.abs(g[s * n + i]);
    for (let i = 0; i < n; i++) mean[i] /= count;
    return mean;
  });
}

/** Index in `network.layers` of the output that follows Dense layer `dense`: its activation when one comes next. */
export function activatedOutputIndex(network: Network, dense: number): number {
  let seen = -1;
  for (let l = 0; l < network.layers.length; l++) {
    if (network.layers[l] instanceof Dense && ++seen === dense) {
      const next = network.layers[l + 1];
      return next !== undefined && !(next instanceof Dense) ? l + 1 : l;
    }
  }
  throw new RangeError(`the network has no Dense layer ${dense}`);
}
