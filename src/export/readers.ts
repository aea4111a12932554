// Small helpers the importers share.

import { InteropError } from './types';

/** Reads a file named relative to the one being imported; undefined when it does not exist. */
export type ReadSibling = (name: string) => Promise<Uint8Array | undefined>;

export function parseJsonBytes(bytes: Uint8Array, what: string): unknown {
  const text = new TextDecoder('utf-8').decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InteropError(`${what} is not valid JSON (${(err as Error).message})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The paper's W[j][i] from a row-major [in, out] Keras kernel. */
export function transposeKernel(kernel: ArrayLike<number>, inputSize: number, units: number): number[][] {
  return Array.from({ length: units }, (_, j) => Array.from({ length: inputSize }, (_, i) => kernel[i * units + j]));
}

export function modelNameFrom(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base === '' ? 'imported' : base;
}
