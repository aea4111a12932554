// What the reliability suites in VS Code share: a small network, files in the
// test workspace, the extension's own diagnostics, and quick fixes applied
// the way the light bulb applies them.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { NnModel } from '../../../src/model/types';
import { closeAllEditors, waitFor, workspaceFile } from './host';

export const SOURCE = 'NN Designer';

export function baseModel(): NnModel {
  return {
    format: 'nnjson',
    version: 1,
    name: 'reliability',
    description: 'start',
    inputs: 2,
    layers: [
      { type: 'dense', units: 3, weights: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], bias: [0, 0, 0] },
      { type: 'activation', activation: 'tanh' },
      { type: 'dense', units: 1, weights: [[1, 2, 3]], bias: [0.5] },
    ],
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.5 }, epochs: 10, batchSize: 2, seed: 3 },
  };
}

export function writeWorkspaceFile(name: string, text: string): vscode.Uri {
  const uri = workspaceFile(name);
  fs.writeFileSync(uri.fsPath, text);
  return uri;
}

export const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

export async function diagnosticsMatching(uri: vscode.Uri, what: string, accept: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const found = ours(uri);
    return accept(found) ? found : undefined;
  }, 15_000);
}

export async function discardAndClose(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await closeAllEditors();
}

export async function applyQuickFix(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: RegExp): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix ${title}; offered: ${actions.map((a) => a.title).join('; ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}
