// Mini-batch SGD of a multilayer perceptron with every buffer resident in the
// WASM memory as float32: GEMMs for Z = X·Wᵀ, dL/dW = Δᵀ·X and dL/dX = Δ·W,
// the fused bias + activation and activation-backward + dL/db kernels, and the
// SGD update in WASM. Nothing is converted per batch but the batch itself, and
// the first layer's dL/dX, which training never needs, is not computed.
//
// It trains the Dense layers' own weights: trainEpochs copies them in when it
// starts and writes them back when it ends, doing what Trainer does with plain
// SGD and no shuffle, in float32, minus the epoch reports. The per-batch pieces
// (gradients, sgd, the batch and layer buffers) serve WasmStep, which gives
// Trainer its epochs, shuffle, optimizers and reports.
// Supported: Dense layers each followed by at most one activation (relu,
// leakyRelu, tanh, sigmoid, linear), ending either in softmax with
// cross-entropy or in an element-wise activation with MSE.

import { Softmax } from '../activations';
import { Dense } from '../dense';
import { CLIP_EPSILON } from '../losses';
import type { Network } from '../network';
import type { ParallelGemm } from './backend';
import type { ElementwiseKernels, WasmRuntime } from './runtime';

const CODES: Record<string, number> = { linear: 0, relu: 1, leakyRelu: 2, tanh: 3, sigmoid: 4 };

/** One Dense layer's buffers in the runtime's memory (byte offsets). */
export interface LayerBuffers {
  readonly dense: Dense;
  readonly inputs: number;
  readonly units: number;
  /** Weights, bias, their gradients, outputs (batch × units). */
  readonly w: number;
  readonly b: number;
  readonly gw: number;
  readonly gb: number;
  readonly y: number;
}

interface Slot {
  dense: Dense;
  inputs: number;
  units: number;
  /** Activation code after this layer (elementwise.wat), or -1 for a final softmax. */
  code: number;
  alpha: number;
  /** Byte offsets: weights, bias, their gradients, outputs (batch × units) and dL/dZ (batch × units). */
  w: number; b: number; gw: number; gb: number; y: number; d: number;
}

export class WasmMlpTrainer {
  private readonly x: number;
  private readonly t: number;

  private constructor(
    private readonly rt: WasmRuntime,
    private readonly ew: ElementwiseKernels,
    private readonly slots: Slot[],
    private readonly batch: number,
    private readonly parallel: ParallelGemm | undefined,
  ) {
    this.x = rt.alloc(batch * slots[0].inputs);
    this.t = rt.alloc(batch * slots[slots.length - 1].units);
    for (const s of slots) {
      s.w = rt.alloc(s.units * s.inputs);
      s.gw = rt.alloc(s.units * s.inputs);
      s.b = rt.alloc(s.units);
      s.gb = rt.alloc(s.units);
      s.y = rt.alloc(batch * s.units);
      s.d = rt.alloc(batch * s.units);
    }
  }

  /** A trainer for `network` at mini-batches of up to `batchSize`, or undefined when a layer or the runtime does not fit. */
  static for(network: Network, rt: WasmRuntime, options: { batchSize: number; parallel?: ParallelGemm }): WasmMlpTrainer | undefined {
    if (!rt.elementwise) return undefined;
    const slots: Slot[] = [];
    for (const layer of network.layers) {
      const last = slots[slots.length - 1];
      if (layer instanceof Dense) {
        slots.push({ dense: layer, inputs: layer.inputSize, units: layer.units, code: 0, alpha: 0, w: 0, b: 0, gw: 0, gb: 0, y: 0, d: 0 });
      } else if (!last || last.code !== 0) {
        return undefined;
      } else if (layer instanceof Softmax) {
        last.code = -1;
      } else if (CODES[layer.kind] !== undefined) {
        last.code = CODES[layer.kind];
        last.alpha = (layer as unknown as { alpha?: number }).alpha ?? 0;
      } else {
        return undefined;
      }
    }
    if (slots.length === 0 || slots.slice(0, -1).some((s) => s.code === -1)) return undefined;
    return new WasmMlpTrainer(rt, rt.elementwise, slots, Math.max(1, Math.floor(options.batchSize)), options.parallel);
  }

