// A GEMM split over both cores: this thread computes one half of C and a
// worker_threads worker, instantiated over the same shared WebAssembly.Memory,
// computes the other, each with its own work area. Jobs pass through a small
// Int32Array on a SharedArrayBuffer with Atomics. The worker spins for a while
// after each job (waking a sleeping thread costs ≈0.5 ms) and then sleeps in
// Atomics.wait; with spinMs 0 it sleeps at once, leaving the core to others. If the worker has not claimed its half by the time this thread
// finishes its own (the VM sometimes stalls a thread for milliseconds), this
// thread takes the half back and computes it itself. Until the worker has
// started (tens of milliseconds, more on a busy machine) every GEMM runs on
// this thread untimed, so the first timings of a shape do not count halves
// taken back from a worker that was not there yet. Whether a shape is split
// at all is decided by timing it both ways (MeasuredSplit), because whether
// the second core is free is only known by trying.

import { Worker } from 'node:worker_threads';
import type { ParallelGemm } from '../engine/wasm/backend';
import type { WasmRuntime } from '../engine/wasm/runtime';
import { MeasuredSplit, shapeKey, type SplitDecider } from './splitPolicy';

/** m·k·n below which a GEMM is never split: the hand-over costs more than half of it (see the crossover in `npm run bench`). */
export const SPLIT_FLOOR = 64 * 64 * 64;

// Control words: the job sequence, the last job the worker finished, the unclaimed job, 13 gemm arguments, and 1 once the worker runs.
const SEQ = 0;
const DONE = 1;
const CLAIM = 2;
const ARGS = 3;
const READY = 16;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, control, spinMs } = workerData;
const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
const ctl = new Int32Array(control);
Atomics.store(ctl, ${READY}, 1);
parentPort.postMessage('ready');
let seen = 0;
for (;;) {
  let idleSince = Date.now();
  let spins = 0;
  while (Atomics.load(ctl, ${SEQ}) === seen) {
    if (spinMs === 0 || ((++spins & 1023) === 0 && Date.now() - idleSince > spinMs)) {
      Atomics.wait(ctl, ${SEQ}, seen);
      idleSince = Date.now();
    }
  }
  seen = Atomics.load(ctl, ${SEQ});
  if (seen < 0) break;
  if (Atomics.compareExchange(ctl, ${CLAIM}, seen, 0) === seen) {
    const a = [];
    for (let i = 0; i < 13; i++) a.push(ctl[${ARGS} + i]);
    gemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
  }
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

export interface TwoThreadOptions {
  /** m·k·n below which the GEMM stays on one thread; default SPLIT_FLOOR. */
  minWork?: number;
  /** Decides, per shape above minWork, whether to split; default a MeasuredSplit timing both ways. */
  decider?: SplitDecider;
  /** How long the worker spins after a job before it sleeps, in ms; default 1 (the gaps between a training step's GEMMs are shorter); 0 never spins. */
  spinMs?: number;
}

export class TwoThreadGemm implements ParallelGemm {
  private readonly control = new Int32Array(new SharedArrayBuffer(17 * 4));
  private readonly worker: Worker;
  private readonly minWork: number;
  readonly decider: SplitDecider;
  private seq = 0;
  /** Whether the worker has started; until then every GEMM is declined. */
  private live = false;
  /** Settles once the worker runs (or failed to start, or ended): from then on GEMMs are split as the decider says. */
  readonly started: Promise<void>;
  /** Jobs this thread took back from a worker that had not started them. */
  stolen = 0;
  /** Jobs run on both threads. */
  split = 0;

  constructor(
    private readonly runtime: WasmRuntime,
    options: TwoThreadOptions = {},
  ) {
    this.minWork = options.minWork ?? SPLIT_FLOOR;
    this.decider = options.decider ?? new MeasuredSplit();
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: runtime.module, memory: runtime.memory, control: this.control.buffer, spinMs: options.spinMs ?? 1 },
    });
    // The worker keeps the process alive only while it starts, so `started` can be awaited.
    this.started = new Promise<void>((resolve) => {
      const settle = (): void => {
        this.worker.unref();
        resolve();
      };
      this.worker.once('message', settle);
      this.worker.once('error', settle);
      this.worker.once('exit', settle);
    });
  }

  run(m: number, n: number, k: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number, ldc: number, accumulate: boolean): boolean {
    if (m * n * k < this.minWork || (n < 16 && m < 8)) return false;
    if (!this.live) {
      if (Atomics.load(this.control, READY) === 0) return false;
      this.live = true;
    }
    const key = shapeKey(m, n, k, accumulate);
    const plan = this.decider.next(key);
    if (!plan.timed) {
      if (plan.split) this.both(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate);
      return plan.split;
    }
    const start = performance.now();
    if (plan.split) this.both(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate);
    else this.runtime.gemm(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate ? 1 : 0, this.runtime.work(0));
    this.decider.record(key, plan.split, performance.now() - start);
    return true;
  }

  /**
   * C split into two disjoint blocks of whole columns (or rows), each summed
   * over all of k by the same kernel, so the result is bit-identical to one thread.
   */
  private both(m: number, n: number, k: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number, ldc: number, accumulate: boolean): void {
    const acc = accumulate ? 1 : 0;
    // Split the longer side of C, on a panel boundary (8 columns, 4 rows).
    let mine: number[];
    let theirs: number[];
    if (n >= m) {
      const n0 = Math.ceil(n / 16) * 8;
      mine = [m, n0, k, a, ars, acs, b, brs, bcs, c, ldc, acc, this.runtime.work(0)];
      theirs = [m, n - n0, k, a, ars, acs, b + 4 * n0 * bcs, brs, bcs, c + 4 * n0, ldc, acc, this.runtime.work(1)];
    } else {
      const m0 = Math.ceil(m / 8) * 4;
      mine = [m0, n, k, a, ars, acs, b, brs, bcs, c, ldc, acc, this.runtime.work(0)];
      theirs = [m - m0, n, k, a + 4 * m0 * ars, ars, acs, b, brs, bcs, c + 4 * m0 * ldc, ldc, acc, this.runtime.work(1)];
    }
    const ctl = this.control;
    const seq = ++this.seq;
    for (let i = 0; i < 13; i++) ctl[ARGS + i] = theirs[i];
    Atomics.store(ctl, CLAIM, seq);
    Atomics.store(ctl, SEQ, seq);
    Atomics.notify(ctl, SEQ);
    const gemm = this.runtime.gemm;
    gemm(mine[0], mine[1], mine[2], mine[3], mine[4], mine[5], mine[6], mine[7], mine[8], mine[9], mine[10], mine[11], mine[12]);
    if (Atomics.compareExchange(ctl, CLAIM, seq, 0) === seq) {
      this.stolen++;
      gemm(theirs[0], theirs[1], theirs[2], theirs[3], theirs[4], theirs[5], theirs[6], theirs[7], theirs[8], theirs[9], theirs[10], theirs[11], theirs[12]);
      return;
    }
    this.split++;
    let spins = 0;
    while (Atomics.load(ctl, DONE) !== seq) {
      if (++spins > 100_000) Atomics.wait(ctl, DONE, Atomics.load(ctl, DONE), 1);
    }
  }

  /** Stop the worker. */
  async dispose(): Promise<void> {
    Atomics.store(this.control, SEQ, -1);
    Atomics.notify(this.control, SEQ);
    await this.worker.terminate();
  }
}
