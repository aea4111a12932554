import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeAllEditors, manifest, workspaceFile } from '../support/host';

/** How long a command may wait for input (a quick pick, a save dialog) before it counts as waiting for the user. */
const INPUT_GRACE_MS = 5_000;

describe('contributed commands', () => {
  afterEach(closeAllEditors);

  it('registers every command the manifest contributes', async () => {
    const ext = await activeExtension();
    const contributed = (manifest(ext).contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs every command without an error while an example network is open', async () => {
    const ext = await activeExtension();
    const contributed = (manifest(ext).contributes?.commands ?? []).map((c) => c.command);
    const errors: string[] = [];
    // Handlers catch their own errors to show them; the extension keeps them for this check.
    await vscode.commands.executeCommand('nnDesigner._test.commandFailures');
    for (const id of contributed) {
      await vscode.window.showTextDocument(workspaceFile('and.nnjson'));
      // Import takes a Keras, TF.js or ONNX file, never a network: without one it asks for it.
      const argument = id === 'nnDesigner.importNetwork' ? undefined : workspaceFile('and.nnjson');
      const outcome = await Promise.race([
        Promise.resolve(vscode.commands.executeCommand(id, argument)).then(
          () => 'done',
          (err: unknown) => `failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
        new Promise<string>((r) => setTimeout(() => r('waiting for input'), INPUT_GRACE_MS)),
      ]);
      if (outcome.startsWith('failed')) errors.push(`${id} ${outcome}`);
      const shown = await vscode.commands.executeCommand<string[]>('nnDesigner._test.commandFailures');
      errors.push(...(shown ?? []).map((failure) => `${id} showed an error: ${failure}`));
      // Dismiss whatever the command asked the user for before running the next one.
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('notifications.clearAll');
      await closeAllEditors();
    }
    assert.deepEqual(errors, []);
  });
});
