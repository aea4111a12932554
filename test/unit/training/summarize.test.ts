import * as assert from 'node:assert/strict';
import { reduceLayer, reduceSnapshot, reduceView, sampleBlock } from '../../../src/host/training/summarize';
import { summarizeLayer, summarizeValues } from '../../../src/protocol/summary';
import { withSummaries } from '../../../src/worker/summaries';
import { createRng } from '../../../src/engine';
import { DEFAULT_VISIBLE_NEURONS, HISTOGRAM_BINS, SAMPLE_THRESHOLD, type LayerSnapshot, type TrainingSnapshot } from '../../../src/protocol/training';

function noise(seed: number, length: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => (rng() * 2 - 1) * scale);
}

function layer(dense: number, units: number, inputs: number, seed = dense + 1): LayerSnapshot {
  const n = units * inputs;
  return {
    dense, units, inputs,
    weights: noise(seed, n), bias: noise(seed + 100, units),
    gradWeights: noise(seed + 200, n, 0.01), gradBias: noise(seed + 300, units, 0.01),
    deltaWeights: noise(seed + 400, n, 0.001), gradInputNorm: 0.5, gradInputs: noise(seed + 500, inputs),
    deadUnits: [], nonFinite: false,
  };
}

function snapshotOf(sizes: readonly number[]): TrainingSnapshot {
  const layers = sizes.slice(1).map((units, d) => layer(d, units, sizes[d]!));
  return { epoch: 3, batch: 0, batches: 10, loss: 0.4, learningRate: 0.01, layers };
}

/** Bytes a message costs: typed arrays by their buffers, every other number as a double, strings per character. */
function bytesOf(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'number') return 8;
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + bytesOf(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, v) => sum + bytesOf(v), 0);
  return 0;
}

