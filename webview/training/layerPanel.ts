// The inspector's look at the selected layer in the shown snapshot: statistics
// of its links in the current view (the host's summary for a large layer), a
// histogram, and the matrix as a heat map. A large layer shows the block the
// diagram draws while training runs, and its whole matrix once paused or scrubbed.
import type { LayerSnapshot, ValueSummary } from '../../src/protocol/training';
import { summarizeValues } from '../../src/protocol/summary';
import { el } from '../dom';
import { renderMatrix } from '../matrix';
import { formatValue } from '../viewmodel/equation';
import type { DivergingScale } from '../viewmodel/scales';
import type { LinkKind } from './viewmodel/sample';

export interface LayerPanelInput {
  layer: LayerSnapshot;
  epoch: number;
  kind: LinkKind;
  scale: DivergingScale;
  /** The full layer was asked for at this epoch and has not arrived. */
  waiting: boolean;
  /** Training is running and followed live: a large heat map then redraws at most once a second. */
  running: boolean;
}

/** Heat maps with more cells than this are not redrawn on every live snapshot. */
const LIVE_CELLS = 4096;
const LIVE_REDRAW_MS = 1000;

const NAMES: Record<LinkKind, { matrix: string; cell: string }> = {
  weights: { matrix: 'W', cell: 'w' },
  gradWeights: { matrix: 'dL/dW', cell: 'dL/dw' },
  deltaWeights: { matrix: 'ΔW', cell: 'Δw' },
};

function rowsOf(values: Float32Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, j) => Array.from(values.subarray(j * cols, (j + 1) * cols)));
}

function histogram(summary: ValueSummary, name: string): HTMLElement {
  const top = Math.max(1, ...summary.histogram);
  const bars = summary.histogram.map((count) => {
    const bar = el('span');
    bar.style.height = `${Math.round((100 * count) / top)}%`;
    return bar;
  });
  const label = `Histogram of ${name} from ${formatValue(summary.min, 3)} to ${formatValue(summary.max, 3)}: ${summary.histogram.join(', ')}`;
  return el('div', { className: 'layer-histogram', attrs: { role: 'img', 'aria-label': label } }, ...bars);
}

function statistics(summary: ValueSummary): string {
  const parts = [
    `min ${formatValue(summary.min, 3)}`, `max ${formatValue(summary.max, 3)}`, `mean ${formatValue(summary.mean, 3)}`,
    `mean |x| ${formatValue(summary.meanAbs, 3)}`, `‖·‖₂ ${formatValue(summary.l2, 3)}`,
  ];
  if (summary.finite < summary.count) parts.push(`${summary.count - summary.finite} NaN or Inf`);
  return parts.join(' · ');
}

export class LayerPanel {
  readonly element = el('div', { className: 'layer-panel' });
  private drawn: { layer: LayerSnapshot; kind: LinkKind; range: number; waiting: boolean; running: boolean } | undefined;
  private matrix: { element: HTMLElement; at: number; shape: string } | undefined;

  constructor() {
    this.element.hidden = true;
  }

  update(input: LayerPanelInput | undefined): void {
    if (!input) {
      this.element.hidden = true;
      this.drawn = undefined;
      return;
    }
    const { layer, kind, scale, waiting, running } = input;
    const d = this.drawn;
    // A thousand-cell heat map is redrawn only when what it shows changed.
    if (d && d.layer === layer && d.kind === kind && d.range === scale.maxAbs && d.waiting === waiting && d.running === running) return;
    this.drawn = { layer, kind, range: scale.maxAbs, waiting, running };
    this.element.hidden = false;
    const name = NAMES[kind];
    const sample = layer.sample;
    const summary = (sample && layer.summary?.[kind]) || summarizeValues(layer[kind], layer.units, layer.inputs);
    const rows = sample?.rows ?? layer.units;
    const cols = sample?.cols ?? layer.inputs;
    const caption = sample
      ? `${name.matrix} at epoch ${input.epoch}: neurons 1–${rows} × inputs 1–${cols} of ${layer.units}×${layer.inputs}`
      : `${name.matrix} at epoch ${input.epoch}, ${layer.units}×${layer.inputs}`;
    const children: HTMLElement[] = [
      el('div', { className: 'matrix-caption', text: `Training, ${name.matrix} over the whole layer` }),
      el('p', { className: 'layer-stats', text: statistics(summary) }),
      histogram(summary, name.matrix),
      el('div', { className: 'matrix-caption', text: caption }),
      this.heatMap(input, rows, cols),
    ];
    if (sample) {
      const note = running ? 'Pause or scrub to see the whole matrix.' : waiting ? 'Loading the whole matrix…' : 'The whole matrix of this epoch is no longer kept.';
      children.push(el('p', { className: 'hint', text: note }));
    }
    this.element.replaceChildren(...children);
  }

  private heatMap(input: LayerPanelInput, rows: number, cols: number): HTMLElement {
    const now = performance.now();
    const shape = `${input.kind}:${rows}×${cols}`;
    const kept = this.matrix;
    if (kept && input.running && rows * cols > LIVE_CELLS && kept.shape === shape && now - kept.at < LIVE_REDRAW_MS) return kept.element;
    const name = NAMES[input.kind];
    const element = renderMatrix(rowsOf(input.layer[input.kind], rows, cols), input.scale, {
      label: `${name.matrix} at epoch ${input.epoch}`, readOnly: true, cellName: (r, c) => `${name.cell}[${r}][${c}]`,
    });
    this.matrix = { element, at: now, shape };
    return element;
  }
}
