// Reads the data file a model names, for the worker. The path is relative to
// the `.nnjson` file's folder and must stay inside its workspace folder: a
// shared network may not read anything outside the repository it lives in.

import * as vscode from 'vscode';
import type { NnModel } from '../../model/types';
import { resolveDataPath } from '../dataPath';

export class DataPathError extends Error {}

/** Where a relative data path points; refuses absolute paths, `..` segments and files outside the workspace. */
export function dataUri(modelUri: vscode.Uri, relative: string): vscode.Uri {
  const resolved = resolveDataPath(modelUri, relative, vscode.workspace.workspaceFolders);
  if (!resolved.ok) throw new DataPathError(resolved.message);
  return resolved.uri;
}

/** The texts of the files the model's data block names, keyed by the path as written. */
export async function readDataFiles(modelUri: vscode.Uri, model: NnModel): Promise<Record<string, string>> {
  const data = model.data;
  if (data?.source !== 'file') return {};
  const uri = dataUri(modelUri, data.path);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw new DataPathError(`cannot read the data file "${data.path}": ${error instanceof Error ? error.message : String(error)}`);
  }
  return { [data.path]: new TextDecoder('utf-8').decode(bytes) };
}
