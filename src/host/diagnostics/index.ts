// Registers the `.nnjson` diagnostics and their quick fixes, and gives the
// training session one call to show what a run found.

import * as vscode from 'vscode';
import { NnjsonQuickFixes } from './codeActions';
import { NnjsonDiagnostics } from './collection';
import type { TrainingProblem } from './training';

export type { TrainingProblem } from './training';

let active: NnjsonDiagnostics | undefined;

const SELECTOR: vscode.DocumentSelector = [{ language: 'nnjson' }, { pattern: '**/*.nnjson' }];

export function registerDiagnostics(context: vscode.ExtensionContext): vscode.Disposable {
  const diagnostics = new NnjsonDiagnostics();
  active = diagnostics;
  const disposables: vscode.Disposable[] = [
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new NnjsonQuickFixes(diagnostics), NnjsonQuickFixes.metadata),
    { dispose: () => (active = active === diagnostics ? undefined : active) },
  ];
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    disposables.push(
      vscode.commands.registerCommand('nnDesigner._test.reportTrainingProblems', (uri: vscode.Uri | string, problems: TrainingProblem[]) =>
        reportTrainingProblems(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri, problems),
      ),
    );
  }
  return vscode.Disposable.from(...disposables);
}

/**
 * Shows what a training run found (divergence, dead ReLU layers, a learning rate
 * that is too high) on the document, replacing what the last run reported; an
 * empty list clears them. They stay until replaced or the document is closed.
 */
export function reportTrainingProblems(uri: vscode.Uri, problems: readonly TrainingProblem[]): void {
  active?.reportTrainingProblems(uri, problems);
}
