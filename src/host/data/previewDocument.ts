// The read-only document that shows a data file's first rows beside the
// editor while "Choose Training Data…" asks for its columns. Its text lives in
// memory under a scheme of our own, so VS Code never offers to save it, and
// its tab is closed again when the columns are chosen.

import * as vscode from 'vscode';
import { errorMessage, log } from '../log';

export const PREVIEW_SCHEME = 'nndesigner-data-preview';

/** A preview on screen; `close` resolves once its tab is gone. */
export interface ShownPreview {
  close(): Promise<void>;
}

export type ShowPreview = (fileLabel: string, text: string) => Promise<ShownPreview>;

class PreviewTexts implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}

/** Registers the scheme; `show` opens a preview beside the active editor without taking the focus from the questions. */
export function registerDataPreview(): { show: ShowPreview; registration: vscode.Disposable } {
  const texts = new PreviewTexts();
  const registration = vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, texts), texts);
  const show: ShowPreview = async (fileLabel, text) => {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${fileLabel} (first rows)` });
    texts.set(uri, text);
    const done: ShownPreview = {
      async close() {
        texts.delete(uri);
        await closeTabsOf(uri).catch((error) => log().warn(`data: closing the preview of ${fileLabel}: ${errorMessage(error)}`));
      },
    };
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    } catch (error) {
      // The questions work without the preview; say why it is missing and go on.
      log().warn(`data: the preview of ${fileLabel} could not be shown: ${errorMessage(error)}`);
    }
    return done;
  };
  return { show, registration };
}
