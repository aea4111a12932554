// The entry point in VS Code for the Web, where the extension host is a Web
// Worker: the designer, its commands and the Problems panel. Training runs in
// a worker_threads worker and the data commands read files through Node, so
// they are registered only by the Node entry (extension.ts).

import * as vscode from 'vscode';
import { registerDesignerCommands, registerTestCommands } from './commands';
import { NnjsonEditorProvider } from './designerEditor';
import { registerDiagnostics } from './diagnostics';
import { initLog } from './log';

export function activate(context: vscode.ExtensionContext): void {
  const log = initLog(context);
  const designer = new NnjsonEditorProvider(context.extensionUri);
  context.subscriptions.push(NnjsonEditorProvider.register(context, designer), registerDesignerCommands(designer), registerDiagnostics(context));
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(registerTestCommands(designer));
  }
  log.info(`NN Designer ${context.extension.packageJSON.version as string} activated in the browser`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
