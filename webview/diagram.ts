// The node-link diagram: layout, links (SVG or canvas), columns, pan and zoom,
// tooltips, focus mode and keyboard navigation. Re-rendered from every state.
import { select, zoom, zoomIdentity, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { NnModel } from '../src/model/types';
import { computeLayout, type Layout, type NodePosition } from './viewmodel/layout';
import { denseViews, ACTIVATION_LABELS, type DenseView } from './viewmodel/network';
import { divergingScale, layerDomains, layerMaxAbs, type DivergingScale, type Normalisation } from './viewmodel/scales';
import type { Focus } from './viewmodel/focus';
import { formatValue } from './viewmodel/equation';
import { CANVAS_THRESHOLD, clearSvgLinks, collectLinks, drawCanvasLinks, drawSvgLinks, type LinkDatum } from './diagramLinks';
import { LinkTable, type LinkBatch } from './linkTable';
import { drawColumns, layerTitle } from './diagramNodes';
import { RovingFocus } from './diagramKeyboard';
import { Tooltip } from './tooltip';
import { magnitudeLegend, renderLegend } from './legend';
import { readMagnitudeHue, readPalette } from './theme';
import { applyLinkValues, magnitudeScale, paintNeuronMaps, paintNodes, paintScales, paintSweep, restyleSvgLinks } from './diagramPaint';
import { modeCaption, type Paint } from './training/viewmodel/paint';
import { sweepAlpha } from './training/viewmodel/sweep';

export interface DiagramInput {
  model: NnModel;
  normalisation: Normalisation;
  selectedDense: number | undefined;
  expanded: ReadonlySet<number>;
  readOnly: boolean;
}

export interface DiagramCallbacks {
  selectLayer(dense: number | undefined): void;
  editWeight(dense: number, neuron: number, input: number, at: { x: number; y: number }): void;
  editBias(dense: number, neuron: number, at: { x: number; y: number }): void;
  expand(column: number): void;
  collapse(column: number): void;
  setNormalisation(mode: Normalisation): void;
  zoomed(transform: { k: number; x: number; y: number }): void;
}

const MAX_VISIBLE = 64;
type G = Selection<SVGGElement, unknown, null, undefined>;

export class Diagram {
  readonly root: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly viewport: G;
  private readonly linkGroup: G;
  private readonly hoverGroup: G;
  private readonly columnGroup: G;
  private readonly mapGroup: G;
  private readonly legend: HTMLDivElement;
  private readonly tooltip: Tooltip;
  private readonly keyboard: RovingFocus;
  private readonly zoomBehavior: ZoomBehavior<SVGSVGElement, unknown>;
  private transform: ZoomTransform = zoomIdentity;
  private input: DiagramInput | undefined;
  private views: DenseView[] = [];
  private layout: Layout | undefined;
  private scales: DivergingScale[] = [];
  private links: LinkDatum[] = [];
  private batches: LinkBatch[] = [];
  /** The canvas links' values and grouping; undefined in SVG mode. */
  private table: LinkTable | undefined;
  private canvasMode = false;
  private focus: Focus | undefined;
  private framePending = false;
  /** Column count and expanded columns of the last render; the view refits when they change. */
  private fitKey: string | undefined;
  /** A training snapshot's values in the chosen view, drawn instead of the document's weights. */
  private paint: Paint | undefined;
  private nodeScale: DivergingScale | undefined;
  /** Column lit by the backward sweep. */
  private sweepLit: number | undefined;
  private neuronMaps: ReadonlyMap<string, string> | undefined;
  /** Milliseconds the last repaint from a snapshot took. */
  lastPaintMs = 0;
  /** Milliseconds the last full render took, for the large-network check. */
  lastRenderMs = 0;

  constructor(parent: HTMLElement, private readonly callbacks: DiagramCallbacks, initialZoom: { k: number; x: number; y: number } | undefined) {
    this.root = document.createElement('div');
    this.root.className = 'diagram';
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'links-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    this.root.append(this.canvas);
    parent.append(this.root);

    this.svg = select(this.root).append('svg').attr('class', 'diagram-svg').attr('tabindex', -1).attr('role', 'group').attr('aria-label', 'Network diagram');
    this.viewport = this.svg.append('g').attr('class', 'viewport');
    this.linkGroup = this.viewport.append('g').attr('class', 'links');
    this.hoverGroup = this.viewport.append('g').attr('class', 'link-hovers');
    this.columnGroup = this.viewport.append('g').attr('class', 'columns');
    this.mapGroup = this.viewport.append('g').attr('class', 'neuron-maps');
    this.svg.append('defs').append('clipPath').attr('id', 'nn-node-clip').attr('clipPathUnits', 'objectBoundingBox')
      .append('circle').attr('cx', 0.5).attr('cy', 0.5).attr('r', 0.5);
    this.legend = document.createElement('div');
    this.legend.className = 'legend';
    this.root.append(this.legend);
    this.tooltip = new Tooltip(this.root);

    this.zoomBehavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 8])
      // d3's default extent reads the SVG's width as an SVGLength, which throws for "100%" before the
      // element is laid out, as when a page shown again restores its saved zoom while it is built.
      .extent(() => {
        const node = this.svg.node()!;
        return [[0, 0], [node.clientWidth || 1, node.clientHeight || 1]];
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        this.transform = event.transform;
        this.viewport.attr('transform', event.transform.toString());
        if (this.canvasMode) this.scheduleCanvas();
        this.callbacks.zoomed({ k: event.transform.k, x: event.transform.x, y: event.transform.y });
      });
    this.svg.call(this.zoomBehavior).on('dblclick.zoom', null);
    if (initialZoom) this.setTransform(zoomIdentity.translate(initialZoom.x, initialZoom.y).scale(initialZoom.k));

    this.keyboard = new RovingFocus(this.svg.node()!, {
      visible: () => this.layout?.columns.map((c) => c.visible) ?? [],
      activate: (cursor) => {
        if (cursor.neuron === undefined) this.callbacks.selectLayer(cursor.column > 0 ? cursor.column - 1 : undefined);
        else this.activateNeuron({ column: cursor.column, neuron: cursor.neuron }, this.centreOf(cursor.column, cursor.neuron), true);
      },
      escape: () => this.setFocus(undefined),
    });
    new ResizeObserver(() => this.resizeCanvas()).observe(this.root);
  }

  render(input: DiagramInput): void {
    const started = performance.now();
    this.input = input;
    const model = input.model;
    this.views = denseViews(model);
    const sizes = [model.inputs, ...this.views.map((v) => v.units)];
    const layout = computeLayout(sizes, { maxVisible: MAX_VISIBLE, expanded: input.expanded });
    const firstRender = this.layout === undefined;
    this.layout = layout;
    const palette = readPalette();
    const domains = layerDomains(this.views.map((v) => layerMaxAbs(v.weights, v.bias)), input.normalisation);
    this.scales = this.paint ? paintScales(this.paint, input.normalisation, palette) : [divergingScale(1, palette), ...domains.map((m) => divergingScale(m, palette))];
    this.nodeScale = this.paint ? magnitudeScale(this.paint, palette.neutral, readMagnitudeHue()) : undefined;
    this.links = collectLinks(layout, this.views);
    this.canvasMode = this.links.length > CANVAS_THRESHOLD;
    // Canvas links carry their values in the table; only SVG links read them from the data.
    if (this.paint && !this.canvasMode) applyLinkValues(this.links, this.paint);
    this.root.classList.toggle('canvas-links', this.canvasMode);
    this.root.classList.toggle('read-only', input.readOnly);
    if (this.focus && (this.focus.column >= sizes.length || this.focus.neuron >= layout.columns[this.focus.column]!.visible)) this.focus = undefined;

    this.drawLinks();
    drawColumns(this.columnGroup, {
      model, views: this.views, layout, scales: this.scales, focus: this.focus,
      selectedColumn: input.selectedDense === undefined ? undefined : input.selectedDense + 1,
    }, {
      hoverNeuron: (event, node) => (node ? this.tooltip.show(event, this.neuronTooltip(node)) : this.tooltip.hide()),
      clickNeuron: (event, node) => this.activateNeuron(node, { x: event.clientX, y: event.clientY }, false),
      clickBias: (event, node) => this.callbacks.editBias(node.column - 1, node.neuron, { x: event.clientX, y: event.clientY }),
      clickHeader: (column) => this.callbacks.selectLayer(column > 0 ? column - 1 : undefined),
      expand: (column) => this.callbacks.expand(column),
      collapse: (column) => this.callbacks.collapse(column),
    });
    this.paintNodesAndMarks();
    this.keyboard.sync();
    this.renderLegend();
    const fitKey = `${sizes.length}|${[...input.expanded].sort((a, b) => a - b).join(',')}`;
    if (firstRender ? this.transform === zoomIdentity : fitKey !== this.fitKey) this.fit(false);
    this.fitKey = fitKey;
    this.lastRenderMs = performance.now() - started;
  }

  /** Draws a snapshot's values (or the document's again, given undefined) by restyling what is already there. */
  setPaint(paint: Paint | undefined): void {
    const started = performance.now();
    const hadPaint = this.paint !== undefined;
    this.paint = paint;
    if (!this.input || !this.layout) return;
    if (!paint && hadPaint) {
      this.render(this.input);
      return;
    }
    if (!paint) return;
    const palette = readPalette();
    const previous = this.scales;
    this.scales = paintScales(paint, this.input.normalisation, palette);
    this.nodeScale = magnitudeScale(paint, palette.neutral, readMagnitudeHue());
    if (this.table) {
      // The same snapshot on the same domains (a redraw for another reason) keeps the canvas as it is.
      const changed = this.table.readPaint(paint) || this.scales.some((s, c) => s.maxAbs !== previous[c]?.maxAbs);
      if (changed) {
        this.batches = this.table.batches(this.scales);
        this.drawCanvas();
      }
    } else {
      applyLinkValues(this.links, paint);
      restyleSvgLinks(this.linkGroup, this.scales, this.sweepLit);
    }
    this.paintNodesAndMarks();
    this.renderLegend();
    this.lastPaintMs = performance.now() - started;
    // Read by the large-network test, which prints it (timings are measured, never asserted).
    this.root.dataset.paintMs = this.lastPaintMs.toFixed(2);
  }

  /** Lights one column for the backward sweep, or none. */
  setSweep(column: number | undefined): void {
    if (column === this.sweepLit) return;
    this.sweepLit = column;
    paintSweep(this.root, this.columnGroup, column);
    if (this.canvasMode) this.drawCanvas();
    else restyleSvgLinks(this.linkGroup, this.scales, column);
  }

  /** Heat maps drawn inside hidden neurons, keyed "column:neuron", as image URLs. */
  setNeuronMaps(maps: ReadonlyMap<string, string> | undefined): void {
    this.neuronMaps = maps;
    if (this.layout) paintNeuronMaps(this.mapGroup, this.layout.columns.flatMap((c) => c.nodes), this.layout.radius, maps);
  }

  /** Neurons drawn per column (always the first ones), input column first. */
  visibleCounts(): number[] {
    return this.layout?.columns.map((c) => c.visible) ?? [];
  }

  /** Number of columns drawn, input included. */
  columnCount(): number {
    return this.layout?.columns.length ?? 0;
  }

  private paintNodesAndMarks(): void {
    paintNodes(this.columnGroup, { paint: this.paint, scales: this.scales, nodeScale: this.nodeScale });
    paintSweep(this.root, this.columnGroup, this.sweepLit);
    this.setNeuronMaps(this.neuronMaps);
  }

  private renderLegend(): void {
    const input = this.input!;
    const model = input.model;
    const legendColumn = input.normalisation === 'perLayer' ? (input.selectedDense ?? 0) + 1 : 1;
    const legendScale = this.scales[legendColumn] ?? this.scales[0]!;
    const caption = input.normalisation === 'perLayer' && this.views[legendColumn - 1]
      ? `Weight, ${layerTitle(model, this.views, legendColumn)} (own range)`
      : 'Weight, all layers';
    const paintCaption = this.paint ? `${modeCaption(this.paint.mode, this.paint.epoch)}${input.normalisation === 'perLayer' ? `, ${layerTitle(model, this.views, legendColumn)}` : ''}` : caption;
    renderLegend(this.legend, legendScale, paintCaption, input.normalisation, (mode) => this.callbacks.setNormalisation(mode));
    this.legend.dataset.mode = this.paint?.mode ?? 'document';
    if (this.paint?.mode === 'gradients' && this.nodeScale) this.legend.append(magnitudeLegend(this.nodeScale, 'Nodes: |dL/dX|'));
  }

  /** Fit the whole network into the view. */
  fit(animate: boolean): void {
    if (!this.layout) return;
    const { width, height } = this.root.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    const k = Math.min(1.4, Math.max(0.05, Math.min(width / this.layout.width, (height - 70) / this.layout.height)));
    const t = zoomIdentity.translate((width - this.layout.width * k) / 2, Math.max(0, (height - 70 - this.layout.height * k) / 2)).scale(k);
    if (animate && !window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.svg.transition().duration(250).call(this.zoomBehavior.transform, t);
    } else {
      this.setTransform(t);
    }
  }

  /** Re-read the theme colours and redraw. */
  refreshTheme(): void {
    if (this.input) this.render(this.input);
  }

  /** The SVG (with the canvas links inlined as an image) for export. */
  svgElement(): SVGSVGElement {
    return this.svg.node()!;
  }

  linkCanvas(): HTMLCanvasElement | undefined {
    return this.canvasMode ? this.canvas : undefined;
  }

  private setTransform(t: ZoomTransform): void {
    this.svg.call(this.zoomBehavior.transform, t);
  }

  private drawLinks(): void {
    if (this.canvasMode) {
      clearSvgLinks(this.linkGroup, this.hoverGroup);
      this.table = new LinkTable(this.links, this.focus);
      if (this.paint) this.table.readPaint(this.paint);
      this.batches = this.table.batches(this.scales);
      this.resizeCanvas();
    } else {
      this.table = undefined;
      this.batches = [];
      this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height);
      drawSvgLinks(this.linkGroup, this.hoverGroup, this.links, this.scales, this.focus, {
        hover: (event, d) => (d ? this.tooltip.show(event, this.linkTooltip(d)) : this.tooltip.hide()),
        click: (event, d) => this.callbacks.editWeight(d.column - 1, d.j, d.i, { x: event.clientX, y: event.clientY }),
      });
      if (this.sweepLit !== undefined) restyleSvgLinks(this.linkGroup, this.scales, this.sweepLit);
    }
  }

  private resizeCanvas(): void {
    const { width, height } = this.root.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
    if (this.canvasMode) this.drawCanvas();
  }

  private drawCanvas(): void {
    const lit = this.sweepLit;
    drawCanvasLinks(this.canvas, this.batches, this.transform, (column) => sweepAlpha(column, lit));
  }

  private scheduleCanvas(): void {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.drawCanvas();
    });
  }

  /** Click toggles focus mode on a neuron; Enter also opens its bias editor. */
  private activateNeuron(node: { column: number; neuron: number }, at: { x: number; y: number }, edit: boolean): void {
    const same = this.focus?.column === node.column && this.focus.neuron === node.neuron;
    this.setFocus(same && !edit ? undefined : node);
    if (node.column > 0) {
      this.callbacks.selectLayer(node.column - 1);
      if (edit && !this.input?.readOnly) this.callbacks.editBias(node.column - 1, node.neuron, at);
    }
  }

  private setFocus(focus: Focus | undefined): void {
    this.focus = focus;
    this.root.classList.toggle('focus-mode', focus !== undefined);
    if (this.input) this.render(this.input);
  }

  private centreOf(column: number, neuron: number): { x: number; y: number } {
    const el = this.svg.node()!.querySelector(`g.neuron[data-column="${column}"][data-neuron="${neuron}"]`);
    const box = el?.getBoundingClientRect();
    return box ? { x: box.right, y: box.bottom } : { x: 0, y: 0 };
  }

  private linkTooltip(d: LinkDatum): string[] {
    const name = this.paint?.mode === 'gradients' ? 'dL/dw' : this.paint?.mode === 'delta' ? 'Δw' : 'w';
    const title = `${name}[${d.j}][${d.i}] = ${formatValue(d.value, 4)}`;
    return [title, `${layerTitle(this.input!.model, this.views, d.column)}: input ${d.i + 1} → neuron ${d.j + 1}`];
  }

  private neuronTooltip(node: NodePosition): string[] {
    const model = this.input!.model;
    if (node.column === 0) return [model.inputNames?.[node.neuron] ?? `Input x${node.neuron + 1}`, `feature ${node.neuron + 1} of ${model.inputs}`];
    const view = this.views[node.column - 1]!;
    const row = view.weights[node.neuron] ?? [];
    const shown = row.slice(0, 8).map((w, i) => `w[${node.neuron}][${i}] = ${formatValue(w, 4)}`);
    if (row.length > 8) shown.push(`… ${row.length - 8} more incoming weights`);
    return [
      `Neuron ${node.neuron + 1} of ${layerTitle(model, this.views, node.column)}`,
      `activation ${ACTIVATION_LABELS[view.activation]}`,
      `bias b[${node.neuron}] = ${formatValue(view.bias[node.neuron] ?? 0, 4)}`,
      ...shown,
    ];
  }
}
