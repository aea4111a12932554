// Signs of life from the training worker. A Web Worker that the browser ends
// (or that dies in a way the page never reports) sends no event, so the host
// would wait for it forever; instead the worker says it is alive between its
// slices and, while idle, on a timer, and the host's session gives up on a
// worker that stays silent (src/host/training/liveness.ts).

import type { WorkerToHost } from '../protocol/worker';

/** Least time between two heartbeats, in milliseconds; the host waits several times longer. */
export const HEARTBEAT_MS = 2000;

type Defer = (task: () => void, delayMs?: number) => void;

export class Heartbeat {
  private last = -Infinity;
  private longestTurnMs = 0;

  constructor(
    private readonly post: (message: WorkerToHost) => void,
    private readonly now: () => number,
    private readonly intervalMs = HEARTBEAT_MS,
  ) {}

  /** Posts a heartbeat unless one went out less than the interval ago. */
  beat(): void {
    const now = this.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    this.post({ type: 'alive', longestTurnMs: this.longestTurnMs });
  }

  /**
   * `defer` whose tasks (the loop's slices, the loader's turns between chunks)
   * are timed and followed by a heartbeat: the worker is alive exactly when its
   * loop keeps turning.
   */
  around(defer: Defer): Defer {
    return (task, delayMs) =>
      defer(() => {
        const started = this.now();
        try {
          task();
        } finally {
          this.longestTurnMs = Math.max(this.longestTurnMs, this.now() - started);
          this.beat();
        }
      }, delayMs);
  }
}
