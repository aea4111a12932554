// New untitled documents with a chosen name and content. A name that an open
// (or just closed, not yet released) document still holds is skipped, so the
// new document never picks up an old document's text.

import * as vscode from 'vscode';

function freeUntitledUri(stem: string, extension: string): vscode.Uri {
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.path ?? '';
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `${folder}/${stem}${n === 1 ? '' : `-${n}`}${extension}` });
    if (!taken.has(uri.toString())) return uri;
  }
}

/** An unsaved document named `<stem>[-n]<extension>` holding `content`. */
export async function createUntitled(stem: string, extension: string, content: string): Promise<vscode.TextDocument> {
  const uri = freeUntitledUri(stem, extension);
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write ${uri.path}`);
  return doc;
}