describe('snapshot reduction for the webview', () => {
  it('samples exactly the block of neurons and inputs the diagram draws', () => {
    const full = layer(0, 130, 80);
    const reduced = reduceLayer(full, 64, 50);
    assert.deepEqual(reduced.sample, { rows: 64, cols: 50 });
    for (const key of ['weights', 'gradWeights', 'deltaWeights'] as const) {
      assert.equal(reduced[key].length, 64 * 50, key);
      for (let j = 0; j < 64; j++) {
        for (let i = 0; i < 50; i++) assert.equal(reduced[key][j * 50 + i], full[key][j * 80 + i], `${key}[${j}][${i}]`);
      }
    }
    assert.equal(reduced.bias, full.bias, 'bias stays whole');
    assert.equal(reduced.gradInputs, full.gradInputs, 'per-input gradients stay whole');
    assert.equal(full.weights.length, 130 * 80, 'the host keeps its own copy whole');
  });

  it('takes the block per column from what the webview reported, and 64 per column before it has', () => {
    const s = snapshotOf([784, 128, 10]);
    const before = reduceSnapshot(s, undefined);
    assert.deepEqual(before.layers[0]!.sample, { rows: DEFAULT_VISIBLE_NEURONS, cols: DEFAULT_VISIBLE_NEURONS });
    const expanded = reduceSnapshot(s, [64, 128, 10]);
    assert.deepEqual(expanded.layers[0]!.sample, { rows: 128, cols: 64 });
    assert.equal(expanded.layers[1], s.layers[1], '128 × 10 is small and goes whole');
    assert.equal(reduceSnapshot(s, [784, 128, 10]).layers[0], s.layers[0], 'a layer drawn whole goes whole');
  });

  it('leaves small layers and a snapshot of only small layers untouched', () => {
    const s = snapshotOf([64, 64, 10]);
    assert.equal(s.layers[0]!.weights.length, SAMPLE_THRESHOLD);
    assert.equal(reduceSnapshot(s, [2, 2, 2]), s);
    const view = { status: 'running' as const, totalEpochs: 5, series: { loss: [], testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] }, timeline: [], latest: s };
    assert.equal(reduceView(view, undefined), view);
    assert.equal(reduceView(undefined, undefined), undefined);
  });

  it('summarises the whole matrices, matching a direct computation', () => {
    const full = layer(0, 100, 70);
    // Non-finite entries are counted but left out of every statistic.
    full.weights[5] = NaN;
    full.weights[6999] = Infinity;
    full.weights[4321] = -7;
    const summary = reduceLayer(full, 10, 10).summary!;
    for (const key of ['weights', 'gradWeights', 'deltaWeights'] as const) {
      const values = Array.from(full[key]);
      const finite = values.filter(Number.isFinite);
      const s = summary[key];
      assert.equal(s.count, 7000);
      assert.equal(s.finite, finite.length);
      assert.equal(s.min, Math.min(...finite));
      assert.equal(s.max, Math.max(...finite));
      const close = (a: number, b: number, what: string, tolerance = 1e-9): void =>
        assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)), `${key} ${what}: ${a} vs ${b}`);
      close(s.mean, finite.reduce((a, v) => a + v, 0) / finite.length, 'mean');
      close(s.meanAbs, finite.reduce((a, v) => a + Math.abs(v), 0) / finite.length, 'mean |x|');
      close(s.l2, Math.hypot(...finite), 'l2');
      assert.equal(s.histogram.length, HISTOGRAM_BINS);
      assert.equal(s.histogram.reduce((a, c) => a + c, 0), finite.length);
      const width = (s.max - s.min) / HISTOGRAM_BINS;
      for (let b = 0; b < HISTOGRAM_BINS; b++) {
        const lo = s.min + b * width;
        const inBin = finite.filter((v) => v >= lo && (b === HISTOGRAM_BINS - 1 ? v <= s.max : v < lo + width)).length;
        assert.ok(Math.abs(inBin - s.histogram[b]!) <= 1, `${key} bin ${b}: ${s.histogram[b]} vs ${inBin}`);
      }
      for (let j = 0; j < 100; j++) {
        const row = values.slice(j * 70, (j + 1) * 70).filter(Number.isFinite);
        // Row norms travel as float32.
        close(s.rowNorms[j]!, Math.hypot(...row), `row ${j} norm`, 1e-6);
      }
    }
    assert.equal(summary.weights.min, -7, 'the range covers entries outside the sampled block');
  });

  it('summarises a matrix with no finite entry as zeros rather than ±Infinity', () => {
    const s = summarizeValues(new Float32Array([NaN, Infinity, -Infinity, NaN]), 2, 2);
    assert.deepEqual({ finite: s.finite, min: s.min, max: s.max, l2: s.l2 }, { finite: 0, min: 0, max: 0, l2: 0 });
    assert.deepEqual(Array.from(s.rowNorms), [0, 0]);
  });

  it('puts a constant matrix in one bin', () => {
    const s = summarizeValues(new Float32Array(12).fill(0.25), 3, 4);
    assert.equal(s.histogram[0], 12);
    assert.equal(s.min, 0.25);
    assert.equal(s.max, 0.25);
  });

  it('cuts the bytes of an MNIST 784-128-64-10 snapshot by more than ten times', () => {
    const s = snapshotOf([784, 128, 64, 10]);
    const whole = bytesOf(s);
    const reduced = bytesOf(reduceSnapshot(s, undefined));
    assert.ok(whole > 1_300_000, `a whole snapshot is ${whole} bytes`);
    assert.ok(reduced * 10 < whole, `reduced to ${reduced} bytes from ${whole}`);
    // The diagram's default view: 64 × 64 links per large layer, sent as three float32 matrices.
    const sampled = reduceSnapshot(s, undefined).layers.slice(0, 2);
    assert.deepEqual(sampled.map((l) => l.weights.length), [64 * 64, 64 * 64]);
  });

  it('copies a block out of a row-major matrix', () => {
    const m = Float32Array.from({ length: 12 }, (_, k) => k);
    assert.deepEqual(Array.from(sampleBlock(m, 4, 2, 3)), [0, 1, 2, 4, 5, 6]);
  });

  it('forwards the statistics the worker computed instead of computing them again', () => {
    const full = layer(0, 100, 70);
    const fromWorker = summarizeLayer(layer(0, 100, 70, 99));
    full.summary = fromWorker;
    assert.equal(reduceLayer(full, 10, 10).summary, fromWorker);
  });
});

describe('statistics computed in the worker', () => {
  it('summarises exactly the large layers of the snapshots the worker posts, as the host would', () => {
    const posted = snapshotOf([784, 128, 64, 10]);
    const expected = snapshotOf([784, 128, 64, 10]).layers.map((l) => reduceLayer(l, 10, 10).summary);
    const message = withSummaries({ type: 'snapshot', snapshot: posted });
    assert.equal(message.type === 'snapshot' && message.snapshot, posted);
    assert.deepEqual(posted.layers.map((l) => l.summary), [expected[0], expected[1], undefined]);
    assert.equal(expected[2], undefined, '64 × 10 goes whole');
    // What reaches the webview is what it got when the host computed the statistics itself.
    const alone = snapshotOf([784, 128, 64, 10]);
    assert.deepEqual(reduceSnapshot(posted, [64, 32, 64, 10]), reduceSnapshot(alone, [64, 32, 64, 10]));
    for (const type of ['ready', 'scrubbed'] as const) {
      const s = snapshotOf([784, 128, 10]);
      withSummaries(type === 'ready' ? { type, totalEpochs: 1, batches: 1, snapshot: s } : { type, id: 1, snapshot: s, timeline: [0, 1] });
      assert.deepEqual(s.layers[0]!.summary, summarizeLayer(s.layers[0]!), type);
    }
    const state = { type: 'state' as const, state: 'paused' as const, epoch: 3 };
    assert.deepEqual(withSummaries(state), { type: 'state', state: 'paused', epoch: 3 });
    withSummaries({ type: 'scrubbed', id: 2, timeline: [0] });
  });
});
