// The live-training side of the designer: keeps the session's view and the
// snapshot on screen (the latest, or one the user scrubbed to), and draws them
// at most once per frame into the diagram, the charts and the boundary panel.
import { emptyTrainingSeries, type ScatterPoints, type TrainingSnapshot, type TrainingView } from '../../src/protocol/training';
import type { DocumentState, TrainingCommand, WebviewToHost } from '../../src/protocol/webview';
import { denseViews, type DenseView } from '../viewmodel/network';
import type { Diagram } from '../diagram';
import { el } from '../dom';
import { prefersReducedMotion, readPalette } from '../theme';
import { formatValue } from '../viewmodel/equation';
import { enabledCommands, STATUS_LABELS } from './viewmodel/commands';
import { epochList, normaliseSeriesDelta, normaliseSnapshot, normaliseView } from './viewmodel/incoming';
import { paintFor, type TrainingMode } from './viewmodel/paint';
import { closesEpoch, hasAccuracy, hasTestLoss, hasValidation, mergeDelta, mergeSnapshot, nearestIndex, withEpoch } from './viewmodel/series';
import { stepMsForSpeed } from './viewmodel/sweep';
import { outputDomain } from './viewmodel/boundary';
import { deadUnitsText, divergenceText } from './viewmodel/faults';
import { TrainingToolbar } from './toolbar';
import { Timeline } from './timeline';
import { LineChart } from './charts';
import { BoundaryPanel, type BoundaryTab } from './boundaryPanel';
import { SweepAnimator } from './sweepAnimator';
import { FrameScheduler } from './frame';
import { neuronMaps } from './neuronMaps';
import { MetricsPanel } from './metrics';
import { LargeLayers } from './largeLayers';
import { DataTablePanel } from './dataTable';

export interface TrainingUiState {
  trainingMode: TrainingMode;
  sweepSpeed: number;
  boundaryTab: BoundaryTab;
  boundaryResolution: number;
}

export interface TrainingHost {
  post(message: WebviewToHost): void;
  saveUi(patch: Partial<TrainingUiState>): void;
}

/** The snapshot's layers match the document's Dense layers, so it can be drawn on this diagram. */
function fits(snapshot: TrainingSnapshot, views: readonly DenseView[]): boolean {
  return snapshot.layers.length === views.length && snapshot.layers.every((l, k) => l.units === views[k]!.units && l.inputs === views[k]!.inputs);
}

export class TrainingController {
  /** The bar above the diagram: controls, status, faults and the timeline. */
  readonly bar: HTMLElement;
  readonly progressPanel: HTMLElement;
  readonly boundaryPanel: HTMLElement;
  readonly metricsPanel: HTMLElement;
  /** The selected layer in the shown snapshot, for the inspector. */
  readonly layerPanel: HTMLElement;
  /** The training data as a table, for networks without a scatter (not two inputs). */
  readonly dataPanel: HTMLElement;
  private readonly toolbar: TrainingToolbar;
  private readonly timeline: Timeline;
  private readonly lossChart = new LineChart('Loss');
  private readonly accuracyChart = new LineChart('Accuracy', [0, 1]);
  private readonly boundary: BoundaryPanel;
  private readonly metrics = new MetricsPanel();
  private readonly dataTable = new DataTablePanel();
  private readonly fault: HTMLElement;
  private readonly sweep: SweepAnimator;
  private readonly frame = new FrameScheduler(() => this.draw());
  private doc: DocumentState | undefined;
  private viewsOf: { model: DocumentState['model']; views: DenseView[] } | undefined;
  private view: TrainingView | undefined;
  /** The last training points the host sent, kept for the views that only name them. */
  private points: { id: number | undefined; points: ScatterPoints } | undefined;
  private latest: TrainingSnapshot | undefined;
  private shown: TrainingSnapshot | undefined;
  private live = true;
  /** The epoch the user scrubbed to that the worker no longer keeps, and the kept one shown instead. */
  private missed: { epoch: number; nearest: number | undefined } | undefined;
  private mapsFor: TrainingSnapshot | undefined;
  private readonly large: LargeLayers;

  constructor(private readonly diagram: Diagram, private readonly host: TrainingHost, private ui: TrainingUiState) {
    this.toolbar = new TrainingToolbar({
      command: (command) => this.command(command),
      mode: (mode) => this.setMode(mode),
      speed: (speed) => this.setUi({ sweepSpeed: speed }),
    }, ui.sweepSpeed);
    this.timeline = new Timeline({
      scrub: (epoch) => {
        this.missed = undefined;
        host.post({ type: 'scrubTo', epoch });
      },
      live: () => this.goLive(),
      replay: () => this.startSweep(),
    });
    this.fault = el('div', { className: 'training-fault', attrs: { role: 'alert' } });
    this.bar = el('div', { className: 'training-host' },
      this.toolbar.element,
      el('div', { className: 'training-row' }, this.toolbar.viewElement, this.timeline.element),
      this.fault,
    );
    this.progressPanel = el('div', { className: 'charts' }, this.lossChart.element, this.accuracyChart.element);
    this.boundary = new BoundaryPanel({
      resolution: (resolution) => {
        this.setUi({ boundaryResolution: resolution });
        host.post({ type: 'boundaryResolution', resolution });
      },
      tab: (tab) => {
        this.setUi({ boundaryTab: tab });
        this.frame.request();
      },
    }, ui.boundaryTab, ui.boundaryResolution);
    this.boundaryPanel = this.boundary.element;
    this.metricsPanel = this.metrics.element;
    this.large = new LargeLayers((message) => host.post(message), () => this.frame.request());
    this.layerPanel = this.large.panelElement;
    this.dataPanel = this.dataTable.element;
    this.sweep = new SweepAnimator((column) => diagram.setSweep(column), prefersReducedMotion);
    this.draw();
  }

