#!/usr/bin/env node
/* global console, process */
// One benchmark run in a fresh process: `node bench/run.mjs ENGINE WORKLOAD SECONDS [X.f64 Y.f64]`,
// the samples read from the two float64 files when given (scripts/bench.mjs writes them), else built.
// Prints one JSON line: { engine, workload, kernels, train, infer } in samples/s.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './measure.mjs';
import { WORKLOADS, workloadData } from './workloads.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [engine, workload, secondsArg, xFile, yFile] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 1);
const w = WORKLOADS[workload];
if (!w) throw new Error(`unknown workload ${workload}`);

/** A float64 file as an aligned Float64Array. */
function float64s(file) {
  const bytes = readFileSync(file);
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

const data = xFile && yFile ? { x: float64s(xFile), y: float64s(yFile) } : workloadData(workload);
data.count ??= data.y.length / w.sizes[w.sizes.length - 1];

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
