// Helpers for tests that run inside the extension host. They import `vscode`,
// so they are only bundled into the in-host suite (see test/e2e/run.mjs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'nn-designer.nn-designer';

/** The extension under test, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string }[];
    customEditors?: { viewType: string; selector: { filenamePattern: string }[]; priority?: string }[];
  };
}

export function manifest(ext: vscode.Extension<unknown>): Manifest {
  return ext.packageJSON as Manifest;
}

/** A file in the test workspace (a temporary copy of examples/ and the e2e fixtures). */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the end-to-end tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export { waitFor } from './wait';

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The tab showing `uri` in the active group, if any. */
export function tabFor(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.tabs.find((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) {
      return input.uri.toString() === uri.toString();
    }
    return false;
  });
}

/** The marker test/e2e/run.mjs watches for in the extension host's log. */
export const BROWSER_MARK = 'NN_E2E_BROWSER ';

/** What the runner driving the browser can do for a test (see test/e2e/support/actions.mjs). */
export type BrowserRequest =
  | { action: 'screenshot'; name: string }
  | { action: 'webviewClick'; selector: string }
  | { action: 'webviewCount'; selector: string }
  /** The `data-*` attributes of every element matching `selector` in the shown webviews, as a list. */
  | { action: 'webviewDataset'; selector: string }
  /** Clicks the first visible element of the workbench page matching `selector` (and containing `text`). */
  | { action: 'workbenchClick'; selector: string; text?: string };

export interface BrowserReply {
  ok: boolean;
  /** The count for webviewCount, the files for screenshot, the list of datasets for webviewDataset. */
  value?: unknown;
  error?: string;
}

/**
 * Asks the runner that drives Chromium to act on the workbench page, and waits
 * for its reply, which comes back through a file in the shared temporary folder.
 * Outside the code-server runner (desktop VS Code) nobody answers, and this
 * resolves to undefined after `timeoutMs`.
 */
let requests = 0;

export async function browser(request: BrowserRequest, timeoutMs = 20_000): Promise<BrowserReply | undefined> {
  const reply = path.join(os.tmpdir(), `nn-e2e-reply-${process.pid}-${++requests}.json`);
  console.log(`${BROWSER_MARK}${JSON.stringify({ ...request, reply })}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(reply)) {
      const text = fs.readFileSync(reply, 'utf8');
      if (text.length > 0) {
        fs.rmSync(reply, { force: true });
        return JSON.parse(text) as BrowserReply;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** Whether the browser runner is there to answer (false under desktop VS Code). */
export function hasBrowser(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Web;
}

/** Screenshots the workbench and each webview as test-output/e2e/<name>*.png. */
export async function screenshot(name: string): Promise<void> {
  if (!hasBrowser()) return;
  const reply = await browser({ action: 'screenshot', name });
  if (!reply?.ok) throw new Error(`screenshot ${name} failed: ${reply?.error ?? 'no reply'}`);
}
