// Small plots of each activation on [−3, 3], drawn on its Dense layer's column.
import type { ActivationName } from '../../src/model/types';

const CURVES: Record<ActivationName, (x: number) => number> = {
  relu: (x) => Math.max(0, x),
  leakyRelu: (x) => (x > 0 ? x : 0.1 * x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  // Softmax has no scalar curve; its per-component shape against the others is exp-like.
  softmax: (x) => Math.exp(x),
  linear: (x) => x,
};

/** Points of the curve scaled into a width × height box (y grows downwards). */
export function glyphPoints(activation: ActivationName, width: number, height: number, samples = 24): [number, number][] {
  const f = CURVES[activation];
  const xs = Array.from({ length: samples }, (_, k) => -3 + (6 * k) / (samples - 1));
  const ys = xs.map(f);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const span = hi - lo || 1;
  return xs.map((x, k) => [((x + 3) / 6) * width, height - ((ys[k]! - lo) / span) * height]);
}
