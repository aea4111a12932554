// The output over the input plane as a rotatable 3-D wireframe, with the
// training points at the height of their labels, like the paper's 3-D figure.
// Drag or use the arrow keys to turn it.
import type { BoundaryGrid } from '../../src/protocol/training';
import { domainColour, project, rescale, signedPosition } from './viewmodel/boundary';
import type { BoundaryPoints, BoundaryStyle } from './boundaryView';
import { css } from './categorical';

const WIDTH = 280;
const HEIGHT = 240;
const MAX_LINES = 24;

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  depth: number;
  colour: string;
}

export class Surface3d {
  readonly canvas: HTMLCanvasElement;
  private yaw = -0.6;
  private pitch = 0.55;
  private last: { grid: BoundaryGrid; points: BoundaryPoints | undefined; style: BoundaryStyle } | undefined;

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'surface-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Network output over the input plane in 3-D; drag or use the arrow keys to rotate');
    let drag: { x: number; y: number } | undefined;
    this.canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY };
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!drag) return;
      this.rotate((e.clientX - drag.x) * 0.01, (e.clientY - drag.y) * 0.01);
      drag = { x: e.clientX, y: e.clientY };
    });
    this.canvas.addEventListener('pointerup', () => (drag = undefined));
    this.canvas.addEventListener('keydown', (e) => {
      const turns: Record<string, [number, number]> = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
      const turn = turns[e.key];
      if (!turn) return;
      e.preventDefault();
      this.rotate(...turn);
    });
  }

  rotate(dYaw: number, dPitch: number): void {
    this.yaw += dYaw;
    this.pitch = Math.min(1.5, Math.max(-0.2, this.pitch + dPitch));
    if (this.last) this.draw(this.last.grid, this.last.points, this.last.style);
  }

  draw(grid: BoundaryGrid, points: BoundaryPoints | undefined, style: BoundaryStyle): void {
    this.last = { grid, points, style };
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = WIDTH * ratio;
    this.canvas.height = HEIGHT * ratio;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = style.background;
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const scale = Math.min(WIDTH, HEIGHT) * 0.33;
    const screen = (x: number, y: number, z: number): { x: number; y: number; depth: number } => {
      const p = project(x, y, z, this.yaw, this.pitch);
      return { x: WIDTH / 2 + p.x * scale, y: HEIGHT / 2 - p.y * scale, depth: p.depth };
    };
    const res = grid.resolution;
    const step = Math.max(1, Math.ceil(res / MAX_LINES));
    const at = (gx: number, gy: number): [number, number, number, number] => {
      const v = grid.output[gy * res + gx]!;
      return [(gx / (res - 1)) * 2 - 1, (gy / (res - 1)) * 2 - 1, signedPosition(v, style.domain) * 0.8, v];
    };
    const segments: Segment[] = [];
    const add = (a: [number, number, number, number], b: [number, number, number, number]): void => {
      const p = screen(a[0], a[1], a[2]);
      const q = screen(b[0], b[1], b[2]);
      segments.push({ x1: p.x, y1: p.y, x2: q.x, y2: q.y, depth: (p.depth + q.depth) / 2, colour: css(domainColour((a[3] + b[3]) / 2, style.domain, style.palette)) });
    };
    for (let gy = 0; gy < res; gy += step) {
      for (let gx = 0; gx + step < res; gx += step) add(at(gx, gy), at(gx + step, gy));
    }
    for (let gx = 0; gx < res; gx += step) {
      for (let gy = 0; gy + step < res; gy += step) add(at(gx, gy), at(gx, gy + step));
    }
    // The floor's outline, so the tilt reads as depth.
    const corners: [number, number][] = [[-1, -1], [1, -1], [1, 1], [-1, 1]];
    corners.forEach(([x, y], k) => {
      const [nx, ny] = corners[(k + 1) % 4]!;
      const p = screen(x, y, -0.8);
      const q = screen(nx, ny, -0.8);
      segments.push({ x1: p.x, y1: p.y, x2: q.x, y2: q.y, depth: -Infinity, colour: style.foreground });
    });
    segments.sort((a, b) => a.depth - b.depth);
    ctx.lineWidth = 1.2;
    for (const s of segments) {
      ctx.strokeStyle = s.colour;
      ctx.globalAlpha = s.depth === -Infinity ? 0.35 : 0.9;
      ctx.beginPath();
      ctx.moveTo(s.x1, s.y1);
      ctx.lineTo(s.x2, s.y2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (!points) return;
    const dots = [];
    for (let n = 0; n < points.count; n++) {
      const x = rescale(points.inputs[2 * n]!, grid.xRange, [-1, 1]);
      const y = rescale(points.inputs[2 * n + 1]!, grid.yRange, [-1, 1]);
      const label = points.labels[n]!;
      dots.push({ ...screen(x, y, signedPosition(label, style.domain) * 0.8), label });
    }
    dots.sort((a, b) => a.depth - b.depth);
    for (const d of dots) {
      ctx.beginPath();
      ctx.arc(d.x, d.y, points.count > 200 ? 2 : 4, 0, Math.PI * 2);
      ctx.fillStyle = css(domainColour(d.label, style.domain, style.palette));
      ctx.fill();
      ctx.strokeStyle = style.foreground;
      ctx.stroke();
    }
  }
}
