export function relaxedSource(text: string): string;
export function assembleKernels(): Promise<{ simd: Uint8Array; relaxed: Uint8Array; elementwise: Uint8Array }>;
export function buildWasm(outdir?: string): Promise<void>;
