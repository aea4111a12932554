import { strict as assert } from 'node:assert';
import type { TrainingSeries, TrainingSnapshot } from '../../../../src/protocol/training';
import { closesEpoch, hasAccuracy, mergeDelta, mergeSnapshot, nearestIndex, withEpoch } from '../../../../webview/training/viewmodel/series';

const empty = (): TrainingSeries => ({ loss: [], testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] });
const snap = (epoch: number, batch: number, loss: number, extra: Partial<TrainingSnapshot> = {}): TrainingSnapshot =>
  ({ epoch, batch, batches: 4, loss, learningRate: 0.1, layers: [], ...extra });

describe('webview training: series and timeline', () => {
  it('an epoch closes on batch 0 (the worker resets it) or on the last batch, never at epoch 0', () => {
    assert.equal(closesEpoch(snap(3, 0, 1)), true);
    assert.equal(closesEpoch(snap(3, 4, 1)), true);
    assert.equal(closesEpoch(snap(3, 2, 1)), false);
    assert.equal(closesEpoch(snap(0, 0, 1)), false);
  });

  it('writes epoch N at index N − 1, and a batch snapshot changes nothing', () => {
    let s = mergeSnapshot(empty(), snap(1, 0, 0.9, { accuracy: 0.5 }));
    s = mergeSnapshot(s, snap(2, 0, 0.7, { testLoss: 0.8, validationLoss: 0.75, validationAccuracy: 0.6 }));
    assert.deepEqual(s.loss, [0.9, 0.7]);
    assert.deepEqual(s.testLoss, [null, 0.8]);
    assert.deepEqual(s.accuracy, [0.5, null]);
    assert.deepEqual(s.validationLoss, [null, 0.75]);
    assert.deepEqual(s.validationAccuracy, [null, 0.6]);
    assert.equal(mergeSnapshot(s, snap(2, 1, 5)), s);
  });

  it('fills a gap with NaN and drops later epochs when training restarts earlier (after a reset)', () => {
    let s = mergeSnapshot(empty(), snap(3, 0, 0.5));
    assert.equal(s.loss.length, 3);
    assert.ok(Number.isNaN(s.loss[0]));
    s = mergeSnapshot(s, snap(1, 0, 0.8));
    assert.deepEqual(s.loss, [0.8]);
  });

  it('fills in the epochs whose snapshots were throttled away from a live delta, so the line has no gaps', () => {
    // The webview saw epochs 1 and 3 only; the delta brings 2 to 5.
    let s = mergeSnapshot(mergeSnapshot(empty(), snap(1, 0, 0.9)), snap(3, 0, 0.7));
    assert.ok(Number.isNaN(s.loss[1]));
    const delta = { loss: [0.8, 0.7, 0.6, 0.5], testLoss: [null, null, 0.65, 0.55], accuracy: [0.5, 0.5, 0.75, 1], testAccuracy: [null, null, null, null], validationLoss: [null, null, null, null], validationAccuracy: [null, null, null, null] };
    s = mergeSnapshot(mergeDelta(s, 2, delta), snap(5, 0, 0.5, { testLoss: 0.55, accuracy: 1 }));
    assert.deepEqual(s.loss, [0.9, 0.8, 0.7, 0.6, 0.5]);
    assert.deepEqual(s.testLoss, [null, null, null, 0.65, 0.55]);
    assert.deepEqual(s.accuracy, [null, 0.5, 0.5, 0.75, 1]);
    // A delta that starts after a gap keeps its epochs at their own indices.
    const late = mergeDelta(empty(), 3, { loss: [0.4], testLoss: [null], accuracy: [null], testAccuracy: [null], validationLoss: [null], validationAccuracy: [null] });
    assert.equal(late.loss.length, 3);
    assert.equal(late.loss[2], 0.4);
  });

  it('keeps the timeline sorted and finds the nearest kept epoch', () => {
    assert.deepEqual(withEpoch([0, 10, 20], 15), [0, 10, 15, 20]);
    assert.deepEqual(withEpoch([0, 10], 10), [0, 10]);
    assert.equal(nearestIndex([0, 10, 20, 30], 24), 2);
    assert.equal(nearestIndex([0, 10, 20, 30], 25), 2);
    assert.equal(nearestIndex([0, 10, 20, 30], 99), 3);
    assert.equal(nearestIndex([], 5), -1);
  });

  it('shows accuracy only when some epoch reported it', () => {
    assert.equal(hasAccuracy({ ...empty(), accuracy: [null, null] }), false);
    assert.equal(hasAccuracy({ ...empty(), testAccuracy: [null, 0.5], validationLoss: [null, null], validationAccuracy: [null, null] }), true);
  });
});
