import * as assert from 'node:assert/strict';
import { normaliseSnapshot } from '../../../../webview/training/viewmodel/incoming';
import { maxCount, normaliseMetrics } from '../../../../webview/training/viewmodel/metrics';

const base = { epoch: 1, layers: [] };

describe('incoming snapshot metrics', () => {
  it('keeps a square confusion matrix with its classes and split', () => {
    const confusion = { classes: ['a', 'b'], matrix: [[3, 1], [0, 4]], split: 'test' };
    assert.deepEqual(normaliseSnapshot({ ...base, metrics: { confusion } })?.metrics, { confusion });
  });

  it('drops a matrix whose shape does not match its classes, and counts that are not counts', () => {
    assert.equal(normaliseMetrics({ confusion: { classes: ['a', 'b'], matrix: [[1, 2]] } }), undefined);
    assert.equal(normaliseMetrics({ confusion: { classes: ['a', 'b'], matrix: [[1, 2], [3]] } }), undefined);
    const odd = normaliseMetrics({ confusion: { classes: ['a', 7], matrix: [[-1, 'x'], [NaN, 2]], split: 'elsewhere' } });
    assert.deepEqual(odd?.confusion, { classes: ['a', '7'], matrix: [[0, 0], [0, 2]], split: 'train' });
  });

  it('keeps MAE and R² only as numbers, and leaves a snapshot without metrics alone', () => {
    assert.deepEqual(normaliseMetrics({ mae: 0.5, r2: '0.9' }), { mae: 0.5 });
    assert.equal(normaliseSnapshot(base)?.metrics, undefined);
  });

  it('shades against the largest count, never dividing by zero', () => {
    assert.equal(maxCount([[3, 9], [0, 4]]), 9);
    assert.equal(maxCount([[0, 0], [0, 0]]), 1);
  });
});
