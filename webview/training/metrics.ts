// The Metrics panel: the confusion matrix of the shown snapshot (row = actual
// class, column = predicted), shaded by count, or MAE and R² for regression.
// Class names come from the file, so they go in as text only.
import type { SnapshotMetrics } from '../../src/protocol/training';
import { el } from '../dom';
import { formatValue } from '../viewmodel/equation';
import { maxCount } from './viewmodel/metrics';

/** Shade of a cell: the chart colour at a share of full strength, so counts stay readable on top. */
function shade(count: number, max: number): string {
  const percent = Math.round((count / max) * 60);
  return `color-mix(in srgb, var(--vscode-charts-blue, #3794ff) ${percent}%, transparent)`;
}

/** A class-name header, cut to fit with the full name on hover, so long names cannot push counts out of view. */
function header(name: string, scope: 'col' | 'row'): HTMLTableCellElement {
  const th = el('th', { text: name, title: name, attrs: { scope } });
  Object.assign(th.style, { maxWidth: scope === 'col' ? '64px' : '96px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '2px 4px' });
  if (scope === 'row') th.style.textAlign = 'left';
  return th;
}

function confusionTable(confusion: NonNullable<SnapshotMetrics['confusion']>): HTMLElement {
  const { classes, matrix, split } = confusion;
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const max = maxCount(matrix);
  const table = el('table', { className: 'matrix confusion', attrs: { 'aria-label': `Confusion matrix on the ${split} split: rows are actual classes, columns predicted` } });
  const corner = el('th', { text: 'actual \\ predicted', attrs: { scope: 'col' } });
  Object.assign(corner.style, { fontWeight: 'normal', whiteSpace: 'nowrap', padding: '2px 4px' });
  table.append(el('thead', {}, el('tr', {}, corner, ...classes.map((name) => header(name, 'col')))));
  const body = el('tbody');
  matrix.forEach((row, a) => {
    const cells = row.map((count, p) => {
      const td = el('td', { text: String(count), attrs: { 'aria-label': `actual ${classes[a]}, predicted ${classes[p]}: ${count}` } });
      td.style.background = shade(count, max);
      td.style.textAlign = 'center';
      if (a === p) {
        td.classList.add('diagonal');
        td.style.fontWeight = '600';
        // Only high-contrast themes define this border colour; elsewhere the weight alone marks the diagonal.
        td.style.outline = '2px solid var(--vscode-contrastActiveBorder, transparent)';
        td.style.outlineOffset = '-2px';
      }
      return td;
    });
    body.append(el('tr', {}, header(classes[a] ?? String(a), 'row'), ...cells));
  });
  table.append(body);
  const caption = el('p', { className: 'matrix-caption', text: `${split === 'test' ? 'Test' : 'Training'} split, ${total} samples` });
  return el('div', {}, caption, el('div', { className: 'matrix-scroll' }, table));
}

function regression(metrics: SnapshotMetrics): HTMLElement {
  const rows: [string, number | undefined][] = [['MAE', metrics.mae], ['R²', metrics.r2]];
  return el('dl', { className: 'regression-metrics' },
    ...rows.filter(([, v]) => v !== undefined).flatMap(([name, v]) => [el('dt', { text: name }), el('dd', { text: formatValue(v!, 4) })]));
}

export class MetricsPanel {
  readonly element = el('div', { className: 'metrics' });
  private shown: SnapshotMetrics | undefined | null = null;

  update(metrics: SnapshotMetrics | undefined): void {
    if (metrics === this.shown) return;
    this.shown = metrics;
    if (metrics?.confusion) this.element.replaceChildren(confusionTable(metrics.confusion));
    else if (metrics && (metrics.mae !== undefined || metrics.r2 !== undefined)) this.element.replaceChildren(regression(metrics));
    else this.element.replaceChildren(el('p', { className: 'hint', text: 'Train the network to see how it classifies, or its error for regression.' }));
  }
}
