// Owns the training sessions, one per document, and ties them to VS Code:
// the worker (started by the factory the entry point hands in), the designers
// that show a session, logging, warnings, Apply as one undoable edit,
// apply-on-save, pacing settings changed while a session runs, and the end of
// a session when its document or its last designer closes.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadModel } from '../../model/parse';
import type { NnModel } from '../../model/types';
import type { TrainingSnapshot, TrainingView } from '../../protocol/training';
import type { TrainingCommand } from '../../protocol/webview';
import { log } from '../log';
import { minimalReplacement, withLineEndings } from '../textEdit';
import { shapeKey, trainedText } from './apply';
import { trainingConfig } from './config';
import { feedWorker } from './dataFeed';
import { dataDelivery, dataUri, statusBarProgress } from './files';
import { livenessLimitMs } from './liveness';
import { estimateSessionMemory, memoryRefusal } from './memory';
import { TrainingSession, type WorkerPort } from './session';
import type { WorkerFactory } from './workerFactory';
import { reportTrainingProblems } from '../diagnostics';
import { trainingProblems } from './problems';

export interface TrainingListener {
  view(view: TrainingView | undefined): void;
  snapshot(snapshot: TrainingSnapshot): void;
}

interface Entry {
  uri: vscode.Uri;
  session: TrainingSession;
  shape: string;
  /** Epochs of this session already written to the document by Apply. */
  applied: number;
  /** The document's layers changed under the session; it must not train on. */
  stale: boolean;
  listeners: Set<TrainingListener>;
  holders: number;
}

export interface SessionChange {
  uri: vscode.Uri;
  view: TrainingView | undefined;
  snapshot?: TrainingSnapshot;
}

/** How the question after a change of the layers is answered. */
export type RestartAnswer = 'Restart' | 'Discard' | undefined;

