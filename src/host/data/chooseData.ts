// "NN Designer: Choose Training Data…": pick a CSV or JSON file in the
// workspace, pick its input and target columns, check the whole file against
// the network, offer to resize it and to set its output up for the data, and
// write all of it into the document as one edit. Any
// problem with the data is shown with its row and column, and the document is
// left as it was.

import * as vscode from 'vscode';
import { DataError, type SampleSet } from '../../data';
import { loadModel } from '../../model/parse';
import { serializeModel } from '../../model/serialize';
import type { DataSpec, NnModel } from '../../model/types';
import type { NnjsonEditorProvider } from '../designerEditor';
import { log } from '../log';
import { minimalReplacement, withLineEndings } from '../textEdit';
import { targetUri } from '../commands/target';
import { dataFileKind, MAX_DISTINCT, previewDataText, suggestsClasses, type FilePreview } from './columns';
import { checkIsFile, dataFileUri, readDataFile, workspaceRoot } from './load';
import { fileHead } from './stream';
import { fileDataSpec, modelWithData, shapeMismatch, type ColumnChoice } from './mapping';
import { relativeDataPath } from './paths';
import type { ShowPreview } from './previewDocument';
import { previewTable } from './previewTable';
import type { DataPrompts } from './prompts';
import { outputSetup, taskMismatch, withTaskFit } from './taskFit';

export type ChooseDataResult = { applied: true; data: DataSpec } | { applied: false; reason: string };

/** Characters (or bytes) read to preview a CSV file; the full parse streams the rest. */
const PREVIEW_CHARACTERS = 256 * 1024;
const DATA_GLOB = '**/*.{csv,json}';
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

class Cancelled extends Error {}

function answered<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

function currentModel(document: vscode.TextDocument): NnModel {
  const loaded = loadModel(document.getText());
  if (!loaded.ok) throw new DataError('the network file has errors; fix them before choosing data');
  return loaded.model;
}

async function previewFile(uri: vscode.Uri): Promise<FilePreview> {
  const kind = dataFileKind(uri.path);
  if (!kind) throw new DataError('only .csv and .json data files are supported');
  await checkIsFile(uri);
  // A CSV preview needs only its first rows: on disk only the head is read. A cut may fall inside a row; the preview ignores a short last row.
  if (kind === 'csv' && uri.scheme === 'file') return previewDataText((await fileHead(uri.fsPath, PREVIEW_CHARACTERS)).slice(0, PREVIEW_CHARACTERS), kind);
  // Other file systems have no partial read. A cut may fall inside a character: the decoder drops the broken one.
  const bytes = await vscode.workspace.fs.readFile(uri);
  const head = kind === 'csv' && bytes.length > PREVIEW_CHARACTERS ? bytes.subarray(0, PREVIEW_CHARACTERS) : bytes;
  return previewDataText(new TextDecoder('utf-8').decode(head), kind);
}

/** The columns the user maps, asked in order: inputs, targets, then whether one target holds classes. */
async function askColumns(prompts: DataPrompts, preview: FilePreview, fileLabel: string, path: string): Promise<ColumnChoice> {
  if (preview.shape === 'matrices') {
    const names = (prefix: string) => preview.columns.filter((c) => c.name.startsWith(prefix)).map((c) => c.name);
    return { path, inputs: names('x'), targets: names('y'), categorical: false };
  }
  const inputs = answered(await prompts.pickInputs(preview, fileLabel));
  if (inputs.length === 0) throw new DataError('choose at least one input column');
  const targets = answered(await prompts.pickTargets(preview, inputs, fileLabel));
  if (targets.length === 0) throw new DataError('choose at least one target column');
  let categorical = false;
  const single = targets.length === 1 ? preview.columns.find((c) => c.name === targets[0]) : undefined;
  if (single && !single.numeric) {
    if (single.distinct.length > MAX_DISTINCT) {
      throw new DataError(`column "${single.name}" holds text with more than ${MAX_DISTINCT} different values, too many to be classes`, { column: single.name });
    }
    categorical = true;
  } else if (single && suggestsClasses(single)) {
    categorical = answered(await prompts.askCategorical(single));
  }
  return { path, inputs, targets, categorical };
}

