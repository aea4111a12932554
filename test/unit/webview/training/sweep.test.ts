import { strict as assert } from 'node:assert';
import { stepMsForSpeed, sweepAlpha, sweepOrder, sweepState, sweepStepAt } from '../../../../webview/training/viewmodel/sweep';

describe('webview training: the backward sweep', () => {
  it('lights the columns from the output to the input', () => {
    assert.deepEqual(sweepOrder(4), [3, 2, 1, 0]);
    assert.deepEqual(sweepOrder(0), []);
  });

  it('advances one step per interval and ends after the last', () => {
    assert.equal(sweepStepAt(0, 100, 3), 0);
    assert.equal(sweepStepAt(99, 100, 3), 0);
    assert.equal(sweepStepAt(100, 100, 3), 1);
    assert.equal(sweepStepAt(299, 100, 3), 2);
    assert.equal(sweepStepAt(300, 100, 3), undefined);
    assert.equal(sweepStepAt(-5, 100, 3), 0);
  });

  it('columns right of the lit one are done, left of it pending; no sweep means all done', () => {
    assert.deepEqual([0, 1, 2, 3].map((c) => sweepState(c, 2)), ['pending', 'pending', 'active', 'done']);
    assert.deepEqual([0, 1, 2].map((c) => sweepState(c, undefined)), ['done', 'done', 'done']);
    assert.ok(sweepAlpha(0, 2) < sweepAlpha(2, 2));
    assert.equal(sweepAlpha(3, 2), 1);
  });

  it('a faster speed means a shorter step', () => {
    for (let s = 1; s < 10; s++) assert.ok(stepMsForSpeed(s + 1) < stepMsForSpeed(s));
    assert.equal(stepMsForSpeed(50), stepMsForSpeed(10));
  });
});
