// Inspector for the selected Dense layer: W as a heat map with its values, b,
// the parameter count (eq. 2), the equation with real shapes in either
// convention, and the Appendix A collapse when the layer sits in a linear run.
import type { DesignerEdit } from '../src/protocol/webview';
import { layerParameters, linearRuns, totalParameters, type DenseView } from './viewmodel/network';
import { collapsePreview, equationText, orientedMatrix, type Convention } from './viewmodel/equation';
import type { DivergingScale } from './viewmodel/scales';
import { button, el } from './dom';
import { renderMatrix } from './matrix';

export interface InspectorContext {
  views: readonly DenseView[];
  selected: number;
  convention: Convention;
  readOnly: boolean;
  scale: DivergingScale;
  title: string;
  send(edit: DesignerEdit): void;
  setConvention(convention: Convention): void;
  editWeight(neuron: number, input: number, at: { x: number; y: number }): void;
  editBias(neuron: number, at: { x: number; y: number }): void;
}

export function renderInspector(ctx: InspectorContext): HTMLElement {
  const view = ctx.views[ctx.selected]!;
  const row = ctx.convention === 'row';
  const params = layerParameters(view);
  const root = el('div', { className: 'inspector' },
    el('h3', { className: 'inspector-title', text: ctx.title }),
    el('p', { className: 'params' },
      el('strong', { text: params.toLocaleString('en-US') }),
      ` parameters = ${view.units}·(${view.inputs} + 1); network total `,
      el('strong', { text: totalParameters(ctx.views).toLocaleString('en-US') }),
    ),
    el('div', { className: 'equation', attrs: { 'aria-label': 'Layer equation' } }, equationText(view.units, view.inputs, view.activation, ctx.convention)),
    conventionToggle(ctx),
  );

  const weights = orientedMatrix(view.weights, view.inputs, ctx.convention);
  root.append(el('div', { className: 'matrix-caption', text: row ? `Wᵀ, ${view.inputs}×${view.units} (rows are inputs)` : `W, ${view.units}×${view.inputs} (rows are neurons)` }));
  root.append(renderMatrix(weights, ctx.scale, {
    label: row ? 'W transposed' : 'W',
    readOnly: ctx.readOnly,
    cellName: (r, c) => (row ? `w[${c}][${r}]` : `w[${r}][${c}]`),
    edit: (r, c, at) => (row ? ctx.editWeight(c, r, at) : ctx.editWeight(r, c, at)),
  }));
  root.append(el('div', { className: 'matrix-caption', text: `b, ${row ? `1×${view.units}` : `${view.units}×1`}` }));
  const bias = row ? [view.bias] : view.bias.map((b) => [b]);
  root.append(renderMatrix(bias, ctx.scale, {
    label: 'b',
    readOnly: ctx.readOnly,
    cellName: (r, c) => `b[${row ? c : r}]`,
    edit: (r, c, at) => ctx.editBias(row ? c : r, at),
  }));

  const run = linearRuns(ctx.views).find((r) => ctx.selected >= r.from && ctx.selected <= r.to);
  if (run) root.append(collapseSection(ctx, run));
  return root;
}

function conventionToggle(ctx: InspectorContext): HTMLElement {
  const box = el('input', { attrs: { type: 'checkbox' } });
  box.checked = ctx.convention === 'row';
  box.addEventListener('change', () => ctx.setConvention(box.checked ? 'row' : 'column'));
  return el('label', { className: 'toggle' }, box, ' Row convention (Appendix B: y = x·W + b)');
}

function collapseSection(ctx: InspectorContext, run: { from: number; to: number }): HTMLElement {
  const layers = ctx.views.slice(run.from, run.to + 1);
  const merged = collapsePreview(layers);
  const last = layers[layers.length - 1]!;
  const section = el('section', { className: 'collapse' },
    el('h4', { text: 'Linear stack (Appendix A)' }),
    el('p', { text: `Layers ${run.from + 1}–${run.to + 1} have only linear activations between them, so they compute one linear map: W = ${layers.map((_, k) => `W${run.to + 1 - k}`).join('·')}, with the biases carried through.` }),
    el('div', { className: 'matrix-caption', text: `Product W, ${last.units}×${layers[0]!.inputs}` }),
    renderMatrix(merged.weights, ctx.scale, { label: 'Product W', readOnly: true, cellName: (r, c) => `w[${r}][${c}]` }),
    el('div', { className: 'matrix-caption', text: `Combined b, ${last.units}×1` }),
    renderMatrix(merged.bias.map((b) => [b]), ctx.scale, { label: 'Combined b', readOnly: true, cellName: (r) => `b[${r}]` }),
  );
  const action = button('Collapse to one linear layer', () => ctx.send({ kind: 'collapseLinear', from: run.from, to: run.to }), { className: 'btn' });
  action.disabled = ctx.readOnly;
  section.append(action);
  return section;
}

