// A `.nnjson` file is data from anyone. Names from the file (the network, its
// layers, inputs, outputs and classes, and the file name itself) must reach the
// page as text: no element is created from them and no script runs. The page
// loads nothing but its own bundle, and it works under the host's nonce CSP.

import * as assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { documentState } from '../../src/host/documentModel';
import type { DocumentState } from '../../src/protocol/webview';
import { deliver, screenshot, waitForSent, useHarness } from './support/harness';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  '<svg onload="window.__pwned=(window.__pwned||0)+1"></svg>',
  '"><script>window.__pwned=(window.__pwned||0)+1</script>',
  'javascript:window.__pwned=1',
];

function hostileState(): DocumentState {
  const [img, svg, script, js] = PAYLOADS;
  const model = {
    format: 'nnjson', version: 1, name: img, description: script, inputs: 2,
    inputNames: [img, svg],
    outputNames: [script, js, img],
    layers: [
      { type: 'dense', units: 3, name: img },
      { type: 'activation', activation: 'relu', name: svg },
      { type: 'dense', units: 3, name: script },
      { type: 'activation', activation: 'softmax' },
    ],
    training: { loss: 'categoricalCrossEntropy', optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 10, batchSize: 4, seed: 1 },
    data: { source: 'file', path: 'x.csv', inputs: ['a', 'b'], targets: ['label'], categorical: { column: 'label', classes: [img, svg, script] } },
  };
  const state = documentState(JSON.stringify(model, null, 2), 1, false, `${img}.nnjson`);
  assert.ok(state.model, JSON.stringify(state.errors));
  return state;
}

/** Everything the page shows or announces: text content and every attribute value. */
async function visibleStrings(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const parts = [document.body.textContent || ''];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) parts.push(a.value);
    return parts.join('\\n');
  })()`) as Promise<string>;
}

async function injectedElements(page: Page): Promise<number> {
  return page.evaluate(`document.querySelectorAll('img, iframe, object, embed, foreignObject, body script:not([src]), [onerror], [onload], [onclick], a[href^="javascript:"]').length`) as Promise<number>;
}

describe('designer webview: hostile names from the file', () => {
  const pages = useHarness();
  let page: Page | undefined;

  it('renders layer, input, output and class names as text; no element is created and no script runs', async () => {
    const requests: string[] = [];
    page = await pages.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('request', (r: Request) => requests.push(r.url()));
    await page.goto(`${pages.url}/?theme=dark`);
    await waitForSent(page, 'ready');
    const state = hostileState();
    await deliver(page, { type: 'state', state });
    await page.waitForSelector('g.neuron');
    // Hover and focus everything that shows a name in a tooltip or the inspector.
    await page.locator('g.layer-header[data-column="1"]').click();
    await page.locator('g.neuron').first().hover({ force: true });
    await page.locator('path.link-hover').first().hover({ force: true });
    await page.waitForTimeout(300);
    await screenshot(page, 'security-hostile-names');

    assert.equal(await page.evaluate('window.__pwned'), undefined, 'no injected script ran');
    assert.equal(await injectedElements(page), 0, 'no element came from a name');
    const shown = await visibleStrings(page);
    assert.ok(shown.includes(PAYLOADS[0]), 'the layer name is shown literally, as text');
    // Only the page and its own bundle were requested: nothing from the network, nothing from "x".
    const origin = new URL(pages.url).origin;
    const foreign = requests.filter((u) => new URL(u).origin !== origin || /\/x$/.test(u));
    assert.deepEqual(foreign, []);
    assert.ok(requests.every((u) => /\/(\?theme=dark|dist\/webview\.(js|css)(\.map)?)$/.test(u.slice(origin.length))), requests.join('\n'));
  });

  it('shows hostile names in the error panel as text too', async () => {
    const state = documentState('{ "format": "nnjson", "version": 1, "inputs": "<img src=x onerror=window.__pwned=1>" }', 1, false, `${PAYLOADS[0]}.nnjson`);
    assert.equal(state.model, undefined);
    page = await pages.open({ state });
    await page.waitForSelector('h2');
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(await injectedElements(page), 0);
    assert.ok((await visibleStrings(page)).includes(`${PAYLOADS[0]}.nnjson cannot be shown as a network`));
  });

  it('runs under a nonce-only script policy and default-src none, with no violation', async () => {
    // The policy of src/host/html.ts with 'self' for the webview's resource origin. The harness's
    // acquireVsCodeApi stub is the one inline script; it gets the nonce, as VS Code's own preload does.
    const nonce = 'c2VjdXJpdHktdGVzdC1ub25jZQ';
    const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:`;
    page = await pages.newPage({ viewport: { width: 1200, height: 800 } });
    await page.route(/\/\?theme=/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text())
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<script>/g, `<script nonce="${nonce}">`)
        .replace('<script src=', `<script nonce="${nonce}" src=`)
        .replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`);
      await route.fulfill({ response, body: html });
    });
    await page.addInitScript(`window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    await page.goto(`${pages.url}/?theme=dark`);
    await waitForSent(page, 'ready');
    await deliver(page, { type: 'state', state: hostileState() });
    await page.waitForSelector('g.neuron');
    await page.locator('g.neuron').first().hover({ force: true });
    // A string from the file that did become markup would be blocked here and show up as a violation.
    assert.deepEqual(await page.evaluate('window.__violations'), []);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
  });
});
