// The model as the designer draws it: one entry per Dense layer, with the
// activation layers that follow it folded onto its column (the paper keeps
// them as separate layers; the diagram shows them as a label on the column).
import type { ActivationName, DenseLayer, NnModel } from '../../src/model/types';

export interface DenseView {
  /** Index in the Dense-layer list, the `dense` of DesignerEdit. */
  dense: number;
  /** Index in model.layers. */
  layerIndex: number;
  name: string | undefined;
  units: number;
  inputs: number;
  /** units × inputs, weights[j][i] joins input i to neuron j. */
  weights: number[][];
  bias: number[];
  /** The first activation after this layer, or linear when none follows. */
  activation: ActivationName;
}

export function denseViews(model: NnModel): DenseView[] {
  const views: DenseView[] = [];
  let inputs = model.inputs;
  let activationSeen = false;
  model.layers.forEach((layer, layerIndex) => {
    if (layer.type === 'dense') {
      views.push(viewOf(layer, views.length, layerIndex, inputs));
      inputs = layer.units;
      activationSeen = false;
    } else if (layer.type === 'activation') {
      const last = views[views.length - 1];
      if (last && !activationSeen) last.activation = layer.activation;
      activationSeen = true;
    }
  });
  return views;
}

function viewOf(layer: DenseLayer, dense: number, layerIndex: number, inputs: number): DenseView {
  const weights = Array.from({ length: layer.units }, (_, j) =>
    Array.from({ length: inputs }, (_, i) => layer.weights?.[j]?.[i] ?? 0),
  );
  const bias = Array.from({ length: layer.units }, (_, j) => layer.bias?.[j] ?? 0);
  return { dense, layerIndex, name: layer.name, units: layer.units, inputs, weights, bias, activation: 'linear' };
}

/** Trainable parameters of one Dense layer, n_l·(n_{l−1} + 1) (paper eq. 2). */
export function layerParameters(view: Pick<DenseView, 'units' | 'inputs'>): number {
  return view.units * (view.inputs + 1);
}

export function totalParameters(views: readonly DenseView[]): number {
  return views.reduce((sum, v) => sum + layerParameters(v), 0);
}

/**
 * Maximal runs of consecutive Dense layers joined only by linear activations
 * (Appendix A: such a stack equals one Dense layer). Each run has from < to.
 */
export function linearRuns(views: readonly DenseView[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let start = 0;
  for (let k = 1; k <= views.length; k++) {
    const joined = k < views.length && views[k - 1]!.activation === 'linear';
    if (!joined) {
      if (k - 1 > start) runs.push({ from: start, to: k - 1 });
      start = k;
    }
  }
  return runs;
}

export const ACTIVATION_LABELS: Record<ActivationName, string> = {
  relu: 'ReLU',
  leakyRelu: 'LeakyReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  softmax: 'Softmax',
  linear: 'Linear',
};