  /**
   * `epochs` passes over the samples in order; returns the mean loss of the last epoch (measured
   * before each update). Float32 data is copied into each batch as it is; float64 data is rounded
   * to float32 on the way, batch after batch, which costs about a tenth of an MNIST step.
   */
  trainEpochs(inputs: Float64Array | Float32Array, targets: Float64Array | Float32Array, count: number, epochs: number, learningRate: number): number {
    const { rt, slots, batch } = this;
    this.uploadWeights();
    const nIn = slots[0].inputs;
    const nOut = slots[slots.length - 1].units;
    let lossSum = 0;
    for (let e = 0; e < epochs; e++) {
      lossSum = 0;
      for (let start = 0; start < count; start += batch) {
        const n = Math.min(batch, count - start);
        const f32 = rt.f32;
        f32.set(inputs.subarray(start * nIn, (start + n) * nIn), this.x >> 2);
        f32.set(targets.subarray(start * nOut, (start + n) * nOut), this.t >> 2);
        lossSum += this.gradients(n);
        this.sgd(learningRate);
      }
    }
    this.downloadWeights();
    return lossSum / count;
  }

  /** The per-layer buffers, as byte offsets into the runtime's memory. */
  get layers(): readonly LayerBuffers[] {
    return this.slots;
  }

  /** Where a batch goes: `count` samples of inputs and targets, sample-major, float32. */
  batchInputs(count: number): Float32Array {
    return this.rt.f32.subarray(this.x >> 2, (this.x >> 2) + count * this.slots[0].inputs);
  }

  batchTargets(count: number): Float32Array {
    return this.rt.f32.subarray(this.t >> 2, (this.t >> 2) + count * this.slots[this.slots.length - 1].units);
  }

  /**
   * Forward and backward over the `count` samples in the batch buffers: every
   * layer's gw and gb then hold dL/dW and dL/db of the batch-mean loss. With
   * `norms`, norms[l] = ‖dL/dX‖₂ of layer l's input over the batch; for the
   * first layer this costs one more GEMM, and without `firstNorm` norms[0] is
   * NaN. Returns the loss summed over the samples.
   */
  gradients(count: number, norms?: Float64Array, firstNorm = true): number {
    this.forward(count);
    const loss = this.lossGradient(count);
    this.backward(count, norms, firstNorm);
    return loss;
  }

  /** w ← w − η·dL/dw for every weight and bias, in WASM. */
  sgd(learningRate: number): void {
    for (const s of this.slots) {
      this.ew.sgd(s.w, s.gw, s.units * s.inputs, learningRate);
      this.ew.sgd(s.b, s.gb, s.units, learningRate);
    }
  }

  /** Copy the Dense layers' current weights into the WASM buffers (trainEpochs does this itself). */
  uploadWeights(): void {
    const f32 = this.rt.f32;
    for (const s of this.slots) {
      f32.set(s.dense.weights, s.w >> 2);
      f32.set(s.dense.bias, s.b >> 2);
    }
  }

  /** Write the trained weights back into the Dense layers; with `gradients`, the last batch's dL/dW and dL/db too. */
  downloadWeights(gradients = false): void {
    const f32 = this.rt.f32;
    const copy = (into: Float64Array, offset: number): void => into.set(f32.subarray(offset >> 2, (offset >> 2) + into.length));
    for (const s of this.slots) {
      copy(s.dense.weights, s.w);
      copy(s.dense.bias, s.b);
      if (gradients) {
        copy(s.dense.gradWeights, s.gw);
        copy(s.dense.gradBias, s.gb);
      }
    }
  }

  /**
   * Forward pass of `count` samples (at most the batch size) with the weights
   * last uploaded or trained; returns a view of the outputs (count × outputs),
   * valid until the next call.
   */
  predict(inputs: Float64Array | Float32Array, count: number): Float32Array {
    if (count > this.batch) throw new RangeError(`predict: ${count} samples exceed the batch size ${this.batch}`);
    const nIn = this.slots[0].inputs;
    this.rt.f32.set(inputs.subarray(0, count * nIn), this.x >> 2);
    this.forward(count);
    const top = this.slots[this.slots.length - 1];
    return this.rt.f32.subarray(top.y >> 2, (top.y >> 2) + count * top.units);
  }

  private gemm(m: number, n: number, k: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number, ldc: number): void {
    if (!this.parallel?.run(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, false)) {
      this.rt.gemm(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, 0, this.rt.work(0));
    }
  }

