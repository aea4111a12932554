// The parts of a model that ONNX and TF.js have no place for (training
// settings, names, data source) travel as one JSON string in the exported
// file's metadata, so importing our own export restores them.

import type { NnModel } from '../model/types';

export const HEADER_KEY = 'nnjson.header';

/** The model without its layers, history and (already folded) normalisation. */
export function modelHeader(model: NnModel): string {
  const { layers: _layers, history: _history, data, ...rest } = model;
  if (!data) return JSON.stringify(rest);
  const { normalization: _normalization, ...source } = data;
  return JSON.stringify({ ...rest, data: source });
}

/** The header fields when the text is a JSON object, else nothing. */
export function parseHeader(text: string | undefined): Partial<NnModel> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<NnModel>) : {};
  } catch {
    return {};
  }
}