  setDocument(doc: DocumentState): void {
    this.doc = doc;
    this.frame.request();
  }

  /** Colours come from the theme; redraw everything that baked them in. */
  refreshTheme(): void {
    this.mapsFor = undefined;
    this.frame.request();
  }

  /** Whether the boundary applies: a network with two inputs. */
  showsBoundary(): boolean {
    return this.doc?.model?.inputs === 2;
  }

  /** The diagram's drawn neurons per column: the host samples large layers to this block. */
  setVisible(counts: readonly number[]): void {
    this.large.setVisible(counts);
  }

  /** The Dense layer the inspector shows. */
  setSelected(dense: number | undefined): void {
    this.large.setSelected(dense);
  }

  /** Resolves once the full layers asked for so far are drawn (or after a while), so an export shows them. */
  detailsDrawn(): Promise<void> {
    return this.large.drawn();
  }

  /** A full layer the host sent on request. */
  onLayerDetail(dense: number, epoch: number, raw: unknown): void {
    this.large.onDetail(dense, epoch, raw);
  }

  onView(raw: unknown): void {
    // A status change may be a reset or a new session, whose epochs reuse the old numbers.
    this.large.reset();
    this.view = normaliseView(raw);
    // The host sends a session's points once; later views name them by id.
    if (this.view?.points) this.points = { id: this.view.pointsId, points: this.view.points };
    else if (this.view?.pointsId !== undefined && this.points?.id === this.view.pointsId) this.view.points = this.points.points;
    else this.points = undefined;
    this.latest = this.view?.latest;
    this.missed = undefined;
    if (!this.view) {
      this.sweep.cancel();
      this.live = true;
    }
    if (this.live || !this.view) this.shown = this.latest;
    this.frame.request();
  }

  onSnapshot(raw: unknown, scrubbed: boolean, rawSeries?: unknown): void {
    const snapshot = normaliseSnapshot(raw);
    if (!snapshot) return;
    const delta = scrubbed ? undefined : normaliseSeriesDelta(rawSeries);
    if (this.view && delta) this.view.series = mergeDelta(this.view.series, delta.from, delta.series);
    if (scrubbed) {
      this.live = false;
      this.shown = snapshot;
      this.sweep.cancel();
      this.frame.request();
      return;
    }
    const previous = this.latest;
    this.latest = snapshot;
    if (this.view && closesEpoch(snapshot)) {
      this.view.series = mergeSnapshot(this.view.series, snapshot);
      this.view.timeline = withEpoch(this.view.timeline, snapshot.epoch);
    }
    if (!this.live) {
      this.frame.request();
      return;
    }
    this.shown = snapshot;
    const newEpoch = closesEpoch(snapshot) && (!previous || snapshot.epoch !== previous.epoch);
    // A sweep in progress finishes first; the next epoch after it starts the next one.
    if (newEpoch && this.ui.trainingMode === 'gradients' && !this.sweep.running) this.startSweep();
    this.frame.request();
  }

  /** The worker thinned out the epoch the user scrubbed to: take its list and show the nearest epoch it keeps. */
  onScrubMissed(epoch: unknown, rawTimeline: unknown): void {
    if (!this.view || typeof epoch !== 'number') return;
    const timeline = epochList(rawTimeline);
    this.view.timeline = timeline;
    // Asking for the nearest one once: if that went too (a run thinning fast), the note stays and nothing loops.
    const retry = this.missed?.nearest !== epoch;
    const index = nearestIndex(timeline, epoch);
    const nearest = index >= 0 && retry ? timeline[index] : undefined;
    this.missed = { epoch: retry ? epoch : this.missed!.epoch, nearest };
    if (nearest !== undefined) this.host.post({ type: 'scrubTo', epoch: nearest });
    this.frame.request();
  }

  private command(command: TrainingCommand): void {
    this.host.post({ type: 'training', command });
    if (command === 'reset' || command === 'discard' || command === 'train') this.goLive();
  }

  private goLive(): void {
    this.live = true;
    this.missed = undefined;
    this.shown = this.latest;
    this.frame.request();
  }

  private setMode(mode: TrainingMode): void {
    this.setUi({ trainingMode: mode });
    if (mode !== 'gradients') this.sweep.cancel();
    this.frame.request();
  }

