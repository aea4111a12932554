import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createRng } from '../../src/engine';
import type { TrainingSnapshot, TrainingView } from '../../src/protocol/training';
import { divergingScale, type Palette, type Rgb } from '../../webview/viewmodel/scales';
import { useHarness } from './support/harness';
import { THEMES } from './support/themes';
import { deliverTyped, nextFrames } from './support/typed';
import { mlpState } from './designerStates';

// Every canvas link of an 80-64-8 network (5,632 links, above the canvas threshold) must be
// stroked in the colour, width and opacity the diverging scale gives the centre of its
// magnitude bucket (8 per sign), on the snapshot's network-wide domain.
const SIZES = [80, 64, 8];
const BUCKETS = 8;

function hexRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

function darkPalette(): Palette {
  const vars = THEMES.dark.vars;
  const fg = hexRgb(vars['--vscode-editor-foreground']!);
  const bg = hexRgb(vars['--vscode-editor-background']!);
  return {
    positive: hexRgb(vars['--vscode-charts-blue']!),
    negative: hexRgb(vars['--vscode-charts-orange']!),
    neutral: { r: (fg.r + bg.r) / 2, g: (fg.g + bg.g) / 2, b: (fg.b + bg.b) / 2 },
  };
}

function snapshotOf(epoch: number): TrainingSnapshot {
  const rng = createRng(100 + epoch);
  const layers = SIZES.slice(1).map((units, k) => {
    const inputs = SIZES[k]!;
    const weights = Float32Array.from({ length: units * inputs }, () => (rng() * 2 - 1) * (k + 1));
    const bias = Float32Array.from({ length: units }, () => rng() - 0.5);
    return {
      dense: k, units, inputs, weights, bias, gradWeights: new Float32Array(weights.length), gradBias: new Float32Array(units),
      deltaWeights: new Float32Array(weights.length), gradInputNorm: 0, deadUnits: [], nonFinite: false,
    };
  });
  // Edge values: zero, and non-finite ones (drawn at full magnitude).
  layers[0]!.weights[0] = 0;
  layers[1]!.weights[5] = NaN;
  layers[1]!.weights[6] = -Infinity;
  return { epoch, batch: 1, batches: 1, loss: 1 / epoch, learningRate: 0.1, layers };
}

interface Stroke { style: string; alpha: number; width: number; seg: number[] }

/** Records what the link canvas strokes: each stroke's style and the segments of its path. */
const RECORDER = `(() => {
  window.__strokes = [];
  const P = CanvasRenderingContext2D.prototype;
  const begin = P.beginPath, move = P.moveTo, line = P.lineTo, stroke = P.stroke;
  let seg = [];
  P.beginPath = function () { seg = []; return begin.call(this); };
  P.moveTo = function (x, y) { seg.push(x, y); return move.call(this, x, y); };
  P.lineTo = function (x, y) { seg.push(x, y); return line.call(this, x, y); };
  P.stroke = function (...a) {
    if (this.canvas.classList.contains('links-canvas')) window.__strokes.push({ style: this.strokeStyle, alpha: this.globalAlpha, width: this.lineWidth, seg });
    return stroke.apply(this, a);
  };
})()`;

const key = (x1: number, y1: number, x2: number, y2: number): string => [x1, y1, x2, y2].map((v) => Math.fround(v).toFixed(2)).join(',');

async function strokedLinks(page: Page): Promise<Map<string, Omit<Stroke, 'seg'>>> {
  const strokes = await page.evaluate('window.__strokes.splice(0)') as Stroke[];
  const byLink = new Map<string, Omit<Stroke, 'seg'>>();
  for (const s of strokes) {
    for (let n = 0; n + 3 < s.seg.length; n += 4) byLink.set(key(s.seg[n]!, s.seg[n + 1]!, s.seg[n + 2]!, s.seg[n + 3]!), { style: s.style, alpha: s.alpha, width: s.width });
  }
  return byLink;
}

