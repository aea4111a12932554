// Host messages carry typed arrays when VS Code transfers them, and plain
// arrays or index-keyed objects when a message was serialised as JSON on the
// way. Everything training-related is normalised here, once, where it enters.
import { normaliseMetrics } from './metrics';
import { normalisePreview } from './preview';
import type { BoundaryGrid, LayerSnapshot, LayerSummary, TrainingSeries, TrainingSnapshot, TrainingStatus, TrainingView, ValueSummary } from '../../../src/protocol/training';

const STATUSES: readonly TrainingStatus[] = ['idle', 'running', 'paused', 'done', 'stopped', 'failed'];

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null;
}

function num(value: unknown, fallback = NaN): number {
  // JSON turns NaN and ±Infinity into null; a missing loss is NaN, never 0.
  return typeof value === 'number' ? value : fallback;
}

function optNum(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Float32Array from a typed array, an array, or `{ "0": …, "1": … }`. Null entries (JSON's NaN) stay NaN. */
export function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Float32Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return Float32Array.from(value, (v) => num(v));
  if (isObject(value)) {
    const keys = Object.keys(value);
    const out = new Float32Array(keys.length);
    for (let k = 0; k < keys.length; k++) out[k] = num(value[String(k)]);
    return out;
  }
  return new Float32Array(0);
}

function toUint8(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return Uint8Array.from(toFloat32(value));
}

/** The finite numbers of a list, ascending: an epoch list as the host sent it. */
export function epochList(value: unknown): number[] {
  return numbers(value).filter(Number.isFinite).sort((a, b) => a - b);
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

function nullableNumbers(value: unknown): (number | null)[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? v : null)) : [];
}

