// One build for every process the product runs in:
//   dist/extension.js  the VS Code extension host (CommonJS, `vscode` external)
//   dist/extension.web.js  the same for VS Code for the Web (a Web Worker; no Node modules)
//   dist/worker.js     the training worker (worker_threads, no `vscode`)
//   dist/worker.web.js the training worker in VS Code for the Web (a nested Web Worker)
//   dist/cli.js        the `nnjson` command-line tool
//   dist/webview.js    the designer webview (browser IIFE)
//   dist/gemm*.wasm    the engine's WASM SIMD kernels, assembled from src/engine/wasm/*.wat
// Flags: --watch rebuilds on change, --production minifies and drops source maps.
import * as esbuild from 'esbuild';
import { browserBundle, browserHostAlias, nodeBundle } from './scripts/esbuild-options.cjs';
import { buildWasm } from './scripts/build-wasm.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/host/extension.ts' },
    ...nodeBundle,
    outdir: 'dist',
    external: ['vscode'],
  },
  {
    ...common,
    ...browserBundle,
    entryPoints: { 'extension.web': 'src/host/extension.web.ts' },
    alias: browserHostAlias,
    outdir: 'dist',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    ...browserBundle,
    entryPoints: { 'worker.web': 'src/worker/webWorker.ts' },
    outdir: 'dist',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: { worker: 'src/worker/trainingWorker.ts' },
    ...nodeBundle,
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    ...nodeBundle,
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

await buildWasm();

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
