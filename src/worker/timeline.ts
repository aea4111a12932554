// The bounded history of epoch snapshots that the scrubber moves through. It
// keeps every epoch while they fit in its budget (`maxBytes` of arrays and at
// most `maxEpochs` snapshots). Over budget it thins out the middle of the run:
// the first FIRST_EPOCHS epochs and the last `keepRecent` stay, and of the
// epochs between them every `keepEveryNth`-th, then every 2N-th, 4N-th, … as
// the run grows, so the whole run stays reachable at a coarser grain. Only a
// network too large for even that loses its oldest epochs (the latest never).
// It lives in the worker, so a fast run never sends every epoch to the host;
// the worker reports which epochs it holds (`epochs()`, `revision`).

import type { TrainingSnapshot } from '../protocol/training';

export interface TimelineOptions {
  keepRecent: number;
  keepEveryNth: number;
  maxBytes?: number;
  maxEpochs?: number;
}

/** The start of a run, where the weights change most, is thinned out last. */
export const FIRST_EPOCHS = 10;
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** Also bounds the JavaScript objects around the arrays, and the epoch list sent to the designer. */
const DEFAULT_MAX_EPOCHS = 10_000;

/** Bytes held by the snapshot's typed arrays. */
export function snapshotBytes(snapshot: TrainingSnapshot): number {
  let bytes = 0;
  for (const l of snapshot.layers) {
    bytes += l.weights.byteLength + l.bias.byteLength + l.gradWeights.byteLength + l.gradBias.byteLength + l.deltaWeights.byteLength;
    bytes += l.gradInputs?.byteLength ?? 0;
  }
  const b = snapshot.boundary;
  if (b) bytes += b.output.byteLength + (b.argmax?.byteLength ?? 0) + (b.hidden ?? []).reduce((sum, h) => sum + h.byteLength, 0);
  return bytes;
}

export class Timeline {
  private readonly kept = new Map<number, { snapshot: TrainingSnapshot; bytes: number }>();
  private bytes = 0;
  private latest = -1;
  /** Of the epochs between the first and the recent ones, those that are multiples of this stay. */
  private stride = 1;
  private changes = 0;
  private readonly keepRecent: number;
  private readonly keepEveryNth: number;
  private readonly maxBytes: number;
  private readonly maxEpochs: number;

  constructor(options: TimelineOptions) {
    this.keepRecent = Math.max(1, Math.floor(options.keepRecent));
    this.keepEveryNth = Math.max(1, Math.floor(options.keepEveryNth));
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxEpochs = Math.max(1, options.maxEpochs ?? DEFAULT_MAX_EPOCHS);
  }

  /** Grows whenever an epoch leaves the timeline, so a reader knows its copy of `epochs()` is out of date. */
  get revision(): number {
    return this.changes;
  }

  /** Keeps an end-of-epoch snapshot (batch 0); a newer snapshot of the same epoch replaces the older. */
  add(snapshot: TrainingSnapshot): void {
    if (snapshot.batch !== 0) return;
    const epoch = snapshot.epoch;
    const old = this.kept.get(epoch);
    if (old) this.bytes -= old.bytes;
    // Going back (a rerun from an earlier epoch) makes the later epochs another history.
    if (epoch < this.latest) for (const e of [...this.kept.keys()]) if (e > epoch) this.remove(e);
    const bytes = snapshotBytes(snapshot);
    this.kept.set(epoch, { snapshot, bytes });
    this.bytes += bytes;
    this.latest = epoch;
    // Only the epoch that just left the recent window can have become unwanted.
    const leaving = epoch - this.keepRecent;
    if (leaving >= 0 && this.kept.has(leaving) && !this.wanted(leaving)) this.remove(leaving);
    if (this.over()) this.fitBudget();
  }

  get(epoch: number): TrainingSnapshot | undefined {
    return this.kept.get(epoch)?.snapshot;
  }

  /** The epochs that can be scrubbed to, ascending. */
  epochs(): number[] {
    return [...this.kept.keys()].sort((a, b) => a - b);
  }

  clear(): void {
    if (this.kept.size > 0) this.changes++;
    this.kept.clear();
    this.bytes = 0;
    this.latest = -1;
    this.stride = 1;
  }

  private wanted(epoch: number): boolean {
    return epoch <= FIRST_EPOCHS || epoch > this.latest - this.keepRecent || epoch % this.stride === 0;
  }

  private over(): boolean {
    return this.bytes > this.maxBytes || this.kept.size > this.maxEpochs;
  }

  /** Over budget: thin the middle ever more coarsely; if that is not enough, drop the oldest recent epochs, then the first ones. */
  private fitBudget(): void {
    while (this.over() && this.stride <= this.latest) {
      // Multiples of the new stride are multiples of the old one, so thinning never needs an epoch it dropped.
      this.stride = this.stride === 1 ? Math.max(2, this.keepEveryNth) : this.stride * 2;
      for (const e of [...this.kept.keys()]) if (!this.wanted(e)) this.remove(e);
    }
    for (const pass of [(e: number) => e > FIRST_EPOCHS, () => true]) {
      for (const e of this.epochs()) {
        if (!this.over()) return;
        if (e !== this.latest && pass(e)) this.remove(e);
      }
    }
  }

  private remove(epoch: number): void {
    const entry = this.kept.get(epoch);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.kept.delete(epoch);
    this.changes++;
  }
}
