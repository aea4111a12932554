// Whether the designer may write to a document. Files from git:, from a
// diff's left side or from a read-only file system are shown but never edited;
// a writable file system of another extension (a virtual workspace such as
// github.dev's) is edited like a local folder.

import * as vscode from 'vscode';

const EDITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata']);

export function isReadOnly(uri: vscode.Uri): boolean {
  const writable = vscode.workspace.fs.isWritableFileSystem(uri.scheme);
  // No file system provider at all: a text document from a content provider, which cannot be saved.
  if (writable === undefined) return !EDITABLE_SCHEMES.has(uri.scheme);
  return !writable;
}
