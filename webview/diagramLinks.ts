// Weight links: SVG paths (with wide invisible hover paths) for small networks,
// one canvas under the SVG nodes for large ones, stroked in batches per colour bucket.
import type { Selection } from 'd3';
import type { Layout } from './viewmodel/layout';
import type { DenseView } from './viewmodel/network';
import { bucketOf, type DivergingScale } from './viewmodel/scales';
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

const BUCKETS = 8;

/** Strokes every link on the canvas with the zoom transform applied. */
export function drawCanvasLinks(
  canvas: HTMLCanvasElement,
  links: readonly LinkDatum[],
  scales: readonly DivergingScale[],
  focus: Focus | undefined,
  transform: { k: number; x: number; y: number },
): void {
  const ratio = window.devicePixelRatio || 1;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(ratio * transform.k, 0, 0, ratio * transform.k, ratio * transform.x, ratio * transform.y);
  // Batch links by (layer, sign, magnitude bucket, focus) so each batch is one stroke.
  const batches = new Map<string, LinkDatum[]>();
  for (const d of links) {
    const key = `${d.column}|${d.value < 0 ? 0 : 1}|${bucketOf(scales[d.column]!, d.value, BUCKETS)}|${linkInFocus(focus, d.column, d.j, d.i) ? 1 : 0}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = []));
    batch.push(d);
  }
  for (const [key, batch] of batches) {
    const [column, sign, bucket, lit] = key.split('|').map(Number) as [number, number, number, number];
    const scale = scales[column]!;
    const representative = ((bucket + 0.5) / BUCKETS) * scale.maxAbs * (sign === 0 ? -1 : 1);
    ctx.strokeStyle = scale.colour(representative);
    ctx.globalAlpha = scale.opacity(representative) * (lit ? 0.7 : 0.06);
    ctx.lineWidth = Math.max(0.4, scale.width(representative) * 0.35);
    ctx.beginPath();
    for (const d of batch) {
      ctx.moveTo(d.x1, d.y1);
      ctx.lineTo(d.x2, d.y2);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
