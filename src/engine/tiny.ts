// The paper's per-sample loop for tiny networks, with no allocation and no
// calls per sample: forward, backward and the SGD update of every Dense layer
// in one pass over preallocated Float64Arrays. It trains the Dense layers'
// own weight arrays in place, and does what Trainer does at batch size 1 with
// plain SGD and no shuffle (every gradient is taken before any weight
// changes), minus the epoch reports; its tanh is fastTanh (within 4 ulp).
//
// Supported: Dense layers, each followed by at most one element-wise
// activation (tanh, sigmoid, relu, leakyRelu, linear), and the MSE loss.

import { Dense } from './dense';
import type { Layer } from './layer';
import type { Network } from './network';
import { fastTanh } from './fastTanh';
import { compileSample, type SampleStep } from './tinyCompile';

const TANH = 0;
const SIGMOID = 1;
const RELU = 2;
const LEAKY = 3;
const LINEAR = 4;

const CODES: Record<string, number> = { tanh: TANH, sigmoid: SIGMOID, relu: RELU, leakyRelu: LEAKY, linear: LINEAR };

/** The activation code after each Dense layer, or undefined when the network is not a plain MLP. */
export function tinyPlan(layers: readonly Layer[]): { dense: Dense[]; acts: number[]; alphas: number[] } | undefined {
  const dense: Dense[] = [];
  const acts: number[] = [];
  const alphas: number[] = [];
  for (const layer of layers) {
    if (layer instanceof Dense) {
      dense.push(layer);
      acts.push(LINEAR);
      alphas.push(0);
    } else {
      const code = CODES[layer.kind];
      if (code === undefined || dense.length === 0 || acts[acts.length - 1] !== LINEAR || dense.length !== acts.length) return undefined;
      if (layer.kind === 'linear') continue;
      acts[acts.length - 1] = code;
      alphas[alphas.length - 1] = (layer as unknown as { alpha?: number }).alpha ?? 0.01;
    }
  }
  return dense.length > 0 ? { dense, acts, alphas } : undefined;
}

export type TinyPlan = NonNullable<ReturnType<typeof tinyPlan>>;

export class TinyTrainer {
  private readonly dense: Dense[];
  private readonly acts: Int32Array;
  private readonly alphas: Float64Array;
  /** Activations a_l (a_0 is the input), one buffer per layer boundary. */
  private readonly a: Float64Array[];
  /** dL/dz_l of each Dense layer's output. */
  private readonly delta: Float64Array[];
  /** dL/dW and dL/db summed over a mini-batch (unused at batch size 1). */
  private readonly gradW: Float64Array[];
  private readonly gradB: Float64Array[];
  /** Unrolled versions of `sample`, per sample and per mini-batch; undefined where code generation is refused. */
  private unrolled: { perSample?: SampleStep; batch?: SampleStep };

  private constructor(network: Network, p: TinyPlan) {
    this.dense = p.dense;
    this.acts = Int32Array.from(p.acts);
    this.alphas = Float64Array.from(p.alphas);
    this.a = [new Float64Array(network.inputSize), ...p.dense.map((d) => new Float64Array(d.units))];
    this.delta = p.dense.map((d) => new Float64Array(d.units));
    this.gradW = p.dense.map((d) => new Float64Array(d.weights.length));
    this.gradB = p.dense.map((d) => new Float64Array(d.units));
    const sizes = [network.inputSize, ...p.dense.map((d) => d.units)];
    this.unrolled = {
      perSample: compileSample(sizes, this.acts, this.alphas, true),
      batch: compileSample(sizes, this.acts, this.alphas, false),
    };
  }

  /** A trainer for `network`, or undefined when it has a layer this loop does not handle (softmax, say). */
  static for(network: Network, options: { unroll?: boolean } = {}): TinyTrainer | undefined {
    const p = tinyPlan(network.layers);
    if (!p) return undefined;
    const trainer = new TinyTrainer(network, p);
    if (options.unroll === false) trainer.unrolled = {};
    return trainer;
  }

  /**
   * `epochs` passes over the samples in order, one SGD step per mini-batch of
   * `batchSize` (the last may be smaller) on the batch-mean MSE loss (mean over
   * outputs, as in losses.ts). Returns the mean loss of the last epoch.
   */
  trainEpochs(inputs: Float64Array, targets: Float64Array, count: number, epochs: number, learningRate: number, batchSize = 1): number {
    const step = Math.max(1, Math.floor(batchSize));
    const nOut = this.delta[this.delta.length - 1].length;
    const unrolled = step === 1 ? this.unrolled.perSample : this.unrolled.batch;
    const weights = this.dense.map((d) => d.weights);
    const biases = this.dense.map((d) => d.bias);
    let lossSum = 0;
    for (let e = 0; e < epochs; e++) {
      lossSum = 0;
      for (let start = 0; start < count; start += step) {
        const end = Math.min(count, start + step);
        if (step > 1) this.clearGradients();
        const scale = 1 / ((end - start) * nOut);
        if (unrolled) {
          for (let s = start; s < end; s++) lossSum += unrolled(weights, biases, this.gradW, this.gradB, inputs, targets, s, scale, learningRate);
        } else {
          for (let s = start; s < end; s++) lossSum += this.sample(inputs, targets, s, scale, learningRate, step === 1);
        }
        if (step > 1) this.applyGradients(learningRate);
      }
    }
    return lossSum / (count * nOut);
  }

