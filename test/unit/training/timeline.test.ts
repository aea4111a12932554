import * as assert from 'node:assert/strict';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import { policyEpochs, snapshotBytes, Timeline } from '../../../src/worker/timeline';

function snapshot(epoch: number, size = 2): TrainingSnapshot {
  const layer = {
    dense: 0, units: 1, inputs: size,
    weights: new Float32Array(size).fill(epoch), bias: new Float32Array(1),
    gradWeights: new Float32Array(size), gradBias: new Float32Array(1), deltaWeights: new Float32Array(size),
    gradInputNorm: 0, deadUnits: [], nonFinite: false,
  };
  return { epoch, batch: 0, batches: 1, loss: 1, learningRate: 0.1, layers: [layer] };
}

describe('the epoch timeline', () => {
  it('keeps the last N epochs and every Nth before them, as its policy lists', () => {
    const t = new Timeline({ keepRecent: 5, keepEveryNth: 10 });
    for (let e = 0; e <= 37; e++) t.add(snapshot(e));
    assert.deepEqual(t.epochs(), [0, 10, 20, 30, 33, 34, 35, 36, 37]);
    assert.deepEqual(t.epochs(), policyEpochs(37, 5, 10));
    assert.equal(t.get(20)?.layers[0].weights[0], 20);
    assert.equal(t.get(21), undefined);
    t.add({ ...snapshot(37), batch: 2 });
    assert.equal(t.get(37)?.batch, 0, 'batch snapshots are not epochs');
  });

  it('stays within its byte budget, dropping the oldest sparse epochs first and never the latest', () => {
    const bytes = snapshotBytes(snapshot(0, 100));
    const t = new Timeline({ keepRecent: 3, keepEveryNth: 2, maxBytes: bytes * 4 });
    for (let e = 0; e <= 20; e++) t.add(snapshot(e, 100));
    assert.deepEqual(t.epochs(), [16, 18, 19, 20]);
    const tiny = new Timeline({ keepRecent: 3, keepEveryNth: 2, maxBytes: 1 });
    tiny.add(snapshot(0, 100));
    tiny.add(snapshot(1, 100));
    assert.deepEqual(tiny.epochs(), [1]);
  });
});
