// The Problems panel for `.nnjson` files: one DiagnosticCollection, refreshed
// when a document opens, ~300 ms after it stops changing (parsing a 2 MB file
// takes ~100 ms), and when a training session reports; cleared when it closes.

import * as vscode from 'vscode';
import { Locator } from '../../model/locate';
import { parseTree } from 'jsonc-parser';
import { resolveDataFile } from '../dataPath';
import { errorMessage, log } from '../log';
import { dataProblems, type ReadResult } from './dataProblems';
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
    const version = document.version;
    const text = document.getText();
    const { problems, model } = modelProblems(text);
    if (model) {
      const pointed = await dataProblems(model, (path) => this.readData(document.uri, path));
      if (pointed.length > 0) {
        const locator = new Locator(text, parseTree(text));
        for (const p of pointed) {
          const where = locator.pointer(p.pointer);
          problems.push({ pointer: p.pointer, offset: where.offset, length: where.length, message: p.message, severity: 'error', code: 'data' });
        }
      }
    }
    problems.push(...locateTrainingProblems(text, this.training.get(document.uri.toString()) ?? []));
    // A newer version is on its way; its own refresh will publish.
    if (document.isClosed || document.version !== version) return;
    this.published.set(document.uri.toString(), { version, problems });
    this.collection.set(document.uri, problems.map((p) => toDiagnostic(document, p, text.length)));
    this.updated.fire(document.uri);
  }

  private async readData(documentUri: vscode.Uri, relativePath: string): Promise<ReadResult> {
    const resolved = await resolveDataFile(documentUri, relativePath, vscode.workspace.workspaceFolders);
    if (!resolved.ok) return { problem: resolved.message };
    try {
      return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(resolved.uri)) };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return { problem: `the data file ${JSON.stringify(relativePath)} does not exist` };
      }
      return { problem: `the data file ${JSON.stringify(relativePath)} cannot be read: ${errorMessage(error)}` };
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.training.delete(key);
    this.published.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}

export function toDiagnostic(document: vscode.TextDocument, problem: Problem, textLength: number): vscode.Diagnostic {
  const { start, end } = visibleRange(problem.offset, problem.length, textLength);
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}
