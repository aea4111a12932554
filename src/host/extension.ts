// The extension's entry point on the desktop (and wherever the extension host
// runs on Node): training runs in a worker_threads worker.

import * as vscode from 'vscode';
import { activateFeatures } from './activate';
import { nodeWorkerFactory } from './training/nodeWorker';

export function activate(context: vscode.ExtensionContext): void {
  activateFeatures(context, nodeWorkerFactory(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath), 'on Node');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
