// "NN Designer: Validate Network": says "valid", or lists every problem with
// its line in the log and offers to open the text at the first one.

import * as vscode from 'vscode';
import { parameterCount } from '../../model/layers';
import { loadModel } from '../../model/parse';
import type { ModelError } from '../../model/types';
import type { NnjsonEditorProvider } from '../designerEditor';
import { fileName } from '../designerSession';
import { log } from '../log';
import { targetText, targetUri } from './target';

export type ValidateResult = { valid: true } | { valid: false; errors: ModelError[] };

export async function validateNetwork(provider: NnjsonEditorProvider, arg?: unknown): Promise<ValidateResult | undefined> {
  const uri = await targetUri(provider, arg);
  if (!uri) return undefined;
  const name = fileName(uri);
  const loaded = loadModel(await targetText(uri));
  if (loaded.ok) {
    const dense = loaded.model.layers.filter((l) => l.type === 'dense').length;
    void vscode.window.showInformationMessage(
      `${name} is valid: ${dense} Dense layer${dense === 1 ? '' : 's'}, ${parameterCount(loaded.model)} parameters.`,
    );
    return { valid: true };
  }
  const { errors } = loaded;
  log().warn(`${name}: ${errors.length} problem(s)`);
  for (const e of errors) log().warn(`  ${name}:${e.line}:${e.column} ${e.message}`);
  void vscode.window
    .showErrorMessage(`${name} has ${errors.length} problem(s). ${errors[0].message}`, 'Show All', 'Go to First')
    .then(async (choice) => {
      if (choice === 'Show All') log().show(true);
      if (choice === 'Go to First') {
        const doc = await vscode.workspace.openTextDocument(uri);
        const start = doc.positionAt(errors[0].offset);
        const end = doc.positionAt(errors[0].offset + errors[0].length);
        await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, end) });
      }
    });
  return { valid: false, errors };
}
