// The extension's entry point: creates the log and registers every feature.

import * as vscode from 'vscode';
import { registerDesignerCommands, registerTestCommands } from './commands';
import { registerDataCommands } from './data';
import { NnjsonEditorProvider } from './designerEditor';
import { registerDiagnostics } from './diagnostics';
import { initLog } from './log';
import { registerTraining } from './training';

export function activate(context: vscode.ExtensionContext): void {
  const log = initLog(context);
  const designer = new NnjsonEditorProvider(context.extensionUri);
  context.subscriptions.push(NnjsonEditorProvider.register(context, designer), registerDesignerCommands(designer));
  context.subscriptions.push(registerDiagnostics(context));
  context.subscriptions.push(registerTraining(context, designer));
  context.subscriptions.push(registerDataCommands(designer, context.extensionMode));
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerTestCommands(designer));
  }
  log.info(`NN Designer ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
