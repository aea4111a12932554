#!/usr/bin/env node
// `npm run bench`: trains the five workloads of DESIGN.md §5 with our engine and
// every peer that is installed, each run in a fresh process, interleaved (run r
// of every engine before run r + 1 of any), and prints samples/s (median and
// min–max), GFLOP/s and our ratio against each peer, for training and inference,
// then the two-thread crossover, the extension host's event-loop lag and the
// live view's cost while MNIST trains in the real worker, and the diagram's paint times.
//   --quick        shorter runs (the whole bench in under 2 minutes)
//   --json [FILE]  also write the figures as JSON (default bench-results.json)
//   --runs N       runs per engine and workload (default 3, at least 3)
//   --only a,b     workloads to run; --engines x,y engines to run
//   --no-webview   skip the Chromium diagram timing
//   --no-host      skip the extension-host lag and live-view runs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { buildWasm } from './build-wasm.mjs';
import { nodeBundle } from './esbuild-options.cjs';
import { WORKLOADS, forwardMacs, trainFlops, workloadData } from '../bench/workloads.mjs';
import { formatReport } from '../bench/report.mjs';
import { crossover } from '../bench/crossover.mjs';
import { hostLag } from '../bench/hostLag.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const runs = Math.max(3, Number(option('--runs', 3)));
const seconds = quick ? 0.2 : 1.5;
const workloads = option('--only', Object.keys(WORKLOADS).join(',')).split(',');
const ENGINES = ['ours', ...(quick ? [] : ['ours-1t']), 'tfjs-wasm', 'tfjs-cpu', 'synaptic', 'brain.js', 'numpy'];
const engines = option('--engines', ENGINES.join(',')).split(',');

/**
 * Peers that take minutes per run on the big workloads are left out there, as in the table;
 * --quick also leaves out tfjs-cpu on the wide network, whose one batch takes seconds.
 */
function skipped(engine, workload) {
  if (engine === 'synaptic') return workload === 'mnist128' || workload === 'wide';
  if (engine === 'brain.js') return workload === 'mnist128' || (quick && workload === 'wide');
  if (engine === 'tfjs-cpu') return quick && workload === 'wide';
  return false;
}

function havePython() {
  const r = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  return r.status === 0;
}

await buildWasm();
await esbuild.build({ ...nodeBundle, entryPoints: [join(root, 'bench', 'engines', 'ours.ts')], outfile: join(root, 'dist', 'bench-ours.cjs'), logLevel: 'warning' });
await esbuild.build({ ...nodeBundle, entryPoints: [join(root, 'bench', 'hostLag.ts')], outfile: join(root, 'dist', 'bench-host.cjs'), logLevel: 'warning' });

const scratch = mkdtempSync(join(tmpdir(), 'nn-bench-'));
const numpy = engines.includes('numpy') && havePython();
// Every run reads its workload's samples from these files (float64, as built once here); building
// the MNIST digits from the mnist package took about 0.6 s in each of its runs' processes.
const dataFiles = {};
for (const w of workloads) {
  const d = workloadData(w);
  dataFiles[w] = { x: join(scratch, `${w}-x.f64`), y: join(scratch, `${w}-y.f64`) };
  writeFileSync(dataFiles[w].x, new Uint8Array(d.x.buffer));
  writeFileSync(dataFiles[w].y, new Uint8Array(d.y.buffer));
}

/** The product's build (dist/worker.js, dist/webview.js, …), which the host-lag runs and the diagram timing use. */
let built;
function buildProduct() {
  built ??= spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, encoding: 'utf8' }).status === 0;
  return built;
}

/** Synthetic: training throughput with and without a snapshot built every 16 ms in one process (see liveViewCost). */
function liveCost() {
  const script = `const o = require(${JSON.stringify(join(root, 'dist', 'bench-ours.cjs'))});
    import(${JSON.stringify(join(root, 'bench', 'workloads.mjs'))}).then((w) => o.liveViewCost(${JSON.stringify(join(root, 'dist'))}, w.workloadData('mnist128'), 3))
      .then((r) => { console.log(JSON.stringify(r)); process.exit(0); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-2).join(' ') };
  }
}

/** Diagram paint times in Chromium for the 784-128-64-10 designer; needs the webview build and Chromium. */
function webviewFrames(short) {
  if (!buildProduct()) return { error: 'the build failed' };
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, join(root, 'bench', 'webview-frames.ts'), String(short ? 20 : 60)], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-2).join(' ') };
  }
}

function runOnce(engine, workload) {
  const w = WORKLOADS[workload];
  const timeout = 120_000;
  const r =
    engine === 'numpy'
      ? spawnSync('python3', [join(root, 'bench', 'engines', 'numpy_mlp.py'), JSON.stringify(w), dataFiles[workload].x, dataFiles[workload].y, String(seconds)], {
          encoding: 'utf8', timeout, env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
        })
      : spawnSync(process.execPath, [join(root, 'bench', 'run.mjs'), engine, workload, String(seconds), dataFiles[workload].x, dataFiles[workload].y], { encoding: 'utf8', timeout });
  const line = (r.stdout ?? '').trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  }
}

const active = engines.filter((e) => e !== 'numpy' || numpy);
const results = {};
const started = Date.now();
for (let run = 0; run < runs; run++) {
  for (const workload of workloads) {
    // Rotate the engine order every run so no engine always goes first.
    const order = active.map((_, i) => active[(i + run) % active.length]);
    for (const engine of order) {
      if (skipped(engine, workload)) continue;
      const r = runOnce(engine, workload);
      const slot = ((results[workload] ??= {})[engine] ??= { kernels: r.kernels, train: [], infer: [], errors: [] });
      if (r.error) slot.errors.push(r.error);
      else {
        slot.train.push(r.train);
        slot.infer.push(r.infer);
        slot.kernels = r.kernels;
      }
      process.stderr.write(`run ${run + 1}/${runs} ${workload} ${engine}: ${r.error ? 'error' : Math.round(r.train) + ' samples/s'}\n`);
    }
  }
}
const threads = engines.includes('ours') ? crossover(root, quick) : [];
const host = engines.includes('ours') && !flag('--no-host') ? (buildProduct() ? hostLag(root, { seconds: quick ? 1 : 5, runs: 3, batchSize: 128 }) : { error: 'the build failed' }) : undefined;
// The synthetic snapshot loop adds little to the product's figure above; --quick leaves it out.
const live = engines.includes('ours') && !quick ? liveCost() : undefined;
const frames = flag('--no-webview') ? undefined : webviewFrames(quick);
rmSync(scratch, { recursive: true, force: true });

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  numpy: numpy ? spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).stdout.trim() : undefined,
};
const report = {
  date: new Date().toISOString(),
  quick, runs, secondsPerRun: seconds, wallSeconds: (Date.now() - started) / 1000, machine,
  workloads: Object.fromEntries(workloads.map((w) => [w, { ...WORKLOADS[w], trainFlopsPerSample: trainFlops(WORKLOADS[w].sizes), inferFlopsPerSample: 2 * forwardMacs(WORKLOADS[w].sizes) }])),
  results, threads, host, live, frames,
};
console.log(formatReport(report));
if (flag('--json')) {
  const file = option('--json', 'bench-results.json');
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}
