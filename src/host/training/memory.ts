// How much memory a training session will hold in typed arrays: the weights,
// gradients and optimizer state, the snapshots and the timeline, and the data.
// These live outside the JavaScript heap that `resourceLimits` bounds (and a
// Web Worker has no limit at all), so the manager checks this estimate against
// `nnDesigner.training.workerMemoryMb` before it starts a worker. Pure.

import { findBuiltin } from '../../data/builtins';
import { denseLayers, outputSize, parameterCount } from '../../model/layers';
import type { NnModel } from '../../model/types';
import { DEFAULT_MAX_BYTES as TIMELINE_MAX_BYTES } from '../../worker/timeline';

/** Bounds of the setting; below 16 MB nothing trains, and above 64 GB a number is surely a typo. */
export const MIN_WORKER_MEMORY_MB = 16;
export const MAX_WORKER_MEMORY_MB = 65_536;
export const DEFAULT_WORKER_MEMORY_MB = 2048;

/** The setting as a whole number of megabytes within its bounds; anything that is not a finite number gets the default. */
export function clampWorkerMemoryMb(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_WORKER_MEMORY_MB;
  return Math.min(MAX_WORKER_MEMORY_MB, Math.max(MIN_WORKER_MEMORY_MB, Math.floor(value)));
}

/**
 * Bytes per parameter, per copy the session keeps:
 * float64 weights and dL/dW in the engine (16), the snapshot builder's float64
 * copy of W for ΔW (8), float32 W, dL/dW and ΔW in the latest snapshot and in the
 * one on its way to the host (2 × 12), the float32 mirror of the WASM trainer
 * (W and dL/dW, 8), and the float64 parameters Apply fetches (8).
 */
const BYTES_PER_PARAMETER = 16 + 8 + 24 + 8 + 8;
/** Optimizer state per parameter, float64 in the engine plus the trainer's float32 mirror. */
const OPTIMIZER_BYTES: Record<NnModel['training']['optimizer']['type'], number> = { sgd: 0, momentum: 8 + 4, adam: 16 + 8 };
/** float32 W, dL/dW and ΔW: what one kept epoch of the timeline holds per parameter. */
const TIMELINE_BYTES_PER_PARAMETER = 12;
/**
 * Float64 copies of each data value at the peak: the loaded set, kept for Reset,
 * and the split and scaled sets built from it (the parser's growing buffer is
 * gone by then).
 */
const DATA_COPIES = 3;
/** A data file's characters per value, at the least a digit and a separator ("0,"). */
const CHARACTERS_PER_VALUE = 2;
/** Per sample of a batch and unit: the outputs and input gradients of a Dense and its activation, float64, and the trainer's float32 mirror. */
const ACTIVATION_BYTES = 4 * 8 + 2 * 4;

export interface MemoryEstimate {
  bytes: number;
  parameters: number;
  /** Data values (rows × columns); for a data file, from its size. */
  dataValues: number;
}

/**
 * The bytes a session on `model` keeps in typed arrays. `dataFileBytes` is the
 * size of the model's data file, if it has one: the rows are not known before
 * the worker reads it, so every two characters count as a value (an upper bound).
 */
export function estimateSessionMemory(model: NnModel, options: { keepRecentEpochs: number; keepEveryNth: number; dataFileBytes?: number }): MemoryEstimate {
  const parameters = parameterCount(model);
  const optimizer = OPTIMIZER_BYTES[model.training.optimizer.type] ?? OPTIMIZER_BYTES.adam;
  // Epoch 0 and every epoch the run has, or the recent ones and every Nth before them when there are more.
  const epochs = model.training.epochs;
  const keptEpochs = Math.min(epochs + 1, options.keepRecentEpochs + Math.ceil(epochs / Math.max(1, options.keepEveryNth)));
  // The timeline gives up old epochs beyond its byte budget, but always keeps the latest.
  const timeline = Math.max(TIMELINE_BYTES_PER_PARAMETER * parameters, Math.min(TIMELINE_MAX_BYTES, keptEpochs * TIMELINE_BYTES_PER_PARAMETER * parameters));
  const units = model.inputs + denseLayers(model).reduce((sum, d) => sum + d.layer.units, 0);
  const dataValues = dataValueCount(model, options.dataFileBytes);
  const batch = Math.min(model.training.batchSize, Math.max(1, dataValues / Math.max(1, model.inputs + outputSize(model))));
  const bytes =
    parameters * (BYTES_PER_PARAMETER + optimizer) +
    timeline +
    batch * units * ACTIVATION_BYTES +
    dataValues * 8 * DATA_COPIES;
  return { bytes, parameters, dataValues };
}

function dataValueCount(model: NnModel, dataFileBytes: number | undefined): number {
  const data = model.data;
  const width = model.inputs + outputSize(model);
  switch (data?.source) {
    case 'inline':
      return data.inputs.length * width;
    case 'builtin': {
      const info = findBuiltin(data.name);
      const rows = typeof data.samples === 'number' ? data.samples : info?.defaultSamples ?? 0;
      return rows * ((info?.inputSize ?? model.inputs) + (info?.targetSize ?? outputSize(model)));
    }
    case 'file':
      return Math.ceil((dataFileBytes ?? 0) / CHARACTERS_PER_VALUE);
    default:
      return 0;
  }
}

/** Megabytes, for messages: "4.4 GB" or "310 MB". */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.max(1, Math.round(mb))} MB`;
}

/** The message that refuses a session over the budget; undefined when it fits. */
export function memoryRefusal(name: string, estimate: MemoryEstimate, budgetMb: number): string | undefined {
  if (estimate.bytes <= budgetMb * 1024 * 1024) return undefined;
  const what = [`${estimate.parameters.toLocaleString('en-US')} parameters`];
  if (estimate.dataValues > 0) what.push(`${estimate.dataValues.toLocaleString('en-US')} data values`);
  return (
    `training ${name} would need about ${formatBytes(estimate.bytes)} for its weights, gradients, snapshots and data (${what.join(', ')}), ` +
    `more than the ${budgetMb.toLocaleString('en-US')} MB that the setting nnDesigner.training.workerMemoryMb allows; ` +
    'use a smaller network or less data, or raise the setting'
  );
}
