// Straight-line code for one sample of the tiny-network loop (tiny.ts): every
// multiply-add of a small MLP unrolled with its sizes as constants, compiled
// once with `new Function`, as the object-graph libraries do. The arithmetic
// and its order are those of TinyTrainer's loops, so results are identical;
// tanh is fastTanh (within 4 ulp of Math.tanh), written out inline.
// Where code generation is not allowed (a strict content security policy),
// `compileSample` returns undefined and the loops run instead.

import { TANH_TABLES, tanhStatements } from './fastTanh';

/** One sample: forward, MSE gradient, backward, and SGD or gradient sums. Returns Σ (ŷ − y)². */
export type SampleStep = (
  weights: Float64Array[], biases: Float64Array[], gradW: Float64Array[], gradB: Float64Array[],
  inputs: Float64Array, targets: Float64Array, s: number, scale: number, lr: number,
) => number;

const TANH = 0;

/** Activation codes as in tiny.ts: tanh (written out by tanhStatements instead), sigmoid, relu, leakyRelu, linear. */
const FORWARD = [
  (z: string) => z,
  (z: string) => `(${z} >= 0 ? 1 / (1 + Math.exp(-${z})) : Math.exp(${z}) / (1 + Math.exp(${z})))`,
  (z: string) => `(${z} > 0 ? ${z} : 0)`,
  (z: string, alpha: number) => `(${z} > 0 ? ${z} : ${alpha} * ${z})`,
  (z: string) => z,
];

/** dL/dz from dL/dy = `dy` and y = `y`, as tiny.ts's derivative(). */
const BACKWARD = [
  (dy: string, y: string) => `${dy} * (1 - ${y} * ${y})`,
  (dy: string, y: string) => `${dy} * ${y} * (1 - ${y})`,
  (dy: string, y: string) => `(${y} > 0 ? ${dy} : 0)`,
  (dy: string, y: string, alpha: number) => `(${y} > 0 ? ${dy} : ${alpha} * ${dy})`,
  (dy: string) => dy,
];

/** Largest number of weights that is unrolled; bigger networks use the loops. */
export const MAX_UNROLLED_WEIGHTS = 1024;

export function fitsUnrolled(sizes: readonly number[]): boolean {
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l] * sizes[l + 1];
  return total <= MAX_UNROLLED_WEIGHTS;
}

/**
 * The forward pass of sample `s`: a0_i from `inputs`, then z_{l+1} = W_l·a_l + b_l (summed from 0 in
 * input order, then the bias, as the reference kernels do) and a_{l+1} = f(z_{l+1}), reading W_l and B_l.
 */
export function forwardLines(sizes: readonly number[], acts: ArrayLike<number>, alphas: ArrayLike<number>): string[] {
  const lines: string[] = [];
  const nIn = sizes[0];
  for (let i = 0; i < nIn; i++) lines.push(`const a0_${i} = inputs[s * ${nIn} + ${i}];`);
  for (let l = 0; l + 1 < sizes.length; l++) {
    const n = sizes[l];
    for (let j = 0; j < sizes[l + 1]; j++) {
      const terms = Array.from({ length: n }, (_, i) => `a${l}_${i} * W${l}[${j * n + i}]`);
      lines.push(`const z${l + 1}_${j} = 0 + ${terms.join(' + ')} + B${l}[${j}];`);
      if (acts[l] === TANH) lines.push(tanhStatements(`z${l + 1}_${j}`, `a${l + 1}_${j}`));
      else lines.push(`const a${l + 1}_${j} = ${FORWARD[acts[l]](`z${l + 1}_${j}`, alphas[l])};`);
    }
  }
  return lines;
}

export function compileSample(sizes: number[], acts: ArrayLike<number>, alphas: ArrayLike<number>, perSample: boolean): SampleStep | undefined {
  const layers = sizes.length - 1;
  if (!fitsUnrolled(sizes)) return undefined;
  const lines: string[] = [];
  const nOut = sizes[layers];
  for (let l = 0; l < layers; l++) lines.push(`const W${l} = weights[${l}], B${l} = biases[${l}], GW${l} = gradW[${l}], GB${l} = gradB[${l}];`);
  lines.push(...forwardLines(sizes, acts, alphas));
  lines.push('let squares = 0;');
  for (let k = 0; k < nOut; k++) {
    lines.push(`const e${k} = a${layers}_${k} - targets[s * ${nOut} + ${k}];`, `squares += e${k} * e${k};`);
    lines.push(`const d${layers - 1}_${k} = ${BACKWARD[acts[layers - 1]](`(scale * (2 * e${k}))`, `a${layers}_${k}`, alphas[layers - 1])};`);
  }
  for (let l = layers - 1; l >= 0; l--) {
    const n = sizes[l];
    const units = sizes[l + 1];
    if (l > 0) {
      for (let i = 0; i < n; i++) {
        const terms = Array.from({ length: units }, (_, j) => `d${l}_${j} * W${l}[${j * n + i}]`);
        lines.push(`const d${l - 1}_${i} = ${BACKWARD[acts[l - 1]](`(0 + ${terms.join(' + ')})`, `a${l}_${i}`, alphas[l - 1])};`);
      }
    }
    for (let j = 0; j < units; j++) {
      for (let i = 0; i < n; i++) {
        lines.push(perSample ? `W${l}[${j * n + i}] -= lr * (d${l}_${j} * a${l}_${i});` : `GW${l}[${j * n + i}] += d${l}_${j} * a${l}_${i};`);
      }
      lines.push(perSample ? `B${l}[${j}] -= lr * d${l}_${j};` : `GB${l}[${j}] += d${l}_${j};`);
    }
  }
  lines.push('return squares;');
  return compile<SampleStep>(['weights', 'biases', 'gradW', 'gradB', 'inputs', 'targets', 's', 'scale', 'lr'], lines);
}

/** A function of `params` with `lines` as its body, which may read the tanh tables; undefined where code generation is refused. */
export function compile<F>(params: readonly string[], lines: readonly string[]): F | undefined {
  try {
    const names = Object.keys(TANH_TABLES);
    const make = new Function(...names, `return function (${params.join(', ')}) {\n${lines.join('\n')}\n};`) as (...tables: Float64Array[]) => F;
    return make(...Object.values(TANH_TABLES));
  } catch {
    return undefined;
  }
}
