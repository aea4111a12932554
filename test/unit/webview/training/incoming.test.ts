import { strict as assert } from 'node:assert';
import type { TrainingSnapshot, TrainingView } from '../../../../src/protocol/training';
import { normaliseSnapshot, normaliseView, toFloat32 } from '../../../../webview/training/viewmodel/incoming';

function snapshot(): TrainingSnapshot {
  return {
    epoch: 3, batch: 0, batches: 2, loss: 0.25, accuracy: 0.75, learningRate: 0.1,
    layers: [{
      dense: 0, units: 2, inputs: 2,
      weights: Float32Array.of(0.5, -1.25, 2, NaN), bias: Float32Array.of(0.125, -0.5),
      gradWeights: Float32Array.of(0.01, 0.02, -0.03, Infinity), gradBias: Float32Array.of(0, 1),
      deltaWeights: Float32Array.of(0.001, 0, 0, -0.002), gradInputNorm: 0.4, gradInputs: Float32Array.of(0.3, 0.1),
      deadUnits: [1], nonFinite: true,
    }],
    boundary: { resolution: 2, xRange: [-1, 1], yRange: [0, 2], output: Float32Array.of(0.1, 0.9, 0.4, 0.6), argmax: Uint8Array.of(0, 1, 1, 0), hidden: [Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8)] },
    divergence: { epoch: 3, dense: 0, what: 'weights' },
  };
}

function sameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, jsonLossy: boolean): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k]!;
    // JSON writes NaN and ±Infinity as null; they come back as NaN.
    if (!Number.isFinite(e)) assert.ok(jsonLossy ? Number.isNaN(actual[k]) : Object.is(actual[k], e) || Number.isNaN(actual[k]) === Number.isNaN(e));
    else assert.equal(actual[k], e);
  }
}

describe('webview training: incoming messages', () => {
  it('keeps typed arrays as they are when VS Code transfers them', () => {
    const original = snapshot();
    const s = normaliseSnapshot(original)!;
    assert.equal(s.layers[0]!.weights, original.layers[0]!.weights);
    assert.equal(s.boundary!.output, original.boundary!.output);
  });

  it('rebuilds every array of a snapshot that went through JSON, with non-finite values as NaN', () => {
    const original = snapshot();
    const s = normaliseSnapshot(JSON.parse(JSON.stringify(original)))!;
    const [a, e] = [s.layers[0]!, original.layers[0]!];
    for (const key of ['weights', 'bias', 'gradWeights', 'gradBias', 'deltaWeights', 'gradInputs'] as const) {
      assert.ok(a[key] instanceof Float32Array, key);
      sameArray(a[key]!, e[key]!, true);
    }
    assert.deepEqual(a.deadUnits, [1]);
    assert.equal(a.nonFinite, true);
    sameArray(s.boundary!.output, original.boundary!.output, true);
    assert.deepEqual([...s.boundary!.argmax!], [0, 1, 1, 0]);
    sameArray(s.boundary!.hidden![0]!, original.boundary!.hidden![0]!, true);
    assert.deepEqual(s.boundary!.yRange, [0, 2]);
    assert.deepEqual(s.divergence, original.divergence);
    assert.equal(s.accuracy, 0.75);
    assert.equal(s.testLoss, undefined);
  });

  it('accepts plain arrays too', () => {
    assert.deepEqual([...toFloat32([1, 2.5, null])].map((v) => (Number.isNaN(v) ? 'NaN' : v)), [1, 2.5, 'NaN']);
  });

  it('drops what is not a snapshot, and a boundary smaller than its resolution says', () => {
    assert.equal(normaliseSnapshot(undefined), undefined);
    assert.equal(normaliseSnapshot({ epoch: 'x', layers: [] }), undefined);
    const s = normaliseSnapshot({ ...snapshot(), boundary: { resolution: 4, output: [1, 2], xRange: [0, 1], yRange: [0, 1] } })!;
    assert.equal(s.boundary, undefined);
  });

  it('normalises a view: unknown status becomes idle, loss nulls become NaN, series and points survive JSON', () => {
    const view: TrainingView = {
      status: 'running', totalEpochs: 10, timeline: [0, 1, 2],
      series: { loss: [0.5, NaN], testLoss: [null, 0.4], accuracy: [null, null], testAccuracy: [0.5, 0.75], validationLoss: [null, null], validationAccuracy: [null, null] },
      latest: snapshot(),
      points: { inputs: Float32Array.of(0, 1, 1, 0), labels: Float32Array.of(1, 0), count: 2 },
    };
    const v = normaliseView(JSON.parse(JSON.stringify(view)))!;
    assert.equal(v.status, 'running');
    assert.equal(v.series.loss[0], 0.5);
    assert.ok(Number.isNaN(v.series.loss[1]));
    assert.deepEqual(v.series.testLoss, [null, 0.4]);
    assert.deepEqual(v.timeline, [0, 1, 2]);
    assert.deepEqual([...v.points!.inputs], [0, 1, 1, 0]);
    assert.equal(v.latest!.epoch, 3);
    assert.equal(normaliseView({ ...view, status: 'exploded' })!.status, 'idle');
    assert.equal(normaliseView(undefined), undefined);
  });
});
