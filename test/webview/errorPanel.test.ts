// The designer's error panel for a file that does not load: each place is a
// link to the text editor, the host's quick fixes are buttons, and each
// location shows once. The states come from the host's own documentState.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { documentState } from '../../src/host/documentModel';
import type { DocumentState } from '../../src/protocol/webview';
import { screenshot, sentMessages, useHarness, type ThemeName } from './support/harness';

/** The AND example with a bias of the wrong length, a weight row of the wrong width and a negative epoch count. */
function brokenState(readOnly = false): DocumentState {
  const doc = JSON.parse(readFileSync('examples/and.nnjson', 'utf8')) as { layers: Record<string, unknown>[]; training: Record<string, unknown> };
  doc.layers[0]!.bias = [0, 0];
  doc.layers[2]!.weights = [[1, 2, 3, 4]];
  doc.training.epochs = -1;
  const state = documentState(JSON.stringify(doc, null, 2), 7, readOnly, 'and.nnjson');
  assert.equal(state.model, undefined);
  assert.equal(state.errors.length, 3, JSON.stringify(state.errors));
  return state;
}

async function items(page: Page): Promise<string[]> {
  return page.locator('.error-list li').allTextContents();
}

describe('designer webview: error panel', () => {
  const pages = useHarness();

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    it(`shows each error once with its place as a link, and the host's fixes as buttons (${theme})`, async () => {
      const state = brokenState();
      const page = await pages.open({ theme, state });
      const texts = await items(page);
      assert.equal(texts.length, state.errors.length);
      state.errors.forEach((error, k) => {
        const text = texts[k]!;
        assert.ok(text.startsWith(`Line ${error.line}, column ${error.column}`), text);
        assert.equal(text.match(/line \d+, column \d+/gi)?.length, 1, `the place shows once: ${text}`);
      });
      const fixTitles = await Promise.all((await page.locator('.error-list li').all()).map((li) => li.locator('button.error-fix').allTextContents()));
      assert.deepEqual(fixTitles, state.fixes);
      assert.ok(fixTitles[1]!.some((t) => t.startsWith("Set units to match the next layer's input")));
      assert.ok(fixTitles[0]!.some((t) => t.startsWith('Re-initialise weights')));
      assert.deepEqual(fixTitles[2], [], 'a negative epoch count has no obvious fix');
      await screenshot(page, `designer-error-panel-${theme}`);
    });
  }

  it('asks the host to show an error in the text editor, at its range', async () => {
    const state = brokenState();
    const page = await pages.open({ state });
    await page.getByRole('button', { name: `Line ${state.errors[1]!.line}, column ${state.errors[1]!.column}` }).click();
    const reveal = (await sentMessages(page)).filter((m) => m.type === 'revealText');
    assert.deepEqual(reveal, [{ type: 'revealText', offset: state.errors[1]!.offset, length: state.errors[1]!.length }]);
    // From the keyboard: Tab from the last fix of the second error reaches the third error's place.
    await page.locator('.error-list li').nth(1).locator('button.error-fix').last().focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const again = (await sentMessages(page)).filter((m) => m.type === 'revealText');
    assert.deepEqual(again.at(-1), { type: 'revealText', offset: state.errors[2]!.offset, length: state.errors[2]!.length });
    assert.equal((await sentMessages(page)).filter((m) => m.type === 'quickFix').length, 0);
  });

  it('sends the chosen fix with the version it was offered in', async () => {
    const state = brokenState();
    const page = await pages.open({ state });
    await page.locator('.error-list li').nth(1).locator('button.error-fix').nth(1).click();
    await page.locator('.error-list li').nth(1).getByRole('button', { name: /^Set units/ }).click();
    const fixes = (await sentMessages(page)).filter((m) => m.type === 'quickFix');
    assert.deepEqual(fixes, [
      { type: 'quickFix', error: 1, fix: 1, version: 7 },
      { type: 'quickFix', error: 1, fix: 0, version: 7 },
    ]);
  });

  it('offers no fix for a read-only document', async () => {
    const state = brokenState(true);
    assert.equal(state.fixes, undefined);
    const page = await pages.open({ state: { ...state, fixes: brokenState().fixes } });
    assert.equal(await page.locator('button.error-fix').count(), 0, 'the webview does not offer fixes it may not apply');
    assert.equal(await page.locator('button.error-location').count(), 3, 'the places stay links');
  });
});
