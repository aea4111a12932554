// Recolouring the diagram from a training snapshot without rebuilding it:
// link values and scales per view (weights, gradients, Δweights), node fills,
// dead and non-finite marks, and the backward sweep's lit column.
import type { Selection } from 'd3';
import type { LinkDatum } from './diagramLinks';
import type { NodePosition } from './viewmodel/layout';
import { divergingScale, layerDomains, type DivergingScale, type Normalisation, type Palette, type Rgb } from './viewmodel/scales';
import type { Paint } from './training/viewmodel/paint';
import { sweepState } from './training/viewmodel/sweep';
import { DEAD_SUFFIX } from './training/viewmodel/faults';
import { neuronParts } from './diagramNodes';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Link scales per column (index 0 unused, like the diagram's own), on the view's own symmetric domain. */
export function paintScales(paint: Paint, normalisation: Normalisation, palette: Palette): DivergingScale[] {
  const domains = layerDomains(paint.linkMax, normalisation);
  return [divergingScale(1, palette), ...domains.map((m) => divergingScale(m, palette))];
}

/** One hue for magnitudes (|dL/dX| has no sign). */
export function magnitudeScale(paint: Paint, neutral: Rgb, hue: Rgb): DivergingScale {
  return divergingScale(paint.nodeMax, { negative: hue, neutral, positive: hue });
}

export function applyLinkValues(links: readonly LinkDatum[], paint: Paint): void {
  for (const d of links) {
    const values = paint.links[d.column - 1];
    const inputs = paint.inputs[d.column - 1] ?? 0;
    const v = values?.[d.j * inputs + d.i];
    d.value = v ?? 0;
  }
}

/** Restyles the existing SVG links in place: no join, no new elements. */
export function restyleSvgLinks(group: G, scales: readonly DivergingScale[], lit: number | undefined): void {
  group.selectAll<SVGPathElement, LinkDatum>('path.link')
    .attr('stroke', (d) => scales[d.column]!.colour(d.value))
    .attr('stroke-width', (d) => scales[d.column]!.width(d.value))
    .attr('stroke-opacity', (d) => scales[d.column]!.opacity(d.value))
    .classed('sweep-pending', (d) => sweepState(d.column, lit) === 'pending')
    .classed('sweep-active', (d) => lit !== undefined && sweepState(d.column, lit) === 'active');
}

export interface NodePaintContext {
  paint: Paint | undefined;
  scales: readonly DivergingScale[];
  nodeScale: DivergingScale | undefined;
}

/** Node fills, bias markers and fault marks; without a paint, clears what an earlier paint set. */
export function paintNodes(columns: G, ctx: NodePaintContext): void {
  const { paint, scales, nodeScale } = ctx;
  const origin = paint?.fault ? paint.fault.dense + 1 : undefined;
  const cols = columns.selectAll<SVGGElement, { column: number }>('g.column')
    .classed('non-finite', (c) => paint !== undefined && c.column > 0 && paint.nonFinite[c.column - 1] === true)
    .classed('fault-origin', (c) => c.column === origin);
  cols.select<SVGGElement>('g.layer-header')
    .attr('aria-label', function (c) {
      const base = this.getAttribute('aria-label')?.replace(/, NaN or Inf first at epoch \d+$/, '') ?? '';
      return c.column === origin ? `${base}, NaN or Inf first at epoch ${paint!.fault!.epoch}` : base;
    });
  const dead = (n: NodePosition): boolean => paint !== undefined && n.column > 0 && (paint.dead[n.column - 1]?.includes(n.neuron) ?? false);
  const bodyFill = (n: NodePosition): string | null => {
    const values = paint?.nodes[n.column];
    return values && nodeScale ? nodeScale.colour(values[n.neuron] ?? 0) : null;
  };
  const biasFill = (n: NodePosition): string | null => {
    if (!paint || n.column === 0) return null;
    const bias = paint.bias[n.column - 1];
    return bias ? scales[n.column]!.colour(bias[n.neuron] ?? 0) : 'var(--vscode-editor-background, #1e1e1e)';
  };
  // A thousand-neuron column repaints every frame, so only what changed is written.
  columns.selectAll<SVGGElement, NodePosition>('g.neuron').each(function (n) {
    const isDead = dead(n);
    this.classList.toggle('dead', isDead);
    const label = this.getAttribute('aria-label') ?? '';
    const marked = label.endsWith(DEAD_SUFFIX);
    if (isDead && !marked) this.setAttribute('aria-label', label + DEAD_SUFFIX);
    else if (!isDead && marked) this.setAttribute('aria-label', label.slice(0, -DEAD_SUFFIX.length));
    const parts = neuronParts(this);
    setFill(parts.body, bodyFill(n));
    setFill(parts.bias, biasFill(n));
  });
}

/** The fill each node part was last given here; absent for parts never painted (new elements). */
const painted = new WeakMap<SVGElement, string | null>();

function setFill(element: SVGElement, fill: string | null): void {
  if (painted.has(element) && painted.get(element) === fill) return;
  painted.set(element, fill);
  if (fill === null) element.style.removeProperty('fill');
  else element.style.setProperty('fill', fill);
}

/** Marks the lit column and the ones the sweep has not reached; the root's data-sweep-column says which is lit. */
export function paintSweep(root: HTMLElement, columns: G, lit: number | undefined): void {
  // Written only on change, so observers see one mutation per step.
  const value = lit === undefined ? undefined : String(lit);
  if (root.dataset.sweepColumn !== value) {
    if (value === undefined) delete root.dataset.sweepColumn;
    else root.dataset.sweepColumn = value;
  }
  root.classList.toggle('sweeping', lit !== undefined);
  columns.selectAll<SVGGElement, { column: number }>('g.column')
    .classed('sweep-active', (c) => lit !== undefined && sweepState(c.column, lit) === 'active')
    .classed('sweep-pending', (c) => sweepState(c.column, lit) === 'pending');
}

/** Small images (a hidden neuron's activation over the input plane) clipped into the node circles. */
export function paintNeuronMaps(group: G, nodes: readonly NodePosition[], radius: number, maps: ReadonlyMap<string, string> | undefined): void {
  const shown = maps && radius >= 7 ? nodes.filter((n) => maps.has(`${n.column}:${n.neuron}`)) : [];
  group.selectAll<SVGImageElement, NodePosition>('image.neuron-map')
    .data(shown, (n) => `${n.column}:${n.neuron}`)
    .join('image')
    .attr('class', 'neuron-map')
    .attr('x', (n) => n.x - radius)
    .attr('y', (n) => n.y - radius)
    .attr('width', radius * 2)
    .attr('height', radius * 2)
    .attr('clip-path', 'url(#nn-node-clip)')
    .attr('preserveAspectRatio', 'none')
    .attr('href', (n) => maps!.get(`${n.column}:${n.neuron}`)!);
}
