// Looking at a kept epoch again: a deep copy of a snapshot (the kept one stays
// in the timeline while the copy's buffers are transferred to the host), and
// running a function with a snapshot's weights loaded into the network.

import type { Network } from '../engine';
import type { BoundaryGrid, LayerSnapshot, TrainingSnapshot } from '../protocol/training';

function cloneBoundary(b: BoundaryGrid): BoundaryGrid {
  const copy: BoundaryGrid = { resolution: b.resolution, xRange: [...b.xRange], yRange: [...b.yRange], output: b.output.slice() };
  if (b.argmax) copy.argmax = b.argmax.slice();
  if (b.hidden) copy.hidden = b.hidden.map((h) => h.slice());
  return copy;
}

function cloneLayer(l: LayerSnapshot): LayerSnapshot {
  const copy: LayerSnapshot = {
    ...l,
    weights: l.weights.slice(),
    bias: l.bias.slice(),
    gradWeights: l.gradWeights.slice(),
    gradBias: l.gradBias.slice(),
    deltaWeights: l.deltaWeights.slice(),
    deadUnits: [...l.deadUnits],
  };
  if (l.gradInputs) copy.gradInputs = l.gradInputs.slice();
  return copy;
}

export function cloneSnapshot(s: TrainingSnapshot): TrainingSnapshot {
  const copy: TrainingSnapshot = { ...s, layers: s.layers.map(cloneLayer) };
  if (s.boundary) copy.boundary = cloneBoundary(s.boundary);
  if (s.divergence) copy.divergence = { ...s.divergence };
  return copy;
}

/** Runs `task` with the snapshot's weights and biases in the network, then puts the current ones back. */
export function withWeights<T>(network: Network, layers: readonly LayerSnapshot[], task: () => T): T {
  const dense = network.denseLayers();
  const saved = dense.map((d) => ({ weights: d.weights.slice(), bias: d.bias.slice() }));
  try {
    dense.forEach((d, l) => {
      d.weights.set(layers[l].weights);
      d.bias.set(layers[l].bias);
    });
    return task();
  } finally {
    dense.forEach((d, l) => {
      d.weights.set(saved[l].weights);
      d.bias.set(saved[l].bias);
    });
  }
}