export class TrainingManager implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  /** Status changes and throttled snapshots of every session. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** For tests: the answer to the next restart question, instead of asking. */
  private scriptedRestart: { answer: RestartAnswer } | undefined;

  constructor(private readonly workers: WorkerFactory) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidCloseTextDocument((doc) => this.documentClosed(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) void this.documentChanged(e.document);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
      vscode.workspace.onWillSaveTextDocument((e) => {
        const entry = this.entries.get(e.document.uri.toString());
        if (entry && trainingConfig(e.document.uri).applyOnSave && !entry.stale) e.waitUntil(this.saveEdits(e.document, entry));
      }),
    );
  }

  view(uri: vscode.Uri): TrainingView | undefined {
    return this.entries.get(uri.toString())?.session.view();
  }

  session(uri: vscode.Uri): TrainingSession | undefined {
    return this.entries.get(uri.toString())?.session;
  }

  /** A designer showing the document's session; the session ends when the last one leaves and nothing else holds it. */
  subscribe(uri: vscode.Uri, listener: TrainingListener): vscode.Disposable {
    const key = uri.toString();
    const listeners = this.listenersFor(key);
    listeners.add(listener);
    return new vscode.Disposable(() => {
      listeners.delete(listener);
      const entry = this.entries.get(key);
      if (listeners.size === 0) this.pendingListeners.delete(key);
      if (entry && entry.listeners.size === 0 && entry.holders === 0) this.discard(uri);
    });
  }

  /**
   * Keeps a session alive without a designer and without its document (the command-palette flow).
   * The hold is on the document's session, whichever it is when released: a restart replaces the session but keeps its holders.
   */
  hold(uri: vscode.Uri): vscode.Disposable {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return new vscode.Disposable(() => undefined);
    entry.holders++;
    let released = false;
    return new vscode.Disposable(() => {
      const current = this.entries.get(key);
      if (released || !current) return;
      released = true;
      current.holders = Math.max(0, current.holders - 1);
    });
  }

  async command(uri: vscode.Uri, command: TrainingCommand): Promise<void> {
    const key = uri.toString();
    let entry = this.entries.get(key);
    switch (command) {
      case 'apply':
        await this.apply(uri);
        return;
      case 'discard':
        this.discard(uri);
        return;
      case 'pause':
      case 'stop':
        if (entry && !entry.session.isEnded) entry.session.command(command);
        return;
      case 'reset':
        if (!entry || entry.session.isEnded || entry.stale) {
          entry = await this.create(uri);
          entry.session.start();
        } else {
          entry.applied = 0;
          entry.session.command('reset');
        }
        return;
      case 'train':
      case 'resume':
      case 'stepEpoch':
      case 'stepBatch':
        if (!entry || entry.session.isEnded || entry.stale) entry = await this.create(uri);
        entry.session.command(command);
        return;
    }
  }

  async scrubTo(uri: vscode.Uri, epoch: number): Promise<TrainingSnapshot | undefined> {
    return this.entries.get(uri.toString())?.session.scrubTo(epoch);
  }

  setBoundaryResolution(uri: vscode.Uri, resolution: number): void {
    this.entries.get(uri.toString())?.session.setBoundaryResolution(resolution);
  }

  /** Writes the trained weights and history into the document as one undoable edit. */
  async apply(uri: vscode.Uri): Promise<boolean> {
    const entry = this.entries.get(uri.toString());
    if (!entry) throw new Error('there is no training session for this network; train it first');
    if (entry.stale) throw new Error('the network\'s layers changed since training started; train again before applying');
    const document = await vscode.workspace.openTextDocument(uri);
    const edits = await this.saveEdits(document, entry);
    if (edits.length === 0) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the trained weights');
    log().info(`training: applied the trained weights to ${path.basename(uri.path)}`);
    return true;
  }

  /** For tests: the next restart question gets `answer`. */
  scriptRestartAnswer(answer: RestartAnswer): void {
    this.scriptedRestart = { answer };
  }

  /**
   * VS Code closes a document nobody shows a few minutes after an extension opened it, as the
   * command-palette flow does; a held session goes on (Apply opens the document again).
   */
  private documentClosed(uri: vscode.Uri): void {
    const entry = this.entries.get(uri.toString());
    if (entry && entry.holders > 0) {
      log().info(`training ${path.basename(uri.path)}: the document was closed; the command-palette run goes on`);
      return;
    }
    this.discard(uri);
  }

  discard(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    entry.session.dispose();
    for (const l of entry.listeners) l.view(undefined);
    this.changed.fire({ uri, view: undefined });
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.session.dispose();
    this.entries.clear();
    this.disposables.splice(0).forEach((d) => d.dispose());
  }

  /** Listeners may subscribe before a session exists; they are kept here until one does. */
  private readonly pendingListeners = new Map<string, Set<TrainingListener>>();

  private listenersFor(key: string): Set<TrainingListener> {
    const entry = this.entries.get(key);
    if (entry) return entry.listeners;
    let set = this.pendingListeners.get(key);
    if (!set) this.pendingListeners.set(key, (set = new Set()));
    return set;
  }

  private async create(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const document = await vscode.workspace.openTextDocument(uri);
    const loaded = loadModel(document.getText());
    if (!loaded.ok) throw new Error(`${path.basename(uri.path)} has errors; fix them before training (${loaded.errors[0]?.message ?? 'invalid'})`);
    const model: NnModel = loaded.model;
    const delivery = await dataDelivery(uri, model, this.workers.readsDisk === true);
    const config = trainingConfig(uri);
    const name = path.basename(uri.path);
    // Weights, gradients and data are typed arrays outside the worker's heap limit: refuse what would not fit before starting.
    const dataFileBytes = model.data?.source === 'file' ? (await vscode.workspace.fs.stat(await dataUri(uri, model.data.path))).size : undefined;
    const estimate = estimateSessionMemory(model, { keepRecentEpochs: config.keepRecentEpochs, keepEveryNth: config.keepEveryNth, dataFileBytes });
    const refusal = memoryRefusal(name, estimate, config.workerMemoryMb);
    if (refusal) {
      log().warn(`training: ${refusal}`);
      throw new Error(refusal);
    }
    const previous = this.entries.get(key);
    const listeners = previous?.listeners ?? this.listenersFor(key);
    previous?.session.dispose();
    const entry: Entry = { uri, session: undefined as unknown as TrainingSession, shape: shapeKey(model), applied: 0, stale: false, listeners, holders: previous?.holders ?? 0 };
    entry.session = new TrainingSession(
      () => feedWorker(this.startWorker(name), delivery, statusBarProgress(name)),
      {
        model,
        data: delivery.feed,
        boundaryResolution: config.boundaryResolution,
        stream: true,
        snapshotIntervalMs: 1000 / config.updatesPerSecond,
        keepRecentEpochs: config.keepRecentEpochs,
        keepEveryNth: config.keepEveryNth,
        epochsPerSecond: config.maxEpochsPerSecond,
      },
      {
        updatesPerSecond: config.updatesPerSecond,
        livenessMs: livenessLimitMs(estimate.parameters, model.training.batchSize),
      },
      {
        view: (view) => {
          if (this.entries.get(key) !== entry) return;
          if (view.status === 'failed') this.reportFailure(name, view.message);
          // What the run found goes to the Problems panel whenever it stops, replacing the last run's findings.
          if (view.status !== 'running' && view.status !== 'idle') reportTrainingProblems(uri, trainingProblems(model, view));
          for (const l of listeners) l.view(view);
          this.changed.fire({ uri, view });
        },
        snapshot: (snapshot) => {
          for (const l of listeners) l.snapshot(snapshot);
          this.changed.fire({ uri, view: undefined, snapshot });
        },
        log: {
          wantsDebug: () => log().logLevel !== vscode.LogLevel.Off && log().logLevel <= vscode.LogLevel.Debug,
          debug: (message) => log().debug(`training ${name} ${message}`),
          error: (message) => log().error(`training ${name} ${message}`),
        },
        divergence: (message) => {
          log().warn(`training ${name}: ${message}`);
          // A command-palette run ends with its own message, which offers the lower rate.
          if (entry.holders === 0) void vscode.window.showWarningMessage(`NN Designer: ${message}`);
        },
      },
    );
    this.entries.set(key, entry);
    this.pendingListeners.delete(key);
    log().info(`training: session for ${name} (${model.training.epochs} epochs)`);
    return entry;
  }

  /** The pacing settings reach the sessions that run; the other settings apply from the next session on. */
  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    for (const { uri, session } of this.entries.values()) {
      if (session.isEnded) continue;
      if (!e.affectsConfiguration('nnDesigner.training.maxEpochsPerSecond', uri) && !e.affectsConfiguration('nnDesigner.training.updatesPerSecond', uri)) continue;
      const { updatesPerSecond, maxEpochsPerSecond } = trainingConfig(uri);
      session.setPace(updatesPerSecond, maxEpochsPerSecond);
      const epochs = maxEpochsPerSecond > 0 ? `at most ${maxEpochsPerSecond} epochs` : 'epochs at full speed';
      log().info(`training ${path.basename(uri.path)}: now ${epochs} and ${updatesPerSecond} designer updates a second`);
    }
  }

  private startWorker(name: string): WorkerPort {
    log().debug(`training ${name}: starting the worker`);
    return this.workers(name);
  }

  /** The session has logged the failure; the user is told here. */
  private reportFailure(name: string, message: string | undefined): void {
    void vscode.window.showErrorMessage(`NN Designer: training ${name} failed: ${message ?? 'unknown error'}`);
  }

  /** The text edits that write the session's weights into the document. */
  private async saveEdits(document: vscode.TextDocument, entry: Entry): Promise<vscode.TextEdit[]> {
    const parameters = await entry.session.parameters();
    const text = document.getText();
    const result = trainedText(text, parameters, entry.applied);
    if (!result.ok) throw new Error(result.message);
    entry.applied = parameters.history.loss.length;
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const change = minimalReplacement(text, withLineEndings(result.text, eol));
    if (!change) return [];
    return [vscode.TextEdit.replace(new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text)];
  }

  /** Never mix shapes: an edit of the layers pauses the session and asks what to do. */
  private async documentChanged(document: vscode.TextDocument): Promise<void> {
    const entry = this.entries.get(document.uri.toString());
    if (!entry || entry.stale || entry.session.isEnded) return;
    const loaded = loadModel(document.getText());
    if (!loaded.ok || shapeKey(loaded.model) === entry.shape) return;
    entry.stale = true;
    entry.session.command('pause');
    const scripted = this.scriptedRestart;
    this.scriptedRestart = undefined;
    const answer: RestartAnswer = scripted
      ? scripted.answer
      : await vscode.window.showWarningMessage(
          `NN Designer: the layers of ${path.basename(document.uri.path)} changed, so the running training no longer fits. Restart training with the new layers?`,
          'Restart',
          'Discard',
        );
    if (this.entries.get(document.uri.toString()) !== entry) return;
    if (answer === 'Restart') await this.command(document.uri, 'train');
    else if (answer === 'Discard') this.discard(document.uri);
  }
}
