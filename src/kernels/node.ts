// Node-side setup of the WASM kernels: switch on relaxed SIMD (Node 20 keeps it
// behind a V8 flag that only setFlagsFromString accepts, before any compile),
// read the assembled binaries from dist/, and install them as the engine's backend.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { debuglog } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { installKernels, referenceKernels } from '../engine/kernels';
import { wasmKernels, type WasmKernelOptions } from '../engine/wasm/backend';
import { WasmRuntime, type KernelBinaries } from '../engine/wasm/runtime';
import type { TrainerChoice } from '../engine/wasm/select';
import { TwoThreadGemm, type TwoThreadOptions } from './threads';

/** Enable f32x4.relaxed_madd on Node 20; harmless where it is already on or unknown. */
export function enableRelaxedSimd(): void {
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    // Newer V8 has no such flag: relaxed SIMD is simply on.
  }
}

/** The assembled kernels in `dir` (dist/ by default, where bundles live), or undefined when they were not built. */
export function readKernelBinaries(dir: string = __dirname): KernelBinaries | undefined {
  const simdPath = join(dir, 'gemm.wasm');
  if (!existsSync(simdPath)) return undefined;
  const optional = (name: string): Uint8Array | undefined => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : undefined);
  return { simd: readFileSync(simdPath), relaxed: optional('gemm-relaxed.wasm'), elementwise: optional('elementwise.wasm') };
}

export interface InstallOptions extends WasmKernelOptions {
  /** Split large GEMMs over a second thread (true, or its options); off by default. */
  threads?: boolean | TwoThreadOptions;
}

export interface InstalledKernels {
  runtime: WasmRuntime;
  threads?: TwoThreadGemm;
}

/**
 * Install the WASM GEMMs as the engine's kernels. Returns the runtime (and the
 * two-thread GEMM when asked for), or undefined, with the reference kernels
 * left in place, when the binaries or the host's WebAssembly SIMD are missing.
 */
export function installWasmKernels(binaries = readKernelBinaries(), options: InstallOptions = {}): InstalledKernels | undefined {
  enableRelaxedSimd();
  if (!binaries) return undefined;
  const runtime = WasmRuntime.create(binaries);
  if (!runtime) return undefined;
  const threads = options.threads ? new TwoThreadGemm(runtime, options.threads === true ? {} : options.threads) : undefined;
  installKernels(wasmKernels(runtime, referenceKernels, { ...options, parallel: threads }));
  return { runtime, threads };
}

/** Lines shown with NODE_DEBUG=nnjson. */
export const debug = debuglog('nnjson');

let chosen: { installed: InstalledKernels | undefined } | undefined;

/**
 * GEMM threads in the product. With two, each GEMM shape is split only while
 * timing shows it pays (MeasuredSplit), so a busy second core costs little
 * (BENCHMARKS.md, Training in the product).
 */
export const PRODUCT_GEMM_THREADS: 1 | 2 = 1;

function productThreads(): boolean {
  const env = process.env.NN_GEMM_THREADS;
  return (env === '1' || env === '2' ? Number(env) : PRODUCT_GEMM_THREADS) === 2;
}

/**
 * The product's kernels, once per process (the training worker, the CLI): the
 * WASM GEMMs when the binaries next to the bundle and the host's SIMD allow
 * (and NN_KERNELS is not 'reference'), else the reference kernels, silently.
 * NN_GEMM_THREADS=1 or 2 overrides PRODUCT_GEMM_THREADS, to compare the two.
 * Returns the runtime for the WASM-resident trainer, or undefined.
 */
export function useWasmKernels(): InstalledKernels | undefined {
  if (!chosen) {
    let installed: InstalledKernels | undefined;
    try {
      // NN_KERNELS=reference keeps the plain TypeScript kernels, to compare or to rule the WASM ones out.
      if (process.env.NN_KERNELS !== 'reference') installed = installWasmKernels(undefined, { threads: productThreads() });
    } catch (error) {
      debug('WASM kernels failed to load: %s', error instanceof Error ? error.message : String(error));
    }
    chosen = { installed };
    const rt = installed?.runtime;
    const why = process.env.NN_KERNELS === 'reference' ? 'NN_KERNELS=reference' : 'no WASM SIMD binaries or support';
    const threads = installed?.threads ? 'two threads where timing shows it pays' : 'one thread';
    debug(rt ? `kernels: WASM ${rt.fusedMultiplyAdd ? 'relaxed-simd' : 'simd128'}, ${threads}` : `kernels: reference (${why})`);
  }
  return chosen.installed;
}

/** What createTrainer needs from the installed kernels. */
export function trainerChoice(installed: InstalledKernels | undefined): TrainerChoice {
  return { runtime: installed?.runtime, parallel: installed?.threads };
}
