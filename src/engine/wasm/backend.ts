// The engine's Float64 kernel interface served by the float32 WASM GEMM.
// Operands are converted into the runtime's scratch memory, multiplied there
// and the product converted back, so layers keep their Float64 buffers; the
// O(m·k·n) multiply dwarfs the O(m·k + k·n + m·n) conversion once shapes are
// past MIN_WORK. Results carry float32 rounding (relative error ≈ 1e-7·√k).

import type { Kernels } from '../kernels';
import type { WasmRuntime } from './runtime';

/** m·k·n below which the plain TypeScript kernels are faster than a WASM call plus conversion. */
export const MIN_WORK = 16 * 16 * 16;

/** A GEMM spread over threads; `run` returns false when it declines (too small, busy), and the caller runs it alone. */
export interface ParallelGemm {
  run(m: number, n: number, k: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number, ldc: number, accumulate: boolean): boolean;
}

export interface WasmKernelOptions {
  /** Override MIN_WORK; 0 sends every product to WASM (the tests use this). */
  minWork?: number;
  parallel?: ParallelGemm;
}

type Product = (a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean) => void;

function aligned(floats: number): number {
  return Math.ceil((floats * 4) / 16) * 16;
}

/** The three GEMM forms on WASM; the other kernels stay on the reference backend. */
export function wasmKernels(runtime: WasmRuntime, fallback: Kernels, options: WasmKernelOptions = {}): Partial<Kernels> {
  const minWork = options.minWork ?? MIN_WORK;
  const { parallel } = options;
  // Element strides of op(A) and op(B) for each form; see gemm.wat.
  const product = (transA: boolean, transB: boolean, reference: Product): Product => (a, b, c, m, k, n, accumulate) => {
    if (m * k * n < minWork || m === 0 || n === 0) {
      reference(a, b, c, m, k, n, accumulate);
      return;
    }
    const pa = runtime.scratch(aligned(m * k) + aligned(k * n) + aligned(m * n));
    const pb = pa + aligned(m * k);
    const pc = pb + aligned(k * n);
    const f32 = runtime.f32;
    f32.set(a.subarray(0, m * k), pa >> 2);
    f32.set(b.subarray(0, k * n), pb >> 2);
    if (accumulate) f32.set(c.subarray(0, m * n), pc >> 2);
    const ars = transA ? 1 : k;
    const acs = transA ? m : 1;
    const brs = transB ? 1 : n;
    const bcs = transB ? k : 1;
    if (!parallel || !parallel.run(m, n, k, pa, ars, acs, pb, brs, bcs, pc, n, accumulate)) {
      runtime.gemm(m, n, k, pa, ars, acs, pb, brs, bcs, pc, n, accumulate ? 1 : 0, runtime.work(0));
    }
    c.set(f32.subarray(pc >> 2, (pc >> 2) + m * n));
  };
  return {
    matMul: product(false, false, fallback.matMul),
    matMulTransB: product(false, true, fallback.matMulTransB),
    matMulTransA: product(true, false, fallback.matMulTransA),
  };
}
