import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeAllEditors, waitFor, workspaceFile } from '../support/host';

describe('JSON schema diagnostics', () => {
  before(activeExtension);
  afterEach(closeAllEditors);

  it('reports schema errors for an invalid .nnjson opened as text', async () => {
    const uri = workspaceFile('invalid-schema.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    // The JSON language server's diagnostics, not the extension's own (source "NN Designer"), which the reliability suite checks.
    const diagnostics = await waitFor('schema diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'NN Designer');
      return found.length > 0 ? found : undefined;
    }, 30_000);
    const lines = diagnostics.map((d) => d.range.start.line);
    // "version": "one" is on line 2 and "layers": 42 on line 3 (zero-based).
    assert.ok(lines.includes(2), `no diagnostic on the "version" line: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`);
    assert.ok(lines.includes(3), `no diagnostic on the "layers" line: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line, d.message]))}`);
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
