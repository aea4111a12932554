// The entry point in VS Code for the Web, where the extension host is a Web
// Worker: the same features as extension.ts. Training runs in a nested Web
// Worker (dist/worker.web.js, see web/workerPort.ts) and files are read
// through vscode.workspace.fs; esbuild.mjs maps the few Node modules the
// shared host code names to the browser stand-ins in web/.

import type * as vscode from 'vscode';
import { activateFeatures } from './activate';
import { webWorkerFactory } from './web/workerPort';

export function activate(context: vscode.ExtensionContext): void {
  activateFeatures(context, webWorkerFactory(context.extensionUri), 'in the browser');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
