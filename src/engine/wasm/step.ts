// Trainer's batch step on the float32-resident WASM trainer: the batch is
// gathered in the epoch's order straight into WASM memory, dL/dW and dL/db
// are summed over the epoch there too (w + g is the SGD kernel with η = −1),
// and the optimizer's kernel updates the float32 parameters in place. The
// Dense layers are written only when Trainer syncs.

import type { OptimizerSpec } from '../../model/types';
import type { Dataset } from '../dataset';
import type { BatchStep, LayerGradients } from '../trainer';
import type { LayerBuffers, WasmMlpTrainer } from './mlp';
import type { ElementwiseKernels, WasmRuntime } from './runtime';
import { wasmUpdate, type WasmUpdate } from './update';

/** Byte offsets of a layer's epoch sums of dL/dW and dL/db. */
interface LayerSums {
  sumW: number;
  sumB: number;
}

export class WasmStep implements BatchStep {
  readonly kind = 'wasm' as const;
  readonly lastOutput: Float64Array;
  readonly lastTargets: Float64Array;
  private readonly update: WasmUpdate;
  private readonly ew: ElementwiseKernels;
  private readonly layers: readonly LayerBuffers[];
  private readonly sums: LayerSums[];
  private readonly x: Float32Array;
  private readonly t: Float32Array;
  private readonly norms: Float64Array;
  private readonly sumXNorm: Float64Array;

  constructor(
    private readonly mlp: WasmMlpTrainer,
    private readonly rt: WasmRuntime,
    private readonly data: Dataset,
    optimizer: OptimizerSpec,
    batchSize: number,
    /** The runtime's allocator mark from before `mlp` was built; dispose frees back to it. */
    private readonly mark: number,
    /** Whether to compute ‖dL/dX‖ of the network input; without it the first layer's dXNorm is NaN. */
    private readonly firstInputNorm: boolean,
  ) {
    if (!rt.elementwise) throw new Error('the WASM trainer needs the element-wise kernels');
    this.ew = rt.elementwise;
    this.layers = mlp.layers;
    this.update = wasmUpdate(optimizer, this.layers, rt, this.ew);
    this.sums = this.layers.map((s) => ({ sumW: rt.alloc(s.units * s.inputs), sumB: rt.alloc(s.units) }));
    // Views taken after every allocation; the memory is shared, so growing it later leaves them valid.
    this.x = mlp.batchInputs(batchSize);
    this.t = mlp.batchTargets(batchSize);
    this.lastOutput = new Float64Array(batchSize * data.targetSize);
    this.lastTargets = new Float64Array(batchSize * data.targetSize);
    this.norms = new Float64Array(this.layers.length);
    this.sumXNorm = new Float64Array(this.layers.length);
    mlp.uploadWeights();
  }

  run(order: Uint32Array, start: number, n: number, lr: number): number {
    const { inputSize, targetSize, inputs, targets } = this.data;
    const { x, t } = this;
    for (let s = 0; s < n; s++) {
      const src = order[start + s];
      // One typed-array copy per sample (rounding to float32 on the way) takes about two thirds of the time of an element loop.
      x.set(inputs.subarray(src * inputSize, (src + 1) * inputSize), s * inputSize);
      for (let k = 0; k < targetSize; k++) {
        const v = targets[src * targetSize + k];
        this.lastTargets[s * targetSize + k] = v;
        t[s * targetSize + k] = v;
      }
    }
    const loss = this.mlp.gradients(n, this.norms, this.firstInputNorm) / n;
    const top = this.layers[this.layers.length - 1];
    const out = this.rt.f32;
    for (let i = 0, y = top.y >> 2; i < n * targetSize; i++) this.lastOutput[i] = out[y + i];
    this.layers.forEach((s, l) => {
      const v = this.sums[l];
      this.ew.sgd(v.sumW, s.gw, s.units * s.inputs, -1);
      this.ew.sgd(v.sumB, s.gb, s.units, -1);
      this.sumXNorm[l] += this.norms[l];
    });
    this.update(lr);
    return loss;
  }

  clearSums(): void {
    const f32 = this.rt.f32;
    this.layers.forEach((s, l) => {
      const v = this.sums[l];
      f32.fill(0, v.sumW >> 2, (v.sumW >> 2) + s.units * s.inputs);
      f32.fill(0, v.sumB >> 2, (v.sumB >> 2) + s.units);
    });
    this.sumXNorm.fill(0);
  }

  meanGradients(batches: number): LayerGradients[] {
    const f32 = this.rt.f32;
    const mean = (offset: number, length: number): Float32Array => {
      const out = f32.slice(offset >> 2, (offset >> 2) + length);
      for (let i = 0; i < length; i++) out[i] /= batches;
      return out;
    };
    return this.layers.map((s, l) => ({
      dense: l,
      dW: mean(this.sums[l].sumW, s.units * s.inputs),
      db: mean(this.sums[l].sumB, s.units),
      dXNorm: this.sumXNorm[l] / batches,
    }));
  }

  sync(): void {
    this.mlp.downloadWeights(true);
  }

  dispose(): void {
    this.rt.release(this.mark);
  }
}
