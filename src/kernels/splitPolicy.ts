// Whether a GEMM of a given shape should be split over two threads, decided by
// timing it: each new shape runs a few times alone and a few times split,
// interleaved, and keeps whichever has the lower median time. The choice is
// re-examined after a number of calls or a span of time, so a second core that
// becomes busy (another process) or free again is noticed. A check that
// confirms the choice doubles the interval (up to MAX_BACKOFF times), since a
// split trial on a busy core can cost milliseconds.

/** What to do with one GEMM; `timed` asks the caller to report its duration through `record`. */
export interface SplitPlan {
  readonly split: boolean;
  readonly timed: boolean;
}

/** Decides per shape whether to split; `key` identifies the shape (m, n, k and accumulation). */
export interface SplitDecider {
  next(key: string): SplitPlan;
  record(key: string, split: boolean, ms: number): void;
}

/** Largest multiple of the check interval reached by confirmed choices. */
export const MAX_BACKOFF = 8;

const ALONE: SplitPlan = { split: false, timed: false };
const SPLIT: SplitPlan = { split: true, timed: false };
const TIME_ALONE: SplitPlan = { split: false, timed: true };
const TIME_SPLIT: SplitPlan = { split: true, timed: true };

/** Splits every GEMM it is asked about (the tests and the crossover table use it). */
export const alwaysSplit: SplitDecider = { next: () => SPLIT, record: () => undefined };

export interface MeasuredSplitOptions {
  /** Timed runs of each kind per check; default 5. */
  trials?: number;
  /** Calls of a shape after which its choice is checked again; default 2000. */
  recheckCalls?: number;
  /** Milliseconds after which a shape's choice is checked again; default 1000. */
  recheckMs?: number;
  /** Split only when its median time is below this fraction of the median alone; default 0.95. */
  margin?: number;
  /** Milliseconds, monotonic; default performance.now. */
  clock?: () => number;
}

interface ShapeState {
  alone: number[];
  split: number[];
  /** The choice in force (false while the first check runs). */
  choice: boolean;
  decided: boolean;
  checking: boolean;
  /** The check interval's multiple: doubled when a check confirms the choice, 1 when it changes it. */
  backoff: number;
  calls: number;
  decidedAt: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export class MeasuredSplit implements SplitDecider {
  private readonly shapes = new Map<string, ShapeState>();
  private readonly trials: number;
  private readonly recheckCalls: number;
  private readonly recheckMs: number;
  private readonly margin: number;
  private readonly clock: () => number;

  constructor(options: MeasuredSplitOptions = {}) {
    this.trials = Math.max(1, options.trials ?? 5);
    this.recheckCalls = options.recheckCalls ?? 2000;
    this.recheckMs = options.recheckMs ?? 1000;
    this.margin = options.margin ?? 0.95;
    this.clock = options.clock ?? (() => performance.now());
  }

  next(key: string): SplitPlan {
    let s = this.shapes.get(key);
    if (!s) {
      s = { alone: [], split: [], choice: false, decided: false, checking: true, backoff: 1, calls: 0, decidedAt: 0 };
      this.shapes.set(key, s);
    }
    if (!s.checking) {
      s.calls++;
      if (s.calls < s.backoff * this.recheckCalls && this.clock() - s.decidedAt < s.backoff * this.recheckMs) return s.choice ? SPLIT : ALONE;
      s.checking = true;
    }
    // Alternate alone and split so both see the same state of the machine.
    return s.alone.length <= s.split.length ? TIME_ALONE : TIME_SPLIT;
  }

  record(key: string, split: boolean, ms: number): void {
    const s = this.shapes.get(key);
    if (!s?.checking) return;
    (split ? s.split : s.alone).push(ms);
    // Once most split trials are slower than alone's median so far, splitting cannot win: stop paying for them.
    const bar = s.alone.length > 0 ? this.margin * median(s.alone) : Infinity;
    const lost = s.split.filter((t) => t >= bar).length > this.trials / 2;
    if (!lost && (s.alone.length < this.trials || s.split.length < this.trials)) return;
    const choice = !lost && median(s.split) < bar;
    s.backoff = s.decided && choice === s.choice ? Math.min(MAX_BACKOFF, s.backoff * 2) : 1;
    s.choice = choice;
    s.decided = true;
    s.alone = [];
    s.split = [];
    s.checking = false;
    s.calls = 0;
    s.decidedAt = this.clock();
  }

  /** The choice in force for a shape: true split, false alone, undefined while not yet decided. */
  decision(key: string): boolean | undefined {
    const s = this.shapes.get(key);
    return s?.decided ? s.choice : undefined;
  }
}

/** The key `MeasuredSplit` keeps a shape under. */
export function shapeKey(m: number, n: number, k: number, accumulate: boolean): string {
  return `${m}x${n}x${k}${accumulate ? '+' : ''}`;
}
