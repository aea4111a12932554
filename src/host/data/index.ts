// Registers "NN Designer: Choose Training Data…", and in test mode the hook
// that answers its questions for the next run.

import * as vscode from 'vscode';
import type { NnjsonEditorProvider } from '../designerEditor';
import { errorMessage, log } from '../log';
import { chooseTrainingData } from './chooseData';
import { registerDataPreview } from './previewDocument';
import { quickPickPrompts, scriptedPrompts, type ScriptedAnswers } from './prompts';

export { readDataFile, readModelDataFile, dataFileUri } from './load';
export { parseCsvChunks, parseCsvFile } from './stream';

export function registerDataCommands(provider: NnjsonEditorProvider, mode: vscode.ExtensionMode): vscode.Disposable {
  let scripted: ScriptedAnswers | undefined;
  const preview = registerDataPreview();
  const choose = vscode.commands.registerCommand('nnDesigner.chooseData', async (arg?: unknown) => {
    const prompts = scripted ? scriptedPrompts(scripted) : quickPickPrompts;
    scripted = undefined;
    try {
      return await chooseTrainingData(provider, arg, prompts, preview.show);
    } catch (error) {
      log().error(`nnDesigner.chooseData failed: ${errorMessage(error)}`);
      void vscode.window.showErrorMessage(`NN Designer: ${errorMessage(error)}`);
      return undefined;
    }
  });
  if (mode !== vscode.ExtensionMode.Test) return vscode.Disposable.from(choose, preview.registration);
  const answer = vscode.commands.registerCommand('nnDesigner._test.dataAnswers', (answers: ScriptedAnswers) => {
    scripted = answers;
  });
  return vscode.Disposable.from(choose, preview.registration, answer);
}
