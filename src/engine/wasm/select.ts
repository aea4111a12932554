// The one place that decides how a network trains: on the float32-resident
// WASM trainer when the runtime, the layers and the loss fit it and the network
// is past MIN_TRAIN_WORK, otherwise on the reference step (which uses
// whatever kernels are installed). Both run under the same Trainer, so the
// order, epochs and reports are the same code.

import { Softmax } from '../activations';
import type { Dataset } from '../dataset';
import { fusesWithSoftmax } from '../losses';
import type { Network } from '../network';
import { Trainer, type TrainerOptions } from '../trainer';
import { WasmMlpTrainer } from './mlp';
import type { ParallelGemm } from './backend';
import type { WasmRuntime } from './runtime';
import { WasmStep } from './step';

/**
 * Batch size × parameters below which networks train in float64 on the
 * reference step. The WASM trainer is faster even there, but small networks
 * are paced to be watched and their numbers are the ones people check by hand
 * (the paper's AND network), so they keep float64; from here the time per
 * batch starts to matter (2-64-64-3 at batch 16 is above, the blobs example's
 * 2-8-3 below).
 */
export const MIN_TRAIN_WORK = 1 << 14;

export interface TrainerChoice {
  /** The WASM kernels' runtime, when the host has one (see installWasmKernels). */
  runtime?: WasmRuntime;
  /** Splits large GEMMs over threads (see TwoThreadGemm). */
  parallel?: ParallelGemm;
  /** Override MIN_TRAIN_WORK; 0 takes the WASM trainer whenever it fits (the tests use this). */
  minWork?: number;
  /**
   * Whether the WASM trainer reports ‖dL/dX‖ of the network input (default true).
   * Training never needs dL/dX of its data, and it is the largest GEMM of the
   * backward pass (a quarter of the work of an MNIST step); without it the first
   * layer's dXNorm is NaN. The reference step always computes it.
   */
  firstInputNorm?: boolean;
}

/** The loss fits the WASM trainer: fused softmax cross-entropy after a final Softmax, else MSE. */
function lossFits(network: Network, loss: TrainerOptions['loss']): boolean {
  const last = network.layers[network.layers.length - 1];
  return last instanceof Softmax ? fusesWithSoftmax(loss) : loss === 'mse';
}

export function createTrainer(network: Network, data: Dataset, options: TrainerOptions, choice: TrainerChoice = {}): Trainer {
  const { runtime } = choice;
  const batchSize = Math.min(options.batchSize, data.count);
  const work = batchSize * network.parameterCount();
  if (runtime?.elementwise && lossFits(network, options.loss) && work >= (choice.minWork ?? MIN_TRAIN_WORK)) {
    const mark = runtime.mark();
    const mlp = WasmMlpTrainer.for(network, runtime, { batchSize, parallel: choice.parallel });
    try {
      if (mlp) return new Trainer(network, data, options, () => new WasmStep(mlp, runtime, data, options.optimizer, batchSize, mark, choice.firstInputNorm ?? true));
    } catch (error) {
      runtime.release(mark);
      throw error;
    }
    runtime.release(mark);
  }
  return new Trainer(network, data, options);
}
