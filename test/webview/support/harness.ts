// What webview tests use: headless Chromium, the harness page with the built
// dist/webview.js under one of three themes, the messages the webview posted,
// messages delivered as the host would, and screenshots under test-output/webview/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DocumentState, HostToWebview, WebviewToHost } from '../../../src/protocol/webview';
import { root, startHarnessServer, type HarnessServer } from './server';
import { THEMES, type ThemeName } from './themes';

export type { ThemeName } from './themes';

const CHROMIUM = process.env.NN_CHROMIUM ?? '/usr/bin/chromium';
/** DESIGN.md §4's flags; playwright adds --headless and a fresh temporary profile. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Harness {
  browser: Browser;
  server: HarnessServer;
  close(): Promise<void>;
}

/** Starts the page server and Chromium; call `close()` in an `after` hook. */
export async function launchChromium(): Promise<Harness> {
  const server = await startHarnessServer();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    browser,
    server,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

export interface OpenOptions {
  theme?: ThemeName;
  /** Sent as the host's `state` message once the webview says `ready`. */
  state?: DocumentState;
  viewport?: { width: number; height: number };
  /** What `getState()` returns, as for a webview VS Code shows again after it was hidden. */
  savedState?: unknown;
}

/** Everything the webview has posted so far, oldest first. */
export function sentMessages(page: Page): Promise<WebviewToHost[]> {
  return page.evaluate('window.__sent.slice()') as Promise<WebviewToHost[]>;
}

/** Delivers a message the way VS Code does: a `message` event on the webview's window. */
export async function deliver(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
}

/** Waits until the webview has posted a message of `type`, and returns it. */
export async function waitForSent<T extends WebviewToHost['type']>(page: Page, type: T, timeoutMs = 10_000): Promise<Extract<WebviewToHost, { type: T }>> {
  const handle = await page.waitForFunction(
    `window.__sent.find((m) => m && m.type === ${JSON.stringify(type)})`,
    undefined,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as Extract<WebviewToHost, { type: T }>;
}

/** Opens a new page on the harness, waits for `ready`, then sends the theme and the state like the host does. */
export async function openHarness(harness: Harness, options: OpenOptions = {}): Promise<Page> {
  const theme = options.theme ?? 'dark';
  const page = await harness.browser.newPage({ viewport: options.viewport ?? { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  if (options.savedState !== undefined) await page.addInitScript((saved) => { (globalThis as unknown as { __savedState: unknown }).__savedState = saved; }, options.savedState);
  await page.goto(`${harness.server.url}/?theme=${theme}`);
  try {
    await waitForSent(page, 'ready');
  } catch {
    throw new Error(`the webview never posted "ready"${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
  }
  await deliver(page, { type: 'theme', kind: THEMES[theme].protocolKind });
  if (options.state) await deliver(page, { type: 'state', state: options.state });
  return page;
}

export interface HarnessPages {
  /** Opens a page as `openHarness` does; it is closed after the test. */
  open(options?: OpenOptions): Promise<Page>;
  /** A page with nothing loaded yet, for tests that load the harness page themselves; closed after the test. */
  newPage(options?: Parameters<Browser['newPage']>[0]): Promise<Page>;
  /** The harness page's address. */
  readonly url: string;
}

/**
 * For a `describe` block: Chromium and the page server for the whole block,
 * and every page a test opens closed after that test.
 */
export function useHarness(): HarnessPages {
  let harness: Harness | undefined;
  const pages: Page[] = [];
  const started = (): Harness => {
    if (!harness) throw new Error('useHarness() must be called inside a describe block');
    return harness;
  };
  const track = (page: Page): Page => {
    pages.push(page);
    return page;
  };
  before(async () => {
    harness = await launchChromium();
  });
  after(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
  });
  return {
    open: async (options) => track(await openHarness(started(), options)),
    newPage: async (options) => track(await started().browser.newPage(options)),
    get url() {
      return started().server.url;
    },
  };
}

/** Where the webview suite's screenshots go. */
export const SCREENSHOT_DIR = join(root, 'test-output', 'webview');

/** Saves a full-page screenshot as test-output/webview/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
