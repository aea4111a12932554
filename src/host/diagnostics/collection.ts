// The Problems panel for `.nnjson` files: one DiagnosticCollection, refreshed
// when a document opens, ~300 ms after it stops changing (parsing a 2 MB file
// takes ~100 ms), and when a training session reports; cleared when it closes.
// A data file is parsed again only when it or the mapping changed, in chunks,
// and the other problems are published without waiting for it.

import * as vscode from 'vscode';
import { Locator } from '../../model/locate';
import { parseTree } from 'jsonc-parser';
import { errorMessage, log } from '../log';
import { workspaceDataAccess } from './dataAccess';
import { DataFileChecker, type DataCheck, type PointedProblem } from './dataProblems';
import { modelProblems, visibleRange, type Problem } from './problems';
import { locateTrainingProblems, type TrainingProblem } from './training';

export const DIAGNOSTIC_SOURCE = 'NN Designer';
const DEBOUNCE_MS = 300;

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function isNnjson(document: vscode.TextDocument): boolean {
  return document.languageId === 'nnjson' || document.uri.path.toLowerCase().endsWith('.nnjson');
}

export class NnjsonDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('nnjson');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly training = new Map<string, TrainingProblem[]>();
  /** The problems behind the published diagnostics, for the quick fixes. */
  private readonly published = new Map<string, { version: number; problems: Problem[] }>();
  /** Counts the refreshes of each document, so only the latest one publishes. */
  private readonly generations = new Map<string, number>();
  /** Data files parsed for the diagnostics, kept by stamp and mapping. */
  private readonly data = new DataFileChecker();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after the diagnostics of a document have been published. */
  readonly onDidUpdate = this.updated.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.collection,
      this.updated,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d, 0));
  }

  /** Replaces the training problems shown for `uri`; an empty list clears them. */
  reportTrainingProblems(uri: vscode.Uri, problems: readonly TrainingProblem[]): void {
    const key = uri.toString();
    if (problems.length === 0) this.training.delete(key);
    else this.training.set(key, [...problems]);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (document) this.schedule(document, 0);
  }

  /** The problems published for this version of the document, if they are current. */
  problemsFor(document: vscode.TextDocument): Problem[] {
    const entry = this.published.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.problems : [];
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isNnjson(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.refresh(document).catch((error) => log().error(`diagnostics: ${document.uri.path}: ${errorMessage(error)}`));
    }, delay));
  }

  private async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const version = document.version;
    const text = document.getText();
    const { problems, model } = modelProblems(text);
    const training = locateTrainingProblems(text, this.training.get(key) ?? [], model?.training.optimizer.learningRate);
    const check: DataCheck = model ? await this.data.check(model, workspaceDataAccess(document.uri)) : { done: [] };
    const publish = (data: PointedProblem[]): void => {
      // A newer version or a newer refresh is on its way; it publishes for itself.
      if (document.isClosed || document.version !== version || this.generations.get(key) !== generation) return;
      const all = [...problems, ...locatedData(text, data), ...training];
      this.published.set(key, { version, problems: all });
      this.collection.set(document.uri, all.map((p) => toDiagnostic(document, p, text.length)));
      this.updated.fire(document.uri);
    };
    if ('done' in check) {
      publish(check.done);
      return;
    }
    // The data file changed and is being read in chunks: the rest is shown now, its problems when the read ends.
    publish([]);
    publish(await check.pending);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.training.delete(key);
    this.published.delete(key);
    this.generations.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}

/** Data problems located by their pointers into the network's text. */
function locatedData(text: string, data: PointedProblem[]): Problem[] {
  if (data.length === 0) return [];
  const locator = new Locator(text, parseTree(text));
  return data.map((p) => {
    const where = locator.pointer(p.pointer);
    return { pointer: p.pointer, offset: where.offset, length: where.length, message: p.message, severity: 'error', code: 'data' };
  });
}

export function toDiagnostic(document: vscode.TextDocument, problem: Problem, textLength: number): vscode.Diagnostic {
  const { start, end } = visibleRange(problem.offset, problem.length, textLength);
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}
