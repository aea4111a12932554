// The runner's browser actions (test/e2e/support/actions.mjs) from the web
// extension host, which has no Node `fs`: the reply file lies in the workspace
// folder, on the machine the runner writes it to, and is read through
// vscode.workspace.fs.
import * as vscode from 'vscode';

const BROWSER_MARK = 'NN_E2E_BROWSER ';
let requests = 0;

export type BrowserRequest = { action: 'screenshot'; name: string } | { action: 'webviewCount'; selector: string };

export async function browser(request: BrowserRequest, timeoutMs = 20_000): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the end-to-end tests need a workspace folder');
  const reply = vscode.Uri.joinPath(folder.uri, `.browser-reply-${++requests}.json`);
  console.log(`${BROWSER_MARK}${JSON.stringify({ ...request, reply: reply.path })}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await Promise.resolve(vscode.workspace.fs.readFile(reply)).then((b) => new TextDecoder().decode(b), () => '');
    if (text.length > 0) {
      await vscode.workspace.fs.delete(reply);
      return JSON.parse(text) as { ok: boolean; value?: unknown; error?: string };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the runner did not answer ${request.action}`);
}
