import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createRng } from '../../src/engine';
import { reduceSnapshot } from '../../src/host/training/summarize';
import type { LayerSnapshot, TrainingSnapshot, TrainingView } from '../../src/protocol/training';
import type { WebviewToHost } from '../../src/protocol/webview';
import { screenshot, sentMessages, useHarness } from './support/harness';
import { THEMES } from './support/themes';
import { deliverTyped, nextFrames as frames } from './support/typed';
import { mlpState } from './designerStates';

// A 90-70-2 network: its first layer (6300 weights) is above the sampling threshold, and
// the diagram draws 64 × 64 of it, few enough links for SVG, so each one can be read back.
const SIZES = [90, 70, 2];
/** The largest weight sits outside the drawn block, so only the summary knows the range. */
const PEAK = { j: 68, i: 80, value: -3 };

function fullSnapshot(epoch: number): TrainingSnapshot {
  const rng = createRng(21);
  const layers = SIZES.slice(1).map((units, d): LayerSnapshot => {
    const inputs = SIZES[d]!;
    const weights = Float32Array.from({ length: units * inputs }, () => rng() * 2 - 1);
    if (d === 0) weights[PEAK.j * inputs + PEAK.i] = PEAK.value;
    return {
      dense: d, units, inputs, weights, bias: Float32Array.from({ length: units }, () => (rng() - 0.5) / 10),
      gradWeights: weights.map((w) => w / 100), gradBias: new Float32Array(units), deltaWeights: weights.map((w) => w / 1000),
      gradInputNorm: 0.1, deadUnits: [], nonFinite: false,
    };
  });
  return { epoch, batch: 0, batches: 1, loss: 0.5, learningRate: 0.01, layers };
}

function viewWith(latest: TrainingSnapshot): TrainingView {
  return { status: 'paused', totalEpochs: 10, series: { loss: [0.5], testLoss: [null], accuracy: [null], testAccuracy: [null], validationLoss: [null], validationAccuracy: [null] }, latest, timeline: [latest.epoch] };
}

/** [data-weight, stroke-width, stroke] of every SVG link. */
async function links(p: Page): Promise<[string, number, string][]> {
  return p.evaluate(`[...document.querySelectorAll('path.link')].map((e) => [e.getAttribute('data-weight'), Number(e.getAttribute('stroke-width')), e.getAttribute('stroke')])`) as Promise<[string, number, string][]>;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
}

