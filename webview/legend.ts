// The colour legend: a gradient from −m to +m of the diverging scale, with the
// range written out, and the normalisation toggle next to it.
import type { Normalisation } from './viewmodel/scales';
import { formatValue } from './viewmodel/equation';
import type { DivergingScale } from './viewmodel/scales';

export function renderLegend(
  parent: HTMLElement,
  scale: DivergingScale,
  captionText: string,
  normalisation: Normalisation,
  onToggle: (mode: Normalisation) => void,
): void {
  const steps = 9;
  const swatches = document.createElement('div');
  swatches.className = 'legend-bar';
  for (let k = 0; k < steps; k++) {
    const v = (-1 + (2 * k) / (steps - 1)) * scale.maxAbs;
    const cell = document.createElement('span');
    cell.style.background = scale.colour(v);
    swatches.append(cell);
  }
  const range = document.createElement('div');
  range.className = 'legend-range';
  for (const text of [formatValue(-scale.maxAbs, 2), '0', `+${formatValue(scale.maxAbs, 2)}`]) {
    const span = document.createElement('span');
    span.textContent = text;
    range.append(span);
  }
  const caption = document.createElement('div');
  caption.className = 'legend-caption';
  caption.textContent = captionText;

  const toggle = document.createElement('label');
  toggle.className = 'legend-toggle';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = normalisation === 'perLayer';
  box.addEventListener('change', () => onToggle(box.checked ? 'perLayer' : 'symmetric'));
  toggle.append(box, document.createTextNode(' Normalise per layer'));

  parent.replaceChildren(caption, swatches, range, toggle);
}

/** A one-hue bar from 0 to m, for magnitudes such as |dL/dX|. */
export function magnitudeLegend(scale: DivergingScale, captionText: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'legend-magnitude';
  const caption = document.createElement('div');
  caption.className = 'legend-caption';
  caption.textContent = captionText;
  const bar = document.createElement('div');
  bar.className = 'legend-bar';
  for (let k = 0; k < 9; k++) {
    const cell = document.createElement('span');
    cell.style.background = scale.colour((k / 8) * scale.maxAbs);
    bar.append(cell);
  }
  const range = document.createElement('div');
  range.className = 'legend-range';
  for (const text of ['0', formatValue(scale.maxAbs, 3)]) {
    const span = document.createElement('span');
    span.textContent = text;
    range.append(span);
  }
  box.append(caption, bar, range);
  return box;
}
