// The extension's entry point on the desktop (and wherever the extension host
// runs on Node): training runs in a worker_threads worker.

import * as vscode from 'vscode';
import { activateFeatures } from './activate';
import { nodeWorkerFactory, WORKER_HEAP_MB } from './training/nodeWorker';

export function activate(context: vscode.ExtensionContext): void {
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  const heapMb = () => vscode.workspace.getConfiguration('nnDesigner.training').get<number>('workerMemoryMb', WORKER_HEAP_MB);
  activateFeatures(context, nodeWorkerFactory(workerPath, heapMb), 'on Node');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
