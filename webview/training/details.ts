// Full layers the host sent on request, kept for the epoch they belong to, and
// put in place of a snapshot's sampled layers when that epoch is on screen.
// Each layer is asked for at most once per epoch.
import type { LayerSnapshot, TrainingSnapshot } from '../../src/protocol/training';
import { lacksDrawnLinks } from './viewmodel/sample';

export class LayerDetails {
  /** Per Dense layer: the last full layer received, with its epoch. */
  private readonly held = new Map<number, { epoch: number; layer: LayerSnapshot }>();
  /** "dense:epoch" already asked for (answered or not). */
  private readonly asked = new Set<string>();

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

  /**
   * Dense layers of a resolved snapshot that lack links the diagram draws and
   * were not asked for yet at its epoch; they count as asked from now on.
   */
  toRequest(snapshot: TrainingSnapshot, visible: readonly number[]): number[] {
    const out: number[] = [];
    snapshot.layers.forEach((layer, d) => {
      const key = `${d}:${snapshot.epoch}`;
      if (this.asked.has(key) || !lacksDrawnLinks(layer, visible[d + 1] ?? 0, visible[d] ?? 0)) return;
      this.asked.add(key);
      out.push(d);
    });
    return out;
  }

  accept(dense: number, epoch: number, layer: LayerSnapshot | undefined): void {
    if (layer && !layer.sample) this.held.set(dense, { epoch, layer });
  }

  /** A new session or a reset: epoch numbers start again. */
  clear(): void {
    this.held.clear();
    this.asked.clear();
  }
}
