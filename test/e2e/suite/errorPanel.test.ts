// A new user opens a broken file: the designer lists its problems, each place
// opens the text beside it, and a quick fix clicked in the designer repairs the
// file with one edit, after which the designer shows the network.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DocumentState } from '../../../src/protocol/webview';
import { activeExtension, browser, closeAllEditors, hasBrowser, screenshot, waitFor, workspaceFile } from '../support/host';

type Doc = { layers: Record<string, unknown>[] };

const state = (uri: vscode.Uri): Thenable<DocumentState> => vscode.commands.executeCommand<DocumentState>('nnDesigner._test.state', uri);

async function click(selector: string): Promise<void> {
  const reply = await browser({ action: 'webviewClick', selector });
  assert.ok(reply?.ok, `click ${selector}: ${reply?.error ?? 'no reply'}`);
}

describe('designer error panel', () => {
  before(activeExtension);
  after(async () => {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  it('opens the text at an error, and a quick fix clicked in the designer repairs the file and brings the diagram back', async function () {
    if (!hasBrowser()) this.skip();
    // The extension's own copy: other tests edit and train the workspace's.
    const ext = await activeExtension();
    const example = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'and.nnjson')))) as Doc;
    example.layers[2]!.weights = [[0.5, -0.5, 0.25, 1]];
    const uri = workspaceFile('broken-units.nnjson');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(example, null, 2) + '\n'));

    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = await state(uri);
    assert.equal(before.model, undefined);
    assert.deepEqual(before.errors.map((e) => e.pointer), ['/layers/2/weights/0']);
    assert.ok(before.fixes?.[0]?.[0]?.startsWith("Set units to match the next layer's input"), JSON.stringify(before.fixes));
    await waitFor('the error panel', async () => ((await browser({ action: 'webviewCount', selector: 'button.error-fix' }))?.value === 2 ? true : undefined));
    await screenshot('error-panel-broken');

    await click('button.error-location');
    const error = before.errors[0]!;
    const editor = await waitFor('a text editor on the file', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    assert.deepEqual(
      [editor.selection.start, editor.selection.end].map((p) => doc.offsetAt(p)),
      [error.offset, error.offset + error.length],
      'the text editor selects the value the error is about',
    );
    assert.notEqual(editor.viewColumn, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputCustom))?.viewColumn, 'beside the designer');

    const versionBefore = doc.version;
    await click('button.error-fix');
    await waitFor('the fix to change the document', () => (doc.version !== versionBefore ? true : undefined));
    assert.equal(doc.version, versionBefore + 1, 'one edit');
    const expected = JSON.parse(JSON.stringify(example)) as Doc;
    expected.layers[0] = { ...expected.layers[0], units: 4 };
    assert.deepEqual(JSON.parse(doc.getText()), expected);

    const after = await state(uri);
    assert.ok(after.model, JSON.stringify(after.errors));
    const neurons = await waitFor('the diagram', async () => {
      const count = (await browser({ action: 'webviewCount', selector: 'g.neuron' }))?.value;
      return typeof count === 'number' && count > 0 ? count : undefined;
    });
    assert.equal(neurons, 2 + 4 + 1);
    await screenshot('error-panel-fixed');
  });
});
