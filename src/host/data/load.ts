// Reading a model's data file in the extension host: the path is resolved
// against the `.nnjson` file's folder and confined to its workspace folder;
// CSV streams in chunks (see stream.ts), JSON is read whole. Every problem is a
// DataError whose message names the file and, where known, the row and column.

import * as vscode from 'vscode';
import { DataError, JSON_MAX_CHARACTERS, jsonTooLarge, parseJsonData, type ColumnMapping, type SampleSet } from '../../data';
import type { DataSpec } from '../../model/types';
import { dataFileKind } from './columns';
import { resolveDataFile } from '../dataPath';
import { decodeInSlices, parseCsvChunks, parseCsvFile, type StreamOptions } from './stream';

/** The workspace folder holding `uri`; data may only come from inside it. */
export function workspaceRoot(uri: vscode.Uri): vscode.WorkspaceFolder {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) throw new DataError(`${vscode.workspace.asRelativePath(uri)} is not inside a workspace folder, so it cannot read a data file`);
  return folder;
}

/** The URI a model's relative data path names, refused when it leads out of the workspace folder. */
export async function dataFileUri(modelUri: vscode.Uri, relative: string): Promise<vscode.Uri> {
  workspaceRoot(modelUri);
  const resolved = await resolveDataFile(modelUri, relative, vscode.workspace.workspaceFolders);
  if (!resolved.ok) throw new DataError(resolved.message);
  return resolved.uri;
}

function located(uri: vscode.Uri, error: unknown): unknown {
  if (!(error instanceof DataError)) return error;
  return new DataError(`${vscode.workspace.asRelativePath(uri, false)}: ${error.message}`, { row: error.row, column: error.column });
}

function readProblem(error: unknown): DataError {
  if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return new DataError('the file does not exist');
  return new DataError(`cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
}

async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw readProblem(error);
  }
}

/** Refuses a missing file, a folder, or JSON too large to hold, before any reading starts. */
export async function checkIsFile(uri: vscode.Uri): Promise<void> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    throw readProblem(error);
  }
  if ((stat.type & vscode.FileType.File) === 0) throw new DataError('this is a folder, not a data file');
  // Checked on bytes before reading: for JSON of numbers, bytes and characters are the same count.
  if (dataFileKind(uri.path) === 'json' && stat.size > JSON_MAX_CHARACTERS) throw jsonTooLarge();
}

/** Parses a CSV or JSON workspace file with a column mapping. CSV never holds the host for longer than one chunk. */
export async function readDataFile(uri: vscode.Uri, mapping: ColumnMapping, options: StreamOptions = {}): Promise<SampleSet> {
  try {
    const kind = dataFileKind(uri.path);
    if (!kind) throw new DataError('only .csv and .json data files are supported');
    await checkIsFile(uri);
    if (kind === 'csv') {
      if (uri.scheme === 'file') return await parseCsvFile(uri.fsPath, mapping, options);
      return await parseCsvChunks(decodeInSlices(await readBytes(uri)), mapping, options);
    }
    const text = new TextDecoder('utf-8').decode(await readBytes(uri));
    if (text.trim() === '') throw new DataError('the file is empty');
    return parseJsonData(text.replace(/^\uFEFF/, ''), mapping);
  } catch (error) {
    throw located(uri, error);
  }
}

/**
 * The samples of a model's `file` data block, for a training session in the
 * host. Other sources are not files; resolve them with model/samples.ts.
 */
export async function readModelDataFile(modelUri: vscode.Uri, spec: Extract<DataSpec, { source: 'file' }>, options: StreamOptions = {}): Promise<SampleSet> {
  const uri = await dataFileUri(modelUri, spec.path);
  return readDataFile(uri, { inputs: spec.inputs, targets: spec.targets, categorical: spec.categorical }, options);
}