async function nodeCentres(page: Page): Promise<{ radius: number; at: (column: number, neuron: number) => [number, number] }> {
  const raw = await page.evaluate(`[...document.querySelectorAll('g.neuron')].map((g) => [Number(g.dataset.column), Number(g.dataset.neuron), g.getAttribute('transform')])`) as [number, number, string][];
  const radius = Number(await page.locator('g.neuron circle.body').first().getAttribute('r'));
  const centres = new Map(raw.map(([c, n, t]) => {
    const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(t)!;
    return [`${c}:${n}`, [Number(m[1]), Number(m[2])] as [number, number]];
  }));
  return { radius, at: (column, neuron) => centres.get(`${column}:${neuron}`)! };
}

function finiteMax(values: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of values) for (let k = 0; k < a.length; k++) if (Number.isFinite(a[k]!)) m = Math.max(m, Math.abs(a[k]!));
  return m;
}

describe('canvas link colours', function () {
  this.timeout(60_000);
  const pages = useHarness();

  it('strokes every link in its scale colour, width and opacity, snapshot after snapshot', async () => {
    const page = await pages.open({ theme: 'dark', state: mlpState(SIZES, ['tanh', 'tanh']), viewport: { width: 1200, height: 900 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.locator('g.column[data-column="0"] text.more').click();
    assert.equal(await page.locator('g.neuron[data-column="0"]').count(), 80);
    assert.equal(await page.locator('path.link').count(), 0, 'links are on the canvas');
    await page.evaluate(RECORDER);
    const { radius, at } = await nodeCentres(page);
    const palette = darkPalette();
    for (const epoch of [1, 2]) {
      const snapshot = snapshotOf(epoch);
      const message = epoch === 1
        ? { type: 'training' as const, view: { status: 'running', totalEpochs: 5, series: { loss: [1], testLoss: [null], accuracy: [null], testAccuracy: [null], validationLoss: [null], validationAccuracy: [null] }, latest: snapshot, timeline: [1] } satisfies TrainingView }
        : { type: 'trainingSnapshot' as const, snapshot };
      await deliverTyped(page, message);
      await nextFrames(page);
      const stroked = await strokedLinks(page);
      const scale = divergingScale(finiteMax(snapshot.layers.flatMap((l) => [l.weights, l.bias])), palette);
      let checked = 0;
      snapshot.layers.forEach((layer, k) => {
        for (let j = 0; j < layer.units; j++) {
          for (let i = 0; i < layer.inputs; i++) {
            const v = layer.weights[j * layer.inputs + i]!;
            const bucket = Math.min(BUCKETS - 1, Math.floor(scale.magnitude(v) * BUCKETS));
            const centre = ((bucket + 0.5) / BUCKETS) * scale.maxAbs * (v < 0 ? -1 : 1);
            const [sx, sy] = at(k, i);
            const [tx, ty] = at(k + 1, j);
            const got = stroked.get(key(sx + radius, sy, tx - radius, ty));
            assert.ok(got, `link ${k}:${j}:${i} was stroked in epoch ${epoch}`);
            assert.equal(got.style, scale.colour(centre), `colour of link ${k}:${j}:${i} (${v}) in epoch ${epoch}`);
            assert.ok(Math.abs(got.width - Math.max(0.4, scale.width(centre) * 0.35)) < 1e-6, `width of link ${k}:${j}:${i}: ${got.width}`);
            assert.ok(Math.abs(got.alpha - scale.opacity(centre) * 0.55) < 1e-6, `opacity of link ${k}:${j}:${i}`);
            // The bucket centre stays within half a bucket of the value's own colour.
            const exact = hexRgb(scale.colour(v));
            const drawn = hexRgb(got.style);
            for (const c of ['r', 'g', 'b'] as const) assert.ok(Math.abs(exact[c] - drawn[c]) <= 256 / BUCKETS / 2 + 1, `channel ${c} of link ${k}:${j}:${i}`);
            checked++;
          }
        }
      });
      assert.equal(checked, 80 * 64 + 64 * 8);
    }
  });
});
