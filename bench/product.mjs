#!/usr/bin/env node
/* global console, process, setTimeout */
// Benchmark (not a test): training in the product. The built training worker
// (dist/worker.js) runs its TrainingLoop on MNIST 784-128-64-10 (ReLU, softmax
// + cross-entropy, 8,000 training digits), unpaced, streaming snapshots 30 times a
// second as the designer gets them, for batch 32 and 128 with SGD and Adam:
//   reference  NN_KERNELS=reference: the plain TypeScript kernels and the float64 step
//   product    what the worker picks itself: WASM GEMMs and the float32-resident trainer
//   1 thread / 2 threads   the same with NN_GEMM_THREADS=1 or 2 (--threads: these instead of
//              reference and product, to compare the split GEMM)
// Runs of every configuration are interleaved; medians are printed.
//   --seconds N   training time per run (default 5)
//   --runs N      runs per configuration (default 2)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MNIST_SAMPLES, mnistModel } from './mnistModel.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const seconds = option('--seconds', 5);
const runs = option('--runs', 2);
const threads = args.includes('--threads');
const TRAIN = MNIST_SAMPLES * 0.8;

const workerPath = join(root, 'dist', 'worker.js');
if (!existsSync(workerPath) || !existsSync(join(root, 'dist', 'elementwise.wasm'))) {
  const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

/** Train for `seconds`, pause, and count the samples the loop got through. */
function run(config) {
  const env = { ...process.env };
  if (config.kernels === 'reference') env.NN_KERNELS = 'reference';
  else delete env.NN_KERNELS;
  if (config.kernels.endsWith('thread') || config.kernels.endsWith('threads')) env.NN_GEMM_THREADS = config.kernels[0];
  else delete env.NN_GEMM_THREADS;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { env });
    let started = 0;
    let pausing = false;
    worker.on('error', reject);
    worker.on('message', (m) => {
      if (m.type === 'failed') reject(new Error(m.message));
      if (m.type === 'ready') {
        started = performance.now();
        worker.postMessage({ type: 'run' });
        setTimeout(() => {
          pausing = true;
          worker.postMessage({ type: 'pause' });
        }, seconds * 1000);
      }
      if (m.type === 'snapshot' && pausing) {
        const elapsed = (performance.now() - started) / 1000;
        const trained = m.snapshot.epoch * TRAIN + m.snapshot.batch * config.batch;
        void worker.terminate();
        resolve(trained / elapsed);
      }
    });
    worker.postMessage({
      type: 'init',
      init: { model: mnistModel(config.batch, config.optimizer), files: {}, boundaryResolution: 50, stream: true, snapshotIntervalMs: 1000 / 30, keepRecentEpochs: 200, keepEveryNth: 10 },
    });
  });
}

const configs = [];
for (const batch of [32, 128]) {
  for (const optimizer of [{ type: 'sgd', learningRate: 0.05 }, { type: 'adam', learningRate: 0.001 }]) {
    for (const kernels of threads ? ['1 thread', '2 threads'] : ['reference', 'product']) configs.push({ batch, optimizer, kernels, results: [] });
  }
}
for (let r = 0; r < runs; r++) {
  for (const config of configs) {
    const rate = await run(config);
    config.results.push(rate);
    console.error(`run ${r + 1}: batch ${config.batch} ${config.optimizer.type} ${config.kernels}: ${Math.round(rate)} samples/s`);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (v) => (v >= 1e4 ? `${(v / 1e3).toFixed(0)}k` : v >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : String(Math.round(v)));
console.log(`\nMNIST 784-128-64-10 in the training worker, ${TRAIN} training digits, streaming on, ${seconds} s per run, ${runs} runs (medians), samples/s\n`);
console.log(`| batch | optimizer | ${configs[0].kernels} | ${configs[1].kernels} | speed-up |`);
console.log('| --- | --- | --- | --- | --- |');
for (let k = 0; k < configs.length; k += 2) {
  const [ref, product] = [median(configs[k].results), median(configs[k + 1].results)];
  console.log(`| ${configs[k].batch} | ${configs[k].optimizer.type} | ${format(ref)} | ${format(product)} | ${(product / ref).toFixed(1)}× |`);
}
