// The decision-boundary panel: a heat map or a 3-D view of the output over
// the input plane, and the grid resolution the worker samples at.
import type { BoundaryGrid } from '../../src/protocol/training';
import { button, el, select } from '../dom';
import { formatValue } from '../viewmodel/equation';
import { gridValueAt, rescale } from './viewmodel/boundary';
import { BOUNDARY_SIZE, drawBoundary, type BoundaryPoints, type BoundaryStyle } from './boundaryView';
import { Surface3d } from './surface3d';

export type BoundaryTab = 'map' | 'surface';

export const RESOLUTIONS = [16, 24, 32, 48, 64, 96] as const;

export interface BoundaryPanelHandlers {
  resolution(resolution: number): void;
  tab(tab: BoundaryTab): void;
}

export class BoundaryPanel {
  readonly element: HTMLElement;
  private readonly map: HTMLCanvasElement;
  private readonly surface = new Surface3d();
  private readonly tabs = new Map<BoundaryTab, HTMLButtonElement>();
  private readonly resolution: HTMLSelectElement;
  private readonly empty: HTMLElement;
  private readonly readout: HTMLElement;
  private tab: BoundaryTab;
  private grid: BoundaryGrid | undefined;

  constructor(private readonly handlers: BoundaryPanelHandlers, tab: BoundaryTab, resolution: number) {
    this.tab = tab;
    this.map = el('canvas', { className: 'boundary-canvas', attrs: { role: 'img', 'aria-label': boundaryLabel(undefined) } });
    const tabs = el('div', { className: 'boundary-tabs', attrs: { role: 'tablist', 'aria-label': 'Boundary view' } });
    for (const [id, label] of [['map', 'Heat map'], ['surface', '3-D']] as const) {
      const b = button(label, () => this.setTab(id), { className: 'btn secondary tab-btn', ariaLabel: `${label} view` });
      b.setAttribute('role', 'tab');
      b.dataset.tab = id;
      this.tabs.set(id, b);
      tabs.append(b);
    }
    const options = RESOLUTIONS.map((r) => ({ value: String(r), label: `${r} × ${r}` }));
    this.resolution = select(options, String(resolution), (v) => handlers.resolution(Number(v)), 'Boundary grid resolution');
    this.showResolution(resolution);
    this.empty = el('p', { className: 'hint', text: 'The boundary appears with the first epoch.' });
    this.readout = el('div', { className: 'chart-readout boundary-readout' });
    this.map.addEventListener('mousemove', (event) => this.hover(event));
    this.map.addEventListener('mouseleave', () => (this.readout.textContent = ''));
    this.element = el('div', { className: 'boundary-panel' },
      el('div', { className: 'boundary-head' }, tabs, el('label', { className: 'inline-field' }, el('span', { className: 'field-label', text: 'Grid' }), this.resolution)),
      this.empty, this.map, this.surface.canvas, this.readout,
    );
    this.syncTab();
  }

  private setTab(tab: BoundaryTab): void {
    this.tab = tab;
    this.syncTab();
    this.handlers.tab(tab);
  }

  private syncTab(): void {
    for (const [id, b] of this.tabs) {
      b.setAttribute('aria-selected', String(id === this.tab));
      b.classList.toggle('active', id === this.tab);
    }
  }

  /** The output under the pointer, read from the grid the worker computed. */
  private hover(event: MouseEvent): void {
    const grid = this.grid;
    if (!grid) return;
    const box = this.map.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * BOUNDARY_SIZE;
    const py = ((event.clientY - box.top) / box.height) * BOUNDARY_SIZE;
    const x = rescale(px, [0, BOUNDARY_SIZE], grid.xRange);
    const y = rescale(BOUNDARY_SIZE - py, [0, BOUNDARY_SIZE], grid.yRange);
    const at = gridValueAt(grid.output, grid.resolution, grid.xRange, grid.yRange, x, y);
    if (!at) return;
    const cls = grid.argmax ? `, class ${grid.argmax[at.gy * grid.resolution + at.gx]}` : '';
    this.readout.textContent = `x1 ${formatValue(x, 2)}, x2 ${formatValue(y, 2)} → ${formatValue(at.value, 3)}${cls}`;
  }

  /** Selects `resolution`, adding it in order when it is none of the offered ones (the setting may be any size). */
  private showResolution(resolution: number): void {
    const value = String(resolution);
    if (![...this.resolution.options].some((o) => o.value === value)) {
      const option = el('option', { text: `${resolution} × ${resolution}` });
      option.value = value;
      const after = [...this.resolution.options].find((o) => Number(o.value) > resolution);
      this.resolution.insertBefore(option, after ?? null);
    }
    this.resolution.value = value;
  }

  update(grid: BoundaryGrid | undefined, points: BoundaryPoints | undefined, style: BoundaryStyle): void {
    this.grid = grid;
    this.empty.hidden = grid !== undefined;
    this.map.hidden = !grid || this.tab !== 'map';
    this.surface.canvas.hidden = !grid || this.tab !== 'surface';
    if (!grid) return;
    this.map.setAttribute('aria-label', boundaryLabel(points));
    if (document.activeElement !== this.resolution) this.showResolution(grid.resolution);
    if (this.tab === 'map') drawBoundary(this.map, grid, points, style);
    else this.surface.draw(grid, points, style);
  }
}

/** Says when the points drawn are a sample of the training set. */
function boundaryLabel(points: BoundaryPoints | undefined): string {
  const base = 'Decision boundary: the network output over the two inputs, with the training points';
  if (!points || points.total === undefined || points.total <= points.count) return base;
  return `${base} (a sample of ${points.count.toLocaleString('en')} of ${points.total.toLocaleString('en')})`;
}
