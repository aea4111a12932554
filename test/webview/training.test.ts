import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createRng, datasetFromRows, makeLoss, Network, Trainer, type LayerGradients } from '../../src/engine';
import { networkFromModel, trainingRng } from '../../src/model/network';
import type { NnModel } from '../../src/model/types';
import type { BoundaryGrid, LayerSnapshot, TrainingSnapshot, TrainingStatus, TrainingView } from '../../src/protocol/training';
import type { TrainingCommand } from '../../src/protocol/webview';
import { screenshot, SCREENSHOT_DIR, sentMessages, waitForSent, useHarness, type ThemeName } from './support/harness';
import { THEMES } from './support/themes';
import { deliverTyped, nextFrames as frames } from './support/typed';
import { mlpState } from './designerStates';

// Snapshots come from a real engine network trained on XOR, the way the worker makes them.
const XOR_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_TARGETS = [[0], [1], [1], [0]];

function xorModel(): NnModel {
  const state = mlpState([2, 4, 1], ['tanh', 'sigmoid'], {
    training: { loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.5 }, epochs: 50, batchSize: 1, seed: 7 },
  } as Partial<NnModel>);
  return state.model!;
}

function boundaryOf(network: Network, resolution: number): BoundaryGrid {
  const range: [number, number] = [-0.5, 1.5];
  const cells = resolution * resolution;
  const input = new Float64Array(cells * 2);
  for (let gy = 0; gy < resolution; gy++) {
    for (let gx = 0; gx < resolution; gx++) {
      const g = gy * resolution + gx;
      input[2 * g] = range[0] + ((range[1] - range[0]) * gx) / (resolution - 1);
      input[2 * g + 1] = range[0] + ((range[1] - range[0]) * gy) / (resolution - 1);
    }
  }
  const hidden: Float32Array[] = [];
  let x: Float64Array = input;
  const dense = network.denseLayers();
  let seen = 0;
  for (const layer of network.layers) {
    x = layer.forward(x, cells);
    if (layer.kind === 'dense') seen++;
    else if (seen < dense.length && hidden.length < seen) {
      const units = dense[seen - 1]!.units;
      const maps = new Float32Array(units * cells);
      for (let g = 0; g < cells; g++) for (let n = 0; n < units; n++) maps[n * cells + g] = x[g * units + n]!;
      hidden.push(maps);
    }
  }
  return { resolution, xRange: range, yRange: range, output: Float32Array.from(x.subarray(0, cells)), hidden };
}

/** Epoch 0 (the initial weights) and then one snapshot per trained epoch. */
function xorSnapshots(epochs: number): TrainingSnapshot[] {
  const model = xorModel();
  const network = networkFromModel(model);
  const trainer = new Trainer(network, datasetFromRows(XOR_INPUTS, XOR_TARGETS), {
    loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 1, shuffle: true, rng: trainingRng(model),
  });
  const layersNow = (grads?: LayerGradients[], before?: Float64Array[]): LayerSnapshot[] =>
    network.denseLayers().map((d, k) => ({
      dense: k, units: d.units, inputs: d.inputSize,
      weights: Float32Array.from(d.weights), bias: Float32Array.from(d.bias),
      gradWeights: Float32Array.from(grads?.[k]?.dW ?? new Float64Array(d.weights.length)),
      gradBias: Float32Array.from(grads?.[k]?.db ?? new Float64Array(d.bias.length)),
      deltaWeights: Float32Array.from(d.weights, (w, p) => w - (before?.[k]?.[p] ?? w)),
      gradInputNorm: grads?.[k]?.dXNorm ?? 0,
      deadUnits: [], nonFinite: false,
    }));
  const out: TrainingSnapshot[] = [{ epoch: 0, batch: 0, batches: 4, loss: NaN, learningRate: 0.5, layers: layersNow(), boundary: boundaryOf(network, 24) }];
  for (let e = 1; e <= epochs; e++) {
    const before = network.denseLayers().map((d) => Float64Array.from(d.weights));
    const report = trainer.runEpoch()!;
    out.push({
      epoch: e, batch: 4, batches: 4, loss: report.loss, accuracy: report.accuracy, learningRate: 0.5,
      layers: layersNow(report.gradients, before), boundary: boundaryOf(network, 24),
    });
  }
  return out;
}

