// "Open in Designer" and "Open as JSON": the same file, through the custom
// editor or through VS Code's text editor.

import * as vscode from 'vscode';
import { NnjsonEditorProvider } from '../designerEditor';
import { targetUri } from './target';

export async function openInDesigner(provider: NnjsonEditorProvider, arg?: unknown): Promise<void> {
  const uri = await targetUri(provider, arg);
  if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, NnjsonEditorProvider.viewType);
}

export async function openAsJson(provider: NnjsonEditorProvider, arg?: unknown): Promise<void> {
  const uri = await targetUri(provider, arg);
  if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
}
