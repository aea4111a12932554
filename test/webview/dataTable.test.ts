// The training panel shows the data as a table when the network does not take two
// inputs: column names as text, the first training rows, the row count and the split.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { dataPreview, parseCsv, type DataPreview } from '../../src/data';
import type { NnModel } from '../../src/model/types';
import type { TrainingView } from '../../src/protocol/training';
import { mlpState } from './designerStates';
import { deliver, screenshot, type ThemeName , useHarness } from './support/harness';
import { THEMES } from './support/themes';

const CLASSES = ['setosa', '<b>versicolor</b>', 'virginica'];
const FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal_width_in_centimetres'];
const ROWS = 40;
/** Row i as the file writes it: short decimals, so a cell should read exactly as written. */
const LINES = Array.from({ length: ROWS }, (_, i) => [String((43 + i) / 10), String(3 - (i % 5) / 4), String(1 + i * 0.125), String((i % 7) / 10), CLASSES[i % 3]!]);
const CSV = [[...FEATURES, 'species'].map((f) => `"${f}"`).join(','), ...LINES.map((cells) => cells.map((c) => `"${c}"`).join(','))].join('\n');

const state = mlpState([4, 6, 3], ['relu', 'softmax'], {
  training: { loss: 'categoricalCrossEntropy', optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 5, batchSize: 8, seed: 11 },
} as Partial<NnModel>);

function previewOf(split?: { test: number }): DataPreview {
  const samples = parseCsv(CSV, { inputs: FEATURES, targets: ['species'], categorical: { column: 'species' } });
  return dataPreview(samples, { split, seed: 11, outputSize: 3 });
}

function viewWith(preview: DataPreview): TrainingView {
  return { status: 'idle', totalEpochs: 5, timeline: [], preview, series: { loss: [], testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] } };
}

async function frames(page: Page, n = 2): Promise<void> {
  for (let k = 0; k < n; k++) await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(0)))');
}

describe('training data table', () => {
  const pages = useHarness();
  let page: Page | undefined;

  async function show(theme: ThemeName, preview: DataPreview): Promise<Page> {
    page = await pages.open({ theme, state });
    // Sent as JSON, the way a message serialised on the way arrives.
    await deliver(page, JSON.parse(JSON.stringify({ type: 'training', view: viewWith(preview) })));
    await frames(page);
    return page;
  }

  it('shows a hint, not a scatter, for a four-input network before training', async () => {
    page = await pages.open({ theme: 'dark', state });
    await frames(page);
    assert.equal(await page.locator('.boundary-canvas').count(), 0);
    assert.match((await page.locator('.data-preview').textContent()) ?? '', /Start training/);
  });

  it('lists the columns as text and the first training rows as the file holds them', async () => {
    const p = await show('dark', previewOf());
    const table = p.locator('table.data-table');
    assert.equal(await table.count(), 1);
    assert.deepEqual(await p.locator('table.data-table thead th[scope=colgroup]').allTextContents(), ['Inputs', 'Targets']);
    assert.deepEqual(await p.locator('table.data-table thead th[scope=col]').allTextContents(), [...FEATURES, ...CLASSES]);
    // Names are text: the markup in a class name is shown, not parsed.
    assert.equal(await p.locator('table.data-table b').count(), 0);
    const cells = await p.locator('table.data-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    // Oracle: with no split the training rows are the file's first rows, targets one-hot by class.
    const expected = LINES.slice(0, 20).map((cells, i) => [...cells.slice(0, 4), ...CLASSES.map((_, k) => (k === i % 3 ? '1' : '0'))]);
    assert.deepEqual(cells, expected);
    assert.equal(await p.locator('.data-preview .matrix-caption').first().textContent(), `${ROWS} rows: ${ROWS} for training.`);
    assert.match((await p.locator('.data-preview .matrix-caption').nth(1).textContent()) ?? '', /first 20 training rows.*before normalisation/);
    assert.match((await table.getAttribute('aria-label')) ?? '', /^Training data: The first 20 training rows/);
  });

  it('gives the split sizes, and the scroll box is reachable from the keyboard', async () => {
    const p = await show('light', previewOf({ test: 0.25 }));
    const test = Math.round(ROWS * 0.25);
    assert.equal(await p.locator('.data-preview .matrix-caption').first().textContent(), `${ROWS} rows: ${ROWS - test} for training, ${test} for testing.`);
    const region = p.locator('.data-preview [role=region]');
    assert.equal(await region.getAttribute('tabindex'), '0');
    assert.equal(await region.getAttribute('aria-label'), 'Training data preview');
  });

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`takes its colours from the ${theme} theme`, async () => {
      const p = await show(theme, previewOf({ test: 0.25 }));
      const color = await p.evaluate('getComputedStyle(document.querySelector("table.data-table td")).color');
      // Oracle: the theme's editor foreground, as the browser resolves it on a probe element.
      const expected = await p.evaluate(`(() => {
        const probe = document.createElement('span');
        probe.style.color = 'var(--vscode-editor-foreground)';
        document.body.append(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      })()`);
      assert.equal(color, expected);
      await p.locator('.data-preview').scrollIntoViewIfNeeded();
      // Scrolled to the end, so the picture shows the target columns beside the last inputs.
      await p.evaluate('document.querySelector(".data-preview [role=region]").scrollLeft = 1e6');
      await screenshot(p, `data-table-${theme}`);
    });
  }
});
