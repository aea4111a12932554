// The layer's equation written out with its real shapes, in the paper's column
// convention y = f(W·x + b) or the row convention of Appendix B, y = f(x·W + b)
// with W transposed.
import type { ActivationName } from '../../src/model/types';

export type Convention = 'column' | 'row';

const FUNCTION_NAMES: Record<ActivationName, string> = {
  relu: 'relu',
  leakyRelu: 'leakyRelu',
  sigmoid: 'σ',
  tanh: 'tanh',
  softmax: 'softmax',
  linear: '',
};

export function equationText(units: number, inputs: number, activation: ActivationName, convention: Convention): string {
  const shape = (rows: number, cols: number): string => `(${rows}×${cols})`;
  const inner =
    convention === 'column'
      ? `W${shape(units, inputs)}·x${shape(inputs, 1)} + b${shape(units, 1)}`
      : `x${shape(1, inputs)}·W${shape(inputs, units)} + b${shape(1, units)}`;
  const y = convention === 'column' ? `y${shape(units, 1)}` : `y${shape(1, units)}`;
  const f = FUNCTION_NAMES[activation];
  return f ? `${y} = ${f}(${inner})` : `${y} = ${inner}`;
}

/** W in the chosen convention: as stored (units × inputs) or transposed. */
export function orientedMatrix(weights: readonly (readonly number[])[], inputs: number, convention: Convention): number[][] {
  if (convention === 'column') return weights.map((row) => [...row]);
  return Array.from({ length: inputs }, (_, i) => weights.map((row) => row[i] ?? 0));
}

/**
 * Appendix A: consecutive linear Dense layers W_k…W_1 equal one layer with
 * W = W_k·…·W_1 and b = W_k·(…(W_2·b_1 + b_2)…) + b_k.
 */
export function collapsePreview(layers: readonly { weights: number[][]; bias: number[] }[]): { weights: number[][]; bias: number[] } {
  const first = layers[0];
  if (!first) return { weights: [], bias: [] };
  let weights = first.weights.map((row) => [...row]);
  let bias = [...first.bias];
  for (const layer of layers.slice(1)) {
    weights = layer.weights.map((row) =>
      Array.from({ length: weights[0]?.length ?? 0 }, (_, i) => row.reduce((s, w, k) => s + w * weights[k]![i]!, 0)),
    );
    bias = layer.weights.map((row, j) => row.reduce((s, w, k) => s + w * bias[k]!, 0) + layer.bias[j]!);
  }
  return { weights, bias };
}

/** Short fixed-width number for matrix cells and tooltips. */
export function formatValue(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3)) return value.toExponential(2);
  return value.toFixed(digits);
}
