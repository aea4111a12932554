// The measured split decision, driven by a fake clock and fake timings: it
// keeps the faster way, checks again after the interval, and the two-thread
// GEMM never asks it about products below the floor.

import assert from 'node:assert/strict';
import { MAX_BACKOFF, MeasuredSplit, shapeKey, type SplitDecider, type SplitPlan } from '../../../src/kernels/splitPolicy';
import { SPLIT_FLOOR, TwoThreadGemm } from '../../../src/kernels/threads';
import { runtimes } from './support';

/** Run the decider's timed plans until it stops asking for timings, reporting `alone` or `split` ms; returns the calls made. */
function settle(decider: MeasuredSplit, key: string, alone: number, split: number): SplitPlan[] {
  const plans: SplitPlan[] = [];
  for (let i = 0; i < 100; i++) {
    const plan = decider.next(key);
    plans.push(plan);
    if (!plan.timed) return plans;
    decider.record(key, plan.split, plan.split ? split : alone);
  }
  throw new Error('the decider never settled');
}

describe('kernels: measured split decision', () => {
  const key = shapeKey(128, 128, 784, false);
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => {
    now = 0;
  });

  it('times both ways, interleaved, then splits when splitting is faster', () => {
    const d = new MeasuredSplit({ trials: 3, clock });
    assert.equal(d.decision(key), undefined);
    const plans = settle(d, key, 1.0, 0.6);
    const timed = plans.filter((p) => p.timed);
    assert.deepEqual(timed.map((p) => p.split), [false, true, false, true, false, true]);
    assert.deepEqual(plans[plans.length - 1], { split: true, timed: false });
    assert.equal(d.decision(key), true);
  });

  it('stays alone when splitting is slower or gains less than the margin', () => {
    const slower = new MeasuredSplit({ trials: 3, clock });
    assert.equal(settle(slower, key, 1.0, 1.4).at(-1)?.split, false);
    assert.equal(slower.decision(key), false);
    const marginal = new MeasuredSplit({ trials: 3, clock, margin: 0.9 });
    assert.equal(settle(marginal, key, 1.0, 0.95).at(-1)?.split, false);
  });

  it('stops timing splits once most of them were slower than alone', () => {
    const d = new MeasuredSplit({ trials: 5, clock });
    const timed = settle(d, key, 1.0, 3.0).filter((p) => p.timed);
    assert.deepEqual(timed.map((p) => p.split), [false, true, false, true, false, true]);
    assert.equal(d.decision(key), false);
  });

  it('judges by the median, so one stalled run does not decide', () => {
    const d = new MeasuredSplit({ trials: 5, clock });
    let n = 0;
    for (;;) {
      const plan = d.next(key);
      if (!plan.timed) break;
      // One split run stalls for 50 ms; the others are twice as fast as alone.
      d.record(key, plan.split, plan.split ? (n++ === 0 ? 50 : 0.5) : 1);
    }
    assert.equal(d.decision(key), true);
  });

  it('checks again after the call interval and follows a core that became busy', () => {
    const d = new MeasuredSplit({ trials: 2, clock, recheckCalls: 10, recheckMs: 1e9 });
    // settle's last call is the first of the ten.
    settle(d, key, 1.0, 0.5);
    for (let i = 2; i < 10; i++) assert.deepEqual(d.next(key), { split: true, timed: false }, `call ${i}`);
    const plans = settle(d, key, 1.0, 2.0);
    assert.ok(plans[0].timed, 'the tenth call starts a new check');
    assert.equal(d.decision(key), false);
  });

  it('checks again after the time interval and follows a core that became free', () => {
    const d = new MeasuredSplit({ trials: 2, clock, recheckCalls: 1e9, recheckMs: 1000 });
    settle(d, key, 1.0, 2.0);
    now = 999;
    assert.deepEqual(d.next(key), { split: false, timed: false });
    now = 1000;
    const plans = settle(d, key, 1.0, 0.5);
    assert.ok(plans[0].timed);
    assert.equal(d.decision(key), true);
  });

  it('waits twice as long after each check that confirms the choice, up to a limit, and resets on a change', () => {
    const d = new MeasuredSplit({ trials: 2, clock, recheckCalls: 1e9, recheckMs: 100 });
    settle(d, key, 1.0, 0.5);
    /** Advance the clock until the decider starts a check; returns how long that took. */
    const untilCheck = (): number => {
      const from = now;
      while (!d.next(key).timed) now += 1;
      return now - from;
    };
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      intervals.push(untilCheck());
      settle(d, key, 1.0, 0.5);
    }
    assert.deepEqual(intervals, [100, 200, 400, 800, 100 * MAX_BACKOFF, 100 * MAX_BACKOFF]);
    // The second core becomes busy: the check changes the choice, and the next one comes after the base interval.
    untilCheck();
    settle(d, key, 1.0, 3.0);
    assert.equal(d.decision(key), false);
    assert.equal(untilCheck(), 100);
  });

  it('keeps shapes apart, accumulation included', () => {
    const d = new MeasuredSplit({ trials: 2, clock });
    const acc = shapeKey(128, 128, 784, true);
    settle(d, key, 1.0, 0.5);
    settle(d, acc, 1.0, 2.0);
    assert.equal(d.decision(key), true);
    assert.equal(d.decision(acc), false);
  });

  it('is not consulted below the floor, and is above it', async () => {
    const [{ runtime }] = await runtimes();
    const asked: string[] = [];
    const decider: SplitDecider = {
      next: (k) => {
        asked.push(k);
        return { split: false, timed: false };
      },
      record: () => undefined,
    };
    const threads = new TwoThreadGemm(runtime, { decider });
    await threads.started;
    try {
      const mark = runtime.mark();
      const side = 64;
      const a = runtime.alloc(side * side);
      const b = runtime.alloc(side * side);
      const c = runtime.alloc(side * side);
      assert.ok((side - 1) * side * side < SPLIT_FLOOR && side ** 3 >= SPLIT_FLOOR);
      assert.equal(threads.run(side - 1, side, side, a, side, 1, b, side, 1, c, side, false), false);
      assert.deepEqual(asked, []);
      assert.equal(threads.run(side, side, side, a, side, 1, b, side, 1, c, side, false), false);
      assert.deepEqual(asked, [shapeKey(side, side, side, false)]);
      runtime.release(mark);
    } finally {
      await threads.dispose();
    }
  });
});
