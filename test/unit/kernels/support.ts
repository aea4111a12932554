// Shared setup for the WASM kernel tests: assemble the WAT sources the way the
// build does, with relaxed SIMD switched on first, and bound float32 error.

import { setFlagsFromString } from 'node:v8';
import { WasmRuntime, type KernelBinaries } from '../../../src/engine/wasm/runtime';

let binaries: Promise<Required<KernelBinaries>> | undefined;

/** Both builds, assembled once per test process. */
export function kernelBinaries(): Promise<Required<KernelBinaries>> {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  binaries ??= import('../../../scripts/build-wasm.mjs').then((m) => m.assembleKernels());
  return binaries;
}

/** Runtimes for each build this host accepts: plain SIMD always, FMA when relaxed SIMD validates. */
export async function runtimes(): Promise<{ name: string; runtime: WasmRuntime }[]> {
  const { simd, relaxed } = await kernelBinaries();
  const out: { name: string; runtime: WasmRuntime }[] = [];
  const plain = WasmRuntime.create({ simd });
  if (!plain) throw new Error('this Node has no WebAssembly SIMD or SharedArrayBuffer');
  out.push({ name: 'simd128', runtime: plain });
  const fma = WasmRuntime.create({ simd, relaxed });
  if (fma?.fusedMultiplyAdd) out.push({ name: 'relaxed-simd', runtime: fma });
  return out;
}

/** Unit roundoff of float32. */
export const F32_EPS = 2 ** -24;
