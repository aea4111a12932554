import * as assert from 'node:assert/strict';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import { snapshotBytes, Timeline } from '../../../src/worker/timeline';

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
  it('keeps every epoch while they fit its budget', () => {
    const t = new Timeline({ keepRecent: 5, keepEveryNth: 10 });
    for (let e = 0; e <= 2000; e++) t.add(snapshot(e));
    assert.equal(t.epochs().length, 2001);
    assert.equal(t.revision, 0, 'nothing was dropped');
    assert.equal(t.get(5)?.layers[0].weights[0], 5);
    t.add({ ...snapshot(2000), batch: 2 });
    assert.equal(t.get(2000)?.batch, 0, 'batch snapshots are not epochs');
  });

  it('over budget, keeps the first 10 epochs, the recent ones and every Nth between, ever more coarsely', () => {
    const t = new Timeline({ keepRecent: 5, keepEveryNth: 10, maxEpochs: 40 });
    for (let e = 0; e <= 60; e++) t.add(snapshot(e));
    const first = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.deepEqual(t.epochs(), [...first, 20, 30, 40, 50, 56, 57, 58, 59, 60]);
    const revision = t.revision;
    assert.ok(revision > 0, 'dropping epochs moves the revision on');
    for (let e = 61; e <= 500; e++) t.add(snapshot(e));
    const kept = t.epochs();
    assert.ok(kept.length <= 40, `${kept.length} epochs kept`);
    assert.deepEqual(kept.slice(0, 11), first, 'the start of the run stays');
    assert.deepEqual(kept.slice(-5), [496, 497, 498, 499, 500], 'and the recent epochs');
    const middle = kept.slice(11, -5);
    const stride = middle[1]! - middle[0]!;
    assert.ok(stride >= 20 && stride % 10 === 0, `the middle is thinned to every ${stride}th epoch`);
    for (const e of middle) assert.equal(e % stride, 0, `epoch ${e} is a multiple of ${stride}`);
    assert.ok(middle.at(-1)! > 400, 'the thinned middle reaches up to the recent epochs');
    assert.equal(t.get(5)?.layers[0].weights[0], 5, 'epoch 5 is epoch 5');
  });

  it('stays within its byte budget, dropping the oldest recent epochs only when thinning is not enough, never the latest', () => {
    const bytes = snapshotBytes(snapshot(0, 100));
    const t = new Timeline({ keepRecent: 8, keepEveryNth: 2, maxBytes: bytes * 14 });
    for (let e = 0; e <= 30; e++) t.add(snapshot(e, 100));
    // 11 first epochs + 8 recent do not fit in 14: the middle goes, then the oldest recent epochs.
    assert.deepEqual(t.epochs(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 28, 29, 30]);
    const tiny = new Timeline({ keepRecent: 3, keepEveryNth: 2, maxBytes: 1 });
    tiny.add(snapshot(0, 100));
    tiny.add(snapshot(1, 100));
    assert.deepEqual(tiny.epochs(), [1]);
  });
});
