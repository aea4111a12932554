// Where the training worker finds the data file a model names. The path is
// relative to the `.nnjson` file's folder and must stay inside its workspace
// folder: a shared network may not read anything outside the repository it
// lives in. The file is checked here, but read by the worker (see dataFeed.ts).

import * as vscode from 'vscode';
import type { NnModel } from '../../model/types';
import { resolveDataFile } from '../dataPath';
import type { DataDelivery, ReadingProgress } from './dataFeed';

export class DataPathError extends Error {}

/** Where a relative data path points; refuses absolute paths, `..` segments, links out of the folder and files outside the workspace. */
export async function dataUri(modelUri: vscode.Uri, relative: string): Promise<vscode.Uri> {
  const resolved = await resolveDataFile(modelUri, relative, vscode.workspace.workspaceFolders);
  if (!resolved.ok) throw new DataPathError(resolved.message);
  return resolved.uri;
}

function readProblem(path: string, error: unknown): DataPathError {
  const why = error instanceof vscode.FileSystemError && error.code === 'FileNotFound'
    ? 'the file does not exist'
    : error instanceof Error ? error.message : String(error);
  return new DataPathError(`cannot read the data file "${path}": ${why}`);
}

/** How the worker gets the model's data file: streamed from disk by a worker that can, else sent in chunks. */
export async function dataDelivery(modelUri: vscode.Uri, model: NnModel, workerReadsDisk: boolean): Promise<DataDelivery> {
  const data = model.data;
  if (data?.source !== 'file') return {};
  const uri = await dataUri(modelUri, data.path);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    throw readProblem(data.path, error);
  }
  if ((stat.type & vscode.FileType.File) === 0) throw new DataPathError(`the data path "${data.path}" is a folder, not a file`);
  if (uri.scheme === 'file' && workerReadsDisk) return { feed: { kind: 'disk', path: data.path, fsPath: uri.fsPath } };
  return {
    feed: { kind: 'messages', path: data.path },
    readBytes: async () => {
      try {
        return await vscode.workspace.fs.readFile(uri);
      } catch (error) {
        throw readProblem(data.path, error);
      }
    },
  };
}

/** "reading data: N rows" in the status bar while the worker parses the file. */
export function statusBarProgress(name: string): ReadingProgress {
  let shown: vscode.Disposable | undefined;
  return {
    update(rows, characters) {
      shown?.dispose();
      const read = rows > 0 ? `${rows.toLocaleString('en-US')} rows` : `${Math.round(characters / (1024 * 1024))} MB`;
      shown = vscode.window.setStatusBarMessage(`$(loading~spin) NN Designer: ${name}: reading data: ${read}`);
    },
    done() {
      shown?.dispose();
      shown = undefined;
    },
  };
}
