// What the designer shows for a document's text, and what a designer edit
// makes of that text. Pure: the custom editor feeds it document text and
// turns the results into messages and WorkspaceEdits.

import { applyEdit, EditError } from '../model/edits';
import { parameterCount } from '../model/layers';
import { locate } from '../model/locate';
import { withInitializedWeights } from '../model/network';
import { loadModel } from '../model/parse';
import { serializeModel } from '../model/serialize';
import type { DesignerEdit, DocumentState } from '../protocol/webview';
import { errorFixTitles } from './errorFixes';

/**
 * The largest network the designer draws. Above it, filling in and sending
 * every weight would cost the extension host seconds and hundreds of
 * megabytes, and a diagram of millions of links shows nothing a person can read.
 */
export const DESIGNER_MAX_PARAMETERS = 1_000_000;

export function documentState(text: string, version: number, readOnly: boolean, fileName: string): DocumentState {
  const loaded = loadModel(text);
  if (!loaded.ok) {
    const fixes = readOnly ? undefined : errorFixTitles(text, loaded.errors);
    return { model: undefined, errors: loaded.errors, ...(fixes ? { fixes } : {}), version, readOnly, fileName };
  }
  const size = parameterCount(loaded.model);
  if (size > DESIGNER_MAX_PARAMETERS) {
    const where = locate(text, '/layers');
    const message =
      `the network has ${size.toLocaleString('en-US')} parameters; the designer draws networks of up to ` +
      `${DESIGNER_MAX_PARAMETERS.toLocaleString('en-US')}. Open it as JSON, or describe it with "nnjson inspect" (line ${where.line}, column ${where.column})`;
    return { model: undefined, errors: [{ pointer: '/layers', ...where, message }], version, readOnly, fileName };
  }
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
