// The extension's entry point on the desktop (and wherever the extension host
// runs on Node): training runs in a worker_threads worker.

import * as vscode from 'vscode';
import { realpath } from 'node:fs/promises';
import { activateFeatures } from './activate';
import { useRealPath } from './dataPath';
import { clampWorkerMemoryMb } from './training/memory';
import { nodeWorkerFactory } from './training/nodeWorker';

export function activate(context: vscode.ExtensionContext): void {
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  // A value out of bounds (0, -1, a string, 1e9) would make worker_threads fail or the limit meaningless.
  const heapMb = () => clampWorkerMemoryMb(vscode.workspace.getConfiguration('nnDesigner.training').get<unknown>('workerMemoryMb'));
  // Data files are confined to the network's folder by where they really are, links followed.
  useRealPath(async (uri) => (uri.scheme === 'file' ? realpath(uri.fsPath) : undefined));
  activateFeatures(context, nodeWorkerFactory(workerPath, heapMb), 'on Node');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
