// Which `.nnjson` document a command acts on: the one it was invoked on (from
// the explorer or an editor title), else the active designer, else the active
// text editor, else one the user picks.

import * as vscode from 'vscode';
import type { NnjsonEditorProvider } from '../designerEditor';

export function isNnjson(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.nnjson');
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return input.uri;
  return undefined;
}

export async function targetUri(provider: NnjsonEditorProvider, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const designer = provider.active();
  if (designer) return designer.uri;
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && isNnjson(editor)) return editor;
  const tab = activeTabUri();
  if (tab && isNnjson(tab)) return tab;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Select Network',
    filters: { 'NN Designer network': ['nnjson'] },
  });
  return picked?.[0];
}

/** The document's current text, unsaved changes included. */
export async function targetText(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}
