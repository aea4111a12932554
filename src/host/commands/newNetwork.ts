// "NN Designer: New Network…": asks for the sizes and the task, writes the
// `.nnjson` (saved, or untitled until the user saves it) and opens it in the
// designer.

import * as vscode from 'vscode';
import { MAX_UNITS } from '../../model/limits';
import { serializeModel } from '../../model/serialize';
import type { TaskName } from '../../model/types';
import { NnjsonEditorProvider } from '../designerEditor';
import { createUntitled } from '../untitled';
import { newNetworkModel, parseSizes, TASKS, type NewNetworkOptions } from '../newNetworkModel';

export interface NewNetworkArgs extends Partial<NewNetworkOptions> {
  /** A file to write, or 'untitled'; the user is asked when absent. */
  destination?: vscode.Uri | 'untitled';
}

const TITLE = 'New Network';

async function askCount(step: number, prompt: string, value: string): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${TITLE} (${step}/5)`,
    prompt,
    value,
    validateInput: (v) => (parseSizes(v, MAX_UNITS)?.length === 1 ? undefined : `Enter one whole number from 1 to ${MAX_UNITS}.`),
  });
  return text === undefined ? undefined : parseSizes(text, MAX_UNITS)?.[0];
}

async function askOptions(): Promise<NewNetworkOptions | undefined> {
  const inputs = await askCount(1, 'Number of inputs (features)', '2');
  if (inputs === undefined) return undefined;
  const hiddenText = await vscode.window.showInputBox({
    title: `${TITLE} (2/5)`,
    prompt: 'Hidden layer sizes, separated by commas (empty for none)',
    value: '8,8',
    validateInput: (v) => (parseSizes(v, MAX_UNITS) ? undefined : `Enter whole numbers from 1 to ${MAX_UNITS}, such as 8,8.`),
  });
  const hidden = hiddenText === undefined ? undefined : parseSizes(hiddenText, MAX_UNITS);
  if (!hidden) return undefined;
  const outputs = await askCount(3, 'Number of outputs', '1');
  if (outputs === undefined) return undefined;
  const picked = await vscode.window.showQuickPick(
    (Object.keys(TASKS) as TaskName[]).map((task) => ({ label: TASKS[task].label, detail: TASKS[task].detail, task })),
    { title: `${TITLE} (4/5)`, placeHolder: 'What will the network learn?' },
  );
  return picked && { inputs, hidden, outputs, task: picked.task };
}

async function askDestination(): Promise<vscode.Uri | 'untitled' | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Save As…', detail: 'Choose where to save the .nnjson file', id: 'file' as const },
      { label: 'Untitled', detail: 'Open it unsaved; save it later', id: 'untitled' as const },
    ],
    { title: `${TITLE} (5/5)`, placeHolder: 'Where should the network go?' },
  );
  if (choice?.id !== 'file') return choice?.id;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder && vscode.Uri.joinPath(folder, 'network.nnjson'),
    filters: { 'NN Designer network': ['nnjson'] },
  });
}

export async function newNetwork(args: NewNetworkArgs = {}): Promise<vscode.Uri | undefined> {
  const given = args.inputs !== undefined && args.hidden !== undefined && args.outputs !== undefined && args.task !== undefined;
  const options = given ? (args as NewNetworkOptions) : await askOptions();
  if (!options) return undefined;
  const text = serializeModel(newNetworkModel(options));
  const destination = args.destination ?? (await askDestination());
  if (!destination) return undefined;
  let uri: vscode.Uri;
  if (destination === 'untitled') {
    uri = (await createUntitled('network', '.nnjson', text)).uri;
  } else {
    uri = destination;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, NnjsonEditorProvider.viewType);
  return uri;
}
