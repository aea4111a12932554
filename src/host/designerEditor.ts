// The `.nnjson` custom editor. It keeps track of the open designers so that
// commands can act on the active one.

import * as vscode from 'vscode';
import { DesignerSession } from './designerSession';

export class NnjsonEditorProvider implements vscode.CustomTextEditorProvider {
  static readonly viewType = 'nnDesigner.editor';
  private readonly sessions = new Set<DesignerSession>();
  private readonly opened = new vscode.EventEmitter<DesignerSession>();
  /** Fires when a designer has been set up for a document. */
  readonly onDidOpen = this.opened.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  static register(context: vscode.ExtensionContext, provider = new NnjsonEditorProvider(context.extensionUri)): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(NnjsonEditorProvider.viewType, provider, {
        // The webview rebuilds from `ready`, so nothing needs to live while it is hidden.
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      }),
      provider.opened,
    );
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new DesignerSession(document, panel, this.extensionUri, () => this.sessions.delete(session));
    this.sessions.add(session);
    this.opened.fire(session);
  }

  /** The designer the user is looking at, if any. */
  active(): DesignerSession | undefined {
    for (const s of this.sessions) if (s.panel.active) return s;
    return undefined;
  }

  /** An open designer for the document, preferring a visible one. */
  forUri(uri: vscode.Uri): DesignerSession | undefined {
    const key = uri.toString();
    const matching = [...this.sessions].filter((s) => s.uri.toString() === key);
    return matching.find((s) => s.panel.active) ?? matching.find((s) => s.panel.visible) ?? matching[0];
  }

  /** Opens the document in the designer (or reveals it) and returns its session. */
  async open(uri: vscode.Uri): Promise<DesignerSession> {
    const existing = this.forUri(uri);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const next = new Promise<DesignerSession>((resolve) => {
      const sub = this.onDidOpen((s) => {
        if (s.uri.toString() === uri.toString()) {
          sub.dispose();
          resolve(s);
        }
      });
    });
    await vscode.commands.executeCommand('vscode.openWith', uri, NnjsonEditorProvider.viewType);
    return next;
  }
}
