// The runner's side of test/e2e/support/host.ts `browser()`: a test in the
// extension host logs a marked request, and this carries it out on the
// workbench page and writes the reply to the file the test is waiting on.
import { writeFileSync } from 'node:fs';
import { screenshotWorkbench, webviewFrames } from './workbench.mjs';

export const BROWSER_MARK = 'NN_E2E_BROWSER ';

/** The visible webview frame holding `selector`, waiting up to `timeoutMs` for it to appear. */
async function frameWith(page, selector, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of webviewFrames(page)) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(100);
  }
}

async function perform(page, request, shotsDir) {
  switch (request.action) {
    case 'screenshot':
      return screenshotWorkbench(page, shotsDir, request.name);
    case 'webviewClick': {
      const frame = await frameWith(page, request.selector);
      await frame.locator(request.selector).first().click();
      return undefined;
    }
    case 'workbenchClick': {
      // The workbench itself (a notification's button, say), not a webview: the first visible match.
      const target = page.locator(request.selector, request.text ? { hasText: request.text } : {}).filter({ visible: true }).first();
      await target.click({ timeout: 10_000 });
      return undefined;
    }
    case 'webviewCount': {
      const frame = await frameWith(page, request.selector).catch(() => undefined);
      return frame ? frame.locator(request.selector).count() : 0;
    }
    case 'webviewDataset': {
      // Every shown webview's element matching the selector, so a test can tell one designer from two.
      const found = [];
      for (const frame of webviewFrames(page)) {
        for (const element of await frame.locator(request.selector).all().catch(() => [])) {
          found.push(await element.evaluate((e) => ({ ...e.dataset })).catch(() => undefined));
        }
      }
      return found.filter((d) => d !== undefined);
    }
    default:
      throw new Error(`unknown browser action ${request.action}`);
  }
}

/** Carries out one request; never throws, the test sees the error instead. */
export async function answer(page, request, shotsDir) {
  let reply;
  try {
    reply = { ok: true, value: await perform(page, request, shotsDir) };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  writeFileSync(request.reply, JSON.stringify(reply));
}
