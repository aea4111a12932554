// Hands values on at most `perSecond` times a second; the latest value is
// always delivered, at the end of the interval when it arrived too early.

export interface Timers {
  now(): number;
  setTimeout(task: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (task, ms) => setTimeout(task, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Throttle<T> {
  private last = -Infinity;
  private pending: { value: T } | undefined;
  private timer: unknown;
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly deliver: (value: T) => void,
    private readonly timers: Timers = realTimers,
  ) {
    this.intervalMs = perSecond > 0 ? 1000 / perSecond : 0;
  }

  push(value: T): void {
    const now = this.timers.now();
    if (this.timer === undefined && now - this.last >= this.intervalMs) {
      this.last = now;
      this.deliver(value);
      return;
    }
    this.pending = { value };
    if (this.timer === undefined) {
      this.timer = this.timers.setTimeout(() => this.flush(), Math.max(0, this.last + this.intervalMs - now));
    }
  }

  /** Delivers the held value now, if any. */
  flush(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      this.last = this.timers.now();
      this.deliver(pending.value);
    }
  }

  /** Drops the held value. */
  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }
}
