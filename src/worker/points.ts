// The training points drawn on the decision boundary of a two-input network:
// at most MAX_SCATTER_POINTS of them, a sample drawn with the training seed, so
// a 100,000-row file does not cross to the host and the webview row by row and
// the same file and seed always show the same points.

import type { SampleSet } from '../data';
import { createRng, randomInt } from '../engine/random';
import type { ScatterPoints } from '../protocol/training';

export const MAX_SCATTER_POINTS = 2000;

/** Sample indices to draw, in file order: all of them, or `limit` chosen by a partial Fisher–Yates shuffle. */
export function scatterIndices(count: number, limit: number, seed: number): Uint32Array {
  const order = new Uint32Array(count).map((_, i) => i);
  if (count <= limit) return order;
  const rng = createRng(seed);
  for (let i = 0; i < limit; i++) {
    const j = i + randomInt(rng, count - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order.slice(0, limit).sort();
}

/** One label per sample for drawing points: the target itself, or the argmax class when one-hot. */
function labelOf(set: SampleSet, s: number): number {
  const k = set.targetSize;
  if (k === 1) return set.targets[s]!;
  let best = 0;
  for (let c = 1; c < k; c++) if (set.targets[s * k + c]! > set.targets[s * k + best]!) best = c;
  return best;
}

/** The points of a two-input training set to draw, with the number there are in all. */
export function scatterPoints(set: SampleSet, seed: number, limit = MAX_SCATTER_POINTS): ScatterPoints {
  const chosen = scatterIndices(set.count, limit, seed);
  const inputs = new Float32Array(chosen.length * 2);
  const labels = new Float32Array(chosen.length);
  chosen.forEach((s, n) => {
    inputs[2 * n] = set.inputs[2 * s]!;
    inputs[2 * n + 1] = set.inputs[2 * s + 1]!;
    labels[n] = labelOf(set, s);
  });
  return { inputs, labels, count: chosen.length, total: set.count };
}
