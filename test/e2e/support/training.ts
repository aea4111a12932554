// Helpers the training end-to-end suites share: a long-running copy of an
// example, and the session's view as the test-only command reports it.

import * as vscode from 'vscode';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import { activeExtension, waitFor, workspaceFile } from './host';

export const trainingView = (uri: vscode.Uri): Thenable<TrainingView | undefined> =>
  vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner._test.trainingView', uri);

/**
 * A copy of an example with many epochs, so a run is still going when the test acts on it.
 * Read from the extension's own examples/, not the workspace copy, which earlier suites edit.
 */
export async function longCopy(example: string, name: string): Promise<vscode.Uri> {
  const ext = await activeExtension();
  const source = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', example));
  const model = JSON.parse(new TextDecoder().decode(source)) as NnModel;
  model.training.epochs = 1_000_000;
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(model, null, 2) + '\n'));
  return uri;
}

/** Waits until the session's view passes `test`. */
export async function untilTraining(uri: vscode.Uri, what: string, test: (v: TrainingView) => boolean, timeoutMs = 30_000): Promise<TrainingView> {
  return waitFor(what, async () => {
    const v = await trainingView(uri);
    return v && test(v) ? v : undefined;
  }, timeoutMs);
}
