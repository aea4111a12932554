// The designer's commands, all in the "NN Designer" category (see package.json).

import * as vscode from 'vscode';
import type { NnjsonEditorProvider } from '../designerEditor';
import { describeNetwork } from './describe';
import { reportCommandFailure, takeCommandFailures } from './failures';
import { exportDiagram, type ExportOptions } from './exportDiagram';
import { exportNetworkCommand, importNetworkCommand, type ExportArgs, type ImportArgs } from './interop';
import { newNetwork, type NewNetworkArgs } from './newNetwork';
import { openAsJson, openInDesigner } from './open';
import { validateNetwork } from './validate';

/** Logs and shows a command's failure instead of letting it vanish into the console. */
function guarded<A extends unknown[], R>(id: string, run: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      reportCommandFailure(id, error);
      return undefined;
    }
  };
}

export function registerDesignerCommands(provider: NnjsonEditorProvider): vscode.Disposable {
  const commands: [string, (...args: never[]) => Promise<unknown>][] = [
    // From the explorer the first argument is the clicked file, which says nothing about the new network.
    ['nnDesigner.newNetwork', (args?: unknown) => newNetwork(args instanceof vscode.Uri ? {} : (args as NewNetworkArgs | undefined))],
    ['nnDesigner.openInDesigner', (uri?: unknown) => openInDesigner(provider, uri)],
    ['nnDesigner.openAsJson', (uri?: unknown) => openAsJson(provider, uri)],
    ['nnDesigner.describe', (uri?: unknown) => describeNetwork(provider, uri)],
    ['nnDesigner.validate', (uri?: unknown) => validateNetwork(provider, uri)],
    ['nnDesigner.exportDiagram', (uri?: unknown, options?: ExportOptions) => exportDiagram(provider, uri, options)],
    ['nnDesigner.exportNetwork', (uri?: unknown, args?: ExportArgs) => exportNetworkCommand(provider, uri, args)],
    // From the explorer the first argument is the clicked file: import from it when it is a model file.
    ['nnDesigner.importNetwork', (arg?: unknown) => importNetworkCommand(arg instanceof vscode.Uri ? { source: arg } : (arg as ImportArgs | undefined))],
  ];
  return vscode.Disposable.from(...commands.map(([id, run]) => vscode.commands.registerCommand(id, guarded(id, run))));
}

/**
 * Commands for the end-to-end tests only, registered in test mode. They go
 * through the same path as a message from the webview.
 */
export function registerTestCommands(provider: NnjsonEditorProvider): vscode.Disposable {
  const session = async (uri: vscode.Uri | string) => {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    return provider.forUri(target) ?? provider.open(target);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('nnDesigner._test.message', async (uri: vscode.Uri | string, raw: unknown) => (await session(uri)).handleMessage(raw)),
    vscode.commands.registerCommand('nnDesigner._test.applyEdit', async (uri: vscode.Uri | string, edit: unknown, version: unknown) =>
      (await session(uri)).handleMessage({ type: 'edit', edit, version }),
    ),
    vscode.commands.registerCommand('nnDesigner._test.state', async (uri: vscode.Uri | string) => (await session(uri)).state()),
    vscode.commands.registerCommand('nnDesigner._test.commandFailures', () => takeCommandFailures()),
    vscode.commands.registerCommand('nnDesigner._test.whenReady', async (uri: vscode.Uri | string) => (await session(uri)).whenReady()),
  );
}
