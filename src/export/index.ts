// The interop surface the CLI and the extension host call. Pure: bytes in,
// bytes out; reading and writing files is the caller's job.

import { DataError } from '../data';
import type { ReadText } from '../model/samples';
import type { NnModel } from '../model/types';
import type { ImportedModel } from './assemble';
import { importKeras } from './kerasImport';
import { exportNumpy } from './numpyExport';
import { exportOnnx } from './onnxExport';
import { importOnnx } from './onnxImport';
import { exportPytorch } from './pytorchExport';
import { encodeText } from './python';
import { isRecord, modelNameFrom, parseJsonBytes, type ReadSibling } from './readers';
import { exportTfjs } from './tfjsExport';
import { importTfjs } from './tfjsImport';
import { torchData } from './torchData';
import { InteropError, type ExportFile, type ExportFormat, type ExportResult } from './types';

export { EXPORT_FORMATS, InteropError, type ExportFile, type ExportFormat, type ExportResult } from './types';
export type { ReadSibling } from './readers';

export interface ExportOptions {
  /** File names start with this; default "network". */
  baseName?: string;
  /** Reads the model's data file (path relative to the .nnjson), for the PyTorch export of JSON data. */
  readData?: ReadText;
}

/** The extension of the main file each format writes. */
export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = { onnx: '.onnx', tfjs: '.json', pytorch: '.py', numpy: '.py' };

/** The files of one export; the first is the main file. Throws InteropError when the model cannot be exported. */
export async function exportNetwork(model: NnModel, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
  const base = options.baseName ?? 'network';
  try {
    switch (format) {
      case 'onnx':
        return { files: [{ name: `${base}.onnx`, bytes: exportOnnx(model) }] };
      case 'tfjs': {
        const weightsName = `${base}.weights.bin`;
        const { modelJson, weights } = exportTfjs(model, weightsName);
        return { files: [{ name: `${base}.json`, bytes: encodeText(modelJson) }, { name: weightsName, bytes: weights }] };
      }
      case 'pytorch': {
        const { data, extra } = await torchData(model, `${base}-data.csv`, options.readData);
        const files: ExportFile[] = [{ name: `${base}.py`, bytes: encodeText(exportPytorch(model, data)) }];
        if (extra) files.push(extra);
        return { files };
      }
      case 'numpy':
        return { files: [{ name: `${base}.py`, bytes: encodeText(exportNumpy(model)) }] };
    }
  } catch (err) {
    if (err instanceof DataError) throw new InteropError(err.message);
    throw err;
  }
}

export interface ImportOptions {
  /** Reads a file beside the imported one, e.g. a TF.js weights shard; absent means none can be read. */
  readSibling?: ReadSibling;
  /** Seed for weights the source does not carry (Keras architectures). Default 0. */
  seed?: number;
}

export type ImportResult = ({ ok: true } & ImportedModel) | { ok: false; errors: string[] };

/**
 * Imports a Keras model.to_json() file, a TF.js model.json (with its shards
 * through readSibling) or an ONNX model. Never throws for bad input.
 */
export async function importNetwork(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const name = modelNameFrom(fileName);
  const seed = options.seed ?? 0;
  const readSibling = options.readSibling ?? (async () => undefined);
  try {
    if (looksLikeJson(fileName, bytes)) {
      const json = parseJsonBytes(bytes, fileName);
      if (isRecord(json) && 'modelTopology' in json) return { ok: true, ...(await importTfjs(json, name, readSibling, seed)) };
      if (isRecord(json) && 'class_name' in json) return { ok: true, ...importKeras(json, name, seed) };
      throw new InteropError(`${fileName} is neither a Keras model JSON nor a TF.js model.json`);
    }
    return { ok: true, ...importOnnx(bytes, name, seed) };
  } catch (err) {
    if (err instanceof InteropError) return { ok: false, errors: [err.message] };
    throw err;
  }
}

function looksLikeJson(fileName: string, bytes: Uint8Array): boolean {
  if (/\.json$/i.test(fileName)) return true;
  if (/\.onnx$/i.test(fileName)) return false;
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  return first === 0x7b;
}
