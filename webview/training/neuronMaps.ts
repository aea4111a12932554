// Each hidden neuron's activation over the input plane as a tiny image, drawn
// inside its node like TensorFlow Playground. Keys are "column:neuron".
import type { BoundaryGrid } from '../../src/protocol/training';
import type { ActivationName } from '../../src/model/types';
import type { Palette } from '../viewmodel/scales';
import { gridPixels, outputDomain } from './viewmodel/boundary';

/** Hidden neurons past this many per layer are not drawn (the diagram summarises tall columns too). */
const MAX_PER_LAYER = 64;

export function neuronMaps(grid: BoundaryGrid, activations: readonly ActivationName[], palette: Palette): Map<string, string> {
  const maps = new Map<string, string>();
  const res = grid.resolution;
  const cells = res * res;
  const canvas = document.createElement('canvas');
  canvas.width = res;
  canvas.height = res;
  const ctx = canvas.getContext('2d');
  if (!ctx) return maps;
  (grid.hidden ?? []).forEach((values, dense) => {
    const units = Math.min(MAX_PER_LAYER, Math.floor(values.length / cells));
    for (let neuron = 0; neuron < units; neuron++) {
      const slice = values.subarray(neuron * cells, (neuron + 1) * cells);
      const domain = outputDomain(activations[dense] ?? 'linear', slice);
      ctx.putImageData(new ImageData(gridPixels(slice, res, domain, palette), res, res), 0, 0);
      maps.set(`${dense + 1}:${neuron}`, canvas.toDataURL());
    }
  });
  return maps;
}
