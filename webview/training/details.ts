// Full layers the host sent on request, kept for the epoch they belong to, and
// put in place of a snapshot's sampled layers when that epoch is on screen.
// Each layer is asked for at most once per epoch.
import type { LayerSnapshot, TrainingSnapshot } from '../../src/protocol/training';
import { lacksDrawnLinks } from './viewmodel/sample';

const key = (dense: number, epoch: number): string => `${dense}:${epoch}`;

export class LayerDetails {
  /** Per Dense layer: the last full layer received, with its epoch. */
  private readonly held = new Map<number, { epoch: number; layer: LayerSnapshot }>();
  /** Asked for, answered or not. */
  private readonly asked = new Set<string>();
  /** Asked for and not answered yet. */
  private readonly pending = new Set<string>();
  private waiters: (() => void)[] = [];

  /** The snapshot with every sampled layer replaced by its full version when one is held for that epoch. */
  resolve(snapshot: TrainingSnapshot): TrainingSnapshot {
    let changed = false;
    const layers = snapshot.layers.map((layer, d) => {
      const full = this.held.get(d);
      if (!layer.sample || full?.epoch !== snapshot.epoch || full.layer.units !== layer.units || full.layer.inputs !== layer.inputs) return layer;
      changed = true;
      return full.layer;
    });
    return changed ? { ...snapshot, layers } : snapshot;
  }

  /** Dense layers of a resolved snapshot that lack links the diagram draws; each is marked asked as it is returned. */
  toRequest(snapshot: TrainingSnapshot, visible: readonly number[]): number[] {
    return snapshot.layers.flatMap((layer, d) =>
      lacksDrawnLinks(layer, visible[d + 1] ?? 0, visible[d] ?? 0) && this.ask(d, snapshot.epoch) ? [d] : []);
  }

  /** Marks a layer as asked for at an epoch; false when it already was, so nothing needs posting. */
  ask(dense: number, epoch: number): boolean {
    const k = key(dense, epoch);
    if (this.asked.has(k)) return false;
    this.asked.add(k);
    this.pending.add(k);
    return true;
  }

  /** Whether any request is unanswered. */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  isPending(dense: number, epoch: number): boolean {
    return this.pending.has(key(dense, epoch));
  }

  accept(dense: number, epoch: number, layer: LayerSnapshot | undefined): void {
    // An answer to a request from before a clear may belong to an earlier run's epoch of that number.
    if (layer && !layer.sample && this.asked.has(key(dense, epoch))) this.held.set(dense, { epoch, layer });
    this.pending.delete(key(dense, epoch));
    if (this.pending.size === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  /** Resolves once every request made so far is answered, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, timeoutMs);
    });
  }

  /** A new session or a reset: epoch numbers start again. Answers in flight then only settle their requests. */
  clear(): void {
    this.held.clear();
    this.asked.clear();
  }
}
