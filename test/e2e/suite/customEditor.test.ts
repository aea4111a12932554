import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeExtension, browser, closeAllEditors, hasBrowser, manifest, screenshot, tabFor, waitFor, workspaceFile } from '../support/host';

/** The custom editor's view type, as contributed in package.json. */
async function viewType(): Promise<string> {
  const editors = manifest(await activeExtension()).contributes?.customEditors ?? [];
  assert.equal(editors.length, 1, 'expected exactly one contributed custom editor');
  return editors[0].viewType;
}

async function customTab(uri: vscode.Uri, type: string): Promise<vscode.Tab> {
  return waitFor(`the ${type} editor for ${uri.path}`, () => {
    const tab = tabFor(uri);
    return tab?.input instanceof vscode.TabInputCustom && tab.input.viewType === type ? tab : undefined;
  });
}

describe('custom editor', () => {
  afterEach(closeAllEditors);

  it('opens .nnjson files in the designer by default', async () => {
    const type = await viewType();
    const uri = workspaceFile('and.nnjson');
    await vscode.commands.executeCommand('vscode.open', uri);
    const tab = await customTab(uri, type);
    assert.equal(tab.isActive, true);
  });

  it('"Reopen With… Text Editor" shows the same document', async () => {
    const type = await viewType();
    const uri = workspaceFile('and.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, type);
    await customTab(uri, type);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    const editor = await waitFor('a text editor on and.nnjson', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === uri.toString() ? active : undefined;
    });
    assert.equal(editor.document.getText(), fs.readFileSync(uri.fsPath, 'utf8'));
  });

  it('turns a click in the webview into one undoable document edit', async function () {
    if (!hasBrowser()) this.skip();
    const type = await viewType();
    const uri = workspaceFile('and.nnjson');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    await vscode.commands.executeCommand('vscode.openWith', uri, type);
    await customTab(uri, type);

    const changes: vscode.TextDocumentChangeEvent[] = [];
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === uri.toString() && e.contentChanges.length > 0) changes.push(e);
    });
    try {
      const click = await browser({ action: 'webviewClick', selector: '[aria-label="More units in Dense 1"]' });
      assert.ok(click?.ok, `clicking "More units in Dense 1" failed: ${click?.error}`);
      await waitFor('the edit to reach the document', () => (document.getText() !== before ? true : undefined));
      const edited = document.getText();
      assert.equal(changes.length, 1, 'one click must make exactly one document change');
      assert.equal(document.isDirty, true);
      await screenshot('designer-after-edit');

      await vscode.commands.executeCommand('undo');
      await waitFor('undo to restore the text', () => (document.getText() === before ? true : undefined));
      assert.equal(document.getText(), before);
      await vscode.commands.executeCommand('redo');
      await waitFor('redo to reapply the edit', () => (document.getText() === edited ? true : undefined));
      await vscode.commands.executeCommand('undo');
      await waitFor('the final undo', () => (document.getText() === before ? true : undefined));
    } finally {
      listener.dispose();
      if (document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
