// The quick fixes the designer's error panel offers for a file that does not
// load: the same fixes as the text editor's light bulb (diagnostics/fixes.ts),
// so a new user who opens a broken file can repair it without the text.
// Pure: the designer session turns the chosen fix into one WorkspaceEdit.

import { loadModel } from '../model/parse';
import type { ModelError } from '../model/types';
import { quickFixes, type QuickFix } from './diagnostics/fixes';
import { fromModelError } from './diagnostics/problems';

/** Errors whose fixes are worked out; each costs a parse of the whole text, and a long list has other troubles first. */
export const MAX_FIXED_ERRORS = 20;

/** Only a Dense layer's weights or bias have obvious fixes in a file that does not load (see `quickFixes`). */
const FIXABLE = /^\/layers\/\d+\/(weights|bias)(\/|$)/;

/** The fixes for each error, in the order of `errors`; an empty list where none applies. */
export function errorFixes(text: string, errors: readonly ModelError[]): QuickFix[][] {
  return errors.map((error, k) =>
    k < MAX_FIXED_ERRORS && FIXABLE.test(error.pointer) ? quickFixes(text, fromModelError(error, 'error')).filter((f) => f.text !== text) : [],
  );
}

/** Their titles, for the webview; undefined when no error has a fix, so states without fixes stay as they were. */
export function errorFixTitles(text: string, errors: readonly ModelError[]): string[][] | undefined {
  const fixes = errorFixes(text, errors).map((list) => list.map((f) => f.title));
  return fixes.some((list) => list.length > 0) ? fixes : undefined;
}

/** Fix `fix` of error `error` of this text, as the designer offered it; undefined when the text has no such fix. */
export function chosenFix(text: string, error: number, fix: number): QuickFix | undefined {
  const loaded = loadModel(text);
  if (loaded.ok || error >= loaded.errors.length) return undefined;
  return errorFixes(text, loaded.errors)[error]?.[fix];
}