function range(value: unknown): [number, number] {
  return Array.isArray(value) && value.length === 2 ? [num(value[0], 0), num(value[1], 1)] : [0, 1];
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

export function normaliseLayer(raw: unknown, index: number): LayerSnapshot {
  const l = isObject(raw) ? raw : {};
  const layer: LayerSnapshot = {
    dense: num(l.dense, index),
    units: num(l.units, 0),
    inputs: num(l.inputs, 0),
    weights: toFloat32(l.weights),
    bias: toFloat32(l.bias),
    gradWeights: toFloat32(l.gradWeights),
    gradBias: toFloat32(l.gradBias),
    deltaWeights: toFloat32(l.deltaWeights),
    gradInputNorm: num(l.gradInputNorm, 0),
    deadUnits: numbers(l.deadUnits),
    nonFinite: l.nonFinite === true,
  };
  if (l.gradInputs !== undefined && l.gradInputs !== null) layer.gradInputs = toFloat32(l.gradInputs);
  const sample = l.sample;
  if (isObject(sample) && isCount(sample.rows, layer.units) && isCount(sample.cols, layer.inputs)) {
    const size = sample.rows * sample.cols;
    // A block the arrays cannot hold is not drawn from: the layer then reads as whole and short.
    if (layer.weights.length >= size && layer.gradWeights.length >= size && layer.deltaWeights.length >= size) {
      layer.sample = { rows: sample.rows, cols: sample.cols };
      const summary = normaliseSummary(l.summary);
      if (summary) layer.summary = summary;
    }
  }
  return layer;
}

function normaliseValues(raw: unknown): ValueSummary | undefined {
  if (!isObject(raw)) return undefined;
  return {
    count: num(raw.count, 0), finite: num(raw.finite, 0),
    min: num(raw.min, 0), max: num(raw.max, 0), mean: num(raw.mean, 0), meanAbs: num(raw.meanAbs, 0), l2: num(raw.l2, 0),
    histogram: numbers(raw.histogram), rowNorms: toFloat32(raw.rowNorms),
  };
}

function normaliseSummary(raw: unknown): LayerSummary | undefined {
  if (!isObject(raw)) return undefined;
  const weights = normaliseValues(raw.weights);
  const gradWeights = normaliseValues(raw.gradWeights);
  const deltaWeights = normaliseValues(raw.deltaWeights);
  return weights && gradWeights && deltaWeights ? { weights, gradWeights, deltaWeights } : undefined;
}

function normaliseBoundary(raw: unknown): BoundaryGrid | undefined {
  if (!isObject(raw)) return undefined;
  const resolution = num(raw.resolution, 0);
  const output = toFloat32(raw.output);
  if (!(resolution > 1) || output.length < resolution * resolution) return undefined;
  const grid: BoundaryGrid = { resolution, xRange: range(raw.xRange), yRange: range(raw.yRange), output };
  if (raw.argmax !== undefined && raw.argmax !== null) grid.argmax = toUint8(raw.argmax);
  if (Array.isArray(raw.hidden)) grid.hidden = raw.hidden.map(toFloat32);
  return grid;
}

export function normaliseSnapshot(raw: unknown): TrainingSnapshot | undefined {
  if (!isObject(raw) || typeof raw.epoch !== 'number' || !Array.isArray(raw.layers)) return undefined;
  const snapshot: TrainingSnapshot = {
    epoch: raw.epoch,
    batch: num(raw.batch, 0),
    batches: num(raw.batches, 0),
    loss: num(raw.loss),
    learningRate: num(raw.learningRate),
    layers: raw.layers.map(normaliseLayer),
  };
  for (const key of ['testLoss', 'accuracy', 'testAccuracy', 'validationLoss', 'validationAccuracy'] as const) {
    const v = optNum(raw[key]);
    if (v !== undefined) snapshot[key] = v;
  }
  const boundary = normaliseBoundary(raw.boundary);
  if (boundary) snapshot.boundary = boundary;
  const d = raw.divergence;
  if (isObject(d) && (d.what === 'loss' || d.what === 'weights' || d.what === 'gradients')) {
    snapshot.divergence = { epoch: num(d.epoch, raw.epoch), dense: num(d.dense, 0), what: d.what };
  }
  const metrics = normaliseMetrics(raw.metrics);
  if (metrics) snapshot.metrics = metrics;
  return snapshot;
}

/** A live snapshot's chart numbers since the last message: epochs `from`, `from` + 1, …; undefined when malformed. */
export function normaliseSeriesDelta(raw: unknown): { from: number; series: TrainingSeries } | undefined {
  if (!isObject(raw)) return undefined;
  const from = num(raw.from, NaN);
  if (!Number.isInteger(from) || from < 1) return undefined;
  return { from, series: normaliseSeries(raw) };
}

function normaliseSeries(raw: unknown): TrainingSeries {
  const s = isObject(raw) ? raw : {};
  return {
    // The train loss of a diverged epoch arrives as null; keep it as NaN so indices still match epochs.
    loss: Array.isArray(s.loss) ? s.loss.map((v) => num(v)) : [],
    testLoss: nullableNumbers(s.testLoss),
    accuracy: nullableNumbers(s.accuracy),
    testAccuracy: nullableNumbers(s.testAccuracy),
    validationLoss: nullableNumbers(s.validationLoss),
    validationAccuracy: nullableNumbers(s.validationAccuracy),
  };
}

export function normaliseView(raw: unknown): TrainingView | undefined {
  if (!isObject(raw)) return undefined;
  const status = STATUSES.includes(raw.status as TrainingStatus) ? (raw.status as TrainingStatus) : 'idle';
  const view: TrainingView = {
    status,
    totalEpochs: num(raw.totalEpochs, 0),
    series: normaliseSeries(raw.series),
    timeline: numbers(raw.timeline),
  };
  const latest = normaliseSnapshot(raw.latest);
  if (latest) view.latest = latest;
  if (typeof raw.message === 'string') view.message = raw.message;
  const p = raw.points;
  if (isObject(p) && typeof p.count === 'number') {
    view.points = { inputs: toFloat32(p.inputs), labels: toFloat32(p.labels), count: p.count };
    if (typeof p.total === 'number') view.points.total = p.total;
  }
  if (typeof raw.pointsId === 'number') view.pointsId = raw.pointsId;
  const preview = normalisePreview(raw.preview);
  if (preview) view.preview = preview;
  if (isObject(raw.reading)) view.reading = { rows: num(raw.reading.rows, 0), characters: num(raw.reading.characters, 0) };
  return view;
}
