// Large layers on the webview's side: tells the host which neurons the diagram
// draws (it samples large layers to that block), asks for a layer whole when the
// diagram or the inspector needs more than the sample, and draws the inspector's
// view of the selected layer.
import type { TrainingSnapshot } from '../../src/protocol/training';
import type { WebviewToHost } from '../../src/protocol/webview';
import { readPalette } from '../theme';
import { divergingScale } from '../viewmodel/scales';
import { LayerDetails } from './details';
import { LayerPanel } from './layerPanel';
import { normaliseLayer } from './viewmodel/incoming';
import { LINK_KIND, type TrainingMode } from './viewmodel/paint';

export class LargeLayers {
  private readonly panel = new LayerPanel();
  private readonly details = new LayerDetails();
  /** Neurons the diagram draws per column, as last told to the host. */
  private visible: number[] = [];
  private selected: number | undefined;

  constructor(private readonly post: (message: WebviewToHost) => void, private readonly redraw: () => void) {}

  /** The selected layer in the shown snapshot, for the inspector. */
  get panelElement(): HTMLElement {
    return this.panel.element;
  }

  setVisible(counts: readonly number[]): void {
    if (counts.length === this.visible.length && counts.every((n, k) => n === this.visible[k])) return;
    this.visible = [...counts];
    this.post({ type: 'visibleNeurons', columns: this.visible });
    this.redraw();
  }

  setSelected(dense: number | undefined): void {
    if (dense === this.selected) return;
    this.selected = dense;
    this.redraw();
  }

  onDetail(dense: number, epoch: number, raw: unknown): void {
    this.details.accept(dense, epoch, raw === undefined || raw === null ? undefined : normaliseLayer(raw, dense));
    this.redraw();
  }

  /** A new session or a reset: epoch numbers start again. */
  reset(): void {
    this.details.clear();
  }

  /** Resolves once the layers asked for so far have arrived and been drawn, or after a while. */
  async drawn(): Promise<void> {
    // Without requests in flight nothing waits, not even for a frame a hidden webview may never run.
    if (!this.details.waiting) return;
    await this.details.settled(5000);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }

  /** The snapshot with the full layers already received in place; asks for the ones the diagram draws more of than was sent. */
  prepare(snapshot: TrainingSnapshot): TrainingSnapshot {
    const resolved = this.details.resolve(snapshot);
    for (const dense of this.details.toRequest(resolved, this.visible)) this.post({ type: 'layerDetail', dense, epoch: resolved.epoch });
    return resolved;
  }

  /** `running`: training runs and the view follows it, so a large layer is not fetched whole for every epoch. */
  drawPanel(shown: TrainingSnapshot | undefined, linkMax: readonly number[] | undefined, mode: TrainingMode, running: boolean): void {
    const dense = this.selected;
    const layer = dense === undefined ? undefined : shown?.layers[dense];
    if (!shown || !layer || dense === undefined || !linkMax) {
      this.panel.update(undefined);
      return;
    }
    // A paused or scrubbed epoch stays on screen, so its whole matrix is worth fetching at once.
    if (layer.sample && !running && this.details.ask(dense, shown.epoch)) this.post({ type: 'layerDetail', dense, epoch: shown.epoch });
    this.panel.update({
      layer, epoch: shown.epoch, kind: LINK_KIND[mode], running,
      scale: divergingScale(linkMax[dense]!, readPalette()),
      waiting: this.details.isPending(dense, shown.epoch),
    });
  }
}
