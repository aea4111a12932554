#!/usr/bin/env node
// Benchmark (not a test): the training worker on the MNIST-size network
// (784-128-64-10, ReLU, softmax + cross-entropy, a seeded MNIST subset), as the
// extension host runs it. Measures, on this (main) thread, the event-loop delay
// (p50/p99, perf_hooks.monitorEventLoopDelay) while the worker trains and its
// snapshots arrive, and the training throughput with snapshot streaming on
// (about 30 a second, as the designer gets them) against streaming off.
//   --seconds N   training time per run (default 10)
//   --runs N      runs per mode, interleaved (default 2)
//   --batch N     batch size (default 32)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const seconds = option('--seconds', 10);
const runs = option('--runs', 2);
const batchSize = option('--batch', 32);
const SAMPLES = 10000;

const workerPath = join(root, 'dist', 'worker.js');
if (!existsSync(workerPath)) {
  const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const model = {
  format: 'nnjson',
  version: 1,
  inputs: 784,
  layers: [
    { type: 'dense', units: 128 },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', units: 64 },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', units: 10 },
    { type: 'activation', activation: 'softmax' },
  ],
  training: { task: 'multiclass', loss: 'categoricalCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.05 }, epochs: 1000000, batchSize, seed: 1, shuffle: true },
  data: { source: 'builtin', name: 'mnist', samples: SAMPLES },
};

function percentile(histogram, p) {
  return histogram.percentile(p) / 1e6;
}

/** One run: train for `seconds`, then pause and read where the loop stands. */
function run(stream) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath);
    const lag = monitorEventLoopDelay({ resolution: 1 });
    let started = 0;
    let snapshots = 0;
    let bytes = 0;
    let pausing = false;
    worker.on('error', reject);
    worker.on('message', (m) => {
      if (m.type === 'failed') reject(new Error(m.message));
      if (m.type === 'ready') {
        started = performance.now();
        lag.enable();
        worker.postMessage({ type: 'run' });
        setTimeout(() => {
          pausing = true;
          worker.postMessage({ type: 'pause' });
        }, seconds * 1000);
      }
      if (m.type === 'snapshot') {
        snapshots++;
        for (const l of m.snapshot.layers) bytes += l.weights.byteLength * 3;
        if (pausing) {
          const elapsed = (performance.now() - started) / 1000;
          lag.disable();
          const s = m.snapshot;
          const trained = s.epoch * SAMPLES * 0.8 + s.batch * batchSize;
          void worker.terminate();
          resolve({ stream, samplesPerSecond: trained / elapsed, p50: percentile(lag, 50), p99: percentile(lag, 99), max: lag.max / 1e6, snapshots, megabytes: bytes / 1e6 });
        }
      }
    });
    model.data.split = { test: 0.2 };
    worker.postMessage({
      type: 'init',
      init: { model, boundaryResolution: 50, stream, snapshotIntervalMs: 1000 / 30, keepRecentEpochs: 200, keepEveryNth: 10 },
    });
  });
}

const results = [];
for (let r = 0; r < runs; r++) {
  for (const stream of [false, true]) {
    const result = await run(stream);
    results.push(result);
    console.error(`run ${r + 1} stream ${stream ? 'on ' : 'off'}: ${Math.round(result.samplesPerSecond)} samples/s, lag p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const summary = (stream) => {
  const rs = results.filter((r) => r.stream === stream);
  return {
    samplesPerSecond: median(rs.map((r) => r.samplesPerSecond)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    max: Math.max(...rs.map((r) => r.max)),
    snapshots: median(rs.map((r) => r.snapshots)),
  };
};
const off = summary(false);
const on = summary(true);
const pad = (s, n) => String(s).padStart(n);
console.log(`\nMNIST 784-128-64-10, batch ${batchSize}, ${SAMPLES * 0.8} training samples, ${seconds} s per run, ${runs} runs per mode (medians)\n`);
console.log(`${'streaming'.padEnd(10)}${pad('samples/s', 12)}${pad('lag p50 ms', 12)}${pad('lag p99 ms', 12)}${pad('lag max ms', 12)}${pad('snapshots', 11)}`);
for (const [name, s] of [['off', off], ['on', on]]) {
  console.log(`${name.padEnd(10)}${pad(Math.round(s.samplesPerSecond), 12)}${pad(s.p50.toFixed(2), 12)}${pad(s.p99.toFixed(2), 12)}${pad(s.max.toFixed(2), 12)}${pad(s.snapshots, 11)}`);
}
console.log(`\nthroughput lost to streaming: ${(100 * (1 - on.samplesPerSecond / off.samplesPerSecond)).toFixed(1)}%`);
