// Everything the extension registers, for both entry points: extension.ts
// (Node) and extension.web.ts (VS Code for the Web). They differ only in how
// a training worker starts.

import * as vscode from 'vscode';
import { registerDesignerCommands, registerTestCommands } from './commands';
import { registerDataCommands } from './data';
import { NnjsonEditorProvider } from './designerEditor';
import { registerDiagnostics } from './diagnostics';
import { initLog } from './log';
import { registerTraining } from './training';
import type { WorkerFactory } from './training/workerFactory';

export function activateFeatures(context: vscode.ExtensionContext, workers: WorkerFactory, where: string): void {
  const log = initLog(context);
  const designer = new NnjsonEditorProvider(context.extensionUri);
  context.subscriptions.push(NnjsonEditorProvider.register(context, designer), registerDesignerCommands(designer));
  context.subscriptions.push(registerDiagnostics(context));
  context.subscriptions.push(registerTraining(context, designer, workers));
  context.subscriptions.push(registerDataCommands(designer, context.extensionMode));
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerTestCommands(designer));
    // Where the "NN Designer" log channel writes, so tests can find what it logged.
    context.subscriptions.push(vscode.commands.registerCommand('nnDesigner._test.logUri', () => context.logUri));
  }
  log.info(`NN Designer ${context.extension.packageJSON.version as string} activated ${where}`);
}
