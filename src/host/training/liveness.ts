// Notices a training worker that died without saying so. A Web Worker the
// browser ends sends no event, so a session would sit at "running" forever;
// the worker sends a heartbeat between its slices (src/worker/heartbeat.ts),
// and a session that hears nothing from it for a generous while, when it is
// waiting for the worker, ends with a message. Time comes from `Timers`, so
// the tests run on a fake clock.

import type { Timers } from './throttle';

/** Silence after which a worker the session is waiting for is taken for dead. */
export const LIVENESS_TIMEOUT_MS = 15_000;
/** A worker whose slices have taken long gets this many times its longest one. */
const TURN_FACTOR = 4;
/**
 * A slow machine's rate for a first guess at a batch's time, in multiply-adds
 * and the like per millisecond: the browser's reference kernels on a busy core.
 */
const SLOW_FLOPS_PER_MS = 50_000;

/**
 * The silence a session allows before the worker has reported a slice: 15 s, or
 * four times a slow machine's time for one batch of this network (forward and
 * backward, about 6 operations per parameter and sample), whichever is longer,
 * so a network whose single batch takes long is not taken for dead.
 */
export function livenessLimitMs(parameters: number, batchSize: number): number {
  const batchMs = (6 * parameters * Math.max(1, batchSize)) / SLOW_FLOPS_PER_MS;
  return Math.max(LIVENESS_TIMEOUT_MS, Math.ceil(TURN_FACTOR * batchMs));
}

export class Liveness {
  private lastSign: number;
  private longestTurnMs = 0;
  private timer: unknown;
  private stopped = false;
  /** A message went to the worker since it was last heard from; every message gets some answer, if only a heartbeat. */
  private owed = false;

  /**
   * `waiting`: whether the session expects to hear from the worker now (it is
   * loading, running or owes an answer); a paused worker may stay quiet.
   * `dead` is called once, with the silence that passed, in milliseconds.
   */
  constructor(
    private readonly timers: Timers,
    private readonly waiting: () => boolean,
    private readonly dead: (silentMs: number) => void,
    private readonly timeoutMs = LIVENESS_TIMEOUT_MS,
  ) {
    this.lastSign = timers.now();
  }

  /** How long a silence must last before the worker is taken for dead. */
  get limitMs(): number {
    return Math.max(this.timeoutMs, TURN_FACTOR * this.longestTurnMs);
  }

  start(): void {
    this.lastSign = this.timers.now();
    this.schedule();
  }

  /** Any message from the worker; a heartbeat also says how long its longest turn took. */
  heard(longestTurnMs?: number): void {
    this.lastSign = this.timers.now();
    this.owed = false;
    if (longestTurnMs !== undefined && Number.isFinite(longestTurnMs)) this.longestTurnMs = Math.max(this.longestTurnMs, longestTurnMs);
  }

  /** Before the session sends a message: a worker that was allowed to be quiet is timed from now. */
  sending(): void {
    if (!this.expecting()) this.lastSign = this.timers.now();
    this.owed = true;
  }

  stop(): void {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
  }

  private expecting(): boolean {
    return this.owed || this.waiting();
  }

  private schedule(): void {
    if (this.stopped) return;
    // Checking a few times per limit notices death within about a third of the limit past it.
    this.timer = this.timers.setTimeout(() => this.check(), this.timeoutMs / 3);
    // The check alone must not keep a Node process (a test, a benchmark) alive.
    (this.timer as { unref?: () => void } | undefined)?.unref?.();
  }

  private check(): void {
    if (this.stopped) return;
    const now = this.timers.now();
    if (!this.expecting()) this.lastSign = now;
    const silent = now - this.lastSign;
    if (silent >= this.limitMs) {
      this.stop();
      this.dead(silent);
      return;
    }
    this.schedule();
  }
}
