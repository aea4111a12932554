// Shapes shared by every exporter and importer.

import type { ActivationName } from '../model/types';

export type ExportFormat = 'onnx' | 'tfjs' | 'pytorch' | 'numpy';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['onnx', 'tfjs', 'pytorch', 'numpy'];

/** One file an export produces; `name` is a bare file name, written beside the others. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExportResult {
  files: ExportFile[];
}

/** An export or import that cannot be done, with a one-line reason for the user. */
export class InteropError extends Error {}

/** A network as a flat list of operations, the common ground of all formats. */
export type Stage = DenseStage | ActivationStage;

export interface DenseStage {
  kind: 'dense';
  /** Unique, identifier-safe name. */
  name: string;
  inputSize: number;
  units: number;
  /** units × inputSize, the paper's W[j][i]. */
  weights: number[][];
  bias: number[];
}

export interface ActivationStage {
  kind: 'activation';
  name: string;
  activation: ActivationName;
  /** leakyRelu's negative slope. */
  alpha: number;
}
