// The one place where messages from the designer webview enter the host.
// The webview is treated as untrusted input: every field is checked for its
// type and range, and a fresh object holding only the known fields is built,
// so nothing unexpected reaches the model code.

import { MAX_UNITS } from '../model/limits';
import { ACTIVATIONS, INITS, LOSSES } from '../model/types';
import type { ActivationName, InitName, LossName, OptimizerSpec } from '../model/types';
import type { DesignerEdit, TrainingCommand, WebviewToHost } from './webview';

const TRAINING_COMMANDS: readonly TrainingCommand[] = ['train', 'pause', 'resume', 'stepEpoch', 'stepBatch', 'stop', 'reset', 'apply', 'discard'];
/** Bounds of the decision-boundary grid, in samples per axis. */
export const MIN_BOUNDARY_RESOLUTION = 4;
export const MAX_BOUNDARY_RESOLUTION = 200;

export { MAX_UNITS };
/** Upper bound for dense-layer, neuron and input indices. */
const MAX_INDEX = 1_000_000;
const MAX_EPOCHS = 1_000_000;
const MAX_BATCH = 1_000_000;
const MAX_SEED = 0xffffffff;
/** Exported diagrams larger than this are refused rather than written. */
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_LOG_CHARS = 10_000;
/** Columns of a diagram: the input column and one per Dense layer. */
const MAX_COLUMNS = 10_000;
/** Text offsets and lengths: VS Code's documents stay far below this. */
const MAX_TEXT_OFFSET = 2 ** 31 - 1;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isFiniteNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isOneOf<T extends string>(v: unknown, names: readonly T[]): v is T {
  return typeof v === 'string' && (names as readonly string[]).includes(v);
}

/** A probability-like hyperparameter in [0, 1). */
function isUnitInterval(v: unknown): v is number {
  return isFiniteNum(v) && v >= 0 && v < 1;
}

function parseOptimizer(o: unknown): OptimizerSpec | undefined {
  if (!isObj(o) || !isFiniteNum(o.learningRate) || o.learningRate <= 0) return undefined;
  const learningRate = o.learningRate;
  switch (o.type) {
    case 'sgd':
      return { type: 'sgd', learningRate };
    case 'momentum': {
      if (o.momentum !== undefined && !isUnitInterval(o.momentum)) return undefined;
      return o.momentum === undefined ? { type: 'momentum', learningRate } : { type: 'momentum', learningRate, momentum: o.momentum };
    }
    case 'adam': {
      const spec: OptimizerSpec = { type: 'adam', learningRate };
      if (o.beta1 !== undefined) {
        if (!isUnitInterval(o.beta1)) return undefined;
        spec.beta1 = o.beta1;
      }
      if (o.beta2 !== undefined) {
        if (!isUnitInterval(o.beta2)) return undefined;
        spec.beta2 = o.beta2;
      }
      if (o.epsilon !== undefined) {
        if (!isFiniteNum(o.epsilon) || o.epsilon <= 0) return undefined;
        spec.epsilon = o.epsilon;
      }
      return spec;
    }
    default:
      return undefined;
  }
}

const dense = (v: unknown): v is number => isInt(v, 0, MAX_INDEX);
const units = (v: unknown): v is number => isInt(v, 1, MAX_UNITS);
const activation = (v: unknown): v is ActivationName => isOneOf(v, ACTIVATIONS);

/** Checks one DesignerEdit field by field; undefined when anything is off. */
export function parseDesignerEdit(e: unknown): DesignerEdit | undefined {
  if (!isObj(e)) return undefined;
  switch (e.kind) {
    case 'addLayer':
      return dense(e.before) && units(e.units) && activation(e.activation)
        ? { kind: 'addLayer', before: e.before, units: e.units, activation: e.activation }
        : undefined;
    case 'removeLayer':
      return dense(e.dense) ? { kind: 'removeLayer', dense: e.dense } : undefined;
    case 'setUnits':
      return dense(e.dense) && units(e.units) ? { kind: 'setUnits', dense: e.dense, units: e.units } : undefined;
    case 'setActivation':
      return dense(e.dense) && activation(e.activation)
        ? { kind: 'setActivation', dense: e.dense, activation: e.activation }
        : undefined;
    case 'setLoss':
      return isOneOf<LossName>(e.loss, LOSSES) ? { kind: 'setLoss', loss: e.loss } : undefined;
    case 'setOptimizer': {
      const optimizer = parseOptimizer(e.optimizer);
      return optimizer ? { kind: 'setOptimizer', optimizer } : undefined;
    }
    case 'setTraining': {
      const ok =
        (e.field === 'epochs' && isInt(e.value, 1, MAX_EPOCHS)) ||
        (e.field === 'batchSize' && isInt(e.value, 1, MAX_BATCH)) ||
        (e.field === 'seed' && isInt(e.value, 0, MAX_SEED));
      return ok ? { kind: 'setTraining', field: e.field as 'epochs' | 'batchSize' | 'seed', value: e.value as number } : undefined;
    }
    case 'setInit':
      return dense(e.dense) && isOneOf<InitName>(e.init, INITS) ? { kind: 'setInit', dense: e.dense, init: e.init } : undefined;
    case 'setWeight':
      return dense(e.dense) && isInt(e.neuron, 0, MAX_INDEX) && isInt(e.input, 0, MAX_INDEX) && isFiniteNum(e.value)
        ? { kind: 'setWeight', dense: e.dense, neuron: e.neuron, input: e.input, value: e.value }
        : undefined;
    case 'setBias':
      return dense(e.dense) && isInt(e.neuron, 0, MAX_INDEX) && isFiniteNum(e.value)
        ? { kind: 'setBias', dense: e.dense, neuron: e.neuron, value: e.value }
        : undefined;
    case 'collapseLinear':
      return dense(e.from) && dense(e.to) && e.from < e.to ? { kind: 'collapseLinear', from: e.from, to: e.to } : undefined;
    default:
      return undefined;
  }
}

