import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { networkFromModel } from '../../src/model/network';
import type { NnModel } from '../../src/model/types';
import type { SnapshotMetrics, TrainingSnapshot, TrainingView } from '../../src/protocol/training';
import type { DocumentState } from '../../src/protocol/webview';
import { formatValue } from '../../webview/viewmodel/equation';
import { deliver, screenshot, type ThemeName , useHarness } from './support/harness';
import { THEMES } from './support/themes';
import { mlpState } from './designerStates';

const CLASSES = ['setosa', 'versicolor', '<b>virginica</b>'];
const MATRIX = [[10, 0, 0], [0, 8, 2], [0, 1, 9]];

function stateOf(outputs: number, loss: string, outputNames?: string[]): DocumentState {
  return mlpState([4, 5, outputs], ['tanh', outputs > 1 ? 'softmax' : 'linear'], {
    ...(outputNames ? { outputNames } : {}),
    training: { loss, optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 20, batchSize: 8, seed: 5 },
  } as Partial<NnModel>);
}

/** A view whose latest snapshot has the model's own weights and the given metrics. */
function viewWith(state: DocumentState, metrics: SnapshotMetrics): TrainingView {
  const network = networkFromModel(state.model!);
  const layers = network.denseLayers().map((d, k) => ({
    dense: k, units: d.units, inputs: d.inputSize,
    weights: Float32Array.from(d.weights), bias: Float32Array.from(d.bias),
    gradWeights: new Float32Array(d.weights.length), gradBias: new Float32Array(d.bias.length),
    deltaWeights: new Float32Array(d.weights.length), gradInputNorm: 0, deadUnits: [], nonFinite: false,
  }));
  const latest: TrainingSnapshot = { epoch: 3, batch: 0, batches: 4, loss: 0.5, learningRate: 0.1, layers, metrics };
  return {
    status: 'paused', totalEpochs: 20, latest, timeline: [0, 1, 2, 3],
    series: { loss: [0.9, 0.7, 0.5], testLoss: [null, null, null], accuracy: [null, null, null], testAccuracy: [null, null, null], validationLoss: [null, null, null], validationAccuracy: [null, null, null] },
  };
}

async function frames(page: Page, n = 2): Promise<void> {
  for (let k = 0; k < n; k++) await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(0)))');
}

async function texts(page: Page, selector: string, attribute?: string): Promise<(string | null)[]> {
  const nodes = page.locator(selector);
  const out: (string | null)[] = [];
  for (let i = 0; i < (await nodes.count()); i++) out.push(attribute ? await nodes.nth(i).getAttribute(attribute) : await nodes.nth(i).textContent());
  return out;
}

/** A computed style property of the element with this aria-label. */
function computed(page: Page, label: string, property: string): Promise<string> {
  const selector = JSON.stringify(`[aria-label=${JSON.stringify(label)}]`);
  return page.evaluate(`getComputedStyle(document.querySelector(${selector})).${property}`) as Promise<string>;
}

describe('training metrics panel', () => {
  const pages = useHarness();
  let page: Page | undefined;

  async function showConfusion(theme: ThemeName): Promise<Page> {
    const state = stateOf(3, 'categoricalCrossEntropy', CLASSES);
    page = await pages.open({ theme, state });
    const metrics: SnapshotMetrics = { confusion: { classes: CLASSES, matrix: MATRIX, split: 'test' } };
    // Sent as JSON, the way a message serialised on the way arrives.
    await deliver(page, JSON.parse(JSON.stringify({ type: 'training', view: viewWith(state, metrics) })));
    await frames(page);
    return page;
  }

  it('shows the confusion matrix with class names on both axes, counts and labelled cells', async () => {
    const p = await showConfusion('dark');
    const table = p.locator('table.confusion');
    assert.equal(await table.count(), 1);
    assert.deepEqual(await texts(p, 'table.confusion thead th'), ['actual \\ predicted', ...CLASSES]);
    assert.deepEqual(await texts(p, 'table.confusion tbody th'), CLASSES);
    assert.deepEqual(await texts(p, 'table.confusion tbody td'), MATRIX.flat().map(String));
    const labels = CLASSES.flatMap((a, i) => CLASSES.map((q, j) => `actual ${a}, predicted ${q}: ${MATRIX[i]![j]}`));
    assert.deepEqual(await texts(p, 'table.confusion tbody td', 'aria-label'), labels);
    assert.equal(await p.getByLabel('actual versicolor, predicted <b>virginica</b>: 2').textContent(), '2');
    // A class name from the file is text, never markup.
    assert.equal(await table.locator('b').count(), 0);
    assert.deepEqual(await texts(p, 'table.confusion td.diagonal'), ['10', '8', '9']);
    assert.match(await p.locator('.metrics .matrix-caption').innerText(), /Test split, 30 samples/);
    const background = (label: string) => computed(p, label, 'backgroundColor');
    assert.notEqual(await background('actual setosa, predicted setosa: 10'), await background('actual setosa, predicted versicolor: 0'), 'cells are shaded by count');
  });

  it('marks the diagonal with the high-contrast border colour', async () => {
    const p = await showConfusion('high-contrast');
    const outline = (label: string) => computed(p, label, 'outlineColor');
    const border = THEMES['high-contrast'].vars['--vscode-contrastActiveBorder']!;
    const rgb = [1, 3, 5].map((i) => parseInt(border.slice(i, i + 2), 16)).join(', ');
    assert.equal(await outline('actual setosa, predicted setosa: 10'), `rgb(${rgb})`);
    assert.notEqual(await outline('actual setosa, predicted versicolor: 0'), `rgb(${rgb})`);
  });

  it('shows MAE and R² for regression instead of a matrix', async () => {
    const state = stateOf(1, 'mse');
    page = await pages.open({ theme: 'dark', state });
    await deliver(page, JSON.parse(JSON.stringify({ type: 'training', view: viewWith(state, { mae: 0.123456, r2: 0.875 }) })));
    await frames(page);
    assert.equal(await page.locator('table.confusion').count(), 0);
    assert.deepEqual(await texts(page, '.regression-metrics dt'), ['MAE', 'R²']);
    assert.deepEqual(await texts(page, '.regression-metrics dd'), [formatValue(0.123456, 4), formatValue(0.875, 4)]);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    it(`draws the confusion matrix in the ${theme} theme`, async () => {
      const p = await showConfusion(theme);
      const file = await screenshot(p, `metrics-confusion-${theme}`);
      assert.ok(file.endsWith('.png'));
    });
  }
});
