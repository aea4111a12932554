// Runs the backward sweep over time: lights the output column, then each
// column to its left, then clears. Under reduced motion it does not run at
// all and the caller shows the final state at once.
import { sweepOrder, sweepStepAt } from './viewmodel/sweep';

export class SweepAnimator {
  private frame: number | undefined;
  private started = 0;
  private order: number[] = [];
  private lastStep: number | undefined;

  constructor(
    private readonly light: (column: number | undefined) => void,
    private readonly reducedMotion: () => boolean,
  ) {}

  get running(): boolean {
    return this.frame !== undefined;
  }

  /** Starts a sweep over `columns` columns at `stepMs` per column; returns false when motion is reduced. */
  start(columns: number, stepMs: number): boolean {
    this.cancel();
    if (this.reducedMotion() || columns < 2) return false;
    this.order = sweepOrder(columns);
    this.started = performance.now();
    this.lastStep = undefined;
    const tick = (now: number): void => {
      const step = sweepStepAt(now - this.started, stepMs, this.order.length);
      if (step === undefined) {
        this.frame = undefined;
        this.light(undefined);
        return;
      }
      if (step !== this.lastStep) {
        // A slow frame may skip a step; light every skipped column so the order stays whole.
        const from = this.lastStep === undefined ? 0 : this.lastStep + 1;
        for (let k = from; k <= step; k++) this.light(this.order[k]);
        this.lastStep = step;
      }
      this.frame = requestAnimationFrame(tick);
    };
    this.light(this.order[0]);
    this.lastStep = 0;
    this.frame = requestAnimationFrame(tick);
    return true;
  }

  cancel(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.frame !== undefined) this.light(undefined);
    this.frame = undefined;
  }
}
