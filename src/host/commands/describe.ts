// "NN Designer: Describe Network": the network as plain text in a new
// untitled document, one fact per line, so a screen reader reads it line by
// line and it pastes cleanly into an issue.

import * as vscode from 'vscode';
import { describeModel } from '../../model/describe';
import { loadModel } from '../../model/parse';
import type { NnjsonEditorProvider } from '../designerEditor';
import { fileName } from '../designerSession';
import { createUntitled } from '../untitled';
import { targetText, targetUri } from './target';

export function describeText(name: string, text: string): string {
  const loaded = loadModel(text);
  if (!loaded.ok) {
    const lines = loaded.errors.map((e) => `  line ${e.line}, column ${e.column}: ${e.message}`);
    return [`${name} cannot be described: it has ${loaded.errors.length} problem(s).`, ...lines, ''].join('\n');
  }
  return `File: ${name}\n${describeModel(loaded.model)}\n`;
}

export async function describeNetwork(provider: NnjsonEditorProvider, arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = await targetUri(provider, arg);
  if (!uri) return undefined;
  const content = describeText(fileName(uri), await targetText(uri));
  const doc = await createUntitled(`${fileName(uri).replace(/\.nnjson$/i, '')}-description`, '.txt', content);
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  void vscode.window.showInformationMessage(`Description of ${fileName(uri)} opened.`, 'Copy to Clipboard').then(async (choice) => {
    if (choice) await vscode.env.clipboard.writeText(content);
  });
  return doc;
}
