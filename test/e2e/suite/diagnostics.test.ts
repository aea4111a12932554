import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeAllEditors, waitFor, workspaceFile } from '../support/host';

describe('JSON schema diagnostics', () => {
  before(activeExtension);
  afterEach(closeAllEditors);

  it('reports each schema error of a .nnjson opened as text once, with completions still offered', async () => {
    const uri = workspaceFile('invalid-schema.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    const ours = await waitFor('the extension\'s diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'NN Designer');
      return found.length > 0 ? found : undefined;
    }, 30_000);
    // "version": "one" is on line 2 (zero-based); an unreadable version stops the checks there.
    const describe = (list: readonly vscode.Diagnostic[]) => JSON.stringify(list.map((d) => [d.source, d.range.start.line, d.message]));
    assert.ok(ours.some((d) => d.range.start.line === 2), describe(ours));
    // The JSON language server validates too ("layers": 42 on line 3 is not an array); give it time:
    // it must have added nothing, so every problem shows once.
    await new Promise((r) => setTimeout(r, 3_000));
    const all = vscode.languages.getDiagnostics(uri);
    assert.deepEqual(all.filter((d) => d.source !== 'NN Designer'), [], describe(all));
    // Completions still come from the schema the JSON language server has.
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf('"format"') + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('training')), `no "training" completion: ${labels.join(', ')}`);
  });

  it('reports no schema error for the example AND network', async () => {
    const uri = workspaceFile('and.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    // Let the JSON language server validate; it reports the empty list too.
    await waitFor('the document to be open', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()));
    await new Promise((r) => setTimeout(r, 3_000));
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });
});
