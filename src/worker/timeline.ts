// The bounded history of epoch snapshots that the scrubber moves through:
// the last `keepRecent` epochs, every `keepEveryNth` epoch before them, and
// never more than `maxBytes` of arrays (large networks lose the oldest first).
// It lives in the worker, so a fast run never sends every epoch to the host.

import type { TrainingSnapshot } from '../protocol/training';

export interface TimelineOptions {
  keepRecent: number;
  keepEveryNth: number;
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

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

/** Whether the policy keeps `epoch` once `latest` epochs have run. */
export function keptByPolicy(epoch: number, latest: number, keepRecent: number, keepEveryNth: number): boolean {
  return epoch > latest - keepRecent || epoch % keepEveryNth === 0;
}

/** The epochs the policy keeps, ascending (the byte budget may have dropped a few of the oldest). */
export function policyEpochs(latest: number, keepRecent: number, keepEveryNth: number): number[] {
  const epochs: number[] = [];
  const recentFrom = Math.max(0, latest - keepRecent + 1);
  for (let e = 0; e < recentFrom; e += keepEveryNth) epochs.push(e);
  for (let e = recentFrom; e <= latest; e++) epochs.push(e);
  return epochs;
}

export class Timeline {
  private readonly kept = new Map<number, { snapshot: TrainingSnapshot; bytes: number }>();
  private bytes = 0;
  private latest = -1;
  private readonly keepRecent: number;
  private readonly keepEveryNth: number;
  private readonly maxBytes: number;

  constructor(options: TimelineOptions) {
    this.keepRecent = Math.max(1, Math.floor(options.keepRecent));
    this.keepEveryNth = Math.max(1, Math.floor(options.keepEveryNth));
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** Keeps an end-of-epoch snapshot (batch 0); a newer snapshot of the same epoch replaces the older. */
  add(snapshot: TrainingSnapshot): void {
    if (snapshot.batch !== 0) return;
    const epoch = snapshot.epoch;
    this.drop(epoch);
    const bytes = snapshotBytes(snapshot);
    this.kept.set(epoch, { snapshot, bytes });
    this.bytes += bytes;
    if (epoch < this.latest) {
      for (const e of [...this.kept.keys()]) if (e > epoch) this.drop(e);
    }
    // Only the epoch that just left the recent window can have become unwanted.
    const leaving = epoch - this.keepRecent;
    this.latest = epoch;
    if (leaving >= 0 && !this.wanted(leaving)) this.drop(leaving);
    if (this.bytes > this.maxBytes) this.fitBudget();
  }

  get(epoch: number): TrainingSnapshot | undefined {
    return this.kept.get(epoch)?.snapshot;
  }

  /** The epochs that can be scrubbed to, ascending. */
  epochs(): number[] {
    return [...this.kept.keys()].sort((a, b) => a - b);
  }

  clear(): void {
    this.kept.clear();
    this.bytes = 0;
    this.latest = -1;
  }

  private wanted(epoch: number): boolean {
    return keptByPolicy(epoch, this.latest, this.keepRecent, this.keepEveryNth);
  }

  /** Over budget: drop the oldest sparse epochs first, then the oldest recent ones; the latest always stays. */
  private fitBudget(): void {
    const order = this.epochs();
    const recentFrom = this.latest - this.keepRecent;
    for (const pass of [(e: number) => e <= recentFrom, () => true]) {
      for (const e of order) {
        if (this.bytes <= this.maxBytes) return;
        if (e !== this.latest && this.kept.has(e) && pass(e)) this.drop(e);
      }
    }
  }

  private drop(epoch: number): void {
    const entry = this.kept.get(epoch);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.kept.delete(epoch);
  }
}