function viewOf(status: TrainingStatus, snapshots: TrainingSnapshot[]): TrainingView {
  const trained = snapshots.filter((s) => s.epoch > 0);
  return {
    status, totalEpochs: 50,
    series: { loss: trained.map((s) => s.loss), testLoss: trained.map(() => null), accuracy: trained.map((s) => s.accuracy ?? null), testAccuracy: trained.map(() => null), validationLoss: trained.map(() => null), validationAccuracy: trained.map(() => null) },
    latest: snapshots[snapshots.length - 1],
    timeline: snapshots.map((s) => s.epoch),
    points: { inputs: Float32Array.from(XOR_INPUTS.flat()), labels: Float32Array.from(XOR_TARGETS.flat()), count: 4 },
  };
}

async function commands(page: Page): Promise<TrainingCommand[]> {
  return (await sentMessages(page)).flatMap((m) => (m.type === 'training' ? [m.command] : []));
}

async function enabledButtons(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('.training-commands button:not([disabled]):not([hidden])')].map((e) => e.dataset.command)`) as Promise<string[]>;
}

function rgbOf(text: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(text);
  assert.ok(m, `not a colour: ${text}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function distance(a: [number, number, number], b: [number, number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}


describe('live training webview', () => {
  const pages = useHarness();
  const snapshots = xorSnapshots(12);
  const state = mlpState([2, 4, 1], ['tanh', 'sigmoid'], {
    training: { loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.5 }, epochs: 50, batchSize: 1, seed: 7 },
  } as Partial<NnModel>);

  function open(theme: ThemeName = 'dark'): Promise<Page> {
    return pages.open({ theme, state });
  }

  it('enables the controls by status and posts the command of each button', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: undefined });
    await frames(p);
    assert.deepEqual(await enabledButtons(p), ['train', 'stepEpoch', 'stepBatch']);
    await p.getByRole('button', { name: 'Train the network' }).click();

    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 3)) });
    await frames(p);
    assert.deepEqual(await enabledButtons(p), ['pause', 'stop']);
    // Keyboard: focus Pause and press Enter.
    await p.getByRole('button', { name: 'Pause training' }).focus();
    await p.keyboard.press('Enter');

    await deliverTyped(p, { type: 'training', view: viewOf('paused', snapshots.slice(0, 3)) });
    await frames(p);
    assert.deepEqual(await enabledButtons(p), ['resume', 'stepEpoch', 'stepBatch', 'stop', 'reset', 'apply', 'discard']);
    for (const name of ['Resume training', 'Train one epoch', 'Train one batch', 'Stop training', 'Re-initialise the weights', 'Apply the trained weights to the document', 'Discard the trained weights']) {
      await p.getByRole('button', { name }).click();
    }
    assert.deepEqual(await commands(p), ['train', 'pause', 'resume', 'stepEpoch', 'stepBatch', 'stop', 'reset', 'apply', 'discard']);

    await deliverTyped(p, { type: 'training', view: { ...viewOf('failed', snapshots.slice(0, 3)), message: 'The worker stopped unexpectedly.' } });
    await frames(p);
    assert.deepEqual(await enabledButtons(p), ['reset', 'discard']);
    assert.match(await p.locator('.training-fault').innerText(), /worker stopped unexpectedly/);
    assert.match(await p.locator('.training-status').innerText(), /^Failed · epoch 2 \/ 50/);
  });

  it('resumes a session from the view alone, as a re-shown webview does, and reads chart values on hover', async () => {
    const p = await open();
    const view = viewOf('running', snapshots);
    await deliverTyped(p, { type: 'training', view });
    await frames(p);
    const readouts = p.locator('.chart-readout');
    assert.equal(await readouts.nth(0).innerText(), `epoch 12: train ${view.series.loss[11]!.toFixed(4)}`);
    assert.equal(await readouts.nth(1).innerText(), `epoch 12: train ${view.series.accuracy[11]!.toFixed(4)}`);
    assert.equal(await p.locator('.timeline-slider').getAttribute('max'), String(view.timeline.length - 1));
    assertWidths(await linkWidths(p), expectedWidths(snapshots[12]!), 'latest after reconnect');
    // x of epoch 4 on the chart: the plot spans epochs 1..12 over viewBox x 44..290 of a 300-wide box.
    const box = (await p.locator('.chart-svg').first().boundingBox())!;
    const x = box.x + ((44 + ((4 - 1) / 11) * (290 - 44)) / 300) * box.width;
    await p.mouse.move(x, box.y + box.height / 2);
    assert.equal(await readouts.nth(0).innerText(), `epoch 4: train ${view.series.loss[3]!.toFixed(4)}`);
  });

  it('says how much of the data file the worker has read before training starts', async () => {
    const p = await open();
    const base: TrainingView = { status: 'running', totalEpochs: 50, series: { loss: [], testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] }, timeline: [] };
    await deliverTyped(p, { type: 'training', view: { ...base, reading: { rows: 125000, characters: 4_000_000 } } });
    await frames(p);
    assert.equal(await p.locator('.training-status').innerText(), 'Reading the training data · 125,000 rows');
    await deliverTyped(p, { type: 'training', view: { ...base, reading: { rows: 0, characters: 3 * 1024 * 1024 } } });
    await frames(p);
    assert.equal(await p.locator('.training-status').innerText(), 'Reading the training data · 3.0 MB');
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 1)) });
    await frames(p);
    assert.match(await p.locator('.training-status').innerText(), /^Training · epoch 0 \/ 50/);
  });

  it('labels the charts\' axes in whole epochs, and 0 to 1 before the first epoch', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 1)) });
    await frames(p);
    const loss = p.locator('.chart-svg').first();
    const xs = await loss.locator('g.axis.x text').allTextContents();
    assert.ok(xs.length >= 2 && xs.every((t) => /^\d+$/.test(t)), xs.join(' '));
    const ys = (await loss.locator('g.axis.y text').allTextContents()).map(Number);
    assert.deepEqual([Math.min(...ys), Math.max(...ys)], [0, 1]);
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 4)) });
    await frames(p);
    const three = await loss.locator('g.axis.x text').allTextContents();
    assert.deepEqual(three, ['1', '2', '3']);
  });

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`draws validation loss and accuracy beside train and test, each named in the legend, in the ${theme} theme`, async () => {
      const p = await open(theme);
      const view = viewOf('running', snapshots);
      const n = view.series.loss.length;
      // Held-out numbers a little worse than the training ones, as they usually are.
      view.series.testLoss = view.series.loss.map((v) => v * 1.2);
      view.series.validationLoss = view.series.loss.map((v) => v * 1.1);
      view.series.validationAccuracy = view.series.accuracy.map((v) => (v === null ? null : v * 0.9));
      await deliverTyped(p, { type: 'training', view });
      await frames(p);
      const [loss, accuracy] = [p.locator('.chart').nth(0), p.locator('.chart').nth(1)];
      assert.deepEqual(await loss.locator('.chart-legend li').allInnerTexts(), ['train', 'test', 'validation']);
      // The accuracy chart has no test accuracy here, so no test entry either.
      assert.deepEqual(await accuracy.locator('.chart-legend li').allInnerTexts(), ['train', 'validation']);
      assert.equal(await loss.locator('path.series.validation').count(), 1);
      assert.equal(await accuracy.locator('path.series.validation').count(), 1);
      const expected = `epoch ${n}: train ${view.series.loss[n - 1]!.toFixed(4)}, test ${view.series.testLoss[n - 1]!.toFixed(4)}, validation ${view.series.validationLoss[n - 1]!.toFixed(4)}`;
      assert.equal(await loss.locator('.chart-readout').innerText(), expected);
      // Each line and its legend sample share a colour, and validation's differs from train's.
      const style = (selector: string, property: string) =>
        p.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`) as Promise<string>;
      const stroke = (className: string) => style(`.chart-svg path.series.${className}`, 'stroke');
      const key = (className: string) => style(`.chart-key.${className}`, 'borderTopColor');
      assert.equal(await stroke('validation'), await key('validation'));
      assert.equal(await stroke('train'), await key('train'));
      assert.notEqual(await key('validation'), await key('train'));
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await p.locator('.charts').screenshot({ path: join(SCREENSHOT_DIR, `charts-validation-${theme}.png`) });
    });
  }

  it('draws one unbroken loss line when most live snapshots were throttled away, from the deltas they carry', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 1)) });
    // Only epochs 4, 8 and 12 arrive, as a throttled host sends them; each brings the epochs since the last.
    const all = viewOf('running', snapshots).series;
    for (const [from, to] of [[1, 4], [5, 8], [9, 12]] as const) {
      const pick = <T>(values: T[]) => values.slice(from - 1, to);
      const series = { from, loss: pick(all.loss), testLoss: pick(all.testLoss), accuracy: pick(all.accuracy), testAccuracy: pick(all.testAccuracy), validationLoss: pick(all.validationLoss), validationAccuracy: pick(all.validationAccuracy) };
      await deliverTyped(p, { type: 'trainingSnapshot', snapshot: snapshots[to]!, series });
    }
    await frames(p);
    const d = (await p.locator('.chart-svg').first().locator('path.series.train').getAttribute('d')) ?? '';
    // d3's line starts a new "M" after every undefined point: one M and 11 segments means 12 epochs with no gap.
    assert.equal((d.match(/M/g) ?? []).length, 1, d);
    assert.equal((d.match(/L/g) ?? []).length, 11, d);
    assert.equal(await p.locator('.chart-readout').first().innerText(), `epoch 12: train ${all.loss[11]!.toFixed(4)}`);
  });

  it('switches the view with the arrow keys inside the view toggle', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('paused', snapshots.slice(0, 4)) });
    await frames(p);
    await p.getByRole('radio', { name: 'Show weights' }).focus();
    await p.keyboard.press('ArrowRight');
    await frames(p);
    assert.equal(await p.locator('.legend').getAttribute('data-mode'), 'gradients');
    await p.keyboard.press('ArrowRight');
    await frames(p);
    assert.equal(await p.locator('.legend').getAttribute('data-mode'), 'delta');
    assert.equal(await p.evaluate('document.activeElement.getAttribute("aria-label")'), 'Show δ weights');
    assert.equal(await p.locator('.mode-btn[tabindex="0"]').count(), 1);
    // The view is kept in the webview state, so a reload shows the same one.
    await p.waitForFunction(`window.__state && window.__state.trainingMode === 'delta'`, undefined, { timeout: 5000 });
  });

  it('sweeps backward from the output column to the input column after each epoch', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 1)) });
    await p.getByRole('radio', { name: 'Show gradients' }).click();
    await p.locator('.sweep-speed').fill('10');
    // Each change of the lit column is logged with how many links are still waiting for the sweep.
    await p.evaluate(`(() => {
      window.__sweep = [];
      const root = document.querySelector('.diagram');
      new MutationObserver(() => {
        const pending = document.querySelectorAll('path.link.sweep-pending').length;
        window.__sweep.push((root.dataset.sweepColumn ?? '-') + ':' + pending);
      }).observe(root, { attributes: true, attributeFilter: ['data-sweep-column'] });
    })()`);
    for (const s of snapshots.slice(1, 3)) {
      await deliverTyped(p, { type: 'trainingSnapshot', snapshot: s });
      await p.waitForFunction(`window.__sweep.at(-1) === '-:0'`, undefined, { timeout: 5000 });
    }
    const log = await p.evaluate('window.__sweep') as string[];
    // Columns 2 (output), 1, 0 in turn, then cleared; while a column is lit, the links left of it wait.
    // 2-4-1: 8 links into column 1 and 4 into column 2.
    assert.deepEqual(log, ['2:8', '1:0', '0:0', '-:0', '2:8', '1:0', '0:0', '-:0']);
    // Gradient view: the legend says so, and the links show dL/dW of the last epoch.
    assert.equal(await p.locator('.legend').getAttribute('data-mode'), 'gradients');
    assert.match(await p.locator('.legend-caption').first().innerText(), /dL\/dW.*epoch 2/);
  });

  it('shows the final gradients at once and never sweeps under reduced motion', async () => {
    const p = await open();
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots.slice(0, 1)) });
    await p.getByRole('radio', { name: 'Show gradients' }).click();
    await p.evaluate(`(() => {
      window.__lit = 0;
      new MutationObserver(() => { window.__lit++; }).observe(document.querySelector('.diagram'), { attributes: true, attributeFilter: ['data-sweep-column'] });
    })()`);
    await deliverTyped(p, { type: 'trainingSnapshot', snapshot: snapshots[1]! });
    await frames(p, 4);
    assert.equal(await p.evaluate('window.__lit'), 0);
    assert.equal(await p.locator('path.link.sweep-pending').count(), 0);
    assert.equal(await p.locator('.legend').getAttribute('data-mode'), 'gradients');
  });

  /** stroke-width of every SVG link, keyed by its data-weight "dense:j:i". */
  async function linkWidths(p: Page): Promise<Map<string, number>> {
    const pairs = await p.evaluate(`[...document.querySelectorAll('path.link')].map((e) => [e.getAttribute('data-weight'), Number(e.getAttribute('stroke-width')), e.getAttribute('stroke')])`) as [string, number, string][];
    return new Map(pairs.map(([k, w]) => [k, w]));
  }

  /** The widths the diagram must draw for a snapshot's weights: 0.5 + 4.5·|w|/m, m the largest |w| or |b| of the network. */
  function expectedWidths(s: TrainingSnapshot): Map<string, number> {
    let m = 0;
    for (const l of s.layers) for (const v of [...l.weights, ...l.bias]) m = Math.max(m, Math.abs(v));
    const out = new Map<string, number>();
    for (const l of s.layers) {
      for (let j = 0; j < l.units; j++) for (let i = 0; i < l.inputs; i++) out.set(`${l.dense}:${j}:${i}`, 0.5 + 4.5 * Math.min(1, Math.abs(l.weights[j * l.inputs + i]!) / m));
    }
    return out;
  }

  function assertWidths(actual: Map<string, number>, expected: Map<string, number>, what: string): void {
    assert.equal(actual.size, expected.size);
    for (const [key, width] of expected) assert.ok(Math.abs(actual.get(key)! - width) < 1e-4, `${what}: link ${key} is ${actual.get(key)}, expected ${width}`);
  }

  it('scrubs to epoch N: posts scrubTo, draws that epoch\'s weights, stays there while training goes on, and Live returns', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('running', snapshots) });
    await frames(p);
    assertWidths(await linkWidths(p), expectedWidths(snapshots[12]!), 'latest');

    await p.locator('.timeline-slider').fill('3');
    await waitForSent(p, 'scrubTo');
    const scrub = (await sentMessages(p)).filter((m) => m.type === 'scrubTo');
    assert.deepEqual(scrub, [{ type: 'scrubTo', epoch: 3 }]);
    await deliverTyped(p, { type: 'trainingSnapshot', snapshot: snapshots[3]!, scrubbed: true });
    await frames(p);
    assertWidths(await linkWidths(p), expectedWidths(snapshots[3]!), 'epoch 3');
    assert.match(await p.locator('.timeline-label').innerText(), /^Epoch 3$/);
    // Sign picks the hue: positive weights are nearer the theme's blue, negative ones its orange.
    const blue = rgbOf(THEMES.dark.vars['--vscode-charts-blue'] ?? '#3794ff');
    const orange = rgbOf(THEMES.dark.vars['--vscode-charts-orange'] ?? '#d18616');
    const strokes = await p.evaluate(`[...document.querySelectorAll('path.link')].map((e) => [e.getAttribute('data-weight'), e.getAttribute('stroke')])`) as [string, string][];
    const m3 = Math.max(...snapshots[3]!.layers.flatMap((l) => [...l.weights, ...l.bias].map(Math.abs)));
    for (const [key, stroke] of strokes) {
      const [d, j, i] = key.split(':').map(Number) as [number, number, number];
      const l = snapshots[3]!.layers[d]!;
      const w = l.weights[j * l.inputs + i]!;
      // Near zero the colour is the neutral grey; the hue shows from a third of the range on.
      if (Math.abs(w) < m3 / 3) continue;
      const c = rgbOf(stroke);
      assert.equal(distance(c, blue) < distance(c, orange), w > 0, `link ${key} (w = ${w}) is ${stroke}`);
    }

    // A live epoch while scrubbed extends the timeline but leaves epoch 3 on screen.
    await deliverTyped(p, { type: 'trainingSnapshot', snapshot: { ...snapshots[12]!, epoch: 13 } });
    await frames(p);
    assertWidths(await linkWidths(p), expectedWidths(snapshots[3]!), 'still epoch 3');
    assert.equal(await p.locator('.timeline-slider').getAttribute('max'), '13');

    await p.getByRole('button', { name: 'Follow the latest epoch' }).click();
    await frames(p);
    assertWidths(await linkWidths(p), expectedWidths(snapshots[12]!), 'live again');
    assert.match(await p.locator('.timeline-label').innerText(), /^Epoch 13 \(live\)$/);
  });

  it('when the scrubbed-to epoch was thinned out, takes the kept list and shows the nearest kept epoch with a note', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('paused', snapshots) });
    await frames(p);
    await p.locator('.timeline-slider').fill('3');
    await waitForSent(p, 'scrubTo');
    await deliverTyped(p, { type: 'scrubMissed', epoch: 3, timeline: [0, 1, 2, 10, 11, 12] });
    await p.waitForFunction(`window.__sent.filter((m) => m && m.type === 'scrubTo').length >= 2`, undefined, { timeout: 5000 });
    await frames(p);
    const scrubs = (await sentMessages(p)).filter((m) => m.type === 'scrubTo');
    assert.deepEqual(scrubs, [{ type: 'scrubTo', epoch: 3 }, { type: 'scrubTo', epoch: 2 }], 'the nearest kept epoch is asked for');
    assert.equal(await p.locator('.timeline-slider').getAttribute('max'), '5', 'the slider runs over the epochs the worker keeps');
    await deliverTyped(p, { type: 'trainingSnapshot', snapshot: snapshots[2]!, scrubbed: true });
    await frames(p);
    assertWidths(await linkWidths(p), expectedWidths(snapshots[2]!), 'epoch 2');
    assert.equal(await p.locator('.timeline-label').innerText(), 'Epoch 2');
    assert.equal(await p.locator('.timeline-note').innerText(), 'Epoch 3 is no longer kept: the timeline thins out long runs. Showing epoch 2, the nearest kept one.');
    await screenshot(p, 'training-scrub-missed');
    await p.getByRole('button', { name: 'Follow the latest epoch' }).click();
    await frames(p);
    assert.match(await p.locator('.timeline-label').innerText(), /^Epoch 12 \(live\)$/);
    assert.equal(await p.locator('.timeline-note').isVisible(), false, 'Live clears the note');
  });

  it('replays the backward flow of the shown epoch on request', async () => {
    const p = await open();
    await deliverTyped(p, { type: 'training', view: viewOf('paused', snapshots.slice(0, 6)) });
    await p.locator('.sweep-speed').fill('10');
    await p.evaluate(`(() => {
      window.__sweep = [];
      const root = document.querySelector('.diagram');
      new MutationObserver(() => window.__sweep.push(root.dataset.sweepColumn ?? '-')).observe(root, { attributes: true, attributeFilter: ['data-sweep-column'] });
    })()`);
    await p.getByRole('button', { name: 'Replay the backward flow of the shown epoch' }).click();
    await p.waitForFunction(`window.__sweep.at(-1) === '-'`, undefined, { timeout: 5000 });
    assert.deepEqual(await p.evaluate('window.__sweep'), ['2', '1', '0', '-']);
  });

  it('keeps the training points a later view names by id only, and drops them for another session\'s id', async () => {
    const p = await open();
    const canvas = () => p.evaluate(`document.querySelector('.boundary-canvas').toDataURL()`) as Promise<string>;
    const full = { ...viewOf('paused', snapshots), pointsId: 7 };
    await deliverTyped(p, { type: 'training', view: full });
    await frames(p, 3);
    const withPoints = await canvas();
    const { points: _sent, ...named } = full;
    await deliverTyped(p, { type: 'training', view: named });
    await frames(p, 3);
    assert.equal(await canvas(), withPoints, 'the points of id 7 are still drawn');
    await deliverTyped(p, { type: 'training', view: { ...named, pointsId: 8 } });
    await frames(p, 3);
    const without = await canvas();
    assert.notEqual(without, withPoints, 'no points for a session whose points never came');
    await deliverTyped(p, { type: 'training', view: { ...named, pointsId: undefined } });
    await frames(p, 3);
    assert.equal(await canvas(), without);
    // A sample of a larger set says so.
    const sampled = { ...viewOf('paused', snapshots), pointsId: 9 };
    sampled.points = { ...sampled.points!, total: 50_000 };
    await deliverTyped(p, { type: 'training', view: sampled });
    await frames(p, 3);
    assert.match((await p.locator('.boundary-canvas').getAttribute('aria-label')) ?? '', /with the training points \(a sample of 4 of 50,000\)$/);
  });

  it('draws the decision boundary, the 3-D view and the hidden neurons\' maps for a 2-input network', async () => {
    const p = await open();
    const last = snapshots[12]!;
    await deliverTyped(p, { type: 'training', view: viewOf('paused', snapshots) });
    await frames(p, 3);
    const grid = last.boundary!;
    const res = grid.resolution;
    let hi = 0;
    let lo = 0;
    grid.output.forEach((v, k) => {
      if (v > grid.output[hi]!) hi = k;
      if (v < grid.output[lo]!) lo = k;
    });
    const pixel = async (k: number): Promise<[number, number, number]> => {
      const gx = k % res;
      const gy = Math.floor(k / res);
      // Sample k is drawn at k/(res − 1) of the canvas, where a point with that input is drawn.
      const x = Math.min(279, Math.round((gx / (res - 1)) * 280));
      const y = Math.min(279, Math.round(280 - (gy / (res - 1)) * 280));
      return await p.evaluate(`[...document.querySelector('.boundary-canvas').getContext('2d').getImageData(${x}, ${y}, 1, 1).data].slice(0, 3)`) as [number, number, number];
    };
    const blue = rgbOf(THEMES.dark.vars['--vscode-charts-blue'] ?? '#3794ff');
    assert.ok(distance(await pixel(hi), blue) < distance(await pixel(lo), blue), 'the highest output is drawn bluer than the lowest');
    const colours = async (selector: string): Promise<number> => p.evaluate(`(() => {
      const c = document.querySelector('${selector}');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let k = 0; k < d.length; k += 4) seen.add((d[k] << 16) | (d[k + 1] << 8) | d[k + 2]);
      return seen.size;
    })()`) as Promise<number>;
    assert.ok(await colours('.boundary-canvas') > 20);
    // Hovering the map reads the worker's output at the nearest sample.
    const box = (await p.locator('.boundary-canvas').boundingBox())!;
    const [gx, gy] = [hi % res, Math.floor(hi / res)];
    await p.mouse.move(box.x + (gx / (res - 1)) * box.width * 0.999, box.y + (1 - gy / (res - 1)) * box.height * 0.999 + 0.5);
    assert.match(await p.locator('.boundary-readout').innerText(), new RegExp(`→ ${grid.output[hi]!.toFixed(3).replace('.', '\\.')}$`));
    assert.equal(await p.locator('image.neuron-map').count(), 4);

    await p.getByRole('tab', { name: '3-D view' }).click();
    await frames(p, 2);
    assert.ok(await p.locator('.surface-canvas').isVisible());
    assert.ok(await colours('.surface-canvas') > 20);
    const before = await p.evaluate(`document.querySelector('.surface-canvas').toDataURL()`);
    await p.locator('.surface-canvas').focus();
    await p.keyboard.press('ArrowRight');
    assert.notEqual(await p.evaluate(`document.querySelector('.surface-canvas').toDataURL()`), before, 'the arrow key turns the view');

    await p.getByRole('combobox', { name: 'Boundary grid resolution' }).selectOption('48');
    assert.deepEqual((await sentMessages(p)).filter((m) => m.type === 'boundaryResolution'), [{ type: 'boundaryResolution', resolution: 48 }]);

    // The setting may ask for a size the list does not offer (50 by default): the list shows it, in order.
    const cells = 50 * 50;
    const odd: BoundaryGrid = { ...grid, resolution: 50, output: new Float32Array(cells).fill(0.5), hidden: grid.hidden?.map((h) => new Float32Array((h.length / (res * res)) * cells)) };
    await p.locator('.boundary-canvas').focus();
    await deliverTyped(p, { type: 'trainingSnapshot', snapshot: { ...last, epoch: last.epoch + 1, boundary: odd } });
    await frames(p, 2);
    const picker = p.getByRole('combobox', { name: 'Boundary grid resolution' });
    assert.equal(await picker.inputValue(), '50');
    assert.deepEqual(await picker.locator('option').allInnerTexts(), ['16 × 16', '24 × 24', '32 × 32', '48 × 48', '50 × 50', '64 × 64', '96 × 96']);
  });

  it('marks dead ReLUs and where a NaN appeared, and suggests a lower learning rate', async () => {
    const p = await open();
    const base = snapshots[6]!;
    const broken: TrainingSnapshot = {
      ...base, epoch: 7, loss: NaN,
      layers: base.layers.map((l, k) => ({ ...l, deadUnits: k === 0 ? [1, 3] : [], nonFinite: k === 1, gradWeights: k === 1 ? l.gradWeights.map(() => NaN) : l.gradWeights })),
      divergence: { epoch: 7, dense: 1, what: 'gradients' },
    };
    await deliverTyped(p, { type: 'training', view: { ...viewOf('paused', [...snapshots.slice(0, 7), broken]) } });
    await frames(p);
    const fault = await p.locator('.training-fault').innerText();
    assert.match(fault, /NaN or Inf in the gradients of Output at epoch 7\. Lower the learning rate \(now 0\.5000\)/);
    assert.match(fault, /Dead ReLUs .*Dense 1: 2 of 4/);
    assert.ok(await p.locator('g.column[data-column="2"].non-finite.fault-origin').count() === 1);
    assert.equal(await p.locator('g.layer-header[data-column="2"]').getAttribute('aria-label'), 'Layer 2, Dense, 1 unit, Sigmoid, NaN or Inf first at epoch 7');
    const dead = await p.locator('g.neuron.dead').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-column')}:${e.getAttribute('data-neuron')}`));
    assert.deepEqual(dead, ['1:1', '1:3']);
    assert.match((await p.locator('g.neuron[data-column="1"][data-neuron="1"]').getAttribute('aria-label')) ?? '', /dead ReLU/);
  });

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`looks right mid-training in the gradient view, in the ${theme} theme`, async () => {
      const p = await open(theme);
      await p.emulateMedia({ reducedMotion: 'reduce' });
      await deliverTyped(p, { type: 'training', view: viewOf('paused', snapshots) });
      await p.getByRole('radio', { name: 'Show gradients' }).click();
      await frames(p, 3);
      assert.ok(await p.locator('.legend-magnitude').isVisible());
      await screenshot(p, `training-gradients-${theme}`);
      await p.getByRole('radio', { name: 'Show weights' }).click();
      await p.getByRole('tab', { name: '3-D view' }).click();
      await frames(p, 2);
      await screenshot(p, `training-weights-3d-${theme}`);
    });
  }

  it('repaints the fully expanded 784-128-64-10 diagram from snapshots and prints the time per repaint', async () => {
    const mnist = mlpState([784, 128, 64, 10], ['relu', 'relu', 'softmax']);
    const model = mnist.model!;
    const network = networkFromModel(model);
    // One real batch of gradients on seeded noise, so the gradient view has realistic values.
    const rng = createRng(11);
    const count = 32;
    const inputs = Float64Array.from({ length: count * 784 }, () => rng());
    const targets = new Float64Array(count * 10);
    for (let s = 0; s < count; s++) targets[s * 10 + (s % 10)] = 1;
    network.lossAndGradients(inputs, targets, count, makeLoss('categoricalCrossEntropy'));
    const snapshot = (epoch: number): TrainingSnapshot => ({
      epoch, batch: 0, batches: 1, loss: 2.3, learningRate: 0.01,
      layers: network.denseLayers().map((d, k) => ({
        dense: k, units: d.units, inputs: d.inputSize,
        // Only the first layer grows, so the picture changes under the network-wide normalisation too.
        weights: Float32Array.from(d.weights, (w) => (k === 0 ? w * epoch : w)), bias: Float32Array.from(d.bias),
        gradWeights: Float32Array.from(d.gradWeights), gradBias: Float32Array.from(d.gradBias),
        deltaWeights: Float32Array.from(d.weights, (w) => w / 10), gradInputNorm: 1, deadUnits: [], nonFinite: false,
      })),
    });
    const p = await pages.open({ theme: 'dark', state: mnist });
    // The sweep would redraw the canvas while the repaints are timed.
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await p.locator('g.column[data-column="0"] text.more').click();
    await p.locator('g.column[data-column="1"] text.more').click();
    assert.equal(await p.locator('g.neuron[data-column="1"]').count(), 128);
    await deliverTyped(p, { type: 'training', view: { ...viewOf('running', [snapshot(1)]), points: undefined } });
    await frames(p);
    const canvasHash = async (): Promise<string> => p.evaluate(`document.querySelector('canvas.links-canvas').toDataURL()`) as Promise<string>;
    let previous = await canvasHash();
    for (const epoch of [2, 3]) {
      await deliverTyped(p, { type: 'trainingSnapshot', snapshot: snapshot(epoch) });
      await frames(p);
      const now = await canvasHash();
      assert.notEqual(now, previous, `the links were redrawn for epoch ${epoch}`);
      previous = now;
    }
    // Timed on view switches of the same snapshot, after the delivery's garbage has settled,
    // so the numbers are the repaint's own and not the test's JSON decoding.
    await p.waitForTimeout(500);
    const times: Record<string, number[]> = { weights: [], gradients: [] };
    for (let round = 0; round < 4; round++) {
      for (const mode of ['gradients', 'weights'] as const) {
        await p.getByRole('radio', { name: `Show ${mode}` }).click();
        await frames(p);
        times[mode]!.push(Number(await p.locator('.diagram').getAttribute('data-paint-ms')));
        const now = await canvasHash();
        assert.notEqual(now, previous, `switching to ${mode} redraws the links`);
        previous = now;
      }
    }
    const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const line = Object.entries(times).map(([mode, v]) => `${mode} median ${median(v).toFixed(1)} ms, max ${Math.max(...v).toFixed(1)} ms`).join('; ');
    console.log(`      784-128-64-10 (${784 * 128 + 128 * 64 + 64 * 10} links) repaint: ${line}`);
    assert.equal(await p.locator('path.link').count(), 0);
    assert.equal(await p.locator('.legend').getAttribute('data-mode'), 'weights');
  });
});
