import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { DenseLayer } from '../../src/model/types';
import type { DesignerEdit, DocumentState } from '../../src/protocol/webview';
import { deliver, screenshot, sentMessages, waitForSent, type ThemeName , useHarness } from './support/harness';
import { andState, mlpState } from './designerStates';

function denseOf(state: DocumentState): DenseLayer[] {
  return state.model!.layers.filter((l): l is DenseLayer => l.type === 'dense');
}

async function edits(page: Page): Promise<{ edit: DesignerEdit; version: number }[]> {
  return (await sentMessages(page)).flatMap((m) => (m.type === 'edit' ? [{ edit: m.edit, version: m.version }] : []));
}

async function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")') as Promise<string | null>;
}

describe('designer webview', () => {
  const pages = useHarness();
  let page: Page | undefined;

  it('draws one node per neuron and one link per weight of the AND network', async () => {
    const state = andState();
    page = await pages.open({ state });
    const dense = denseOf(state);
    const neurons = state.model!.inputs + dense.reduce((s, l) => s + l.units, 0);
    let inputs = state.model!.inputs;
    let links = 0;
    for (const l of dense) { links += l.units * inputs; inputs = l.units; }
    assert.equal(await page.locator('g.neuron').count(), neurons);
    assert.equal(await page.locator('path.link').count(), links);
    assert.equal(await page.locator('path.link-hover').count(), links);
    // Every weight has its own link, addressed by layer, neuron and input.
    const keys = await page.locator('path.link').evaluateAll((els) => els.map((e) => e.getAttribute('data-weight')));
    assert.equal(new Set(keys).size, links);
  });

  it('labels layers and neurons for screen readers', async () => {
    const state = andState();
    page = await pages.open({ state });
    const headers = await page.locator('g.layer-header').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(headers, ['Input layer, 2 features', 'Layer 1, Dense, 3 units, Tanh', 'Layer 2, Dense, 1 unit, Tanh']);
    const bias = denseOf(state)[0]!.bias![2]!;
    const label = await page.locator('g.neuron[data-column="1"][data-neuron="2"]').getAttribute('aria-label');
    assert.equal(label, `Neuron 3 of layer 1, bias ${bias.toFixed(2)}`);
    const unlabelled = await page.locator('svg .focusable:not([aria-label])').count();
    assert.equal(unlabelled, 0);
  });

  it('moves focus with Tab and the arrow keys, and Enter opens the inspector', async () => {
    page = await pages.open({ state: andState() });
    await page.keyboard.press('Tab');
    assert.equal(await focusedLabel(page), 'Input layer, 2 features');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedLabel(page), 'Layer 1, Dense, 3 units, Tanh');
    await page.keyboard.press('ArrowDown');
    assert.match((await focusedLabel(page)) ?? '', /^Neuron 1 of layer 1,/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    assert.match((await focusedLabel(page)) ?? '', /^Neuron 1 of layer 2,/);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedLabel(page), 'Layer 2, Dense, 1 unit, Tanh');
    // Exactly one diagram element is in the tab order (roving tabindex).
    assert.equal(await page.locator('svg [tabindex="0"]').count(), 1);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.inspector');
    assert.equal(await page.locator('.inspector .equation').textContent(), 'y(1×1) = tanh(W(1×3)·x(3×1) + b(1×1))');
  });

  it('highlights one neuron\'s links in focus mode, Enter edits its bias and Escape leaves', async () => {
    const state = andState();
    page = await pages.open({ state });
    await page.locator('g.neuron[data-column="1"][data-neuron="1"]').click();
    // Hidden neuron 2 of 3: two links in from the inputs, one out to the output.
    assert.equal(await page.locator('path.link:not(.dimmed)').count(), 2 + 1);
    assert.equal(await page.locator('g.neuron.focused').getAttribute('aria-label'), await page.locator('g.neuron[data-column="1"][data-neuron="1"]').getAttribute('aria-label'));
    await page.locator('g.neuron[data-column="1"][data-neuron="1"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.value-editor input').fill('0.5');
    await page.keyboard.press('Enter');
    assert.deepEqual((await edits(page)).map((s) => s.edit), [{ kind: 'setBias', dense: 0, neuron: 1, value: 0.5 }]);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('path.link.dimmed').count(), 0);
  });

  it('posts typed edits from the controls and applies none of them locally', async () => {
    const state = andState();
    page = await pages.open({ state });
    const row = page.locator('.layer-row[data-dense="0"]');
    await row.getByRole('button', { name: 'More units in Dense 1' }).click();
    await row.getByLabel('Activation of Dense 1').selectOption('relu');
    await page.getByRole('button', { name: 'Add a hidden layer before the output' }).click();
    await page.getByLabel('Learning rate').fill('0.05');
    await page.getByLabel('Learning rate').press('Enter');
    await page.getByLabel('Loss').selectOption('binaryCrossEntropy');
    await page.getByLabel('Seed').fill('99');
    await page.getByLabel('Seed').press('Enter');
    await page.locator('.layer-row[data-dense="0"]').getByRole('button', { name: 'Remove Dense 1' }).click();
    const sent = await edits(page);
    const lr = state.model!.training.optimizer;
    assert.deepEqual(sent.map((s) => s.edit), [
      { kind: 'setUnits', dense: 0, units: 4 },
      { kind: 'setActivation', dense: 0, activation: 'relu' },
      { kind: 'addLayer', before: 1, units: 3, activation: 'relu' },
      { kind: 'setOptimizer', optimizer: { ...lr, learningRate: 0.05 } },
      { kind: 'setLoss', loss: 'binaryCrossEntropy' },
      { kind: 'setTraining', field: 'seed', value: 99 },
      { kind: 'removeLayer', dense: 0 },
    ]);
    assert.ok(sent.every((s) => s.version === state.version));
    // The diagram still shows the document as the host last sent it.
    assert.equal(await page.locator('g.neuron[data-column="1"]').count(), 3);
  });

  it('edits one weight by clicking its link, and one bias by clicking its marker', async () => {
    page = await pages.open({ state: andState() });
    await page.locator('path.link-hover').nth(4).click({ force: true });
    const target = await page.locator('path.link').nth(4).getAttribute('data-weight');
    const [dense, neuron, input] = target!.split(':').map(Number);
    await page.locator('.value-editor input').fill('-0.75');
    await page.keyboard.press('Enter');
    await page.locator('g.neuron[data-column="2"][data-neuron="0"] rect.bias').click();
    await page.locator('.value-editor input').fill('0.125');
    await page.keyboard.press('Enter');
    assert.deepEqual((await edits(page)).map((s) => s.edit), [
      { kind: 'setWeight', dense, neuron, input, value: -0.75 },
      { kind: 'setBias', dense: 1, neuron: 0, value: 0.125 },
    ]);
  });

  it('disables editing when the document is read-only', async () => {
    page = await pages.open({ state: andState(true) });
    assert.equal(await page.getByRole('button', { name: 'More units in Dense 1' }).isDisabled(), true);
    assert.equal(await page.getByLabel('Loss').isDisabled(), true);
    await page.locator('path.link-hover').first().click({ force: true });
    assert.equal(await page.locator('.value-editor').isVisible(), false);
    assert.equal((await edits(page)).length, 0);
    assert.ok(await page.getByText('Read-only').isVisible());
  });

  it('shows an invalid document as a list of errors with lines, and reopens it as text', async () => {
    const state = andState();
    page = await pages.open({ state: { ...state, model: undefined, errors: [
      { pointer: '/layers/0/units', line: 12, column: 16, offset: 200, length: 2, message: 'layers[0].units must be a positive integer (line 12, column 16)' },
      { pointer: '', line: 1, column: 1, offset: 0, length: 1, message: 'missing "training"' },
    ] } });
    const items = await page.locator('.error-list li').allTextContents();
    assert.equal(items.length, 2);
    assert.match(items[0]!, /^Line 12, column 16/);
    assert.equal(await page.locator('g.neuron').isVisible().catch(() => false), false);
    await screenshot(page, 'designer-invalid-dark');
    await page.getByRole('button', { name: 'Open as JSON' }).click();
    assert.ok((await sentMessages(page)).some((m) => m.type === 'openAsText'));
  });

  it('renders names from the file as text, never as markup', async () => {
    const name = '<img src=x onerror=alert(1)>';
    page = await pages.open({ state: mlpState([2, 3, 1], ['tanh', 'sigmoid'], { inputNames: [name, 'b'] }, [name]) });
    let dialog = false;
    page.on('dialog', (d) => { dialog = true; void d.dismiss(); });
    assert.equal(await page.locator('g.layer-header[data-column="1"] text.layer-title').textContent(), name);
    assert.equal(await page.locator('#app img').count(), 0);
    await page.locator('g.layer-header[data-column="1"]').click();
    assert.equal(await page.locator('.inspector-title').textContent(), name);
    assert.equal(await page.locator('#app img').count(), 0);
    assert.equal(dialog, false);
  });

  it('offers to collapse a linear stack and sends collapseLinear', async () => {
    // Dense 1 and Dense 2 are linear, so the maps of all three Dense layers compose before the sigmoid.
    page = await pages.open({ state: mlpState([3, 4, 4, 2], ['linear', '', 'sigmoid']) });
    await page.locator('g.layer-header[data-column="2"]').click();
    const product = page.locator('.collapse table.matrix').first();
    assert.equal(await product.locator('tr').count(), 2);
    assert.equal(await product.locator('tr').first().locator('td').count(), 3);
    await page.getByRole('button', { name: 'Collapse to one linear layer' }).click();
    assert.deepEqual((await edits(page)).map((s) => s.edit), [{ kind: 'collapseLinear', from: 0, to: 2 }]);
  });

  it('toggles the convention and the normalisation, and keeps both in the webview state', async () => {
    page = await pages.open({ state: andState() });
    await page.locator('g.layer-header[data-column="1"]').click();
    await page.getByLabel(/Row convention/).check();
    assert.equal(await page.locator('.inspector .equation').textContent(), 'y(1×3) = tanh(x(1×2)·W(2×3) + b(1×3))');
    assert.equal(await page.locator('.inspector table.matrix').first().locator('tr').count(), 2);
    const before = await page.locator('.legend-caption').textContent();
    await page.getByLabel('Normalise per layer').check();
    assert.notEqual(await page.locator('.legend-caption').textContent(), before);
    await page.waitForFunction('window.__state && window.__state.convention === "row" && window.__state.normalisation === "perLayer"');
  });

  it('re-reads theme colours when the body class changes', async () => {
    page = await pages.open({ state: mlpState([2, 2], []) });
    const strokes = (): Promise<string[]> => page!.locator('path.link').evaluateAll((els) => els.map((e) => e.getAttribute('stroke') ?? ''));
    const before = await strokes();
    await page.evaluate(`
      document.documentElement.style.setProperty('--vscode-charts-blue', '#00ff00');
      document.documentElement.style.setProperty('--vscode-charts-orange', '#ff00ff');
      document.body.classList.add('vscode-theme-changed');`);
    await page.waitForFunction(`[...document.querySelectorAll('path.link')].some((e, k) => e.getAttribute('stroke') !== ${JSON.stringify(before)}[k])`);
    assert.notDeepEqual(await strokes(), before);
  });

  it('answers an export request with standalone SVG markup and a PNG data URL', async () => {
    page = await pages.open({ state: andState() });
    await deliver(page, { type: 'requestExport', format: 'svg' });
    await deliver(page, { type: 'requestExport', format: 'png' });
    await page.waitForFunction('window.__sent.filter((m) => m.type === "exportDiagram").length === 2');
    const exported = (await sentMessages(page)).flatMap((m) => (m.type === 'exportDiagram' ? [m] : []));
    const svg = exported.find((m) => m.format === 'svg')!.data;
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/class="link( dimmed)?"/g) ?? []).length, 9);
    assert.ok(!svg.includes('var(--'), 'colours are inlined, not theme variables');
    assert.match(exported.find((m) => m.format === 'png')!.data, /^data:image\/png;base64,/);
  });

  it('works under the host\'s content security policy, which allows no inline styles', async () => {
    // The same directives as src/host/html.ts, with 'self' standing for the webview's resource origin;
    // scripts are let through (the harness stub is inline and the test driver evaluates strings): styles are the point.
    const csp = "default-src 'none'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self'; font-src 'self'; img-src 'self' data:";
    page = await pages.newPage({ viewport: { width: 1200, height: 800 } });
    await page.route(/\/\?theme=/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text())
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`);
      await route.fulfill({ response, body: html });
    });
    await page.addInitScript(`window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    await page.goto(`${pages.url}/?theme=dark`);
    await waitForSent(page, 'ready');
    await deliver(page, { type: 'state', state: andState() });
    await page.locator('g.layer-header[data-column="1"]').click();
    await page.locator('path.link-hover').first().hover({ force: true });
    await deliver(page, { type: 'requestExport', format: 'png' });
    await waitForSent(page, 'exportDiagram');
    assert.ok(await page.locator('g.neuron').first().isVisible());
    assert.equal(await page.locator('.tooltip').isVisible(), true, 'the tooltip is placed through the CSSOM');
    assert.deepEqual(await page.evaluate('window.__violations'), []);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      page = await pages.open({ theme, state: andState() });
      await page.locator('g.layer-header[data-column="1"]').click();
      const box = await page.locator('path.link-hover').nth(3).boundingBox();
      await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
      await page.waitForSelector('.tooltip:not([hidden])');
      assert.match((await page.locator('.tooltip-title').textContent()) ?? '', /^w\[\d\]\[\d\] = -?\d/);
      await screenshot(page, `designer-and-${theme}`);
    });
  }

  it('draws 784-128-64-10 with canvas links and prints the render time', async () => {
    const state = mlpState([784, 128, 64, 10], ['relu', 'relu', 'softmax']);
    page = await pages.open({ theme: 'dark' });
    // The webview renders synchronously in its message handler, so this times one full render.
    const ms = (await page.evaluate(`(() => {
      const started = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'state', state: ${JSON.stringify(state)} } }));
      return performance.now() - started;
    })()`)) as number;
    console.log(`      784-128-64-10 render: ${ms.toFixed(1)} ms`);
    assert.equal(await page.locator('path.link').count(), 0);
    assert.ok(await page.locator('canvas.links-canvas').isVisible());
    assert.equal(await page.locator('text.more').first().textContent(), '+720 more');
    await screenshot(page, 'designer-mnist-dark');
    await page.locator('text.more').first().click();
    assert.equal(await page.locator('g.neuron[data-column="0"]').count(), 784);
    await screenshot(page, 'designer-mnist-expanded-dark');
    // Folded back from the keyboard: the first 64 neurons and the marker again; other columns never had the control.
    const fewer = page.locator('g.column[data-column="0"] text.fewer');
    assert.equal(await fewer.isVisible(), true);
    assert.equal(await page.locator('g.column[data-column="2"] text.fewer').isVisible(), false, '64 neurons are never summarised');
    await fewer.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('g.neuron[data-column="0"]').count(), 64);
    assert.equal(await page.locator('g.column[data-column="0"] text.more').textContent(), '+720 more');
    assert.equal(await fewer.isVisible(), false);
    // The folded state is what a re-shown webview restores (saved after a short delay).
    await page.waitForFunction('window.__state && window.__state.expanded.length === 0');
  });
});
