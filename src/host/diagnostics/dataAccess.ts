// How the diagnostics get at a network's data file: the path rules of
// dataPath.ts (symbolic links included), a stat through vscode.workspace.fs for the cache's stamp, and the
// text a chunk at a time (from disk for file: URIs, otherwise read through
// workspace.fs and handed over in slices).

import * as vscode from 'vscode';
import { resolveDataFile } from '../dataPath';
import { decodeInSlices, fileChunks } from '../data/stream';
import { errorMessage } from '../log';
import type { DataFileAccess, FileStamp } from './dataProblems';

async function* slicesOf(uri: vscode.Uri): AsyncGenerator<string> {
  yield* decodeInSlices(await vscode.workspace.fs.readFile(uri));
}

/** The data files of the network at `documentUri`. */
export function workspaceDataAccess(documentUri: vscode.Uri): DataFileAccess {
  return {
    async stat(relativePath): Promise<FileStamp | { problem: string }> {
      const shown = JSON.stringify(relativePath);
      const resolved = await resolveDataFile(documentUri, relativePath, vscode.workspace.workspaceFolders);
      if (!resolved.ok) return { problem: resolved.message };
      try {
        const stat = await vscode.workspace.fs.stat(resolved.uri);
        if ((stat.type & vscode.FileType.File) === 0) return { problem: `the data path ${shown} names a folder, not a file` };
        return { id: resolved.uri.toString(), mtime: stat.mtime, size: stat.size };
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { problem: `the data file ${shown} does not exist` };
        return { problem: `the data file ${shown} cannot be read: ${errorMessage(error)}` };
      }
    },
    chunks(stamp) {
      const uri = vscode.Uri.parse(stamp.id);
      return uri.scheme === 'file' ? fileChunks(uri.fsPath) : slicesOf(uri);
    },
  };
}