  /** Y_l = f(Y_{l−1}·W_lᵀ + b_l) for every layer. */
  private forward(n: number): void {
    let x = this.x;
    for (const s of this.slots) {
      this.gemm(n, s.units, s.inputs, x, s.inputs, 1, s.w, 1, s.inputs, s.y, s.units);
      this.ew.bias_act(s.y, n, s.units, s.b, s.code > 2 || s.code < 0 ? 0 : s.code, s.alpha);
      const f32 = this.rt.f32;
      const from = s.y >> 2;
      const to = from + n * s.units;
      if (s.code === 3) for (let i = from; i < to; i++) f32[i] = Math.tanh(f32[i]);
      else if (s.code === 4) for (let i = from; i < to; i++) f32[i] = 1 / (1 + Math.exp(-f32[i]));
      else if (s.code === -1) softmaxRows(f32, from, n, s.units);
      x = s.y;
    }
  }

  /** dL/dY of the batch-mean loss into the last layer's Δ; returns the loss summed over the batch's samples. */
  private lossGradient(n: number): number {
    const top = this.slots[this.slots.length - 1];
    const f32 = this.rt.f32;
    const y = top.y >> 2;
    const t = this.t >> 2;
    const d = top.d >> 2;
    const size = top.units;
    let loss = 0;
    if (top.code === -1) {
      // Softmax + cross-entropy: dL/dz = (ŷ·Σy − y)/m (losses.ts), ℓ = −Σ y log clip(ŷ).
      for (let s = 0; s < n; s++) {
        let total = 0;
        for (let k = 0; k < size; k++) total += f32[t + s * size + k];
        for (let k = 0; k < size; k++) {
          const i = s * size + k;
          const target = f32[t + i];
          if (target !== 0) loss -= target * Math.log(Math.min(1 - CLIP_EPSILON, Math.max(CLIP_EPSILON, f32[y + i])));
          f32[d + i] = (f32[y + i] * total - target) / n;
        }
      }
    } else {
      // MSE, mean over outputs: dL/dŷ = 2(ŷ − y)/(m·n_out).
      for (let i = 0; i < n * size; i++) {
        const e = f32[y + i] - f32[t + i];
        loss += (e * e) / size;
        f32[d + i] = (2 * e) / (n * size);
      }
    }
    return loss;
  }

  /** dL/dW, dL/db for every layer, and Δ_{l−1} = f'(·) ⊙ Δ_l·W_l for every layer but the first; see `gradients` for `norms`. */
  private backward(n: number, norms: Float64Array | undefined, firstNorm: boolean): void {
    const { slots } = this;
    const top = slots[slots.length - 1];
    // Through the output activation (softmax's is already in Δ), with dL/db on the way.
    this.ew.act_back_bias(top.d, top.d, top.y, n, top.units, top.gb, top.code < 0 ? 0 : top.code, top.alpha);
    for (let l = slots.length - 1; l >= 0; l--) {
      const s = slots[l];
      const x = l > 0 ? slots[l - 1].y : this.x;
      this.gemm(s.units, s.inputs, n, s.d, 1, s.units, x, s.inputs, 1, s.gw, s.inputs);
      // dL/dX = Δ_l·W_l, into the layer below's Δ, or into a scratch area for the network input.
      const dx = l > 0 ? slots[l - 1].d : norms && firstNorm ? this.rt.scratch(n * s.inputs * 4) : -1;
      if (dx < 0) {
        if (norms) norms[0] = NaN;
        continue;
      }
      this.gemm(n, s.inputs, s.units, s.d, s.units, 1, s.w, s.inputs, 1, dx, s.inputs);
      if (norms) norms[l] = Math.sqrt(sumSquares(this.rt.f32, dx >> 2, n * s.inputs));
      if (l > 0) {
        const below = slots[l - 1];
        this.ew.act_back_bias(below.d, below.d, below.y, n, below.units, below.gb, below.code, below.alpha);
      }
    }
  }
}

function sumSquares(f32: Float32Array, from: number, length: number): number {
  let s = 0;
  for (let i = from; i < from + length; i++) s += f32[i] * f32[i];
  return s;
}

/** Row-wise softmax in place, shifted by the row maximum so exp stays finite. */
function softmaxRows(f32: Float32Array, from: number, rows: number, size: number): void {
  for (let r = 0; r < rows; r++) {
    const o = from + r * size;
    let max = -Infinity;
    for (let k = 0; k < size; k++) if (f32[o + k] > max) max = f32[o + k];
    let sum = 0;
    for (let k = 0; k < size; k++) {
      const e = Math.exp(f32[o + k] - max);
      f32[o + k] = e;
      sum += e;
    }
    for (let k = 0; k < size; k++) f32[o + k] /= sum;
  }
}