/** Every drawn link has the width and hue of the full layer's value, on the network-wide range m. */
function assertLinksMatch(drawn: [string, number, string][], full: TrainingSnapshot, what: string): void {
  const m = Math.max(...full.layers.flatMap((l) => [...l.weights, ...l.bias].map(Math.abs)));
  assert.equal(m, Math.abs(PEAK.value));
  const blue = rgb(THEMES.dark.vars['--vscode-charts-blue'] ?? '#3794ff');
  const orange = rgb(THEMES.dark.vars['--vscode-charts-orange'] ?? '#d18616');
  const dist = (a: number[], b: number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
  for (const [key, width, stroke] of drawn) {
    const [d, j, i] = key.split(':').map(Number) as [number, number, number];
    const l = full.layers[d]!;
    const w = l.weights[j * l.inputs + i]!;
    assert.ok(Math.abs(width - (0.5 + 4.5 * Math.min(1, Math.abs(w) / m))) < 1e-4, `${what}: link ${key} (w = ${w}) is ${width} wide`);
    if (Math.abs(w) >= m / 3) assert.equal(dist(rgb(stroke), blue) < dist(rgb(stroke), orange), w > 0, `${what}: link ${key} (w = ${w}) is ${stroke}`);
  }
}

function ofType<T extends WebviewToHost['type']>(sent: WebviewToHost[], type: T): Extract<WebviewToHost, { type: T }>[] {
  return sent.filter((m): m is Extract<WebviewToHost, { type: T }> => m.type === type);
}

describe('large layers in the webview: a sample, and the full matrix on demand', () => {
  const pages = useHarness();
  let page: Page | undefined;

  it('draws the sampled block on the whole layer\'s range, and asks for and draws the full layer when a column expands', async () => {
    page = await pages.open({ theme: 'dark', state: mlpState(SIZES, ['relu', 'sigmoid']) });
    const p = page;
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await p.waitForFunction(`window.__sent.some((m) => m.type === 'visibleNeurons')`);
    let visible = ofType(await sentMessages(p), 'visibleNeurons').at(-1)!.columns;
    assert.deepEqual(visible, [64, 64, 2]);

    // What the host sends for that view: the 64 × 64 block of the first layer and its summary.
    const full = fullSnapshot(4);
    const reduced = reduceSnapshot(full, visible);
    assert.deepEqual(reduced.layers[0]!.sample, { rows: 64, cols: 64 });
    await deliverTyped(p, { type: 'training', view: viewWith(reduced) });
    await frames(p, 3);
    let drawn = await links(p);
    assert.equal(drawn.length, 64 * 64 + 64 * 2);
    assertLinksMatch(drawn, full, 'sampled');
    const legendMax = (await p.locator('.legend-range span').last().innerText()).replace('+', '');
    assert.equal(Number(legendMax), Math.abs(PEAK.value), 'the legend spans the whole layer, not just the block');
    assert.equal(ofType(await sentMessages(p), 'layerDetail').length, 0, 'the sample covers what is drawn');

    await p.locator('g.column[data-column="1"] text.more').click();
    await p.waitForFunction(`window.__sent.some((m) => m.type === 'layerDetail')`);
    const sent = await sentMessages(p);
    visible = ofType(sent, 'visibleNeurons').at(-1)!.columns;
    assert.deepEqual(visible, [64, 70, 2]);
    assert.deepEqual(ofType(sent, 'layerDetail'), [{ type: 'layerDetail', dense: 0, epoch: 4 }]);

    // Until the answer arrives the new rows read 0; with it, every link is the layer's own value.
    await deliverTyped(p, { type: 'layerDetail', dense: 0, epoch: 4, layer: full.layers[0]! });
    await frames(p, 3);
    drawn = await links(p);
    assert.equal(drawn.length, 64 * 70 + 70 * 2);
    assert.ok(drawn.some(([key]) => key.startsWith('0:69:')), 'rows beyond the sample are drawn');
    assertLinksMatch(drawn, full, 'expanded');
    await frames(p, 2);
    assert.equal(ofType(await sentMessages(p), 'layerDetail').length, 1, 'a layer is asked for once per epoch');
    await screenshot(p, 'sampled-layer-expanded');

    // The next epoch comes sampled to the new view, which covers the drawn links: nothing more to ask.
    const next = fullSnapshot(5);
    await deliverTyped(p, { type: 'trainingSnapshot', snapshot: reduceSnapshot(next, visible) });
    await frames(p, 3);
    assertLinksMatch(await links(p), next, 'next epoch');
    assert.equal(ofType(await sentMessages(p), 'layerDetail').length, 1);
  });

  it('shows the selected large layer in the inspector: the block while running, the whole matrix once paused', async () => {
    page = await pages.open({ theme: 'dark', state: mlpState(SIZES, ['relu', 'sigmoid']) });
    const p = page;
    await p.waitForFunction(`window.__sent.some((m) => m.type === 'visibleNeurons')`);
    const full = fullSnapshot(6);
    const reduced = reduceSnapshot(full, [64, 64, 2]);
    await deliverTyped(p, { type: 'training', view: { ...viewWith(reduced), status: 'running' } });
    await p.locator('g.layer-header[data-column="1"]').click();
    await frames(p, 3);
    const panel = p.locator('.layer-panel');
    assert.match(await panel.innerText(), /neurons 1–64 × inputs 1–64 of 70×90/);
    assert.match(await panel.innerText(), /Pause or scrub/);
    // The statistics are the whole layer's, from the host's summary.
    const stats = await panel.locator('.layer-stats').innerText();
    assert.match(stats, /^min -3(\.0+)? · /, stats);
    assert.equal(ofType(await sentMessages(p), 'layerDetail').length, 0, 'nothing is fetched while the epochs fly by');

    await deliverTyped(p, { type: 'training', view: viewWith(reduced) });
    await p.waitForFunction(`window.__sent.some((m) => m.type === 'layerDetail')`);
    assert.deepEqual(ofType(await sentMessages(p), 'layerDetail'), [{ type: 'layerDetail', dense: 0, epoch: 6 }]);
    assert.match(await panel.innerText(), /Loading the whole matrix/);
    await deliverTyped(p, { type: 'layerDetail', dense: 0, epoch: 6, layer: full.layers[0]! });
    await frames(p, 3);
    assert.match(await panel.innerText(), /W at epoch 6, 70×90/);
    assert.equal(await panel.locator('canvas.matrix-canvas').getAttribute('aria-label'), 'W at epoch 6, 70×90 heat map');
    // The heat map's pixel for the peak weight has the negative hue at full strength.
    const cell = await p.evaluate(`(() => {
      const c = document.querySelector('.layer-panel canvas.matrix-canvas');
      const size = c.width / 90;
      return [...c.getContext('2d').getImageData(${PEAK.i} * size, ${PEAK.j} * size, 1, 1).data].slice(0, 3);
    })()`) as number[];
    assert.ok(Math.hypot(...cell.map((v, k) => v - rgb(THEMES.dark.vars['--vscode-charts-orange'] ?? '#d18616')[k]!)) < 8, `peak cell is ${cell}`);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(p, 'sampled-layer-inspector');
  });

  it('draws an MNIST-size network from sampled snapshots on the canvas and asks for the first layer when the input column expands', async () => {
    const sizes = [784, 128, 64, 10];
    page = await pages.open({ theme: 'dark', state: mlpState(sizes, ['relu', 'relu', 'softmax']) });
    const p = page;
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await p.waitForFunction(`window.__sent.some((m) => m.type === 'visibleNeurons')`);
    const rng = createRng(5);
    const layers = sizes.slice(1).map((units, d): LayerSnapshot => {
      const weights = Float32Array.from({ length: units * sizes[d]! }, () => rng() - 0.5);
      return {
        dense: d, units, inputs: sizes[d]!, weights, bias: new Float32Array(units), gradWeights: weights.map((w) => w / 10),
        gradBias: new Float32Array(units), deltaWeights: weights.map((w) => w / 100), gradInputNorm: 0.1, deadUnits: [], nonFinite: false,
      };
    });
    layers[0]!.weights[127 * 784 + 783] = 9;
    const full: TrainingSnapshot = { epoch: 2, batch: 0, batches: 1, loss: 2, learningRate: 0.01, layers };
    const visible = ofType(await sentMessages(p), 'visibleNeurons').at(-1)!.columns;
    assert.deepEqual(visible, [64, 64, 64, 10]);
    await deliverTyped(p, { type: 'training', view: viewWith(reduceSnapshot(full, visible)) });
    await frames(p, 3);
    assert.ok(await p.locator('canvas.links-canvas').isVisible());
    assert.ok(await p.locator('.diagram').getAttribute('data-paint-ms'), 'the snapshot was painted');
    assert.equal(Number((await p.locator('.legend-range span').last().innerText()).replace('+', '')), 9);
    assert.equal(ofType(await sentMessages(p), 'layerDetail').length, 0);

    await p.locator('g.column[data-column="0"] text.more').click();
    await p.waitForFunction(`window.__sent.some((m) => m.type === 'layerDetail')`);
    assert.deepEqual(ofType(await sentMessages(p), 'visibleNeurons').at(-1)!.columns, [784, 64, 64, 10]);
    assert.deepEqual(ofType(await sentMessages(p), 'layerDetail'), [{ type: 'layerDetail', dense: 0, epoch: 2 }]);
  });
});
