// Inference for tiny networks: the forward pass of tinyCompile.ts's straight-line
// code, looped over the samples, with no layer objects in between and no
// allocation per call. It computes what the layer-by-layer forward computes, in
// the same order (tanh within 4 ulp, see fastTanh.ts), but leaves the layers' caches alone, so it serves prediction
// and evaluation, never a forward pass that a backward pass follows.

import type { Dense } from './dense';
import { ensureCapacity } from './kernels';
import type { Layer } from './layer';
import { tinyPlan } from './tiny';
import { compile, fitsUnrolled, forwardLines } from './tinyCompile';

type ForwardRun = (dense: readonly Dense[], inputs: Float64Array, count: number, out: Float64Array) => void;

export class TinyForward {
  private output: Float64Array = new Float64Array(0);

  private constructor(
    private readonly dense: readonly Dense[],
    private readonly outputSize: number,
    private readonly run: ForwardRun,
  ) {}

  /** A compiled forward for these layers, or undefined when they are not a small plain MLP or code generation is refused. */
  static for(inputSize: number, layers: readonly Layer[]): TinyForward | undefined {
    const p = tinyPlan(layers);
    if (!p) return undefined;
    const sizes = [inputSize, ...p.dense.map((d) => d.units)];
    if (!fitsUnrolled(sizes)) return undefined;
    const last = sizes.length - 1;
    const nOut = sizes[last];
    // Weights are read per call, so training or loading new values between calls needs no recompiling.
    const lines = p.dense.map((_, l) => `const W${l} = dense[${l}].weights, B${l} = dense[${l}].bias;`);
    lines.push('for (let s = 0; s < count; s++) {', ...forwardLines(sizes, p.acts, p.alphas));
    for (let k = 0; k < nOut; k++) lines.push(`out[s * ${nOut} + ${k}] = a${last}_${k};`);
    lines.push('}');
    const run = compile<ForwardRun>(['dense', 'inputs', 'count', 'out'], lines);
    return run && new TinyForward(p.dense, nOut, run);
  }

  /** Outputs of `count` samples, sample-major; the buffer is reused by the next call and may be longer. */
  forward(inputs: Float64Array, count: number): Float64Array {
    this.output = ensureCapacity(this.output, count * this.outputSize);
    this.run(this.dense, inputs, count, this.output);
    return this.output;
  }
}
