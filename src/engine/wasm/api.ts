// The slice of the WebAssembly JS API the kernels use. The engine compiles
// against ES2022 without DOM types, so it names what it needs here and reaches
// the runtime through globalThis (Node, browsers and workers all provide it).

export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

export interface WasmModule {
  readonly __brand?: 'WebAssembly.Module';
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** The host's WebAssembly, or undefined where there is none. */
export function webAssembly(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/** Bytes in one WebAssembly page. */
export const PAGE = 65536;
/** The maximum the kernels' shared memory may grow to, in pages (1 GiB); it must match gemm.wat. */
export const MAX_PAGES = 16384;
