// Our engine on a benchmark workload, through its public API: a Network of
// Dense and activation layers, trained by the Trainer's epoch loop, with the
// WASM kernels installed the way the product installs them.

import { createRng, Dense, installKernels, makeActivation, Network, Trainer, type Layer } from '../../src/engine';
import { TinyTrainer } from '../../src/engine/tiny';
import { WasmMlpTrainer } from '../../src/engine/wasm/mlp';
import { installWasmKernels, readKernelBinaries } from '../../src/kernels/node';
import { alwaysSplit, MeasuredSplit, shapeKey } from '../../src/kernels/splitPolicy';
import { SPLIT_FLOOR, TwoThreadGemm } from '../../src/kernels/threads';
import { SnapshotBuilder } from '../../src/worker/snapshot';
import { MessageChannel } from 'node:worker_threads';

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
  const installed = options.wasm ? installWasmKernels(readKernelBinaries(distDir), { threads: options.threads }) : undefined;
  if (installed) kernels = `wasm ${installed.runtime.fusedMultiplyAdd ? 'relaxed-simd' : 'simd128'}${installed.threads ? ', 2 threads' : ''}`;
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
  // Tiny networks take the allocation-free per-sample loop (the paper's loop); large ones the float32-resident
  // WASM trainer; both skip the Trainer's per-epoch reports.
  const tiny = w.sizes.every((s) => s <= 64) ? TinyTrainer.for(network) : undefined;
  const resident = !tiny && installed ? WasmMlpTrainer.for(network, installed.runtime, { batchSize: w.batch, parallel: installed.threads }) : undefined;
  const epochs = Math.max(1, Math.ceil(1000 / data.count));
  // The resident trainer gets the data as float32 once, as tfjs gets its batch tensors.
  const x32 = resident ? Float32Array.from(data.x) : undefined;
  const y32 = resident ? Float32Array.from(data.y) : undefined;
  const train = tiny
    ? { run: () => void tiny.trainEpochs(data.x, data.y, data.count, epochs, w.lr, w.batch), samples: epochs * data.count }
    : resident
      ? { run: () => void resident.trainEpochs(x32!, y32!, data.count, 1, w.lr), samples: data.count }
      : { run: () => void trainer.runEpoch(), samples: data.count };
  resident?.uploadWeights();
  return {
    kernels: tiny ? 'typescript tiny-network loop' : resident ? `${kernels}, float32-resident trainer` : kernels,
    train,
    infer: {
      run: () => {
        const start = (offset++ % batches) * w.batch;
        const x = data.x.subarray(start * w.sizes[0], (start + w.batch) * w.sizes[0]);
        if (resident) resident.predict(x32!.subarray(start * w.sizes[0], (start + w.batch) * w.sizes[0]), w.batch);
        else network.infer(x, w.batch);
      },
      samples: w.batch,
    },
  };
}

/**
 * GFLOP/s of square A·B products on one thread and always split over two, timed on operands
 * already in WASM memory, and what the backend's measured choice picks for the size afterwards.
 */
