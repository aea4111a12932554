// The canvas links as typed columns, built once per render, so that a training
// snapshot regroups 100k links into colour batches without touching an object
// per link and without allocating per frame.
import type { LinkDatum } from './diagramLinks';
import type { Paint } from './training/viewmodel/paint';
import { bucketOf, type DivergingScale } from './viewmodel/scales';
import { linkInFocus, type Focus } from './viewmodel/focus';

/** Magnitude buckets per sign: each batch is stroked at its bucket's centre value. */
const BUCKETS = 8;

/** Links of one colour, width and opacity, as x1,y1,x2,y2 quadruples: one canvas stroke each. */
export interface LinkBatch {
  /** Column of the links' target neurons. */
  column: number;
  colour: string;
  alpha: number;
  width: number;
  coords: Float32Array;
}

export class LinkTable {
  readonly count: number;
  private readonly column: Uint16Array;
  /** Target neuron j and source neuron i: the value sits at j·inputs + i of the layer's paint. */
  private readonly j: Int32Array;
  private readonly i: Int32Array;
  /** 1 where the link is in focus (or there is no focus). */
  private readonly lit: Uint8Array;
  private readonly coords: Float32Array;
  private readonly values: Float64Array;
  private readonly keys: Uint16Array;
  /** Coordinates regrouped by batch; the batches' `coords` are views into it. */
  private readonly grouped: Float32Array;
  private readonly columns: number;
  /** The paint's arrays the values were last read from, to skip an unchanged snapshot. */
  private source: readonly Float32Array[] | undefined;

  constructor(links: readonly LinkDatum[], focus: Focus | undefined) {
    const n = links.length;
    this.count = n;
    this.column = new Uint16Array(n);
    this.j = new Int32Array(n);
    this.i = new Int32Array(n);
    this.lit = new Uint8Array(n);
    this.coords = new Float32Array(n * 4);
    this.values = new Float64Array(n);
    this.keys = new Uint16Array(n);
    this.grouped = new Float32Array(n * 4);
    let columns = 0;
    for (let k = 0; k < n; k++) {
      const d = links[k]!;
      this.column[k] = d.column;
      this.j[k] = d.j;
      this.i[k] = d.i;
      columns = Math.max(columns, d.column + 1);
      this.lit[k] = linkInFocus(focus, d.column, d.j, d.i) ? 1 : 0;
      this.values[k] = d.value;
      this.coords.set([d.x1, d.y1, d.x2, d.y2], k * 4);
    }
    this.columns = columns;
  }

  /** Reads each link's value from a snapshot's paint (0 where the paint has none); false when nothing changed. */
  readPaint(paint: Paint): boolean {
    if (this.source && this.source.length === paint.links.length && this.source.every((a, d) => a === paint.links[d])) return false;
    this.source = paint.links;
    const { column, j, i, values } = this;
    for (let k = 0; k < this.count; k++) {
      const d = column[k]! - 1;
      const layer = paint.links[d];
      const at = j[k]! * (paint.inputs[d] ?? 0) + i[k]!;
      values[k] = layer !== undefined && at < layer.length ? layer[at]! : 0;
    }
    return true;
  }

  /**
   * Groups the links by (column, sign, magnitude bucket, focus) in that order, which is also the
   * stroke order: a counting pass sizes the groups, a second one places the coordinates.
   */
  batches(scales: readonly DivergingScale[]): LinkBatch[] {
    const groups = this.columns * 2 * BUCKETS * 2;
    const counts = new Int32Array(groups + 1);
    const { column, lit, values, keys, coords, grouped } = this;
    for (let k = 0; k < this.count; k++) {
      const c = column[k]!;
      const v = values[k]!;
      const key = ((c * 2 + (v < 0 ? 0 : 1)) * BUCKETS + bucketOf(scales[c]!, v, BUCKETS)) * 2 + lit[k]!;
      keys[k] = key;
      counts[key + 1]!++;
    }
    for (let g = 1; g <= groups; g++) counts[g]! += counts[g - 1]!;
    const starts = counts.slice(0, groups + 1);
    for (let k = 0; k < this.count; k++) {
      const at = counts[keys[k]!]!++ * 4;
      const from = k * 4;
      grouped[at] = coords[from]!;
      grouped[at + 1] = coords[from + 1]!;
      grouped[at + 2] = coords[from + 2]!;
      grouped[at + 3] = coords[from + 3]!;
    }
    const batches: LinkBatch[] = [];
    for (let g = 0; g < groups; g++) {
      if (starts[g + 1] === starts[g]) continue;
      const focused = g % 2;
      const bucket = Math.floor(g / 2) % BUCKETS;
      const sign = Math.floor(g / 2 / BUCKETS) % 2;
      const c = Math.floor(g / 2 / BUCKETS / 2);
      const scale = scales[c]!;
      const centre = ((bucket + 0.5) / BUCKETS) * scale.maxAbs * (sign === 0 ? -1 : 1);
      batches.push({
        column: c,
        colour: scale.colour(centre),
        alpha: scale.opacity(centre) * (focused ? 0.55 : 0.05),
        width: Math.max(0.4, scale.width(centre) * 0.35),
        coords: grouped.subarray(starts[g]! * 4, starts[g + 1]! * 4),
      });
    }
    return batches;
  }
}
