// One instance of the WAT kernels over a shared WebAssembly.Memory, with a
// bump allocator for buffers that live as long as the runtime and a scratch
// area above them for operands that live for one call.
//
// Layout: [work area 0][work area 1][persistent buffers …][scratch …]. Work
// area t holds the packed panels of thread t (gemm.wat); only the thread that
// owns the runtime grows the memory.

import { MAX_PAGES, PAGE, webAssembly, type WasmMemory, type WasmModule } from './api';

/** Bytes one gemm call needs for its packed panels: KC·NC·4 + MC·KC·4 + a 4×8 tile (see gemm.wat). */
export const WORK_BYTES = 524288 + 131072 + 128;
/** Work areas reserved up front: one per thread. */
export const THREADS = 2;

export type GemmFn = (
  m: number, n: number, k: number,
  a: number, ars: number, acs: number,
  b: number, brs: number, bcs: number,
  c: number, ldc: number, accumulate: number, work: number,
) => void;

/** The assembled kernels: plain SIMD128, optionally the relaxed-SIMD (FMA) build, and the element-wise kernels. */
export interface KernelBinaries {
  simd: Uint8Array;
  relaxed?: Uint8Array;
  elementwise?: Uint8Array;
}

/** elementwise.wat: activation codes 0 linear, 1 relu, 2 leakyRelu, 3 tanh, 4 sigmoid. */
export interface ElementwiseKernels {
  /** Y[r][j] = f(Y[r][j] + b[j]) in place, codes 0–2. */
  bias_act(y: number, rows: number, n: number, b: number, code: number, alpha: number): void;
  /** D = dY ⊙ f'(·) from the output Y (D may be dY), and db[j] = Σ_r D[r][j]. */
  act_back_bias(d: number, dy: number, y: number, rows: number, n: number, db: number, code: number, alpha: number): void;
  /** w ← w − lr·g. */
  sgd(w: number, g: number, length: number, lr: number): void;
  /** v ← μ·v + g; w ← w − lr·v. Whole vectors: every buffer must come from `alloc`. */
  momentum(w: number, g: number, v: number, length: number, lr: number, mu: number): void;
  /** Adam, given a = lr/(1 − β1ᵗ) and s = 1/√(1 − β2ᵗ). Whole vectors: every buffer must come from `alloc`. */
  adam(w: number, g: number, m: number, v: number, length: number, a: number, s: number, beta1: number, beta2: number, eps: number): void;
}

export class WasmRuntime {
  private view: Float32Array;
  private top = THREADS * WORK_BYTES;

  private constructor(
    readonly memory: WasmMemory,
    readonly module: WasmModule,
    readonly gemm: GemmFn,
    /** True when the relaxed-SIMD build (fused multiply-add) was accepted by this host. */
    readonly fusedMultiplyAdd: boolean,
    /** Present when the element-wise binary was given. */
    readonly elementwise: ElementwiseKernels | undefined,
  ) {
    this.view = new Float32Array(memory.buffer);
  }

  /**
   * Instantiate the fastest build the host validates; undefined when it has no
   * WebAssembly SIMD or no shared memory. Compiles synchronously (the module is small).
   */
  static create(binaries: KernelBinaries): WasmRuntime | undefined {
    const api = webAssembly();
    if (!api || typeof SharedArrayBuffer === 'undefined') return undefined;
    const relaxed = binaries.relaxed !== undefined && api.validate(binaries.relaxed);
    const bytes = relaxed && binaries.relaxed ? binaries.relaxed : binaries.simd;
    if (!api.validate(bytes)) return undefined;
    const memory = new api.Memory({ initial: Math.ceil((THREADS * WORK_BYTES) / PAGE) + 1, maximum: MAX_PAGES, shared: true });
    const module = new api.Module(bytes);
    const instance = new api.Instance(module, { env: { memory } });
    const elementwise = binaries.elementwise && api.validate(binaries.elementwise)
      ? (new api.Instance(new api.Module(binaries.elementwise), { env: { memory } }).exports as unknown as ElementwiseKernels)
      : undefined;
    return new WasmRuntime(memory, module, instance.exports.gemm as GemmFn, relaxed, elementwise);
  }

  /** Byte offset of thread t's work area. */
  work(thread: number): number {
    return thread * WORK_BYTES;
  }

  /** A Float32Array over the whole memory; fetch it again after any allocation. */
  get f32(): Float32Array {
    return this.view;
  }

  /** A persistent buffer of `floats` float32s, 16-byte aligned and zeroed; returns its byte offset. */
  alloc(floats: number): number {
    const offset = this.top;
    this.top += Math.ceil((floats * 4) / 16) * 16;
    this.ensure(this.top);
    this.view.fill(0, offset >> 2, this.top >> 2);
    return offset;
  }

  /** The allocator's position, to hand to `release` when everything allocated after it is dropped. */
  mark(): number {
    return this.top;
  }

  /** Free every buffer allocated since `mark` (buffers are freed last-in, first-out). */
  release(mark: number): void {
    if (mark >= THREADS * WORK_BYTES && mark <= this.top) this.top = mark;
  }

  /** Byte offset of a scratch area of `bytes`, valid until the next alloc or scratch. */
  scratch(bytes: number): number {
    this.ensure(this.top + bytes);
    return this.top;
  }

  private ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new RangeError(`the kernels need ${bytes} bytes; the limit is ${MAX_PAGES * PAGE}`);
      this.memory.grow(pages);
    }
    if (this.view.byteLength !== this.memory.buffer.byteLength) this.view = new Float32Array(this.memory.buffer);
  }
}