export async function gemmCrossover(distDir: string, seconds: number): Promise<{ size: number; one: number; two: number; picked: string; stolen: number }[]> {
  const installed = installWasmKernels(readKernelBinaries(distDir), { threads: { minWork: 0, decider: alwaysSplit } });
  installKernels();
  if (!installed?.threads) return [];
  const { runtime, threads } = installed;
  const decider = new MeasuredSplit();
  const adaptive = new TwoThreadGemm(runtime, { decider });
  // Until their workers run, both decline every product.
  await Promise.all([threads.started, adaptive.started]);
  const rows = [];
  for (const size of [32, 64, 96, 128, 192, 256, 384, 512, 768, 1024]) {
    const a = runtime.alloc(size * size);
    const b = runtime.alloc(size * size);
    const c = runtime.alloc(size * size);
    const f32 = runtime.f32;
    for (let i = 0; i < size * size; i++) {
      f32[(a >> 2) + i] = Math.sin(i);
      f32[(b >> 2) + i] = Math.cos(i);
    }
    const rate = (run: () => void): number => {
      let reps = 0;
      const start = performance.now();
      while (performance.now() - start < seconds * 1000) {
        run();
        reps++;
      }
      return (2 * size ** 3 * reps) / ((performance.now() - start) / 1000) / 1e9;
    };
    const one = rate(() => runtime.gemm(size, size, size, a, size, 1, b, size, 1, c, size, 0, runtime.work(0)));
    const stolenBefore = threads.stolen;
    const two = rate(() => void threads.run(size, size, size, a, size, 1, b, size, 1, c, size, false));
    // Enough calls for the first check to finish; below the floor there is no check.
    for (let i = 0; i < 20; i++) {
      if (!adaptive.run(size, size, size, a, size, 1, b, size, 1, c, size, false)) runtime.gemm(size, size, size, a, size, 1, b, size, 1, c, size, 0, runtime.work(0));
    }
    const picked = size ** 3 >= SPLIT_FLOOR && decider.decision(shapeKey(size, size, size, false)) ? '2 threads' : '1 thread';
    rows.push({ size, one, two, picked, stolen: threads.stolen - stolenBefore });
  }
  await threads.dispose();
  await adaptive.dispose();
  return rows;
}

/**
 * What the live view costs training: MNIST 784-128-64-10 at batch 128 on the
 * float32-resident trainer, alone and with a snapshot (float32 copies of W,
 * dL/dW, dL/db, ΔW, as src/worker/snapshot.ts makes them) built and posted
 * through a MessageChannel, with its buffers transferred, every 16 ms.
 */
export async function liveViewCost(distDir: string, data: { count: number; x: Float64Array; y: Float64Array }, seconds: number): Promise<{ plain: number; live: number; snapshotsPerSecond: number }> {
  const installed = installWasmKernels(readKernelBinaries(distDir), { threads: true });
  if (!installed) throw new Error('the WASM kernels did not load');
  const sizes = [784, 128, 64, 10];
  const rng = createRng(1);
  const layers: Layer[] = [];
  for (let l = 0; l < 3; l++) {
    const d = new Dense(sizes[l], sizes[l + 1]);
    d.initialize('he', rng);
    layers.push(d, makeActivation(l === 2 ? 'softmax' : 'relu'));
  }
  const network = new Network(784, layers);
  const resident = WasmMlpTrainer.for(network, installed.runtime, { batchSize: 128, parallel: installed.threads });
  if (!resident) throw new Error('MNIST does not fit the resident trainer');
  const slice = 1024;
  const builder = new SnapshotBuilder(network);
  const channel = new MessageChannel();
  let received = 0;
  channel.port2.on('message', () => received++);
  const run = async (live: boolean): Promise<number> => {
    let samples = 0;
    let lastSnapshot = performance.now();
    const start = performance.now();
    let offset = 0;
    while (performance.now() - start < seconds * 1000) {
      resident.trainEpochs(data.x.subarray(offset * 784), data.y.subarray(offset * 10), slice, 1, 0.05);
      offset = (offset + slice) % (data.count - slice);
      samples += slice;
      if (live && performance.now() - lastSnapshot >= 16) {
        lastSnapshot = performance.now();
        const snapshot = builder.layers(builder.batchGradients(), false);
        channel.port1.postMessage(snapshot, snapshot.flatMap((s) => [s.weights.buffer, s.bias.buffer, s.gradWeights.buffer, s.gradBias.buffer, s.deltaWeights.buffer] as ArrayBuffer[]));
      }
      // Let the port deliver, as the worker's event loop would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return samples / ((performance.now() - start) / 1000);
  };
  await run(false);
  const plain = await run(false);
  received = 0;
  const live = await run(true);
  const snapshotsPerSecond = received / seconds;
  channel.port1.close();
  await installed.threads?.dispose();
  return { plain, live, snapshotsPerSecond };
}
