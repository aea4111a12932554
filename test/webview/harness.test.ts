import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { documentState } from '../../src/host/documentModel';
import { root } from './support/server';
import { screenshot, sentMessages, useHarness } from './support/harness';
import { THEMES, type ThemeName } from './support/themes';

describe('webview harness', () => {
  const pages = useHarness();
  let page: Page | undefined;

  it('loads dist/webview.js, which posts "ready" exactly once through the stubbed VS Code API', async () => {
    page = await pages.open({ theme: 'dark' });
    const sent = await sentMessages(page);
    assert.equal(sent.filter((m) => m.type === 'ready').length, 1);
    // The stub refuses a second acquisition, as VS Code does.
    await assert.rejects(page.evaluate('acquireVsCodeApi()'), /already been acquired/);
  });

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`applies the ${theme} theme's body class and colour variables`, async () => {
      page = await pages.open({ theme });
      const applied = await page.evaluate(`({
        classes: [...document.body.classList],
        background: getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim(),
        painted: getComputedStyle(document.body).backgroundColor,
      })`) as { classes: string[]; background: string; painted: string };
      assert.ok(applied.classes.includes(THEMES[theme].bodyClass));
      assert.equal(applied.background, THEMES[theme].vars['--vscode-editor-background']);
      const hex = THEMES[theme].vars['--vscode-editor-background'];
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      assert.equal(applied.painted, `rgb(${r}, ${g}, ${b})`);
      await screenshot(page, `harness-empty-${theme}`);
    });
  }

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`renders examples/and.nnjson as the host sends it, in the ${theme} theme`, async () => {
      const text = readFileSync(join(root, 'examples', 'and.nnjson'), 'utf8');
      const state = documentState(text, 1, false, 'and.nnjson');
      assert.ok(state.model, `examples/and.nnjson does not load: ${JSON.stringify(state.errors)}`);
      page = await pages.open({ theme, state });
      await page.waitForSelector('#app svg [aria-label]', { timeout: 10_000 });
      const labelled = await page.locator('#app [aria-label]').count();
      assert.ok(labelled > 0);
      await screenshot(page, `and-${theme}`);
    });
  }
});
