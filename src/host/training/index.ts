// Live training in the extension host: one registration for the manager, its
// commands, the status bar item, and (in test mode) the test hooks.

import * as vscode from 'vscode';
import type { NnjsonEditorProvider } from '../designerEditor';
import { TrainingCommands } from './commands';
import { TrainingManager } from './manager';
import { setTrainingManager } from './registry';
import { trainingStatusBar } from './statusBar';

export function registerTraining(context: vscode.ExtensionContext, provider: NnjsonEditorProvider): vscode.Disposable {
  const manager = new TrainingManager(context.extensionPath);
  setTrainingManager(manager);
  const commands = new TrainingCommands(manager, provider);
  const parts: vscode.Disposable[] = [commands, trainingStatusBar(manager)];
  if (context.extensionMode === vscode.ExtensionMode.Test) parts.push(commands.registerTestCommands());
  // Disposed last: stops every worker.
  parts.push(manager, new vscode.Disposable(() => setTrainingManager(undefined)));
  return vscode.Disposable.from(...parts);
}
