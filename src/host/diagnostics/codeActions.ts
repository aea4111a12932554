// Quick fixes in the text editor's light bulb and the Problems panel, for the
// diagnostics NnjsonDiagnostics published. Each fix is one minimal text edit.

import * as vscode from 'vscode';
import { minimalReplacement } from '../textEdit';
import { DIAGNOSTIC_SOURCE, toDiagnostic, type NnjsonDiagnostics } from './collection';
import { quickFixes } from './fixes';

export class NnjsonQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: NnjsonDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const problem of this.diagnostics.problemsFor(document)) {
      // The diagnostics in the context are copies: match them by place and message.
      const published = toDiagnostic(document, problem, text.length);
      const diagnostic = ours.find((d) => d.range.isEqual(published.range) && d.message === published.message);
      if (!diagnostic) continue;
      for (const fix of quickFixes(text, problem)) {
        const change = minimalReplacement(text, fix.text);
        if (!change) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }
}
