// The extension's one LogOutputChannel, shown as "NN Designer" in the Output
// panel. Every host module logs through `log()` so messages land in one place.

import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** Creates the channel once and ties its lifetime to the extension. */
export function initLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  if (!channel) {
    channel = vscode.window.createOutputChannel('NN Designer', { log: true });
    context.subscriptions.push(channel, { dispose: () => (channel = undefined) });
  }
  return channel;
}

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('NN Designer', { log: true });
  return channel;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
