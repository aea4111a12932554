// The quick fixes the designer's error panel offers for a file that does not
// load: the same fixes as the text editor's light bulb (diagnostics/fixes.ts),
// so a new user who opens a broken file can repair it without the text.
// Pure: the designer session turns the chosen fix into one WorkspaceEdit.
// The state is rebuilt on every change of the text, so the titles come from
// one parse and no fix's text is made until one is chosen.

import { loadModel } from '../model/parse';
import type { ModelError } from '../model/types';
import { fixPlans, parseDocument, type FixPlan, type QuickFix } from './diagnostics/fixes';
import { fromModelError } from './diagnostics/problems';

/** Errors whose fixes are worked out; a long list has other troubles first. */
export const MAX_FIXED_ERRORS = 20;

/** Only a Dense layer's weights or bias have obvious fixes in a file that does not load (see `fixPlans`). */
const FIXABLE = /^\/layers\/\d+\/(weights|bias)(\/|$)/;

/** The fix plans for each error, in the order of `errors`; an empty list where none applies. The text is parsed only if some error may have a fix. */
function errorPlans(text: string, errors: readonly ModelError[]): FixPlan[][] {
  const fixable = (error: ModelError, k: number) => k < MAX_FIXED_ERRORS && FIXABLE.test(error.pointer);
  const doc = errors.some(fixable) ? parseDocument(text) : undefined;
  return errors.map((error, k) => (doc && fixable(error, k) ? fixPlans(doc, fromModelError(error, 'error')) : []));
}

/** The titles of each error's fixes, for the webview; undefined when no error has a fix, so states without fixes stay as they were. */
export function errorFixTitles(text: string, errors: readonly ModelError[]): string[][] | undefined {
  const titles = errorPlans(text, errors).map((plans) => plans.map((p) => p.title));
  return titles.some((list) => list.length > 0) ? titles : undefined;
}

/** Fix `fix` of error `error` of this text, as the designer offered it; undefined when the text has no such fix. */
export function chosenFix(text: string, error: number, fix: number): QuickFix | undefined {
  const loaded = loadModel(text);
  if (loaded.ok || error >= loaded.errors.length) return undefined;
  const plan = errorPlans(text, loaded.errors)[error]?.[fix];
  return plan && { title: plan.title, preferred: plan.preferred, text: plan.apply(text) };
}
