// One open designer: a webview panel bound to a text document. The document's
// text is the only state; the webview renders whatever `state` it is sent and
// asks for changes with `edit` messages, which become one WorkspaceEdit each.
// The webview never applies an edit itself, so the state that follows every
// document change (ours, undo, or a text editor beside it) keeps both sides
// in step without echo loops.

import * as vscode from 'vscode';
import { acceptWebviewMessage } from '../protocol/validate';
import { assertNever, type DesignerEdit, type DocumentState, type HostToWebview, type TrainingCommand } from '../protocol/webview';
import type { TrainingView } from '../protocol/training';
import { documentState, editedText } from './documentModel';
import { chosenFix } from './errorFixes';
import { getHtml, localResourceRoots } from './html';
import { errorMessage, log } from './log';
import { isReadOnly } from './readOnly';
import { minimalReplacement, withLineEndings } from './textEdit';
import { trainingManager } from './training/registry';
import { reduceSnapshot, reduceView } from './training/summarize';

export type EditOutcome = { applied: true } | { applied: false; reason: string };

const EXPORT_TIMEOUT_MS = 30_000;

export function themeKind(kind: vscode.ColorThemeKind): 'light' | 'dark' | 'highContrast' | 'highContrastLight' {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

export class DesignerSession implements vscode.Disposable {
  readonly readOnly: boolean;
  private readonly disposables: vscode.Disposable[] = [];
  /** Edits run one at a time, so each is computed against the text it will replace. */
  private queue: Promise<unknown> = Promise.resolve();
  private pendingExport: { resolve: (data: string) => void; reject: (e: Error) => void; format: 'svg' | 'png' } | undefined;
  private readyWaiters: (() => void)[] = [];
  private isReady = false;
  /** Epochs of the chart series the webview has: from the last full view plus the deltas since. */
  private seriesSent = 0;
  /** The pointsId of the training points this webview holds (see TrainingView.pointsId). */
  private pointsSent: number | undefined;
  /** Neurons the webview draws per column; large layers are sent as that block and a summary. */
  private visible: number[] | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    onDispose: () => void,
  ) {
    this.readOnly = isReadOnly(document.uri);
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
    panel.webview.html = getHtml(panel.webview, extensionUri, fileName(document.uri));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length > 0) this.postState();
      }),
      vscode.window.onDidChangeActiveColorTheme((theme) => void this.post({ type: 'theme', kind: themeKind(theme.kind) })),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down (no retained context) and says `ready` again when shown.
        if (!panel.visible) this.isReady = false;
      }),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    const training = trainingManager()?.subscribe(document.uri, {
      view: (view) => {
        this.seriesSent = view?.series.loss.length ?? 0;
        void this.post({ type: 'training', view: this.withoutPointsSent(reduceView(view, this.visible)) });
      },
      snapshot: (snapshot) => {
        // Epochs whose snapshots the throttle dropped still belong on the charts.
        const series = trainingManager()?.session(document.uri)?.seriesSince(this.seriesSent);
        if (series) this.seriesSent = series.from - 1 + series.loss.length;
        void this.post({ type: 'trainingSnapshot', snapshot: reduceSnapshot(snapshot, this.visible), ...(series?.loss.length ? { series } : {}) });
      },
    });
    if (training) this.disposables.push(training);
  }

  /** The view without its training points when this webview already has them: they are sent once per webview and session. */
  private withoutPointsSent(view: TrainingView | undefined): TrainingView | undefined {
    if (!view?.points) return view;
    if (view.pointsId !== undefined && view.pointsId === this.pointsSent) {
      const { points: _kept, ...rest } = view;
      return rest;
    }
    this.pointsSent = view.pointsId;
    return view;
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  state(): DocumentState {
    return documentState(this.document.getText(), this.document.version, this.readOnly, fileName(this.document.uri));
  }

  /** Everything from the webview enters here, and is validated before anything else looks at it. */
  async handleMessage(raw: unknown): Promise<EditOutcome | undefined> {
    const message = acceptWebviewMessage(raw, (line) => log().warn(line));
    if (!message) return undefined;
    switch (message.type) {
      case 'ready': {
        this.isReady = true;
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        await this.post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
        this.postState();
        // A webview shown again starts from nothing: hand it the whole session.
        const view = trainingManager()?.view(this.document.uri);
        this.seriesSent = view?.series.loss.length ?? 0;
        this.pointsSent = undefined;
        await this.post({ type: 'training', view: this.withoutPointsSent(reduceView(view, this.visible)) });
        return undefined;
      }
      case 'edit':
        return this.enqueueEdit(message.edit, message.version);
      case 'openAsText':
        await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', this.panel.viewColumn);
        return undefined;
      case 'revealText': {
        // Offsets past the end are clamped by positionAt, so a state older than the text still lands somewhere sensible.
        const start = this.document.positionAt(message.offset);
        const end = this.document.positionAt(message.offset + message.length);
        await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(start, end) });
        return undefined;
      }
      case 'quickFix':
        return this.enqueueFix(message.error, message.fix, message.version);
      case 'exportDiagram':
        if (this.pendingExport?.format === message.format) {
          this.pendingExport.resolve(message.data);
          this.pendingExport = undefined;
        } else {
          log().warn('designer: an exported diagram arrived that nobody asked for');
        }
        return undefined;
      case 'log':
        log()[message.level](`webview: ${message.message}`);
        return undefined;
      case 'training':
        await this.training(message.command);
        return undefined;
      case 'scrubTo': {
        const manager = trainingManager();
        const snapshot = await manager?.scrubTo(this.document.uri, message.epoch).catch(() => undefined);
        if (snapshot) await this.post({ type: 'trainingSnapshot', snapshot: reduceSnapshot(snapshot, this.visible), scrubbed: true });
        // The worker thinned its timeline since the webview's list was made: say so, with what is there.
        else await this.post({ type: 'scrubMissed', epoch: message.epoch, timeline: manager?.view(this.document.uri)?.timeline ?? [] });
        return undefined;
      }
      case 'visibleNeurons':
        this.visible = message.columns;
        return undefined;
      case 'layerDetail': {
        const { dense, epoch } = message;
        const layer = await trainingManager()?.session(this.document.uri)?.layerDetail(dense, epoch).catch(() => undefined);
        await this.post(layer ? { type: 'layerDetail', dense, epoch, layer } : { type: 'layerDetail', dense, epoch });
        return undefined;
      }
      case 'boundaryResolution':
        trainingManager()?.setBoundaryResolution(this.document.uri, message.resolution);
        return undefined;
      default:
        return assertNever(message);
    }
  }

  private async training(command: TrainingCommand): Promise<void> {
    const manager = trainingManager();
    if (!manager) return;
    try {
      if (command === 'apply' && this.readOnly) throw new Error('the document is read-only');
      await manager.command(this.document.uri, command);
    } catch (error) {
      log().error(`designer: training ${command} failed: ${errorMessage(error)}`);
      void vscode.window.showErrorMessage(`NN Designer: ${errorMessage(error)}`);
    }
  }

  enqueueEdit(edit: DesignerEdit, version: number): Promise<EditOutcome> {
    return this.enqueue(() => this.applyEdit(edit, version));
  }

  /** A quick fix from the error panel: fix `fix` of error `error` in the state of `version`. */
  enqueueFix(error: number, fix: number, version: number): Promise<EditOutcome> {
    return this.enqueue(() => this.applyFix(error, fix, version));
  }

  private enqueue(task: () => Promise<EditOutcome>): Promise<EditOutcome> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private refuse(what: string, reason: string): EditOutcome {
    log().warn(`designer: ${what} refused: ${reason}`);
    // The webview may be showing something older than the document; bring it up to date.
    this.postState();
    return { applied: false, reason };
  }

  private async applyFix(error: number, fix: number, version: number): Promise<EditOutcome> {
    if (this.readOnly) return this.refuse('quick fix', 'the document is read-only');
    if (version !== this.document.version) {
      return this.refuse('quick fix', `it was chosen in version ${version} but the document is at version ${this.document.version}`);
    }
    const oldText = this.document.getText();
    const chosen = chosenFix(oldText, error, fix);
    if (!chosen) return this.refuse('quick fix', `error ${error} has no fix ${fix}`);
    const outcome = await this.replaceText(oldText, chosen.text);
    if (!outcome.applied) return this.refuse('quick fix', outcome.reason);
    log().info(`designer: quick fix "${chosen.title}" applied to ${fileName(this.document.uri)}`);
    return outcome;
  }

  /** Turns `oldText` into `newText` with one WorkspaceEdit of the span that differs. */
  private async replaceText(oldText: string, newText: string): Promise<EditOutcome> {
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const change = minimalReplacement(oldText, withLineEndings(newText, eol));
    if (!change) return { applied: true };
    const workspaceEdit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(this.document.positionAt(change.start), this.document.positionAt(change.end));
    workspaceEdit.replace(this.document.uri, range, change.text);
    const ok = await vscode.workspace.applyEdit(workspaceEdit);
    return ok ? { applied: true } : { applied: false, reason: 'VS Code did not apply the edit' };
  }

  private async applyEdit(edit: DesignerEdit, version: number): Promise<EditOutcome> {
    const refuse = (reason: string): EditOutcome => this.refuse(edit.kind, reason);
    if (this.readOnly) return refuse('the document is read-only');
    if (version !== this.document.version) {
      return refuse(`it was made against version ${version} but the document is at version ${this.document.version}`);
    }
    const oldText = this.document.getText();
    const result = editedText(oldText, edit);
    if (!result.ok) {
      void vscode.window.showWarningMessage(`NN Designer: ${result.message}`);
      return refuse(result.message);
    }
    const outcome = await this.replaceText(oldText, result.text);
    if (!outcome.applied) return refuse(outcome.reason);
    log().info(`designer: ${edit.kind} applied to ${fileName(this.document.uri)}`);
    return { applied: true };
  }

  /** Resolves once the webview has loaded and asked for the state. */
  whenReady(): Promise<void> {
    return this.isReady ? Promise.resolve() : new Promise<void>((resolve) => this.readyWaiters.push(resolve));
  }

  /** Asks the webview for the diagram as SVG markup or a PNG data URL. */
  async requestExport(format: 'svg' | 'png'): Promise<string> {
    this.pendingExport?.reject(new Error('superseded by a newer export'));
    if (!this.isReady) this.panel.reveal(undefined, false);
    await this.whenReady();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingExport = undefined;
        reject(new Error('the designer did not send the diagram in time'));
      }, EXPORT_TIMEOUT_MS);
      this.pendingExport = {
        format,
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      void this.post({ type: 'requestExport', format });
    });
  }

  private postState(): void {
    void this.post({ type: 'state', state: this.state() });
  }

  private async post(message: HostToWebview): Promise<void> {
    try {
      await this.panel.webview.postMessage(message);
    } catch (error) {
      // Posting to a disposed webview throws; the panel is going away anyway.
      log().debug(`designer: could not post ${message.type}: ${errorMessage(error)}`);
    }
  }

  dispose(): void {
    this.pendingExport?.reject(new Error('the designer was closed'));
    this.pendingExport = undefined;
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}
