// Live training in the extension host: one registration for the manager, its
// commands, the status bar item, and (in test mode) the test hooks.

import * as vscode from 'vscode';
import type { NnjsonEditorProvider } from '../designerEditor';
import { TrainingCommands } from './commands';
import { countLiveWorkers } from './liveWorkers';
import { TrainingManager } from './manager';
import { setTrainingManager } from './registry';
import { trainingStatusBar } from './statusBar';
import type { WorkerFactory } from './workerFactory';

/** `workers` starts the training workers: worker_threads on the desktop, Web Workers in the browser. */
export function registerTraining(context: vscode.ExtensionContext, provider: NnjsonEditorProvider, workers: WorkerFactory): vscode.Disposable {
  const counted = countLiveWorkers(workers);
  const manager = new TrainingManager(counted.factory);
  setTrainingManager(manager);
  const commands = new TrainingCommands(manager, provider);
  const parts: vscode.Disposable[] = [commands, trainingStatusBar(manager)];
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    parts.push(commands.registerTestCommands(), vscode.commands.registerCommand('nnDesigner._test.liveWorkers', () => counted.live()));
  }
  // Disposed last: stops every worker.
  parts.push(manager, new vscode.Disposable(() => setTrainingManager(undefined)));
  return vscode.Disposable.from(...parts);
}