async function parseWithProgress(uri: vscode.Uri, choice: ColumnChoice, fileLabel: string): Promise<SampleSet> {
  const mapping = { inputs: choice.inputs, targets: choice.targets, categorical: choice.categorical ? { column: choice.targets[0] } : undefined };
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `NN Designer: reading ${fileLabel}`, cancellable: true },
    (progress, token) => readDataFile(uri, mapping, {
      signal: { get aborted() { return token.isCancellationRequested; } },
      onProgress: ({ rows }) => progress.report({ message: `${rows.toLocaleString('en')} rows` }),
    }),
  );
}

async function applyModel(document: vscode.TextDocument, next: NnModel): Promise<void> {
  const text = serializeModel(next);
  const check = loadModel(text);
  if (!check.ok) throw new DataError(check.errors[0]?.message ?? 'the network would not be valid with this data');
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const change = minimalReplacement(document.getText(), withLineEndings(text, eol));
  if (!change) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new DataError('VS Code did not apply the edit');
}

async function choose(provider: NnjsonEditorProvider, arg: unknown, prompts: DataPrompts, showPreview: ShowPreview | undefined): Promise<ChooseDataResult> {
  const modelUri = answered(await targetUri(provider, arg));
  const document = await vscode.workspace.openTextDocument(modelUri);
  currentModel(document);
  const folder = workspaceRoot(modelUri);
  // Only files beside the network or below it: a stored data path never goes through "..".
  const networkFolder = vscode.Uri.joinPath(modelUri, '..');
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(networkFolder, DATA_GLOB), EXCLUDE_GLOB, 5000);
  if (files.length === 0) {
    throw new DataError(`there are no .csv or .json files in ${vscode.workspace.asRelativePath(networkFolder)} or below it; add one there and try again`);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const dataUri = answered(await prompts.pickFile(files));
  const path = relativeDataPath(modelUri.path, dataUri.path, folder.uri.path);
  // The same check as when the path is read back: a link out of the network's folder is refused before anything is read.
  await dataFileUri(modelUri, path);
  const fileLabel = vscode.workspace.asRelativePath(dataUri, false);

  let preview: FilePreview;
  try {
    preview = await previewFile(dataUri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError) throw new DataError(`${fileLabel}: the file cannot be read (${error.code})`);
    if (error instanceof DataError) throw new DataError(`${fileLabel}: ${error.message}`, error);
    throw error;
  }
  // The first rows beside the editor while the columns are picked; matrices have no columns to pick.
  const shown = preview.shape === 'records' ? await showPreview?.(fileLabel, previewTable(preview, fileLabel)) : undefined;
  let choice: ColumnChoice;
  try {
    choice = await askColumns(prompts, preview, fileLabel, path);
  } finally {
    await shown?.close();
  }
  const samples = await parseWithProgress(dataUri, choice, fileLabel);

  // The document may have changed while the questions were open: fit the data to what it holds now.
  const model = currentModel(document);
  const spec = fileDataSpec(choice, samples, model.data);
  const problem = shapeMismatch(model, samples);
  const resize = problem !== undefined && (await prompts.confirmResize(problem, samples.inputSize, samples.targetSize));
  if (problem !== undefined && !resize) throw new DataError(problem);
  const sized = modelWithData(model, spec, samples, resize);
  // Classes want a squashing output with cross-entropy, numbers a linear one with MSE; asked, and written in the same edit.
  const fit = taskMismatch(sized, samples);
  const next = fit && (await prompts.confirmTask(fit, outputSetup(sized))) ? withTaskFit(sized, fit) : sized;
  await applyModel(document, next);
  log().info(`data: ${fileLabel} (${samples.count} rows, ${samples.inputSize} inputs, ${samples.targetSize} targets) chosen for ${vscode.workspace.asRelativePath(modelUri)}`);
  return { applied: true, data: spec };
}

/** Runs the command; a data problem is shown to the user and returned, not thrown. */
export async function chooseTrainingData(provider: NnjsonEditorProvider, arg: unknown, prompts: DataPrompts, showPreview?: ShowPreview): Promise<ChooseDataResult> {
  try {
    return await choose(provider, arg, prompts, showPreview);
  } catch (error) {
    if (error instanceof Cancelled) return { applied: false, reason: 'cancelled' };
    if (!(error instanceof DataError)) throw error;
    const reason = `${error.message}. The network was not changed.`;
    log().warn(`data: ${reason}`);
    void vscode.window.showErrorMessage(`NN Designer: ${reason}`);
    return { applied: false, reason };
  }
}
