// What the designer shows for a document's text, and what a designer edit
// makes of that text. Pure: the custom editor feeds it document text and
// turns the results into messages and WorkspaceEdits.

import { applyEdit, EditError } from '../model/edits';
import { withInitializedWeights } from '../model/network';
import { loadModel } from '../model/parse';
import { serializeModel } from '../model/serialize';
import type { DesignerEdit, DocumentState } from '../protocol/webview';

export function documentState(text: string, version: number, readOnly: boolean, fileName: string): DocumentState {
  const loaded = loadModel(text);
  if (!loaded.ok) return { model: undefined, errors: loaded.errors, version, readOnly, fileName };
  return { model: withInitializedWeights(loaded.model), errors: [], version, readOnly, fileName };
}

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * The canonical text after a designer edit. Refused when the text does not
 * load (the viewer never rewrites a file it cannot read), when the edit does
 * not fit the model, or when the result would not load again.
 */
export function editedText(text: string, edit: DesignerEdit): EditResult {
  const loaded = loadModel(text);
  if (!loaded.ok) return { ok: false, message: 'the file has errors; fix them in the text editor first' };
  let next: string;
  try {
    next = serializeModel(applyEdit(loaded.model, edit));
  } catch (error) {
    if (error instanceof EditError || error instanceof RangeError) return { ok: false, message: error.message };
    throw error;
  }
  const check = loadModel(next);
  if (!check.ok) return { ok: false, message: check.errors[0]?.message ?? 'the edited network is not valid' };
  return { ok: true, text: next };
}
