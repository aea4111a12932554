import * as vscode from 'vscode';

/** The extension's single log, shown as "NN Designer" in the Output panel. */
let log: vscode.LogOutputChannel | undefined;

export function activate(context: vscode.ExtensionContext): void {
  log = vscode.window.createOutputChannel('NN Designer', { log: true });
  context.subscriptions.push(log);
  log.info(`NN Designer ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {
  log = undefined;
}
