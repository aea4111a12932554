// The training data as a table, shown instead of the scatter when the network does
// not take two inputs: input and target columns, the first training rows and the
// split sizes. Column names come from the file, so they go in as text only.
import type { DataPreview } from '../../src/data/preview';
import { el } from '../dom';
import { cellText, shownText, splitText } from './viewmodel/preview';

/** A column header cut to fit, with the full name on hover. */
function header(name: string, target: boolean): HTMLTableCellElement {
  const th = el('th', { text: name, title: name, attrs: { scope: 'col' } });
  th.className = target ? 'data-target' : 'data-input';
  Object.assign(th.style, { maxWidth: '80px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '2px 6px', textAlign: 'right' });
  return th;
}

function group(label: string, span: number, first: boolean): HTMLTableCellElement {
  const th = el('th', { text: label, attrs: { scope: 'colgroup', colspan: String(span) } });
  Object.assign(th.style, { fontWeight: 'normal', color: 'var(--nn-muted)', padding: '2px 6px', textAlign: 'left' });
  if (!first) th.style.borderLeft = '2px solid var(--nn-border)';
  return th;
}

function table(preview: DataPreview): HTMLTableElement {
  const { inputs, targets } = preview;
  const groups = el('tr', {}, group('Inputs', inputs.length, true), group('Targets', targets.length, false));
  const names = el('tr', {}, ...inputs.map((n) => header(n, false)), ...targets.map((n) => header(n, true)));
  const body = el('tbody', {}, ...preview.rows.map((row) => el('tr', {}, ...row.map((value, j) => {
    const td = el('td', { text: cellText(value) });
    td.style.textAlign = 'right';
    if (j >= inputs.length) td.classList.add('data-target');
    return td;
  }))));
  const firstTarget = inputs.length;
  for (const tr of [names, ...body.rows]) {
    const cell = tr.children[firstTarget] as HTMLElement | undefined;
    if (cell) cell.style.borderLeft = '2px solid var(--nn-border)';
  }
  return el('table', { className: 'matrix data-table', attrs: { 'aria-label': `Training data: ${shownText(preview)}` } }, el('thead', {}, groups, names), body);
}

export class DataTablePanel {
  readonly element = el('div', { className: 'data-preview' });
  private shown: DataPreview | undefined | null = null;

  update(preview: DataPreview | undefined): void {
    if (preview === this.shown) return;
    this.shown = preview;
    if (!preview) {
      this.element.replaceChildren(el('p', { className: 'hint', text: 'Start training to see the data as the network gets it.' }));
      return;
    }
    // The scroll box takes keyboard focus, so the table can be scrolled without a mouse.
    const scroll = el('div', { className: 'matrix-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Training data preview' } }, table(preview));
    // The descriptions stay outside the scroll box, so they wrap to the panel's width.
    this.element.replaceChildren(
      el('p', { className: 'matrix-caption', text: splitText(preview) }),
      el('p', { className: 'matrix-caption', text: shownText(preview) }),
      scroll,
    );
  }
}