  /** Forward and backward of sample s; updates at once when `perSample`, else sums the gradients. Returns Σ (ŷ − y)². */
  private sample(inputs: Float64Array, targets: Float64Array, s: number, scale: number, lr: number, perSample: boolean): number {
    const { dense, acts, alphas, a, delta, gradW, gradB } = this;
    const layers = dense.length;
    const x0 = a[0];
    const nIn = x0.length;
    for (let i = 0; i < nIn; i++) x0[i] = inputs[s * nIn + i];
    // Forward: a_{l+1} = f(W_l·a_l + b_l), summed in the reference kernels' order so results match Trainer.
    for (let l = 0; l < layers; l++) {
      const w = dense[l].weights;
      const b = dense[l].bias;
      const x = a[l];
      const y = a[l + 1];
      const n = x.length;
      const act = acts[l];
      for (let j = 0; j < y.length; j++) {
        let z = 0;
        const row = j * n;
        for (let i = 0; i < n; i++) z += x[i] * w[row + i];
        z += b[j];
        y[j] = act === TANH ? fastTanh(z) : act === SIGMOID ? sigmoid(z) : act === RELU ? (z > 0 ? z : 0) : act === LEAKY ? (z > 0 ? z : alphas[l] * z) : z;
      }
    }
    // MSE: dL/dŷ = 2(ŷ − y)·scale, then through the output activation.
    const out = a[layers];
    const top = delta[layers - 1];
    const nOut = out.length;
    let squares = 0;
    for (let k = 0; k < nOut; k++) {
      const diff = out[k] - targets[s * nOut + k];
      squares += diff * diff;
      top[k] = derivative(acts[layers - 1], alphas[layers - 1], scale * (2 * diff), out[k]);
    }
    // Backward: δ_{l−1} = f'(·) ⊙ W_lᵀ·δ_l with the weights forward used; dL/dW_l = δ_l·a_lᵀ, dL/db_l = δ_l.
    for (let l = layers - 1; l >= 0; l--) {
      const w = dense[l].weights;
      const b = dense[l].bias;
      const x = a[l];
      const g = delta[l];
      const n = x.length;
      if (l > 0) {
        const below = delta[l - 1];
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let j = 0; j < g.length; j++) sum += g[j] * w[j * n + i];
          below[i] = derivative(acts[l - 1], alphas[l - 1], sum, x[i]);
        }
      }
      if (perSample) {
        // SGD at once: nothing below reads W_l again for this sample.
        for (let j = 0; j < g.length; j++) {
          const gj = g[j];
          const row = j * n;
          for (let i = 0; i < n; i++) w[row + i] -= lr * (gj * x[i]);
          b[j] -= lr * gj;
        }
      } else {
        const gw = gradW[l];
        const gb = gradB[l];
        for (let j = 0; j < g.length; j++) {
          const gj = g[j];
          const row = j * n;
          for (let i = 0; i < n; i++) gw[row + i] += gj * x[i];
          gb[j] += gj;
        }
      }
    }
    return squares;
  }

  private clearGradients(): void {
    for (const g of this.gradW) g.fill(0);
    for (const g of this.gradB) g.fill(0);
  }

  /** w ← w − η·Σ_batch dL/dW, after every gradient of the batch is taken. */
  private applyGradients(lr: number): void {
    this.dense.forEach((d, l) => {
      const gw = this.gradW[l];
      const gb = this.gradB[l];
      for (let i = 0; i < d.weights.length; i++) d.weights[i] -= lr * gw[i];
      for (let j = 0; j < d.bias.length; j++) d.bias[j] -= lr * gb[j];
    });
  }
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** dL/dz from dL/dy for activation `act`, given y = f(z) (for relu and leakyRelu, y > 0 exactly when z > 0). */
function derivative(act: number, alpha: number, dy: number, y: number): number {
  switch (act) {
    case TANH:
      return dy * (1 - y * y);
    case SIGMOID:
      return dy * y * (1 - y);
    case RELU:
      return y > 0 ? dy : 0;
    case LEAKY:
      return y > 0 ? dy : alpha * dy;
    default:
      return dy;
  }
}
