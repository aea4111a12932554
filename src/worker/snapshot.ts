// Turns the engine's state after an epoch (or a batch) into the LayerSnapshots
// the host forwards to the webview: float32 W, dL/dW, dL/db and ΔW, plus the
// dead-ReLU and non-finite marks.

import { Dense, type Network } from '../engine';
import type { LayerSnapshot, TrainingSnapshot } from '../protocol/training';

/** dL/dW, dL/db and ‖dL/dX‖ for one Dense layer, as the trainer reports them. */
export interface LayerGradient {
  dW: ArrayLike<number>;
  db: ArrayLike<number>;
  dXNorm: number;
}

/** The array itself when it is float32 already, else a float32 copy. */
function float32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

function isFiniteArray(values: ArrayLike<number>): boolean {
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k])) return false;
  return true;
}

/** Per Dense layer: whether a ReLU follows it directly, the only case where a zero gradient means a dead unit. */
export function reluAfterDense(network: Network): boolean[] {
  const flags: boolean[] = [];
  network.layers.forEach((layer, l) => {
    if (layer instanceof Dense) flags.push(network.layers[l + 1]?.kind === 'relu');
  });
  return flags;
}

/** Units whose dL/db and every dL/dW in their row are exactly zero: the ReLU never let a gradient through. */
export function deadUnits(grad: LayerGradient, units: number, inputs: number): number[] {
  const dead: number[] = [];
  for (let j = 0; j < units; j++) {
    if (grad.db[j] !== 0) continue;
    let zero = true;
    for (let i = 0; i < inputs && zero; i++) zero = grad.dW[j * inputs + i] === 0;
    if (zero) dead.push(j);
  }
  return dead;
}

export class SnapshotBuilder {
  /** W at the previous snapshot, for ΔW. */
  private previous: Float64Array[];
  private readonly relu: boolean[];

  constructor(private readonly network: Network) {
    this.previous = network.denseLayers().map((d) => d.weights.slice());
    this.relu = reluAfterDense(network);
  }

  /** Forget ΔW history, after the weights were re-initialised. */
  restart(): void {
    this.previous = this.network.denseLayers().map((d) => d.weights.slice());
  }

  /**
   * Layer snapshots of the current parameters. `markDead` only when the
   * gradients cover a whole epoch; `gradInputs` per Dense layer from a probe.
   * Float32 gradients become the snapshot's own arrays, uncopied: the caller
   * hands them over. W and ΔW come from one pass over the weights.
   */
  layers(gradients: LayerGradient[], markDead: boolean, gradInputs?: Float64Array[]): LayerSnapshot[] {
    return this.network.denseLayers().map((d, l) => {
      const g = gradients[l];
      const before = this.previous[l];
      const weights = new Float32Array(d.weights.length);
      const delta = new Float32Array(d.weights.length);
      let finite = true;
      for (let k = 0; k < weights.length; k++) {
        const w = d.weights[k];
        if (!Number.isFinite(w)) finite = false;
        weights[k] = w;
        delta[k] = w - before[k];
      }
      before.set(d.weights);
      const layer: LayerSnapshot = {
        dense: l,
        units: d.units,
        inputs: d.inputSize,
        weights,
        bias: Float32Array.from(d.bias),
        gradWeights: float32(g.dW),
        gradBias: float32(g.db),
        deltaWeights: delta,
        gradInputNorm: g.dXNorm,
        deadUnits: markDead && this.relu[l] ? deadUnits(g, d.units, d.inputSize) : [],
        nonFinite: !(finite && isFiniteArray(d.bias) && isFiniteArray(g.dW) && isFiniteArray(g.db)),
      };
      if (gradInputs) layer.gradInputs = Float32Array.from(gradInputs[l]);
      return layer;
    });
  }

  /** The current batch's gradients, straight from the Dense layers (before any probe overwrites them). */
  batchGradients(): LayerGradient[] {
    return this.network.denseLayers().map((d) => ({ dW: Float32Array.from(d.gradWeights), db: Float32Array.from(d.gradBias), dXNorm: NaN }));
  }

  /** Zero gradients, for the initial state and right after a reset. */
  zeroGradients(): LayerGradient[] {
    return this.network.denseLayers().map((d) => ({ dW: new Float32Array(d.weights.length), db: new Float32Array(d.units), dXNorm: 0 }));
  }
}

/**
 * Where a NaN or Inf first shows: the loss, else the gradients scanned from the
 * output back (the order the backward pass runs), else the weights.
 */
export function findDivergence(snapshot: Pick<TrainingSnapshot, 'loss' | 'layers'>): { dense: number; what: 'loss' | 'weights' | 'gradients' } | undefined {
  const last = snapshot.layers.length - 1;
  if (!Number.isFinite(snapshot.loss)) return { dense: last, what: 'loss' };
  for (let l = last; l >= 0; l--) {
    const layer = snapshot.layers[l];
    if (!isFiniteArray(layer.gradWeights) || !isFiniteArray(layer.gradBias)) return { dense: l, what: 'gradients' };
  }
  for (let l = 0; l <= last; l++) {
    const layer = snapshot.layers[l];
    if (!isFiniteArray(layer.weights) || !isFiniteArray(layer.bias)) return { dense: l, what: 'weights' };
  }
  return undefined;
}
