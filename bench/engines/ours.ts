// Our engine on a benchmark workload, through its public API: a Network of
// Dense and activation layers, trained by the Trainer's epoch loop, with the
// WASM kernels installed the way the product installs them.

import { createRng, Dense, installKernels, makeActivation, Network, Trainer, type Layer } from '../../src/engine';
import { TinyTrainer } from '../../src/engine/tiny';
import { installWasmKernels, readKernelBinaries } from '../../src/kernels/node';

interface Workload {
  sizes: number[];
  hidden: 'tanh' | 'relu';
  output: 'tanh' | 'softmax';
  batch: number;
  lr: number;
}

interface Data {
  count: number;
  x: Float64Array;
  y: Float64Array;
}

interface Chunk {
  run(): void;
  samples: number;
}

export interface OursRun {
  kernels: string;
  train: Chunk;
  infer: Chunk;
}

export function prepare(w: Workload, data: Data, distDir: string, options: { wasm: boolean; threads: boolean }): OursRun {
  let kernels = 'typescript';
  installKernels();
  if (options.wasm) {
    const runtime = installWasmKernels(readKernelBinaries(distDir));
    if (runtime) kernels = runtime.fusedMultiplyAdd ? 'wasm relaxed-simd' : 'wasm simd128';
  }
  const rng = createRng(1);
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < w.sizes.length; l++) {
    const d = new Dense(w.sizes[l], w.sizes[l + 1]);
    d.initialize(w.hidden === 'relu' ? 'he' : 'xavier', rng);
    const last = l + 2 === w.sizes.length;
    layers.push(d, makeActivation(last ? w.output : w.hidden));
  }
  const network = new Network(w.sizes[0], layers);
  const outputs = w.sizes[w.sizes.length - 1];
  const dataset = { count: data.count, inputSize: w.sizes[0], targetSize: outputs, inputs: data.x, targets: data.y };
  const trainer = new Trainer(network, dataset, {
    loss: w.output === 'softmax' ? 'categoricalCrossEntropy' : 'mse',
    optimizer: { type: 'sgd', learningRate: w.lr },
    batchSize: w.batch,
    shuffle: false,
    rng,
  });
  let offset = 0;
  const batches = Math.floor(data.count / w.batch);
  // Tiny networks take the allocation-free per-sample loop (the paper's loop) instead of the report-keeping Trainer.
  const tiny = w.sizes.every((s) => s <= 64) ? TinyTrainer.for(network) : undefined;
  const epochs = Math.max(1, Math.ceil(1000 / data.count));
  return {
    kernels: tiny ? 'typescript tiny-network loop' : kernels,
    train: tiny
      ? { run: () => void tiny.trainEpochs(data.x, data.y, data.count, epochs, w.lr, w.batch), samples: epochs * data.count }
      : { run: () => void trainer.runEpoch(), samples: data.count },
    infer: {
      run: () => {
        const start = (offset++ % batches) * w.batch;
        network.forward(data.x.subarray(start * w.sizes[0], (start + w.batch) * w.sizes[0]), w.batch);
      },
      samples: w.batch,
    },
  };
}