function isExportData(format: 'svg' | 'png', data: unknown): data is string {
  if (typeof data !== 'string' || data.length > MAX_EXPORT_CHARS) return false;
  if (format === 'png') return /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(data);
  return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data);
}

/** Validates a raw message from the webview; undefined for anything malformed or unknown. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openAsText':
      return { type: 'openAsText' };
    case 'revealText':
      return isInt(raw.offset, 0, MAX_TEXT_OFFSET) && isInt(raw.length, 0, MAX_TEXT_OFFSET)
        ? { type: 'revealText', offset: raw.offset, length: raw.length }
        : undefined;
    case 'quickFix':
      return isInt(raw.error, 0, MAX_INDEX) && isInt(raw.fix, 0, MAX_INDEX) && isInt(raw.version, 0, Number.MAX_SAFE_INTEGER)
        ? { type: 'quickFix', error: raw.error, fix: raw.fix, version: raw.version }
        : undefined;
    case 'edit': {
      const edit = parseDesignerEdit(raw.edit);
      return edit && isInt(raw.version, 0, Number.MAX_SAFE_INTEGER) ? { type: 'edit', edit, version: raw.version } : undefined;
    }
    case 'exportDiagram':
      return (raw.format === 'svg' || raw.format === 'png') && isExportData(raw.format, raw.data)
        ? { type: 'exportDiagram', format: raw.format, data: raw.data }
        : undefined;
    case 'log':
      return isOneOf(raw.level, ['info', 'warn', 'error'] as const) && typeof raw.message === 'string'
        ? { type: 'log', level: raw.level, message: raw.message.slice(0, MAX_LOG_CHARS) }
        : undefined;
    case 'training':
      return isOneOf(raw.command, TRAINING_COMMANDS) ? { type: 'training', command: raw.command } : undefined;
    case 'scrubTo':
      return isInt(raw.epoch, 0, MAX_EPOCHS) ? { type: 'scrubTo', epoch: raw.epoch } : undefined;
    case 'boundaryResolution':
      return isInt(raw.resolution, MIN_BOUNDARY_RESOLUTION, MAX_BOUNDARY_RESOLUTION)
        ? { type: 'boundaryResolution', resolution: raw.resolution }
        : undefined;
    case 'visibleNeurons':
      return Array.isArray(raw.columns) && raw.columns.length <= MAX_COLUMNS && raw.columns.every((n) => isInt(n, 0, MAX_UNITS))
        ? { type: 'visibleNeurons', columns: [...(raw.columns as number[])] }
        : undefined;
    case 'layerDetail':
      return dense(raw.dense) && isInt(raw.epoch, 0, MAX_EPOCHS) ? { type: 'layerDetail', dense: raw.dense, epoch: raw.epoch } : undefined;
    default:
      return undefined;
  }
}

/**
 * Where the host takes in a message from the webview: a message that does not
 * validate is reported to `warn` as dropped and never returned, so nothing acts on it.
 */
export function acceptWebviewMessage(raw: unknown, warn: (line: string) => void): WebviewToHost | undefined {
  const message = parseWebviewMessage(raw);
  if (!message) warn(`designer: dropped a malformed message: ${describeRaw(raw)}`);
  return message;
}

/** At most 200 characters of what arrived, for the log. */
function describeRaw(raw: unknown): string {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 200);
  } catch {
    return typeof raw;
  }
}
