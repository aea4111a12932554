// A matrix as a heat map: an HTML table with the values for small matrices,
// a canvas (one pixel block per entry) for large ones.
import type { DivergingScale } from './viewmodel/scales';
import { formatValue } from './viewmodel/equation';
import { el } from './dom';

export const TABLE_LIMIT = 24 * 24;

export interface MatrixOptions {
  label: string;
  readOnly: boolean;
  cellName(row: number, col: number): string;
  edit?(row: number, col: number, at: { x: number; y: number }): void;
}

export function renderMatrix(values: readonly (readonly number[])[], scale: DivergingScale, opts: MatrixOptions): HTMLElement {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  if (rows * cols > TABLE_LIMIT) return matrixCanvas(values, scale, opts);
  const table = el('table', { className: 'matrix', attrs: { 'aria-label': opts.label } });
  values.forEach((row, r) => {
    const tr = el('tr');
    row.forEach((v, c) => {
      const td = el('td', { text: formatValue(v, 2), title: `${opts.cellName(r, c)} = ${formatValue(v, 6)}` });
      td.style.background = scale.colour(v);
      td.classList.toggle('strong', scale.magnitude(v) > 0.55);
      if (opts.edit && !opts.readOnly) {
        td.tabIndex = 0;
        td.setAttribute('role', 'button');
        td.setAttribute('aria-label', `${opts.cellName(r, c)} = ${formatValue(v, 4)}, edit`);
        const open = (): void => {
          const box = td.getBoundingClientRect();
          opts.edit!(r, c, { x: box.left, y: box.bottom });
        };
        td.addEventListener('click', open);
        td.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            open();
          }
        });
      }
      tr.append(td);
    });
    table.append(tr);
  });
  return el('div', { className: 'matrix-scroll' }, table);
}

function matrixCanvas(values: readonly (readonly number[])[], scale: DivergingScale, opts: MatrixOptions): HTMLElement {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const cell = Math.max(1, Math.min(8, Math.floor(320 / Math.max(rows, cols))));
  const canvas = el('canvas', { className: 'matrix-canvas', attrs: { role: 'img', 'aria-label': `${opts.label}, ${rows}×${cols} heat map` } });
  canvas.width = cols * cell;
  canvas.height = rows * cell;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    values.forEach((row, r) => row.forEach((v, c) => {
      ctx.fillStyle = scale.colour(v);
      ctx.fillRect(c * cell, r * cell, cell, cell);
    }));
  }
  canvas.addEventListener('mousemove', (event) => {
    const r = Math.floor(event.offsetY / cell);
    const c = Math.floor(event.offsetX / cell);
    const v = values[r]?.[c];
    canvas.title = v === undefined ? '' : `${opts.cellName(r, c)} = ${formatValue(v, 6)}`;
  });
  if (opts.edit && !opts.readOnly) {
    canvas.addEventListener('click', (event) => {
      const r = Math.floor(event.offsetY / cell);
      const c = Math.floor(event.offsetX / cell);
      if (values[r]?.[c] !== undefined) opts.edit!(r, c, { x: event.clientX, y: event.clientY });
    });
  }
  return el('div', { className: 'matrix-scroll' }, canvas);
}
