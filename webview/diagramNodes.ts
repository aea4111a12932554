// Columns of the diagram: a focusable layer header (name, units, activation
// glyph) and one focusable node per neuron, with a bias marker on Dense layers.
import { line, type Selection } from 'd3';
import type { NnModel } from '../src/model/types';
import type { ColumnLayout, Layout, NodePosition } from './viewmodel/layout';
import { ACTIVATION_LABELS, type DenseView } from './viewmodel/network';
import type { DivergingScale } from './viewmodel/scales';
import { glyphPoints } from './viewmodel/glyph';
import { neuronInFocus, type Focus } from './viewmodel/focus';
import { formatValue } from './viewmodel/equation';

export interface NodeHandlers {
  hoverNeuron(event: MouseEvent, node: NodePosition | undefined): void;
  clickNeuron(event: MouseEvent, node: NodePosition): void;
  clickBias(event: MouseEvent, node: NodePosition): void;
  clickHeader(column: number): void;
  expand(column: number): void;
  collapse(column: number): void;
}

export interface NodeContext {
  model: NnModel;
  views: readonly DenseView[];
  layout: Layout;
  scales: readonly DivergingScale[];
  focus: Focus | undefined;
  selectedColumn: number | undefined;
}

export function layerTitle(_model: NnModel, views: readonly DenseView[], column: number): string {
  if (column === 0) return 'Input';
  const view = views[column - 1]!;
  return view.name ?? (column === views.length ? 'Output' : `Dense ${column}`);
}

export function layerAriaLabel(views: readonly DenseView[], column: number, inputs: number): string {
  if (column === 0) return `Input layer, ${inputs} ${inputs === 1 ? 'feature' : 'features'}`;
  const view = views[column - 1]!;
  const name = view.name ? `, named ${view.name}` : '';
  return `Layer ${column}, Dense, ${view.units} ${view.units === 1 ? 'unit' : 'units'}, ${ACTIVATION_LABELS[view.activation]}${name}`;
}

export function neuronAriaLabel(model: NnModel, views: readonly DenseView[], node: NodePosition): string {
  if (node.column === 0) {
    const name = model.inputNames?.[node.neuron];
    return `Input ${node.neuron + 1} of ${model.inputs}${name ? `, ${name}` : ''}`;
  }
  const bias = views[node.column - 1]!.bias[node.neuron] ?? 0;
  return `Neuron ${node.neuron + 1} of layer ${node.column}, bias ${formatValue(bias, 2)}`;
}

const glyphLine = line();

/** A neuron group's body circle and bias marker, by position: a repaint reaches a thousand of them without a query each. */
export function neuronParts(g: SVGGElement): { body: SVGCircleElement; bias: SVGRectElement } {
  return { body: g.children[1] as SVGCircleElement, bias: g.children[2] as SVGRectElement };
}

