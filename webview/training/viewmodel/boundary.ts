// Decision-boundary maths for the heat maps and the 3-D view: the output's
// domain and its diverging colouring, grid ↔ data coordinates, and a rotation
// followed by an orthographic projection.
import type { ActivationName } from '../../../src/model/types';
import { mix, type Palette, type Rgb } from '../../viewmodel/scales';
import { maxAbs } from './paint';

/** lo and hi get the two hues, mid the neutral colour (the decision threshold). */
export interface OutputDomain {
  lo: number;
  mid: number;
  hi: number;
}

export function outputDomain(activation: ActivationName, values: ArrayLike<number>): OutputDomain {
  if (activation === 'sigmoid' || activation === 'softmax') return { lo: 0, mid: 0.5, hi: 1 };
  if (activation === 'tanh') return { lo: -1, mid: 0, hi: 1 };
  const m = maxAbs(values) || 1;
  return { lo: -m, mid: 0, hi: m };
}

/** Position in [−1, 1] of a value in the domain: −1 at lo, 0 at mid, +1 at hi. */
export function signedPosition(value: number, d: OutputDomain): number {
  if (!Number.isFinite(value)) return 0;
  const t = value >= d.mid ? (value - d.mid) / (d.hi - d.mid || 1) : (value - d.mid) / (d.mid - d.lo || 1);
  return Math.max(-1, Math.min(1, t));
}

export function domainColour(value: number, d: OutputDomain, palette: Palette): Rgb {
  const t = signedPosition(value, d);
  return mix(palette.neutral, t < 0 ? palette.negative : palette.positive, Math.abs(t));
}

/**
 * RGBA pixels of a resolution × resolution grid (row-major, y outer, row 0 at
 * yRange[0]) for a canvas, whose row 0 is the top: rows are flipped so y grows upwards.
 */
export function gridPixels(values: ArrayLike<number>, resolution: number, d: OutputDomain, palette: Palette, offset = 0): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(resolution * resolution * 4);
  for (let gy = 0; gy < resolution; gy++) {
    const row = resolution - 1 - gy;
    for (let gx = 0; gx < resolution; gx++) {
      const c = domainColour(values[offset + gy * resolution + gx]!, d, palette);
      const p = (row * resolution + gx) * 4;
      out[p] = c.r;
      out[p + 1] = c.g;
      out[p + 2] = c.b;
      out[p + 3] = 255;
    }
  }
  return out;
}

/** The grid sample nearest to (x, y) in input space: its value and where it sits; undefined outside the grid. */
export function gridValueAt(values: ArrayLike<number>, resolution: number, xRange: readonly [number, number], yRange: readonly [number, number], x: number, y: number): { gx: number; gy: number; value: number } | undefined {
  const gx = Math.round(rescale(x, xRange, [0, resolution - 1]));
  const gy = Math.round(rescale(y, yRange, [0, resolution - 1]));
  if (!(gx >= 0 && gx < resolution && gy >= 0 && gy < resolution)) return undefined;
  return { gx, gy, value: values[gy * resolution + gx]! };
}

/** Linear map of a value in [from0, from1] onto [to0, to1]. */
export function rescale(value: number, from: readonly [number, number], to: readonly [number, number]): number {
  const span = from[1] - from[0] || 1;
  return to[0] + ((value - from[0]) / span) * (to[1] - to[0]);
}

export interface Projected {
  x: number;
  y: number;
  /** Larger is nearer the viewer; draw in increasing order. */
  depth: number;
}

/**
 * Rotate (x, y, z) about the vertical z axis by `yaw`, tilt it towards the
 * viewer by `pitch`, and drop the depth axis: screen x right, screen y up.
 */
export function project(x: number, y: number, z: number, yaw: number, pitch: number): Projected {
  const cy = Math.cos(yaw);
  const sy = Math.sin(yaw);
  const rx = x * cy - y * sy;
  const ry = x * sy + y * cy;
  const cp = Math.cos(pitch);
  const sp = Math.sin(pitch);
  return { x: rx, y: z * cp + ry * sp, depth: -ry * cp + z * sp };
}
