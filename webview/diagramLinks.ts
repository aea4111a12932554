// Weight links: SVG paths (with wide invisible hover paths) for small networks,
// one canvas under the SVG nodes for large ones, stroked in batches per colour bucket (linkTable.ts).
import type { Selection } from 'd3';
import type { Layout } from './viewmodel/layout';
import type { DenseView } from './viewmodel/network';
import type { DivergingScale } from './viewmodel/scales';
import type { LinkBatch } from './linkTable';
import { linkInFocus, type Focus } from './viewmodel/focus';

export interface LinkDatum {
  /** Column of the target neuron; its Dense layer is column − 1. */
  column: number;
  j: number;
  i: number;
  value: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Above this many links the canvas draws them. */
export const CANVAS_THRESHOLD = 5000;

export function collectLinks(layout: Layout, views: readonly DenseView[]): LinkDatum[] {
  const links: LinkDatum[] = [];
  const r = layout.radius;
  for (let k = 1; k < layout.columns.length; k++) {
    const from = layout.columns[k - 1]!;
    const to = layout.columns[k]!;
    const weights = views[k - 1]!.weights;
    for (const target of to.nodes) {
      const row = weights[target.neuron]!;
      for (const source of from.nodes) {
        links.push({
          column: k,
          j: target.neuron,
          i: source.neuron,
          value: row[source.neuron] ?? 0,
          x1: source.x + r,
          y1: source.y,
          x2: target.x - r,
          y2: target.y,
        });
      }
    }
  }
  return links;
}

function curve(d: LinkDatum): string {
  const mx = (d.x1 + d.x2) / 2;
  return `M${d.x1},${d.y1}C${mx},${d.y1} ${mx},${d.y2} ${d.x2},${d.y2}`;
}

export interface LinkHandlers {
  hover(event: MouseEvent, d: LinkDatum | undefined): void;
  click(event: MouseEvent, d: LinkDatum): void;
}

export function drawSvgLinks(
  visible: Selection<SVGGElement, unknown, null, undefined>,
  hover: Selection<SVGGElement, unknown, null, undefined>,
  links: readonly LinkDatum[],
  scales: readonly DivergingScale[],
  focus: Focus | undefined,
  handlers: LinkHandlers,
): void {
  visible
    .selectAll<SVGPathElement, LinkDatum>('path.link')
    .data(links)
    .join('path')
    .attr('class', (d) => (linkInFocus(focus, d.column, d.j, d.i) ? 'link' : 'link dimmed'))
    .attr('d', curve)
    .attr('stroke', (d) => scales[d.column]!.colour(d.value))
    .attr('stroke-width', (d) => scales[d.column]!.width(d.value))
    .attr('stroke-opacity', (d) => scales[d.column]!.opacity(d.value))
    .attr('data-weight', (d) => `${d.column - 1}:${d.j}:${d.i}`);
  hover
    .selectAll<SVGPathElement, LinkDatum>('path.link-hover')
    .data(links)
    .join('path')
    .attr('class', 'link-hover')
    .attr('d', curve)
    .on('mousemove', (event: MouseEvent, d) => handlers.hover(event, d))
    .on('mouseleave', (event: MouseEvent) => handlers.hover(event, undefined))
    .on('click', (event: MouseEvent, d) => handlers.click(event, d));
}

export function clearSvgLinks(...groups: Selection<SVGGElement, unknown, null, undefined>[]): void {
  for (const g of groups) g.selectAll('path').remove();
}

/** Strokes every batch with the zoom transform applied; `columnAlpha` fades columns (the backward sweep). */
export function drawCanvasLinks(
  canvas: HTMLCanvasElement,
  batches: readonly LinkBatch[],
  transform: { k: number; x: number; y: number },
  columnAlpha: (column: number) => number = () => 1,
): void {
  const ratio = window.devicePixelRatio || 1;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(ratio * transform.k, 0, 0, ratio * transform.k, ratio * transform.x, ratio * transform.y);
  for (const batch of batches) {
    ctx.strokeStyle = batch.colour;
    ctx.globalAlpha = batch.alpha * columnAlpha(batch.column);
    ctx.lineWidth = batch.width;
    ctx.beginPath();
    const c = batch.coords;
    for (let n = 0; n < c.length; n += 4) {
      ctx.moveTo(c[n]!, c[n + 1]!);
      ctx.lineTo(c[n + 2]!, c[n + 3]!);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