  private setUi(patch: Partial<TrainingUiState>): void {
    this.ui = { ...this.ui, ...patch };
    this.host.saveUi(patch);
  }

  private startSweep(): void {
    this.sweep.start(this.diagram.columnCount(), stepMsForSpeed(this.ui.sweepSpeed));
  }

  private statusText(): string {
    const view = this.view;
    if (!view) return 'Not trained in this session';
    const s = this.latest;
    if (view.reading) {
      const { rows, characters } = view.reading;
      const read = rows > 0 ? `${rows.toLocaleString('en-US')} rows` : `${(characters / (1024 * 1024)).toFixed(1)} MB`;
      return `Reading the training data · ${read}`;
    }
    const parts = [STATUS_LABELS[view.status]];
    if (s) {
      parts.push(`epoch ${s.epoch}${view.totalEpochs ? ` / ${view.totalEpochs}` : ''}`);
      if (s.batch > 0 && s.batch < s.batches) parts.push(`batch ${s.batch} / ${s.batches}`);
      if (s.epoch > 0) parts.push(`loss ${formatValue(s.loss, 4)}`);
    }
    return parts.join(' · ');
  }

  private draw(): void {
    const doc = this.doc;
    const model = doc?.model;
    // Built once per document: a snapshot per frame must not rebuild 100k-weight nested arrays.
    if (!this.viewsOf || this.viewsOf.model !== model) this.viewsOf = { model, views: model ? denseViews(model) : [] };
    const views = this.viewsOf!.views;
    const shown = this.shown && fits(this.shown, views) ? this.large.prepare(this.shown) : undefined;
    const mode = this.ui.trainingMode;
    const enabled = enabledCommands({ status: this.view?.status, epoch: this.latest?.epoch ?? 0, hasModel: model !== undefined, readOnly: doc?.readOnly ?? false });
    this.toolbar.update(enabled, this.statusText(), mode, this.view !== undefined);
    this.toolbar.setSweepDisabled(this.view === undefined || prefersReducedMotion());
    this.bar.dataset.status = this.view?.status ?? 'none';
    // What the bar shows, for the end-to-end tests: the latest epoch and how many epochs the charts hold.
    this.bar.dataset.epoch = String(this.latest?.epoch ?? 0);
    this.bar.dataset.charted = String(this.view?.series.loss.length ?? 0);
    const missed = this.missed;
    const note = missed && `Epoch ${missed.epoch} is no longer kept: the timeline thins out long runs.${missed.nearest === undefined ? '' : ` Showing epoch ${missed.nearest}, the nearest kept one.`}`;
    this.timeline.update(this.view?.timeline ?? [], shown?.epoch, this.live, note);
    this.timeline.element.hidden = !this.view;
    const paint = shown ? paintFor(shown, mode) : undefined;
    this.diagram.setPaint(paint);
    this.large.drawPanel(shown, paint?.linkMax, mode, this.live && this.view?.status === 'running');

    const faults = [this.view?.message, shown && divergenceText(shown), shown && deadUnitsText(shown)].filter((t): t is string => !!t);
    this.fault.replaceChildren(...faults.map((text) => el('div', { text })));
    this.fault.hidden = faults.length === 0;

    const series = this.view?.series ?? emptyTrainingSeries();
    this.lossChart.update([
      { name: 'train', values: series.loss, className: 'train' },
      ...(hasTestLoss(series) ? [{ name: 'test', values: series.testLoss, className: 'test' }] : []),
      ...(hasValidation(series) ? [{ name: 'validation', values: series.validationLoss, className: 'validation' }] : []),
    ]);
    this.accuracyChart.element.hidden = !hasAccuracy(series);
    if (hasAccuracy(series)) {
      this.accuracyChart.update([
        { name: 'train', values: series.accuracy, className: 'train' },
        { name: 'test', values: series.testAccuracy, className: 'test' },
        { name: 'validation', values: series.validationAccuracy, className: 'validation' },
      ]);
    }
    this.metrics.update(shown?.metrics);
    if (model && this.showsBoundary()) this.drawBoundary(shown, views);
    else this.dataTable.update(this.view?.preview);
  }

  private drawBoundary(shown: TrainingSnapshot | undefined, views: readonly DenseView[]): void {
    const grid = shown?.boundary;
    const palette = readPalette();
    const style = getComputedStyle(document.body);
    const output = views[views.length - 1]?.activation ?? 'linear';
    this.boundary.update(grid, this.view?.points, {
      palette,
      domain: outputDomain(output, grid?.output ?? []),
      foreground: style.getPropertyValue('--vscode-editor-foreground').trim() || '#cccccc',
      background: style.getPropertyValue('--vscode-editor-background').trim() || '#1e1e1e',
    });
    // In the gradient view the nodes show |dL/dX|, which the maps would cover.
    const maps = this.ui.trainingMode === 'gradients' ? undefined : shown;
    if (maps !== this.mapsFor) {
      this.mapsFor = maps;
      this.diagram.setNeuronMaps(maps?.boundary?.hidden ? neuronMaps(maps.boundary, views.map((v) => v.activation), palette) : undefined);
    }
  }
}
