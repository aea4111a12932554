// The reference training step: float64 through the Network's own layers and
// the engine's kernels, with the optimizer updating the Dense buffers in place.

import type { OptimizerSpec } from '../model/types';
import type { Dataset } from './dataset';
import { kernels } from './kernels';
import type { Loss } from './losses';
import type { Network } from './network';
import { makeOptimizer, type Optimizer } from './optimizers';
import type { BatchStep, LayerGradients } from './trainer';

export class ReferenceStep implements BatchStep {
  readonly kind = 'reference' as const;
  private readonly optimizer: Optimizer;
  private readonly batchInputs: Float64Array;
  readonly lastTargets: Float64Array;
  // Epoch accumulators: Σ over batches of dL/dW, dL/db and ‖dL/dX‖.
  private readonly sumW: Float64Array[];
  private readonly sumB: Float64Array[];
  private readonly sumXNorm: Float64Array;

  constructor(
    private readonly network: Network,
    private readonly data: Dataset,
    private readonly loss: Loss,
    optimizer: OptimizerSpec,
    batchSize: number,
  ) {
    this.optimizer = makeOptimizer(optimizer);
    this.batchInputs = new Float64Array(batchSize * data.inputSize);
    this.lastTargets = new Float64Array(batchSize * data.targetSize);
    const dense = network.denseLayers();
    this.sumW = dense.map((d) => new Float64Array(d.weights.length));
    this.sumB = dense.map((d) => new Float64Array(d.bias.length));
    this.sumXNorm = new Float64Array(dense.length);
  }

  get lastOutput(): Float64Array {
    return this.network.lastOutput;
  }

  /** Allocation-free. */
  run(order: Uint32Array, start: number, n: number, lr: number): number {
    const { data, network } = this;
    const { inputSize, targetSize, inputs, targets } = data;
    // Gather the batch in shuffled order (plain loops: subarray views would allocate).
    for (let s = 0; s < n; s++) {
      const src = order[start + s];
      for (let i = 0; i < inputSize; i++) this.batchInputs[s * inputSize + i] = inputs[src * inputSize + i];
      for (let k = 0; k < targetSize; k++) this.lastTargets[s * targetSize + k] = targets[src * targetSize + k];
    }
    const value = network.lossAndGradients(this.batchInputs, this.lastTargets, n, this.loss);
    const dense = network.denseLayers();
    this.optimizer.beginStep();
    for (let l = 0; l < dense.length; l++) {
      const d = dense[l];
      kernels.axpy(1, d.gradWeights, this.sumW[l], d.gradWeights.length);
      kernels.axpy(1, d.gradBias, this.sumB[l], d.gradBias.length);
      this.sumXNorm[l] += Math.sqrt(kernels.sumSquares(d.inputGradientBuffer, n * d.inputSize));
      this.optimizer.update(2 * l, d.weights, d.gradWeights, lr);
      this.optimizer.update(2 * l + 1, d.bias, d.gradBias, lr);
    }
    return value;
  }

  clearSums(): void {
    for (const a of this.sumW) a.fill(0);
    for (const a of this.sumB) a.fill(0);
    this.sumXNorm.fill(0);
  }

  meanGradients(batches: number): LayerGradients[] {
    return this.sumW.map((w, l) => ({
      dense: l,
      dW: w.map((v) => v / batches),
      db: this.sumB[l].map((v) => v / batches),
      dXNorm: this.sumXNorm[l] / batches,
    }));
  }

  /** The Dense layers are the parameters. */
  sync(): void {}
}
