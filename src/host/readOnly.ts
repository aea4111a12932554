// Whether the designer may write to a document. Files from git:, from a
// diff's left side or from an extension's virtual file system are shown but
// never edited.

import * as vscode from 'vscode';

const EDITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata']);

export function isReadOnly(uri: vscode.Uri): boolean {
  if (!EDITABLE_SCHEMES.has(uri.scheme)) return true;
  return vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false;
}
