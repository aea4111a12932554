// Words for what went wrong in a run: where a NaN or Inf first appeared, and
// which ReLU neurons stayed silent for a whole epoch.
import type { TrainingSnapshot } from '../../../src/protocol/training';
import { formatValue } from '../../viewmodel/equation';

export function layerName(dense: number, layers: number): string {
  return dense === layers - 1 ? 'Output' : `Dense ${dense + 1}`;
}

/** The divergence banner, or undefined when the run is healthy. */
export function divergenceText(snapshot: TrainingSnapshot): string | undefined {
  const d = snapshot.divergence;
  const bad = snapshot.layers.filter((l) => l.nonFinite).map((l) => l.dense);
  if (!d && bad.length === 0) return undefined;
  const what = d ? (d.what === 'loss' ? 'the loss' : `the ${d.what} of ${layerName(d.dense, snapshot.layers.length)}`) : `the weights of ${layerName(bad[0]!, snapshot.layers.length)}`;
  const epoch = d?.epoch ?? snapshot.epoch;
  const rate = Number.isFinite(snapshot.learningRate) ? ` (now ${formatValue(snapshot.learningRate, 4)})` : '';
  return `NaN or Inf in ${what} at epoch ${epoch}. Lower the learning rate${rate}, then Reset.`;
}

/** The Dense layer to mark as the fault's origin: the reported one, else the first non-finite one. */
export function faultLayer(snapshot: TrainingSnapshot): number | undefined {
  if (snapshot.divergence && snapshot.divergence.what !== 'loss') return snapshot.divergence.dense;
  return snapshot.layers.find((l) => l.nonFinite)?.dense ?? snapshot.divergence?.dense;
}

export function deadUnitsText(snapshot: TrainingSnapshot): string | undefined {
  const parts = snapshot.layers
    .filter((l) => l.deadUnits.length > 0)
    .map((l) => `${layerName(l.dense, snapshot.layers.length)}: ${l.deadUnits.length} of ${l.units}`);
  return parts.length ? `Dead ReLUs (no gradient all epoch) — ${parts.join(', ')}` : undefined;
}

export const DEAD_SUFFIX = ', dead ReLU: no gradient during the epoch';
