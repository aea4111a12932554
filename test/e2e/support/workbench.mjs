// Browser-side helpers for a VS Code workbench page (code-server in Chromium,
// driven by playwright-core): launch the browser, find webview frames, take screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, root } from '../../../scripts/vscode-host.mjs';

/** Where a test run named `runName` keeps its screenshots. */
export function outputDir(runName) {
  const dir = join(root, 'test-output', runName);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Headless Chromium with DESIGN.md §4's flags; playwright gives it a fresh temporary profile. */
export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * The content frames of the webviews currently shown. VS Code nests each
 * webview twice: an outer `iframe.webview` host and an inner `#active-frame`.
 */
export function webviewFrames(page) {
  return page.frames().filter((frame) => {
    const parent = frame.parentFrame();
    return parent !== null && parent !== page.mainFrame() && parent.url().includes('/webview/');
  });
}

/** Screenshots the whole workbench as `<name>.png` and each webview as `<name>-webview-<i>.png`. */
export async function screenshotWorkbench(page, dir, name) {
  const files = [join(dir, `${name}.png`)];
  await page.screenshot({ path: files[0] });
  const frames = webviewFrames(page);
  for (let i = 0; i < frames.length; i++) {
    const element = await frames[i].frameElement();
    const file = join(dir, `${name}-webview-${i}.png`);
    await element.screenshot({ path: file });
    files.push(file);
  }
  return files;
}
