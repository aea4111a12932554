// Where a `.nnjson` file's data file lives. A file from the workspace, which may
// come from anyone, must not make the extension read files outside it, so the
// path is relative to the network's folder, never absolute, never through "..",
// and the result stays inside the workspace folder that holds the network.
// Only types come from `vscode`: callers pass the workspace folders in, which
// keeps this testable outside VS Code.

import type * as vscode from 'vscode';

export type DataPathResult = { ok: true; uri: vscode.Uri } | { ok: false; message: string };

interface FolderLike {
  readonly uri: vscode.Uri;
}

const refuse = (message: string): DataPathResult => ({ ok: false, message });

/**
 * The data file named by `relativePath` in the network at `documentUri`, or why it
 * is refused. `workspaceFolders` is `vscode.workspace.workspaceFolders`; with no
 * folder open the network's own folder is the limit.
 */
export function resolveDataPath(documentUri: vscode.Uri, relativePath: string, workspaceFolders: readonly FolderLike[] | undefined): DataPathResult {
  const shown = JSON.stringify(relativePath);
  if (relativePath.trim() === '') return refuse('the data path is empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(relativePath)) return refuse(`the data path ${shown} contains control characters`);
  if (documentUri.scheme === 'untitled') return refuse('save the network first: a data path is relative to the file\'s folder');
  const path = relativePath.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path) || /^[a-zA-Z][\w+.-]*:\/\//.test(path)) {
    return refuse(`the data path ${shown} must be relative to the network's folder, not absolute`);
  }
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) {
    return refuse(`the data path ${shown} goes through "..": data files must be inside the network's folder or below it`);
  }
  if (segments.length === 0) return refuse(`the data path ${shown} names a folder, not a file`);

  const folder = documentUri.path.slice(0, documentUri.path.lastIndexOf('/'));
  const target = documentUri.with({ path: `${folder}/${segments.join('/')}`, query: '', fragment: '' });
  const folders = workspaceFolders ?? [];
  if (folders.length > 0 && !folders.some((f) => contains(f.uri, target))) {
    return refuse(`the data path ${shown} is outside the workspace; only files in the workspace can be read`);
  }
  return { ok: true, uri: target };
}

/**
 * Where a `file:` URI really is on disk, with every symbolic link followed
 * (Node's fs.realpath); undefined where that cannot be known. The Node entry
 * point sets it (`useRealPath`); the browser has none, and VS Code for the
 * Web's file systems are read through workspace.fs, which follows no links of
 * its own choosing.
 */
export type RealPath = (uri: vscode.Uri) => Promise<string | undefined>;

let realPathOf: RealPath | undefined;

/** Called once by the entry point that can follow links. */
export function useRealPath(realPath: RealPath | undefined): void {
  realPathOf = realPath;
}

/**
 * `resolveDataPath`, then the same rule for where the file really is: a
 * symbolic link inside the network's folder that leads out of it is refused
 * as ".." is. This is the check every reader of a data file goes through. A
 * file that does not exist passes here; reading it reports that.
 */
export async function resolveDataFile(
  documentUri: vscode.Uri,
  relativePath: string,
  workspaceFolders: readonly FolderLike[] | undefined,
  realPath: RealPath | undefined = realPathOf,
): Promise<DataPathResult> {
  const resolved = resolveDataPath(documentUri, relativePath, workspaceFolders);
  if (!resolved.ok || !realPath) return resolved;
  const folderUri = documentUri.with({ path: documentUri.path.slice(0, documentUri.path.lastIndexOf('/')) || '/' });
  const [file, folder] = await Promise.all([realPath(resolved.uri).catch(() => undefined), realPath(folderUri).catch(() => undefined)]);
  if (file === undefined || folder === undefined || isInsidePath(folder, file)) return resolved;
  return refuse(
    `the data path ${JSON.stringify(relativePath)} leads out of the network's folder through a symbolic link: data files must be inside the network's folder or below it`,
  );
}

/** Whether the real path `child` is below the real folder `parent` (either separator, as paths on Windows use "\\"). */
function isInsidePath(parent: string, child: string): boolean {
  const sep = parent.includes('\\') && !parent.includes('/') ? '\\' : '/';
  const base = parent.endsWith(sep) ? parent : `${parent}${sep}`;
  return child.startsWith(base);
}

/** Whether `child` is `parent` or below it, on the same file system. */
function contains(parent: vscode.Uri, child: vscode.Uri): boolean {
  if (parent.scheme !== child.scheme || parent.authority !== child.authority) return false;
  const base = parent.path.endsWith('/') ? parent.path : `${parent.path}/`;
  return child.path.startsWith(base);
}
