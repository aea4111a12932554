#!/usr/bin/env node
/* global console, process */
// One benchmark run in a fresh process: `node bench/run.mjs ENGINE WORKLOAD SECONDS`.
// Prints one JSON line: { engine, workload, kernels, train, infer } in samples/s.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './measure.mjs';
import { WORKLOADS, workloadData } from './workloads.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [engine, workload, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 1);
const w = WORKLOADS[workload];
if (!w) throw new Error(`unknown workload ${workload}`);
const data = workloadData(workload);

async function prepare() {
  switch (engine) {
    case 'ours':
    case 'ours-1t':
    case 'ours-ts': {
      // The bundle scripts/bench.mjs builds from bench/engines/ours.ts.
      const ours = require(join(root, 'dist', 'bench-ours.cjs'));
      return ours.prepare(w, data, join(root, 'dist'), { wasm: engine !== 'ours-ts', threads: engine === 'ours' });
    }
    case 'tfjs-cpu':
      return (await import('./engines/tfjs.mjs')).prepare(w, data, 'cpu');
    case 'tfjs-wasm':
      return (await import('./engines/tfjs.mjs')).prepare(w, data, 'wasm');
    case 'synaptic':
      return (await import('./engines/synaptic.mjs')).prepare(w, data);
    case 'brain.js':
      return (await import('./engines/brain.mjs')).prepare(w, data);
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

const run = await prepare();
const train = measure(run.train, seconds);
const infer = measure(run.infer, seconds / 2);
console.log(JSON.stringify({ engine, workload, kernels: run.kernels, train, infer }));
process.exit(0);