export function drawColumns(root: Selection<SVGGElement, unknown, null, undefined>, ctx: NodeContext, handlers: NodeHandlers): void {
  const { layout, views, model } = ctx;
  const columns = root
    .selectAll<SVGGElement, ColumnLayout>('g.column')
    .data(layout.columns, (c) => String(c.column))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'column');
      const header = g.append('g').attr('class', 'layer-header focusable').attr('role', 'button');
      header.append('rect').attr('class', 'header-bg');
      header.append('text').attr('class', 'layer-title');
      header.append('text').attr('class', 'layer-sub');
      header.append('path').attr('class', 'glyph');
      g.append('g').attr('class', 'neurons');
      g.append('text').attr('class', 'more');
      g.append('text').attr('class', 'fewer');
      return g;
    })
    .attr('data-column', (c) => c.column)
    .classed('selected', (c) => c.column === ctx.selectedColumn);

  const header = columns.select<SVGGElement>('g.layer-header')
    .attr('data-column', (c) => c.column)
    .attr('aria-label', (c) => layerAriaLabel(views, c.column, model.inputs))
    .on('click', (_event: MouseEvent, c) => handlers.clickHeader(c.column));
  const top = Math.min(...layout.columns.map((c) => c.top));
  const headerTop = (): number => top - 62;
  header.select('rect.header-bg')
    .attr('x', (c) => c.x - 70).attr('y', headerTop()).attr('width', 140).attr('height', 46).attr('rx', 4);
  header.select('text.layer-title')
    .attr('x', (c) => c.x).attr('y', headerTop() + 18)
    .text((c) => layerTitle(model, views, c.column));
  header.select('text.layer-sub')
    .attr('x', (c) => c.x - (c.column === 0 ? 0 : 10)).attr('y', headerTop() + 36)
    .attr('text-anchor', 'middle')
    .text((c) => c.column === 0
      ? `${c.size} ${c.size === 1 ? 'feature' : 'features'}`
      : `${c.size} · ${ACTIVATION_LABELS[views[c.column - 1]!.activation]}`);
  header.select('path.glyph')
    .attr('d', (c) => {
      if (c.column === 0) return null;
      const points = glyphPoints(views[c.column - 1]!.activation, 18, 12).map(([x, y]): [number, number] => [x, y]);
      return glyphLine(points);
    })
    .attr('transform', (c) => `translate(${c.x + 42},${headerTop() + 26})`);

  columns.select<SVGTextElement>('text.fewer')
    .attr('x', (c) => c.x).attr('y', (c) => c.bottom + 16)
    .attr('display', (c) => (c.foldable ? null : 'none'))
    .attr('role', 'button').attr('tabindex', (c) => (c.foldable ? 0 : -1))
    .attr('aria-label', (c) => `show the first neurons of this column only, not all ${c.size}`)
    .text('show fewer')
    .on('click', (_event: MouseEvent, c) => handlers.collapse(c.column))
    .on('keydown', (event: KeyboardEvent, c) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      handlers.collapse(c.column);
    });

  columns.select<SVGTextElement>('text.more')
    .attr('x', (c) => c.x).attr('y', (c) => c.moreY ?? 0)
    .attr('display', (c) => (c.hidden > 0 ? null : 'none'))
    .attr('role', 'button').attr('tabindex', (c) => (c.hidden > 0 ? 0 : -1))
    .attr('aria-label', (c) => `${c.hidden} more neurons hidden; show all`)
    .text((c) => `+${c.hidden} more`)
    .on('click', (_event: MouseEvent, c) => handlers.expand(c.column))
    .on('keydown', (event: KeyboardEvent, c) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      handlers.expand(c.column);
    });

  const radius = layout.radius;
  const neurons = columns.select<SVGGElement>('g.neurons')
    .selectAll<SVGGElement, NodePosition>('g.neuron')
    .data((c) => c.nodes, (n) => String(n.neuron))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'neuron focusable').attr('role', 'button');
      // The order neuronParts relies on.
      g.append('circle').attr('class', 'ring');
      g.append('circle').attr('class', 'body');
      g.append('rect').attr('class', 'bias');
      g.append('text').attr('class', 'node-label');
      return g;
    })
    .attr('transform', (n) => `translate(${n.x},${n.y})`)
    .attr('data-column', (n) => n.column)
    .attr('data-neuron', (n) => n.neuron)
    .attr('aria-label', (n) => neuronAriaLabel(model, views, n))
    .classed('dimmed', (n) => !neuronInFocus(ctx.focus, n.column, n.neuron))
    .classed('focused', (n) => ctx.focus !== undefined && ctx.focus.column === n.column && ctx.focus.neuron === n.neuron)
    .on('mousemove', (event: MouseEvent, n) => handlers.hoverNeuron(event, n))
    .on('mouseleave', (event: MouseEvent) => handlers.hoverNeuron(event, undefined))
    .on('click', (event: MouseEvent, n) => handlers.clickNeuron(event, n));

  neurons.select('circle.ring').attr('r', radius + 3.5);
  neurons.select('circle.body').attr('r', radius)
    .attr('fill', (n) => (n.column > 0 && radius < 6 ? ctx.scales[n.column]!.colour(views[n.column - 1]!.bias[n.neuron] ?? 0) : null));
  const biasSize = Math.max(4, radius * 0.75);
  neurons.select<SVGRectElement>('rect.bias')
    .attr('display', (n) => (n.column > 0 && radius >= 6 ? null : 'none'))
    .attr('x', -radius - biasSize * 0.6).attr('y', -radius - biasSize * 0.2)
    .attr('width', biasSize).attr('height', biasSize)
    .attr('fill', (n) => (n.column > 0 ? ctx.scales[n.column]!.colour(views[n.column - 1]!.bias[n.neuron] ?? 0) : null))
    .on('click', (event: MouseEvent, n) => {
      event.stopPropagation();
      handlers.clickBias(event, n);
    });
  neurons.select('text.node-label')
    .attr('display', layout.pitch >= 16 ? null : 'none')
    .attr('x', (n) => (n.column === 0 ? -radius - 8 : radius + 6))
    .attr('text-anchor', (n) => (n.column === 0 ? 'end' : 'start'))
    .attr('dy', '0.32em')
    .text((n) => nodeLabel(model, views, n));
}

function nodeLabel(model: NnModel, views: readonly DenseView[], n: NodePosition): string {
  if (n.column === 0) return model.inputNames?.[n.neuron] ?? `x${n.neuron + 1}`;
  if (n.column === views.length) return model.outputNames?.[n.neuron] ?? `y${n.neuron + 1}`;
  return '';
}
