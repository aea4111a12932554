// Hot exit: an unsaved designer edit survives a reload of the window. The
// test runs twice in one session of the reload mode (test/e2e/run.mjs
// --reload): the first extension host makes the edit and reloads the window,
// which ends it; the workbench then starts a new extension host that runs the
// suite again, finds the marker the first one left, and checks the edit. If
// the backup were missing, the workbench would refuse the reload and the first
// run would time out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadModel } from '../../../src/model/parse';
import { tabFor, waitFor, workspaceFile } from '../support/host';

const MARKER = 'hot-exit.phase.json';
const NETWORK = 'xor.nnjson';
const SEED = 4711;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('hot exit', function () {
  this.timeout(60_000);

  it('keeps an unsaved designer edit across a window reload', async () => {
    const uri = workspaceFile(NETWORK);
    const marker = workspaceFile(MARKER);
    if (!(await exists(marker))) {
      // VS Code for the Web saves after a delay by default, which would leave nothing for hot exit to keep.
      await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
      await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
      const document = await vscode.workspace.openTextDocument(uri);
      const saved = document.getText();
      const outcome = await vscode.commands.executeCommand('nnDesigner._test.applyEdit', uri, { kind: 'setTraining', field: 'seed', value: SEED }, document.version);
      assert.deepEqual(outcome, { applied: true });
      assert.ok(document.isDirty);
      await vscode.workspace.fs.writeFile(marker, new TextEncoder().encode(JSON.stringify({ saved })));
      // The workbench writes a backup a moment after the edit and refuses to reload a window
      // whose dirty editors have none; give it that moment.
      await new Promise((r) => setTimeout(r, 3000));
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      // The reload ends this extension host; the second run finishes the test.
      await new Promise(() => undefined);
    }

    const { saved } = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(marker))) as { saved: string };
    await vscode.workspace.fs.delete(marker);
    const tab = await waitFor('the designer restored after the reload', () => tabFor(uri));
    assert.ok(tab.input instanceof vscode.TabInputCustom && tab.input.viewType === 'nnDesigner.editor', 'the designer, not the text editor');
    // The editor comes back first; its document is then resolved from the backup.
    const document = await vscode.workspace.openTextDocument(uri);
    await waitFor('the restored document to be dirty', () => (document.isDirty ? true : undefined));
    assert.ok(tabFor(uri)?.isDirty, 'the tab is dirty');
    assert.ok(document.isDirty, 'the document is still dirty');
    const loaded = loadModel(document.getText());
    assert.ok(loaded.ok);
    assert.equal(loaded.model.training.seed, SEED, 'the unsaved edit is there');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(onDisk, saved, 'the file itself was never written');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });
});
