// "NN Designer: Export Diagram as SVG/PNG": the webview draws the diagram
// (it owns the rendering and the theme colours), the host asks where to save
// it and writes the file.

import * as vscode from 'vscode';
import type { NnjsonEditorProvider } from '../designerEditor';
import { errorMessage, log } from '../log';
import { imageBytes, type ImageFormat as Format } from './imageBytes';
import { targetUri } from './target';

export interface ExportOptions {
  format?: Format;
  /** Where to write; when absent the user is asked. */
  destination?: vscode.Uri;
}

async function pickFormat(): Promise<Format | undefined> {
  const items: (vscode.QuickPickItem & { format: Format })[] = [
    { label: 'SVG', description: 'scalable, editable vector image', format: 'svg' },
    { label: 'PNG', description: 'bitmap image', format: 'png' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Export Diagram', placeHolder: 'Image format' }))?.format;
}

function defaultDestination(uri: vscode.Uri, format: Format): vscode.Uri | undefined {
  if (uri.scheme === 'untitled') return vscode.workspace.workspaceFolders?.[0]?.uri;
  return uri.with({ path: uri.path.replace(/\.nnjson$/i, '') + `.${format}` });
}

export async function exportDiagram(provider: NnjsonEditorProvider, arg?: unknown, options: ExportOptions = {}): Promise<vscode.Uri | undefined> {
  const uri = await targetUri(provider, arg);
  if (!uri) return undefined;
  const format = options.format ?? (await pickFormat());
  if (!format) return undefined;
  try {
    const data = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Drawing the diagram as ${format.toUpperCase()}…` },
      async () => (await provider.open(uri)).requestExport(format),
    );
    const destination =
      options.destination ??
      (await vscode.window.showSaveDialog({
        defaultUri: defaultDestination(uri, format),
        filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        saveLabel: 'Export',
      }));
    if (!destination) return undefined;
    await vscode.workspace.fs.writeFile(destination, imageBytes(format, data));
    log().info(`exported the diagram to ${destination.toString()}`);
    return destination;
  } catch (error) {
    log().error(`export failed: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage(`NN Designer: could not export the diagram: ${errorMessage(error)}`);
    return undefined;
  }
}
