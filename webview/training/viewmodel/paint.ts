// What the diagram shows for a snapshot in each view: the link values of every
// Dense layer, the node values of every column, and each one's symmetric domain.
import type { TrainingSnapshot } from '../../../src/protocol/training';
import { faultLayer } from './faults';
import { fullLinks, summaryRange, type LinkKind } from './sample';

export type TrainingMode = 'weights' | 'gradients' | 'delta';

export const LINK_KIND: Record<TrainingMode, LinkKind> = { weights: 'weights', gradients: 'gradWeights', delta: 'deltaWeights' };

export const MODE_LABELS: Record<TrainingMode, string> = {
  weights: 'Weights',
  gradients: 'Gradients',
  delta: 'Δ weights',
};

export interface Paint {
  mode: TrainingMode;
  epoch: number;
  /** Per Dense layer: the link values, W[j][i] at j·inputs + i. */
  links: Float32Array[];
  inputs: number[];
  /** Per Dense layer: max |v| over all its links (a sampled layer's summary says) and bias markers, non-finite values ignored. */
  linkMax: number[];
  /** Per Dense layer: the value its bias marker shows, or undefined for a neutral marker. */
  bias: (Float32Array | undefined)[];
  /** Per column (input column first): node magnitudes, or undefined for the plain node look. */
  nodes: (Float32Array | undefined)[];
  /** max over every node magnitude. */
  nodeMax: number;
  /** Per Dense layer: its neurons that never fired during the epoch. */
  dead: number[][];
  /** Per Dense layer: a NaN or Inf in its weights or gradients. */
  nonFinite: boolean[];
  /** The Dense layer where a NaN or Inf first appeared, and the epoch. */
  fault: { dense: number; epoch: number } | undefined;
}

export function maxAbs(...arrays: (ArrayLike<number> | undefined)[]): number {
  let m = 0;
  for (const a of arrays) {
    if (!a) continue;
    for (let k = 0; k < a.length; k++) {
      const v = Math.abs(a[k]!);
      if (v > m && v !== Infinity) m = v;
    }
  }
  return m;
}

/** Per neuron |dL/dX| at a layer's input, or the layer's norm spread evenly when per-neuron values were not sent. */
function inputMagnitudes(gradInputs: Float32Array | undefined, norm: number, size: number): Float32Array {
  if (gradInputs && gradInputs.length === size) return gradInputs.map(Math.abs);
  return new Float32Array(size).fill(Math.abs(norm));
}

export function paintFor(snapshot: TrainingSnapshot, mode: TrainingMode): Paint {
  const layers = snapshot.layers;
  const kind = LINK_KIND[mode];
  const links = layers.map((l) => fullLinks(l, kind));
  const bias = layers.map((l) => (mode === 'weights' ? l.bias : mode === 'gradients' ? l.gradBias : undefined));
  const nodes: (Float32Array | undefined)[] = [];
  if (mode === 'gradients') {
    // Column c < L is layer c's input; the output column shows |dL/dz| of the last layer, which is its dL/db.
    layers.forEach((l) => nodes.push(inputMagnitudes(l.gradInputs, l.gradInputNorm, l.inputs)));
    const last = layers[layers.length - 1];
    nodes.push(last ? last.gradBias.map(Math.abs) : undefined);
  } else {
    for (let c = 0; c <= layers.length; c++) nodes.push(undefined);
  }
  const fault = faultLayer(snapshot);
  return {
    mode,
    epoch: snapshot.epoch,
    links,
    inputs: layers.map((l) => l.inputs),
    linkMax: layers.map((l, d) => Math.max(summaryRange(l, kind) ?? maxAbs(links[d]), maxAbs(bias[d]))),
    bias,
    nodes,
    nodeMax: maxAbs(...nodes),
    dead: layers.map((l) => l.deadUnits),
    nonFinite: layers.map((l) => l.nonFinite),
    fault: fault === undefined ? undefined : { dense: fault, epoch: snapshot.divergence?.epoch ?? snapshot.epoch },
  };
}

/** The legend's caption for a view. */
export function modeCaption(mode: TrainingMode, epoch: number): string {
  switch (mode) {
    case 'weights':
      return `Weight, epoch ${epoch}`;
    case 'gradients':
      return `dL/dW and dL/db, epoch ${epoch}`;
    case 'delta':
      return `Change of each weight over epoch ${epoch}`;
  }
}
