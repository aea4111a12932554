// The decision boundary as the paper's Figure 3: the network's output over the
// plane of its two inputs as a heat map, the threshold contour, and the
// training points on top. The grid itself is computed by the training worker.
import { contours } from 'd3';
import type { BoundaryGrid } from '../../src/protocol/training';
import type { Palette, Rgb } from '../viewmodel/scales';
import { domainColour, gridPixels, rescale, type OutputDomain } from './viewmodel/boundary';
import { classColours, css } from './categorical';

export interface BoundaryPoints {
  inputs: Float32Array;
  labels: Float32Array;
  count: number;
  /** Training samples in all, when `count` of them are a sample. */
  total?: number;
}

export interface BoundaryStyle {
  palette: Palette;
  domain: OutputDomain;
  foreground: string;
  background: string;
}

export const BOUNDARY_SIZE = 280;

/** Class-coloured pixels for a multi-class grid. */
function classPixels(argmax: Uint8Array, resolution: number, colours: readonly Rgb[]): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(resolution * resolution * 4);
  for (let gy = 0; gy < resolution; gy++) {
    for (let gx = 0; gx < resolution; gx++) {
      const c = colours[argmax[gy * resolution + gx]! % colours.length]!;
      const p = ((resolution - 1 - gy) * resolution + gx) * 4;
      out.set([c.r, c.g, c.b, 150], p);
    }
  }
  return out;
}

export function drawBoundary(canvas: HTMLCanvasElement, grid: BoundaryGrid, points: BoundaryPoints | undefined, style: BoundaryStyle): void {
  const ratio = window.devicePixelRatio || 1;
  const size = BOUNDARY_SIZE;
  canvas.width = size * ratio;
  canvas.height = size * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const res = grid.resolution;
  const multiClass = grid.argmax !== undefined;
  const colours = classColours();
  const pixels = multiClass ? classPixels(grid.argmax!, res, colours) : gridPixels(grid.output, res, style.domain, style.palette);
  const image = document.createElement('canvas');
  image.width = res;
  image.height = res;
  image.getContext('2d')!.putImageData(new ImageData(pixels, res, res), 0, 0);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  // Sample k sits at k/(res − 1) of the range, where the points are drawn; so each pixel of
  // the image is one cell wide and the image overhangs the canvas by half a cell on each side.
  const cell = size / (res - 1);
  ctx.drawImage(image, -cell / 2, -cell / 2, size + cell, size + cell);

  if (!multiClass) {
    // The decision threshold, traced through the grid by marching squares.
    const [threshold] = contours().size([res, res]).thresholds([style.domain.mid])(Array.from(grid.output, (v) => (Number.isFinite(v) ? v : style.domain.mid)));
    ctx.strokeStyle = style.foreground;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const polygon of threshold?.coordinates ?? []) {
      for (const ring of polygon) {
        ring.forEach(([x, y], k) => {
          // d3-contour puts sample k at k + 0.5.
          const px = (x - 0.5) * cell;
          const py = size - (y - 0.5) * cell;
          if (k === 0) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        });
      }
    }
    ctx.stroke();
  }

  if (!points) return;
  for (let n = 0; n < points.count; n++) {
    const x = rescale(points.inputs[2 * n]!, grid.xRange, [0, size]);
    const y = size - rescale(points.inputs[2 * n + 1]!, grid.yRange, [0, size]);
    const label = points.labels[n]!;
    const fill = multiClass ? colours[Math.round(label) % colours.length]! : domainColour(label, style.domain, style.palette);
    ctx.beginPath();
    ctx.arc(x, y, points.count > 200 ? 2.5 : 4.5, 0, Math.PI * 2);
    ctx.fillStyle = css(fill);
    ctx.fill();
    ctx.strokeStyle = style.foreground;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}
